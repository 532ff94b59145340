"""Persisted background tasks: pending → running → completed | failed, with retry times."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.models import utcnow
from mcp_memory.stores.schema import tasks


class TaskStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def create(self, account_id: str, kind: str, payload: dict[str, Any], status: str = "pending") -> str:
        task_id = str(uuid.uuid4())
        now = utcnow()
        async with self.engine.begin() as conn:
            await conn.execute(
                insert(tasks).values(
                    id=task_id, account_id=account_id, kind=kind, status=status, payload=payload,
                    attempts=0, run_after=0.0, created_at=now, updated_at=now,
                )
            )
        return task_id

    async def set(self, task_id: str, **values: Any) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(update(tasks).where(tasks.c.id == task_id).values(**values, updated_at=utcnow()))

    async def finish(self, task_id: str, status: str, result: dict[str, Any] | None = None,
                     error: str | None = None) -> None:
        await self.set(task_id, status=status, result=result, error=error)

    async def get(self, account_id: str, task_id: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(select(tasks).where(and_(tasks.c.account_id == account_id, tasks.c.id == task_id)))
            ).first()
        return None if row is None else dict(row._mapping)

    async def due(self, now: float, limit: int = 8) -> list[dict[str, Any]]:
        """Pending tasks whose retry time has come, oldest first."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(tasks).where(and_(tasks.c.status == "pending", tasks.c.run_after <= now))
                .order_by(tasks.c.created_at).limit(limit)
            )
            return [dict(r._mapping) for r in rows]

    async def requeue_interrupted(self) -> int:
        """Tasks a stop left `running` go back to `pending`: accepted work is never dropped."""
        async with self.engine.begin() as conn:
            result = await conn.execute(update(tasks).where(tasks.c.status == "running").values(status="pending"))
            return result.rowcount or 0
