"""Resolve the `Caller` of an HTTP request from its key, path and headers.

Called on every request (each MCP POST included), so identity never depends
on state left behind by the request that opened a session.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING

from starlette.requests import HTTPConnection

from mcp_memory.caller import DEFAULT_ACCOUNT, Caller, is_name
from mcp_memory.config import resolve_secret
from mcp_memory.errors import InvalidInput, Unauthorized

if TYPE_CHECKING:
    from mcp_memory.runtime import Runtime

def _checked(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not is_name(value):
        raise InvalidInput(f"{what} must be 1-200 printable characters")
    return value


def api_key_of(conn: HTTPConnection) -> str | None:
    """`X-API-Key`, or the token of `Authorization: Bearer <key>`."""
    key = conn.headers.get("x-api-key")
    if not key:
        scheme, _, token = conn.headers.get("authorization", "").partition(" ")
        key = token.strip() if scheme.lower() == "bearer" else None
    return key or None


def _is_admin_key(key: str, configured: str | None) -> bool:
    """A constant-time comparison of digests, so neither the key nor its length leaks through timing."""
    admin = resolve_secret(configured)
    if not admin:
        return False
    return hmac.compare_digest(hashlib.sha256(key.encode()).digest(), hashlib.sha256(admin.encode()).digest())


async def resolve_caller(conn: HTTPConnection, runtime: Runtime, *, count: bool = True) -> Caller:
    """Authenticate (a key, or local mode), apply the key's rate limit, then read who acts for whom.

    Path parameters (`client_name`, `user_id`) win over headers (`X-User-Id`,
    `X-Client-Name`); `X-Agent-Id` names the agent. Without a user the caller
    acts for the whole account.
    """
    key = api_key_of(conn)
    if key is not None and _is_admin_key(key, runtime.settings.admin_key):
        if count:
            runtime.rate_limiter.check("admin")
        account, auth = DEFAULT_ACCOUNT, "admin"
    elif key is not None:
        owner = await runtime.accounts.authenticate(key)
        if count:
            runtime.rate_limiter.check(owner.key_id)
        account, auth = owner.account_id, "api_key"
    elif runtime.settings.requires_keys:
        raise Unauthorized("unauthorized: an API key is required (X-API-Key or Authorization: Bearer)")
    else:
        account, auth = DEFAULT_ACCOUNT, "local"
    params = conn.path_params
    headers = conn.headers
    return Caller(
        account_id=account,
        user_id=_checked(params.get("user_id") or headers.get("x-user-id"), "user id"),
        client_name=_checked(params.get("client_name") or headers.get("x-client-name"), "client name"),
        agent_id=_checked(headers.get("x-agent-id"), "agent id"),
        auth=auth,
    )
