"""Accounts (tenants), their API keys and spaces, in the ledger."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.models import utcnow
from mcp_memory.stores.schema import accounts, api_keys, spaces


@dataclass(frozen=True)
class KeyOwner:
    account_id: str
    key_id: str
    status: str


class AccountStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def create(self, name: str, key_hash: str, key_prefix: str, personal_space: str) -> str:
        """A new account with its first key and its personal space, in one transaction."""
        account_id = str(uuid.uuid4())
        now = utcnow()
        async with self.engine.begin() as conn:
            await conn.execute(insert(accounts).values(id=account_id, name=name, status="active", created_at=now))
            await conn.execute(
                insert(api_keys).values(
                    id=str(uuid.uuid4()), account_id=account_id, key_hash=key_hash, prefix=key_prefix, created_at=now
                )
            )
            await conn.execute(
                insert(spaces).values(
                    id=personal_space.format(account_id=account_id), account_id=account_id, space_type="personal",
                    name=name, owner_id=account_id, created_at=now, updated_at=now,
                )
            )
        return account_id

    async def key_owner(self, key_hash: str) -> KeyOwner | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(api_keys.c.id, api_keys.c.account_id, api_keys.c.key_hash, accounts.c.status)
                    .join(accounts, accounts.c.id == api_keys.c.account_id)
                    .where(and_(api_keys.c.key_hash == key_hash, api_keys.c.revoked_at.is_(None)))
                )
            ).first()
        if row is None:
            return None
        return KeyOwner(account_id=row.account_id, key_id=row.id, status=row.status)

    async def set_status(self, account_id: str, status: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(update(accounts).where(accounts.c.id == account_id).values(status=status))
