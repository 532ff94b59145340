"""Writes queued off the request path, a batch at a time.

Some reads owe a write (access counts, the access log). Doing it inline would
add a write transaction to every read, so the read queues what it owes and
returns; a background worker wakes on the first entry, waits a moment so the
reads of several requests share one write, and writes the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from typing import Generic, TypeVar

import anyio

B = TypeVar("B", bound=Sized)


class Batcher(Generic[B]):
    """Subclasses add to `self.pending`, call `self.wake()`, and write one batch in `write`."""

    def __init__(self, new_batch: Callable[[], B]) -> None:
        self._new_batch = new_batch
        self.pending: B = new_batch()
        self._wake = anyio.Event()
        self._stopping = False

    async def write(self, batch: B) -> None:
        """Write one batch; it logs its own failures, so one bad batch does not stop the worker."""
        raise NotImplementedError

    def wake(self) -> None:
        """Tell the worker there is something to write."""
        self._wake.set()

    async def flush(self) -> None:
        """Write everything queued so far (the worker does this on its own; tests and shutdown call it)."""
        while self.pending:
            batch, self.pending = self.pending, self._new_batch()
            await self.write(batch)

    def stop(self) -> None:
        """Let `run` finish its current batch and return (cancelling a database call midway is unsafe)."""
        self._stopping = True
        self._wake.set()

    async def run(self, batch_seconds: float = 0.2) -> None:
        while not self._stopping:
            await self._wake.wait()
            if not self._stopping:
                await anyio.sleep(batch_seconds)  # one write for the reads of several requests
            self._wake = anyio.Event()
            await self.flush()
