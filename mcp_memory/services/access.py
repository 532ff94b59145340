"""Access counting off the request path.

Every memory a search returns gets `access_count + 1` and a new
`last_accessed_at`; writing that inline would add a write transaction to
every read. The recorder queues the ids and a background worker applies them
in batches.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable

import anyio

from mcp_memory.stores.ledger import Ledger

logger = logging.getLogger(__name__)


class AccessRecorder:
    def __init__(self, ledger: Ledger, after: Callable[[list[str]], Awaitable[object]] | None = None) -> None:
        self.ledger = ledger
        self.after = after  # e.g. re-tiering what was just used
        self._pending: dict[str, list[str]] = defaultdict(list)
        self._wake = anyio.Event()
        self._stopping = False

    def record(self, account_id: str, memory_ids: list[str]) -> None:
        """Queue an access; returns at once."""
        self._pending[account_id].extend(memory_ids)
        self._wake.set()

    async def flush(self) -> None:
        """Apply everything queued so far (the worker does this on its own; tests and shutdown call it)."""
        while self._pending:
            batch, self._pending = self._pending, defaultdict(list)
            for account_id, ids in batch.items():
                try:
                    await self.ledger.touch(account_id, ids)
                    if self.after is not None:
                        await self.after(list(dict.fromkeys(ids)))
                except Exception:
                    logger.exception("could not record %d accesses", len(ids))

    def stop(self) -> None:
        """Let `run` finish its current batch and return (cancelling a database call midway is unsafe)."""
        self._stopping = True
        self._wake.set()

    async def run(self, batch_seconds: float = 0.2) -> None:
        while not self._stopping:
            await self._wake.wait()
            if not self._stopping:
                await anyio.sleep(batch_seconds)  # gather the accesses of several searches into one write
            self._wake = anyio.Event()
            await self.flush()
