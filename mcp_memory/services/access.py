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

from mcp_memory.services.batcher import Batcher
from mcp_memory.stores.ledger import Ledger

logger = logging.getLogger(__name__)


class AccessRecorder(Batcher[dict[str, list[str]]]):
    def __init__(self, ledger: Ledger, after: Callable[[list[str]], Awaitable[object]] | None = None) -> None:
        super().__init__(lambda: defaultdict(list))
        self.ledger = ledger
        self.after = after  # e.g. re-tiering what was just used

    def record(self, account_id: str, memory_ids: list[str]) -> None:
        """Queue an access; returns at once."""
        self.pending[account_id].extend(memory_ids)
        self.wake()

    async def write(self, batch: dict[str, list[str]]) -> None:
        """One account at a time, so one account's failure does not lose the others' counts."""
        for account_id, ids in batch.items():
            try:
                await self.ledger.touch(account_id, ids)
                if self.after is not None:
                    await self.after(list(dict.fromkeys(ids)))
            except Exception:
                logger.exception("could not record %d accesses", len(ids))
