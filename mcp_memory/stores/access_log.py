"""OpenMemory's access log: which app read which memory, when, and how (search, get, list ...)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.stores.schema import access_logs, apps


@dataclass(frozen=True)
class AccessRow:
    id: str
    memory_id: str
    accessed_at: str
    app_id: str
    access_type: str
    metadata: dict[str, Any]
    app_name: str | None


class AccessLogStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Rows carry id, account_id, memory_id, app_id, access_type, metadata, accessed_at."""
        if rows:
            async with self.engine.begin() as conn:
                await conn.execute(insert(access_logs), list(rows))

    async def of_memory(self, account_id: str, memory_id: str, limit: int, offset: int) -> tuple[int, list[AccessRow]]:
        """One page of a memory's log, newest first, with each app's name."""
        where = and_(access_logs.c.account_id == account_id, access_logs.c.memory_id == memory_id)
        l = access_logs.c
        async with self.engine.connect() as conn:
            total = await conn.scalar(select(func.count()).select_from(access_logs).where(where))
            rows = await conn.execute(
                select(l.id, l.memory_id, l.accessed_at, l.app_id, l.access_type, l.metadata, apps.c.name)
                .select_from(access_logs.outerjoin(apps, apps.c.id == l.app_id))
                .where(where).order_by(l.seq.desc()).limit(limit).offset(offset))
            return int(total or 0), [AccessRow(*r) for r in rows]
