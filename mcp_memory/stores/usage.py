"""Per-account usage counters: how many memories each account created in each period.

A counter, not a count of rows: a memory deleted (even permanently) still
counts as created, so deleting cannot be used to get around a quota. The
check and the increment are one statement, so two concurrent creates can
never both take the last unit.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, and_, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

_metadata = MetaData()

memory_usage = Table(
    "memory_usage",
    _metadata,
    Column("account_id", String, primary_key=True),
    Column("period", String, primary_key=True),  # "2026-11": a calendar month, UTC
    Column("created", Integer, nullable=False),
)

_RESERVE = (
    "INSERT INTO memory_usage(account_id, period, created) VALUES (:account_id, :period, :n) "
    "ON CONFLICT(account_id, period) DO UPDATE SET created = memory_usage.created + excluded.created"
)
_UNDER_LIMIT = " WHERE memory_usage.created + excluded.created <= :limit"


class UsageStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._ready = False

    async def _ensure_table(self) -> None:
        if not self._ready:
            async with self.engine.begin() as conn:  # IF NOT EXISTS: two first calls may race here
                await conn.execute(text(
                    "CREATE TABLE IF NOT EXISTS memory_usage (account_id VARCHAR NOT NULL, period VARCHAR NOT NULL, "
                    "created INTEGER NOT NULL, PRIMARY KEY (account_id, period))"))
            self._ready = True

    async def reserve(self, account_id: str, period: str, n: int, limit: int | None) -> bool:
        """Add `n` to the period's counter unless that would pass `limit`; False (and nothing added) if it would."""
        await self._ensure_table()
        if limit is not None and n > limit:
            return False
        sql = _RESERVE + (_UNDER_LIMIT if limit is not None else "") + " RETURNING created"
        params = {"account_id": account_id, "period": period, "n": n, "limit": limit}
        async with self.engine.begin() as conn:
            return (await conn.execute(text(sql), params)).first() is not None

    async def release(self, account_id: str, period: str, n: int) -> None:
        """Give back units reserved for creates that then failed."""
        await self._ensure_table()
        async with self.engine.begin() as conn:
            await conn.execute(
                memory_usage.update()
                .where(and_(memory_usage.c.account_id == account_id, memory_usage.c.period == period))
                .values(created=memory_usage.c.created - n)
            )

    async def used(self, account_id: str, period: str) -> int:
        await self._ensure_table()
        async with self.engine.connect() as conn:
            found = await conn.scalar(
                select(memory_usage.c.created).where(
                    and_(memory_usage.c.account_id == account_id, memory_usage.c.period == period)
                )
            )
        return int(found or 0)
