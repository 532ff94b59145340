"""Tenants and API keys: creation, authentication, and a per-key rate limit.

Keys are random secrets (not the tenant id, which appears in every memory),
stored only as SHA-256 digests and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from mcp_memory.errors import InvalidInput, RateLimited, Unauthorized
from mcp_memory.stores.accounts import AccountStore, KeyOwner

KEY_PREFIX = "mm_"
_CACHE_SECONDS = 30.0


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewTenant:
    id: str
    api_key: str
    status: str


class Accounts:
    def __init__(self, store: AccountStore) -> None:
        self.store = store
        self._cache: dict[str, tuple[KeyOwner, float]] = {}

    async def create_tenant(self, name: str) -> NewTenant:
        name = name.strip()
        if not name:
            raise InvalidInput("name cannot be empty")
        if len(name) > 200:
            raise InvalidInput("name is longer than 200 characters")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        account_id = await self.store.create(name, hash_key(key), key[: len(KEY_PREFIX) + 4],
                                             personal_space="personal/{account_id}")
        return NewTenant(id=account_id, api_key=key, status="active")

    async def authenticate(self, key: str) -> KeyOwner:
        """The active account owning `key`; Unauthorized otherwise, with the same message for every failure."""
        digest = hash_key(key)
        cached = self._cache.get(digest)
        owner = cached[0] if cached and cached[1] > time.monotonic() else None
        if owner is None:
            owner = await self.store.key_owner(digest)
            if owner is not None:
                self._cache[digest] = (owner, time.monotonic() + _CACHE_SECONDS)
        # The lookup is by digest; compare again in constant time so no early exit depends on the key.
        if owner is None or not hmac.compare_digest(digest, hash_key(key)) or owner.status != "active":
            raise Unauthorized("unauthorized: invalid API key or inactive tenant")
        return owner

    async def set_status(self, account_id: str, status: str) -> None:
        await self.store.set_status(account_id, status)
        self._cache = {d: entry for d, entry in self._cache.items() if entry[0].account_id != account_id}


class RateLimiter:
    """A token bucket per key: `per_minute` requests, refilled continuously; 0 turns it off."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}

    def check(self, key_id: str) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic()
        rate = self.per_minute / 60.0
        tokens, stamp = self._buckets.get(key_id, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - stamp) * rate)
        if tokens < 1.0:
            self._buckets[key_id] = (tokens, now)
            wait = max(1, int((1.0 - tokens) / rate + 0.999))
            raise RateLimited(f"rate limit of {self.per_minute} requests per minute exceeded", retry_after=wait)
        self._buckets[key_id] = (tokens - 1.0, now)
