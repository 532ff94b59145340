"""The HTTP application: REST shim and MCP over SSE and streamable HTTP, on one live runtime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from mcp_memory.dialects.memokit import MEMOKIT
from mcp_memory.dialects.omem import OMEM
from mcp_memory.dialects.openmemory import OPENMEMORY
from mcp_memory.runtime import Runtime
from mcp_memory.transports.dialect import dialect_routes
from mcp_memory.transports.mcp_http import http_caller, mcp_routes
from mcp_memory.transports.mcp_server import build_mcp_server
from mcp_memory.transports.body import error_response
from mcp_memory.transports.rest import rest_routes

_CODES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, f"{exc.detail}: {request.method} {request.url.path}")


def build_app(runtime: Runtime) -> Starlette:
    """The Starlette app. Its lifespan runs the streamable-HTTP session manager (a mounted app's would not run)."""
    server = build_mcp_server(runtime, http_caller(runtime))
    routes, session_manager = mcp_routes(server, runtime)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with session_manager.run():
            yield

    app = Starlette(
        routes=[*rest_routes(runtime), *dialect_routes(runtime, OMEM),
                *dialect_routes(runtime, OPENMEMORY), *dialect_routes(runtime, MEMOKIT), *routes],
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error},
    )
    app.state.runtime = runtime
    return app
