"""Persisted background tasks."""

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
                    attempts=0, created_at=now, updated_at=now,
                )
            )
        return task_id

    async def finish(self, task_id: str, status: str, result: dict[str, Any] | None = None,
                     error: str | None = None) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(tasks).where(tasks.c.id == task_id).values(
                    status=status, result=result, error=error, updated_at=utcnow()
                )
            )

    async def get(self, account_id: str, task_id: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(select(tasks).where(and_(tasks.c.account_id == account_id, tasks.c.id == task_id)))
            ).first()
        return None if row is None else dict(row._mapping)
