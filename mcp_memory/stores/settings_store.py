"""Server-wide settings changed at run time, one JSON document per key in the ledger."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.models import utcnow
from mcp_memory.stores.schema import server_config


class SettingsStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def get(self, key: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            return await conn.scalar(select(server_config.c.value).where(server_config.c.key == key))

    async def put(self, key: str, value: dict[str, Any]) -> None:
        """Replace the document (delete and insert in one transaction: works on any database)."""
        async with self.engine.begin() as conn:
            await conn.execute(delete(server_config).where(server_config.c.key == key))
            await conn.execute(insert(server_config).values(key=key, value=value, updated_at=utcnow()))

    async def delete(self, key: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(server_config).where(server_config.c.key == key))
