"""Resolve the `Caller` of an HTTP request from its path and headers.

Called on every request (each MCP POST included), so identity never depends
on state left behind by the request that opened a session.
"""

from __future__ import annotations

import re

from starlette.requests import Request

from mcp_memory.caller import DEFAULT_ACCOUNT, DEFAULT_USER, Caller
from mcp_memory.errors import InvalidInput

_NAME = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")


def _checked(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not _NAME.match(value):
        raise InvalidInput(f"{what} must be 1-200 printable characters")
    return value


def caller_from_request(request: Request) -> Caller:
    """Path parameters (`client_name`, `user_id`) win over headers (`X-User-Id`, `X-Client-Name`, `X-Agent-Id`)."""
    params = request.path_params
    headers = request.headers
    user = _checked(params.get("user_id") or headers.get("x-user-id"), "user id") or DEFAULT_USER
    client = _checked(params.get("client_name") or headers.get("x-client-name"), "client name")
    agent = _checked(headers.get("x-agent-id"), "agent id")
    return Caller(account_id=DEFAULT_ACCOUNT, user_id=user, client_name=client, agent_id=agent)
