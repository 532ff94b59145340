"""Who is asking: resolved by each transport, passed to every operation."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ACCOUNT = "local"
DEFAULT_USER = "default"


@dataclass(frozen=True)
class Caller:
    """The identity one call runs as.

    `account_id` is the tenant (isolation boundary), `user_id` the person whose
    memories these are; `client_name` is the app or MCP client (OpenMemory's
    `client_name`), `agent_id` the agent inside it (omem's `X-Agent-Id`).
    """

    account_id: str = DEFAULT_ACCOUNT
    user_id: str = DEFAULT_USER
    client_name: str | None = None
    agent_id: str | None = None
    auth: str = "local"

    @property
    def app_name(self) -> str:
        return self.client_name or self.agent_id or "default"
