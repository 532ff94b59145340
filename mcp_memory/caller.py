"""Who is asking: resolved by each transport, passed to every operation."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mcp_memory.errors import InvalidUserId

DEFAULT_ACCOUNT = "local"
DEFAULT_USER = "default"


_NAME = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")


def is_name(value: str) -> bool:
    """Whether `value` can name a user, client or agent: 1-200 characters, no control characters."""
    return bool(value.strip()) and _NAME.match(value) is not None


@dataclass(frozen=True)
class Caller:
    """The identity one call runs as.

    `account_id` is the tenant (isolation boundary), `user_id` the person whose
    memories these are, or None for an account-level caller (an omem API key
    with no `X-User-Id`), who sees every user of the account; `client_name` is the app or MCP client (OpenMemory's
    `client_name`), `agent_id` the agent inside it (omem's `X-Agent-Id`).
    """

    account_id: str = DEFAULT_ACCOUNT
    user_id: str | None = None
    client_name: str | None = None
    agent_id: str | None = None
    auth: str = "local"

    @property
    def owner(self) -> str:
        """The user new memories are stored under."""
        return self.user_id or DEFAULT_USER

    def can_see(self, user_id: str) -> bool:
        return self.user_id is None or self.user_id == user_id

    def acting_for(self, user_id: str | None) -> Caller:
        """This caller narrowed to `user_id` (OpenMemory's `user_id`, Memokit's `userId`) inside its account.

        A caller already bound to a user (a path or `X-User-Id`) cannot name another one.
        """
        if user_id is None or user_id == self.user_id:
            return self
        if not is_name(user_id):
            raise InvalidUserId("user id must be 1-200 printable characters")
        if self.user_id is not None:
            raise InvalidUserId(f"user id {user_id!r} is not the user this request acts for")
        return replace(self, user_id=user_id)

    @property
    def app_name(self) -> str:
        return self.client_name or self.agent_id or "default"
