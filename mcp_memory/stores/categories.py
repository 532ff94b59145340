"""OpenMemory's categories: per-user named rows and the memory-to-category links."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.models import utcnow
from mcp_memory.stores.schema import categories, memories, memory_categories


@dataclass(frozen=True)
class CategoryRow:
    id: str
    name: str
    description: str | None
    created_at: str
    updated_at: str


_COLUMNS = [categories.c[f] for f in CategoryRow.__dataclass_fields__]


class CategoryStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def assign(self, account_id: str, user_id: str, memory_id: str, names: Sequence[str]) -> None:
        """Make `names` the memory's categories, creating the user's category rows on first use."""
        now = utcnow()
        async with self.engine.begin() as conn:
            ids = []
            for name in dict.fromkeys(names):
                # OR IGNORE: a concurrent first use of the same name by another request is not an error.
                await conn.execute(insert(categories).prefix_with("OR IGNORE").values(
                    id=str(uuid.uuid4()), account_id=account_id, user_id=user_id, name=name,
                    description=f"Automatically created category for {name}", created_at=now, updated_at=now))
                found = await conn.scalar(select(categories.c.id).where(and_(
                    categories.c.account_id == account_id, categories.c.user_id == user_id,
                    categories.c.name == name)))
                await conn.execute(update(categories).where(categories.c.id == found).values(updated_at=now))
                ids.append(found)
            await conn.execute(delete(memory_categories).where(memory_categories.c.memory_id == memory_id))
            if ids:
                await conn.execute(insert(memory_categories), [{"memory_id": memory_id, "category_id": i} for i in ids])

    async def names_of(self, memory_ids: Sequence[str]) -> dict[str, list[str]]:
        """Category names per memory id (ids are UUIDs, unique across accounts)."""
        out: dict[str, list[str]] = {m: [] for m in memory_ids}
        if not memory_ids:
            return out
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(memory_categories.c.memory_id, categories.c.name)
                .select_from(memory_categories.join(categories, categories.c.id == memory_categories.c.category_id))
                .where(memory_categories.c.memory_id.in_(list(memory_ids))).order_by(categories.c.name))
            for r in rows:
                out[r.memory_id].append(r.name)
        return out

    async def of_user(self, account_id: str, user_id: str, states: Sequence[str]) -> list[CategoryRow]:
        """The user's categories that at least one memory in `states` carries."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(*_COLUMNS).distinct()
                .select_from(categories.join(memory_categories, memory_categories.c.category_id == categories.c.id)
                             .join(memories, memories.c.id == memory_categories.c.memory_id))
                .where(and_(categories.c.account_id == account_id, categories.c.user_id == user_id,
                            memories.c.account_id == account_id, memories.c.state.in_(list(states))))
                .order_by(categories.c.name))
            return [CategoryRow(*r) for r in rows]

    async def memories_in(self, account_id: str, category_ids: Sequence[str]) -> list[str]:
        """Ids of the memories carrying any of the account's categories `category_ids`."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(memory_categories.c.memory_id).distinct()
                .select_from(memory_categories.join(categories, categories.c.id == memory_categories.c.category_id))
                .where(and_(categories.c.account_id == account_id, categories.c.id.in_(list(category_ids)))))
            return [r.memory_id for r in rows]

    async def sharing(self, account_id: str, user_id: str, memory_id: str, states: Sequence[str]) -> list[tuple[str, int]]:
        """Other memories of the user sharing categories with `memory_id`: (id, how many shared)."""
        mine = select(memory_categories.c.category_id).where(memory_categories.c.memory_id == memory_id)
        shared = func.count().label("shared")
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(memories.c.id, shared)
                .select_from(memory_categories.join(memories, memories.c.id == memory_categories.c.memory_id))
                .where(and_(memory_categories.c.category_id.in_(mine), memories.c.id != memory_id,
                            memories.c.account_id == account_id, memories.c.user_id == user_id,
                            memories.c.state.in_(list(states))))
                .group_by(memories.c.id))
            return [(r.id, int(r.shared)) for r in rows]
