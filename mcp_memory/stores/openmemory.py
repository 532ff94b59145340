"""The query behind OpenMemory's memory list (`POST /api/v1/memories/filter`), and forgetting erased memories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.stores.schema import access_logs, categories, memories, memory_categories

SORT_COLUMNS = {"memory": memories.c.content, "app_name": memories.c.app_name, "created_at": memories.c.created_at,
                "updated_at": memories.c.updated_at}


@dataclass
class MemoryQuery:
    account_id: str
    user_id: str
    states: Sequence[str]
    search: str | None = None
    app_names: Sequence[str] | None = None
    category_ids: Sequence[str] | None = None
    created_from: str | None = None
    created_to: str | None = None
    sort_column: str | None = None
    sort_direction: str = "desc"

    def clauses(self) -> list[Any]:
        m = memories.c
        out: list[Any] = [m.account_id == self.account_id, m.user_id == self.user_id, m.state.in_(list(self.states))]
        if self.search:
            escaped = self.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            out.append(m.content.ilike(f"%{escaped}%", escape="\\"))
        if self.app_names is not None:
            out.append(m.app_name.in_(list(self.app_names)))
        if self.category_ids:
            out.append(m.id.in_(
                select(memory_categories.c.memory_id)
                .join(categories, categories.c.id == memory_categories.c.category_id)
                .where(and_(categories.c.account_id == self.account_id,
                            categories.c.id.in_(list(self.category_ids))))))
        if self.created_from is not None:
            out.append(m.created_at >= self.created_from)
        if self.created_to is not None:
            out.append(m.created_at <= self.created_to)
        return out


async def find_memory_ids(engine: AsyncEngine, query: MemoryQuery, limit: int, offset: int) -> tuple[int, list[str]]:
    """(total matching, ids of one page) in the requested order; newest first by default."""
    column = SORT_COLUMNS.get(query.sort_column or "created_at", memories.c.created_at)
    ascending = query.sort_direction == "asc"
    ordering = [column.asc() if ascending else column.desc(), memories.c.seq.asc() if ascending else memories.c.seq.desc()]
    where = and_(*query.clauses())
    async with engine.connect() as conn:
        total = await conn.scalar(select(func.count()).select_from(memories).where(where))
        rows = await conn.execute(select(memories.c.id).where(where).order_by(*ordering).limit(limit).offset(offset))
        return int(total or 0), [r.id for r in rows]


async def forget_memories(engine: AsyncEngine, account_id: str, memory_ids: Sequence[str]) -> None:
    """Drop the access-log entries and category links of memories erased for good."""
    if not memory_ids:
        return
    ids = list(memory_ids)
    async with engine.begin() as conn:
        await conn.execute(delete(access_logs).where(
            and_(access_logs.c.account_id == account_id, access_logs.c.memory_id.in_(ids))))
        await conn.execute(delete(memory_categories).where(and_(
            memory_categories.c.memory_id.in_(ids),
            memory_categories.c.category_id.in_(select(categories.c.id).where(categories.c.account_id == account_id)))))
