"""OpenMemory apps: created on first use per user, and paused or resumed as a whole.

A paused app's MCP calls and REST creates are refused. Whether an app is
active is asked on every MCP call, so the answer is cached in memory (one
process owns a data directory) and updated when an app is paused or resumed.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcp_memory.caller import Caller
from mcp_memory.errors import AppError, NotFound
from mcp_memory.stores.apps import AppRow, AppStore
from mcp_memory.stores.ledger import Ledger


@dataclass(frozen=True)
class AppRef:
    id: str


class AppPaused(AppError):
    """The calling app was paused (`PUT /api/v1/apps/{id}?is_active=false`)."""

    status = 403
    code = "app_paused"


def paused_message(app_name: str, action: str) -> str:
    """OpenMemory's wording, naming the app."""
    return f"App {app_name} is currently paused on OpenMemory. Cannot {action}."


class Apps:
    def __init__(self, ledger: Ledger, store: AppStore) -> None:
        self.ledger = ledger
        self.store = store
        self._active: dict[tuple[str, str, str], bool] = {}
        self._ids: dict[tuple[str, str, str], AppRef] = {}

    async def ensure(self, account_id: str, user_id: str, name: str) -> AppRef:
        """The user's app of this name, creating the user and the app on first use (apps are never removed,
        so the id is remembered: the access-log worker asks for it on every batch)."""
        key = (account_id, user_id, name)
        if key in self._ids:
            return self._ids[key]
        found = await self.store.find(*key)
        if found is None:
            await self.ledger.ensure_user_and_app(*key)
            found = await self.store.find(*key)
            assert found is not None
        self._ids[key] = AppRef(found.id)
        return self._ids[key]

    async def user_uuid(self, account_id: str, user_id: str) -> str:
        """The internal user id, creating the user on first use (as OpenMemory does)."""
        return await self.store.ensure_user(account_id, user_id)

    async def is_active(self, caller: Caller) -> bool:
        key = (caller.account_id, caller.owner, caller.app_name)
        if key not in self._active:
            found = await self.store.find(*key)
            self._active[key] = True if found is None else found.is_active  # a new app starts active
        return self._active[key]

    async def require_active(self, caller: Caller, action: str) -> None:
        """Refuse the call when the caller's app is paused."""
        if not await self.is_active(caller):
            raise AppPaused(paused_message(caller.app_name, action))

    async def get(self, account_id: str, app_id: str) -> AppRow:
        found = await self.store.get(account_id, app_id)
        if found is None:
            raise NotFound("App not found")
        return found

    async def set_active(self, account_id: str, app_id: str, active: bool) -> AppRow:
        app = await self.get(account_id, app_id)
        await self.store.set_active(account_id, app_id, active)
        self._active[(app.account_id, app.user_id, app.name)] = active
        return app
