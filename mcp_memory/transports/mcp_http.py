"""MCP over HTTP: SSE at OpenMemory's path, and streamable HTTP.

Routes (client and user always travel in the path, so the request that
carries a tool call also carries who is calling):

- SSE: `GET /mcp/{client_name}/sse/{user_id}`; messages are posted to the
  same path + `/messages/`. Alias `GET /mcp/{client_name}/{user_id}/sse` for
  clients (the MCP Inspector) that only accept URLs ending in `/sse`.
- Streamable HTTP: `/mcp/{client_name}/http/{user_id}`, alias
  `/mcp/{client_name}/{user_id}/mcp`, and plain `/mcp` (identity from headers).

Each (client, user) pair gets its own SSE transport, so a session opened for
one user cannot be driven through another user's messages URL.
"""

from __future__ import annotations

import logging
from typing import Any

from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.sse import SseServerTransport
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp, StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from mcp_memory.caller import Caller
from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.runtime import Runtime
from mcp_memory.transports.body import error_response, retry_headers
from mcp_memory.transports.identity import resolve_caller
from mcp_memory.transports.mcp_server import CallerResolver

logger = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def security_settings(host: str) -> TransportSecuritySettings:
    """DNS-rebinding protection when bound to loopback; a public bind relies on keys instead."""
    if host in LOOPBACK:
        return TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost"],
            allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
        )
    return TransportSecuritySettings(enable_dns_rebinding_protection=False)


def http_caller(runtime: Runtime) -> CallerResolver:
    """A resolver for MCP requests that arrived over HTTP (SSE POST or streamable HTTP).

    The gate in front of every MCP route already counted the request against
    the key's rate limit, so this resolution does not count it again.
    """

    async def resolve(ctx: ServerRequestContext[Any, Any]) -> Caller:
        request = ctx.request
        if not isinstance(request, Request):
            raise InvalidInput("this MCP request carries no HTTP request to identify the caller")
        return await resolve_caller(request, runtime, count=False)

    return resolve


class SseEndpoints:
    """The GET (event stream) and POST (messages) halves of the SSE transport."""

    def __init__(self, server: Server[Any], security: TransportSecuritySettings) -> None:
        self.server = server
        self.security = security
        self.transports: dict[tuple[str, str], SseServerTransport] = {}

    def _transport(self, scope: Scope, create: bool) -> SseServerTransport | None:
        params = scope.get("path_params", {})
        key = (params.get("client_name", ""), params.get("user_id", ""))
        found = self.transports.get(key)
        if found is None and create:
            found = SseServerTransport("/messages/", security_settings=self.security)
            self.transports[key] = found
        return found

    async def stream(self, scope: Scope, receive: Receive, send: Send) -> None:
        transport = self._transport(scope, create=True)
        assert transport is not None
        # The messages URL the client is told to use is this stream's own path + /messages/.
        scoped = dict(scope, root_path=scope["path"].rstrip("/"))
        try:
            async with transport.connect_sse(scoped, receive, send) as (read, write):
                await self.server.run(read, write, self.server.create_initialization_options())
        except ValueError:
            logger.info("refused an SSE connection: %s", scope.get("path"))

    async def messages(self, scope: Scope, receive: Receive, send: Send) -> None:
        transport = self._transport(scope, create=False)
        if transport is None:
            await PlainTextResponse("Could not find session", status_code=404)(scope, receive, send)
            return
        await transport.handle_post_message(scope, receive, send)


class _Gate:
    """A raw ASGI endpoint that refuses a bad key or bad identity with 401/400 before MCP sees the request."""

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await resolve_caller(HTTPConnection(scope), self.runtime)
        except AppError as exc:
            await error_response(exc.status, exc.code, exc.message, retry_headers(exc))(scope, receive, send)
            return
        await self.app(scope, receive, send)


def mcp_routes(server: Server[Any], runtime: Runtime) -> tuple[list[Route], StreamableHTTPSessionManager]:
    """Routes for both HTTP transports, and the session manager the host app must run in its lifespan."""
    security = security_settings(runtime.settings.host)
    sse = SseEndpoints(server, security)
    manager = StreamableHTTPSessionManager(app=server, security_settings=security)
    streamable = StreamableHTTPASGIApp(manager)
    http_methods = ["GET", "POST", "DELETE"]

    def gate(app: ASGIApp) -> _Gate:
        return _Gate(app, runtime)

    routes = [
        Route("/mcp", gate(streamable), methods=http_methods),
        Route("/mcp/{client_name}/sse/{user_id}", gate(sse.stream), methods=["GET"]),
        Route("/mcp/{client_name}/sse/{user_id}/messages/", gate(sse.messages), methods=["POST"]),
        Route("/mcp/{client_name}/http/{user_id}", gate(streamable), methods=http_methods),
        Route("/mcp/{client_name}/{user_id}/sse", gate(sse.stream), methods=["GET"]),
        Route("/mcp/{client_name}/{user_id}/sse/messages/", gate(sse.messages), methods=["POST"]),
        Route("/mcp/{client_name}/{user_id}/mcp", gate(streamable), methods=http_methods),
    ]
    return routes, manager
