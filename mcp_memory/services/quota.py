"""The monthly memory quota: how many memories an account may create per calendar month (UTC).

Enforced by `Memories.add`, the one place every create path (omem, MCP,
Memokit, OpenMemory, smart ingest) goes through. Off unless configured.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone

from mcp_memory.errors import QuotaExceeded
from mcp_memory.stores.usage import UsageStore


def month_of(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y-%m")


def seconds_to_next_month(now: datetime) -> int:
    now = now.astimezone(timezone.utc)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return max(1, int((datetime(year, month, 1, tzinfo=timezone.utc) - now).total_seconds()))


class MonthlyQuota:
    """Counts creations per account and month; refuses a create that would pass the account's limit."""

    def __init__(
        self, store: UsageStore, limit: int | None = None, overrides: Mapping[str, int] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self.store = store
        self.limit = limit
        self.overrides = dict(overrides or {})
        self.clock = clock

    def limit_for(self, account_id: str) -> int | None:
        return self.overrides.get(account_id, self.limit)

    async def reserve(self, account_id: str, n: int) -> str:
        """Count `n` new memories against this month; returns the period to `release` if the create fails.

        Counted even with no quota set, so turning one on mid-month sees the month's real usage.
        """
        now = self.clock()
        period = month_of(now)
        limit = self.limit_for(account_id)
        if not await self.store.reserve(account_id, period, n, limit):
            used = await self.store.used(account_id, period)
            raise QuotaExceeded(
                f"monthly memory quota exceeded: {used} of {limit} memories created in {period} (UTC); "
                f"this request would add {n}",
                retry_after=seconds_to_next_month(now),
            )
        return period

    async def release(self, account_id: str, period: str, n: int) -> None:
        await self.store.release(account_id, period, n)

    async def used(self, account_id: str) -> int:
        return await self.store.used(account_id, month_of(self.clock()))
