"""Moving memories between tiers: after they are used, and on a schedule as they fade."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from mcp_memory.services.decay import DecayModel
from mcp_memory.stores.ledger import Ledger


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Tiers:
    def __init__(self, ledger: Ledger, model: DecayModel, clock: Callable[[], datetime] = utc_now) -> None:
        self.ledger = ledger
        self.model = model
        self.clock = clock

    async def refresh(self, ids: Sequence[str] | None = None) -> dict[str, int]:
        """Re-tier the given memories (all active ones when None); returns how many moved to each tier."""
        now = self.clock()
        moved: dict[str, int] = {}
        async for batch in self.ledger.tier_rows(ids):
            changes = {}
            for row in batch:
                tier = self.model.next_tier(row, now)
                if tier != row.tier:
                    changes[row.id] = tier
                    moved[tier] = moved.get(tier, 0) + 1
            await self.ledger.set_tiers(changes)
        return moved
