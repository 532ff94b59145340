"""OpenMemory's users and apps: rows, per-app counts, and the memories an app wrote or read.

Apps are per user (OpenMemory's `App.owner_id`), identified by a UUID and
named after the MCP client or the REST `app` field. A memory belongs to the
app whose name it carries (`memories.app_name`) within its user.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, desc, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.models import utcnow
from mcp_memory.stores.schema import access_logs, apps, memories, users


@dataclass(frozen=True)
class AppRow:
    id: str
    account_id: str
    user_id: str
    name: str
    is_active: bool
    created_at: str


@dataclass(frozen=True)
class AppCounts:
    app: AppRow
    memories_created: int
    memories_accessed: int


_APP_COLUMNS = [apps.c[f] for f in AppRow.__dataclass_fields__]


class AppStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def user_uuid(self, account_id: str, user_id: str) -> str | None:
        """The internal id OpenMemory shows as `user_id` / `owner_id`."""
        async with self.engine.connect() as conn:
            return await conn.scalar(
                select(users.c.id).where(and_(users.c.account_id == account_id, users.c.user_id == user_id)))

    async def ensure_user(self, account_id: str, user_id: str) -> str:
        """The internal id of the user, creating the user on first use."""
        found = await self.user_uuid(account_id, user_id)
        if found is None:
            async with self.engine.begin() as conn:
                await conn.execute(insert(users).prefix_with("OR IGNORE").values(
                    id=str(uuid.uuid4()), account_id=account_id, user_id=user_id, created_at=utcnow()))
            found = await self.user_uuid(account_id, user_id)
        assert found is not None
        return found

    async def find(self, account_id: str, user_id: str, name: str) -> AppRow | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(*_APP_COLUMNS).where(and_(
                apps.c.account_id == account_id, apps.c.user_id == user_id, apps.c.name == name)))).first()
        return None if row is None else AppRow(*row)

    async def get(self, account_id: str, app_id: str) -> AppRow | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(*_APP_COLUMNS).where(
                and_(apps.c.account_id == account_id, apps.c.id == app_id)))).first()
        return None if row is None else AppRow(*row)

    async def by_names(self, account_id: str, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], AppRow]:
        """Apps by (user, name), for labelling many memories at once."""
        if not keys:
            return {}
        user_ids = sorted({u for u, _ in keys})
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(*_APP_COLUMNS).where(
                and_(apps.c.account_id == account_id, apps.c.user_id.in_(user_ids))))
            found = [AppRow(*r) for r in rows]
        wanted = set(keys)
        return {(a.user_id, a.name): a for a in found if (a.user_id, a.name) in wanted}

    async def set_active(self, account_id: str, app_id: str, active: bool) -> bool:
        async with self.engine.begin() as conn:
            result = await conn.execute(update(apps).where(
                and_(apps.c.account_id == account_id, apps.c.id == app_id)).values(is_active=active))
            return result.rowcount > 0

    async def list(
        self, account_id: str, *, user_id: str | None = None, name: str | None = None,
        is_active: bool | None = None, sort_by: str = "name", direction: str = "asc",
        limit: int = 10, offset: int = 0, live_states: Sequence[str] = (),
    ) -> tuple[int, list[AppCounts]]:
        """Apps with how many memories each wrote (live states) and how many distinct memories each read."""
        created = (
            select(memories.c.user_id, memories.c.app_name, func.count().label("n"))
            .where(and_(memories.c.account_id == account_id, memories.c.state.in_(list(live_states))))
            .group_by(memories.c.user_id, memories.c.app_name).subquery()
        )
        accessed = (
            select(access_logs.c.app_id, func.count(func.distinct(access_logs.c.memory_id)).label("n"))
            .where(access_logs.c.account_id == account_id).group_by(access_logs.c.app_id).subquery()
        )
        n_created = func.coalesce(created.c.n, 0)
        n_accessed = func.coalesce(accessed.c.n, 0)
        clauses: list[Any] = [apps.c.account_id == account_id]
        if user_id is not None:
            clauses.append(apps.c.user_id == user_id)
        if name:
            clauses.append(apps.c.name.ilike(f"%{name}%"))
        if is_active is not None:
            clauses.append(apps.c.is_active == is_active)
        sort_field = {"memories": n_created, "memories_accessed": n_accessed}.get(sort_by, apps.c.name)
        ordering = desc(sort_field) if direction == "desc" else sort_field
        query = (
            select(*_APP_COLUMNS, n_created, n_accessed)
            .select_from(apps.outerjoin(created, and_(created.c.user_id == apps.c.user_id,
                                                      created.c.app_name == apps.c.name))
                         .outerjoin(accessed, accessed.c.app_id == apps.c.id))
            .where(and_(*clauses))
        )
        async with self.engine.connect() as conn:
            total = await conn.scalar(select(func.count()).select_from(apps).where(and_(*clauses)))
            rows = await conn.execute(query.order_by(ordering, apps.c.created_at).limit(limit).offset(offset))
            items = [AppCounts(AppRow(*r[:6]), int(r[6]), int(r[7])) for r in rows]
        return int(total or 0), items

    async def created_count(self, app: AppRow) -> int:
        """Every memory the app wrote, in any state (OpenMemory's app detail counts them all)."""
        async with self.engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(memories).where(and_(
                memories.c.account_id == app.account_id, memories.c.user_id == app.user_id,
                memories.c.app_name == app.name))) or 0)

    async def access_summary(self, app: AppRow) -> tuple[int, str | None, str | None]:
        """(accesses logged, first, last) for one app."""
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(
                func.count(), func.min(access_logs.c.accessed_at), func.max(access_logs.c.accessed_at),
            ).where(and_(access_logs.c.account_id == app.account_id, access_logs.c.app_id == app.id)))).first()
        assert row is not None
        return int(row[0] or 0), row[1], row[2]

    async def accessed(self, app: AppRow, limit: int, offset: int) -> tuple[int, list[tuple[str, int]]]:
        """The memories an app read, most-read first: (total, [(memory id, times)])."""
        where = and_(access_logs.c.account_id == app.account_id, access_logs.c.app_id == app.id)
        times = func.count().label("times")
        async with self.engine.connect() as conn:
            total = await conn.scalar(
                select(func.count(func.distinct(access_logs.c.memory_id))).where(where))
            rows = await conn.execute(
                select(access_logs.c.memory_id, times, func.max(access_logs.c.seq).label("latest"))
                .where(where).group_by(access_logs.c.memory_id)
                .order_by(desc("times"), desc("latest")).limit(limit).offset(offset))
            return int(total or 0), [(r.memory_id, int(r.times)) for r in rows]

    async def of_user(self, account_id: str, user_id: str) -> list[AppRow]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(*_APP_COLUMNS).where(
                and_(apps.c.account_id == account_id, apps.c.user_id == user_id)).order_by(apps.c.created_at))
            return [AppRow(*r) for r in rows]
