"""Dialect routes: documented REST routes declared as data and bound to registry operations.

A dialect (omem, OpenMemory, Memokit) is a table of `Binding`s plus an error
renderer. A binding says how a request becomes the operation's arguments and
how the result becomes the documented response; it holds no behaviour.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcp_memory.caller import DEFAULT_ACCOUNT, Caller
from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.registry import Ctx, invoke
from mcp_memory.runtime import Runtime
from mcp_memory.transports.body import read_json_body
from mcp_memory.transports.identity import resolve_caller

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Parts:
    """The pieces of a request an argument mapping may read."""

    path: dict[str, str]
    query: dict[str, str]
    body: Any
    headers: Headers


def merged_arguments(parts: Parts) -> dict[str, Any]:
    """The default mapping: query string, then JSON body, then path parameters, merged into one object."""
    if parts.body is not None and not isinstance(parts.body, dict):
        raise InvalidInput("request body must be a JSON object")
    return {**parts.query, **(parts.body or {}), **parts.path}


def dump(result: BaseModel) -> Any:
    return result.model_dump(mode="json")


@dataclass(frozen=True)
class Binding:
    method: str
    path: str
    operation: str
    status: int = 200
    arguments: Callable[[Parts], dict[str, Any]] = merged_arguments
    view: Callable[[Any], Any] = dump
    status_of: Callable[[Any], int] | None = None
    public: bool = False


@dataclass(frozen=True)
class Dialect:
    name: str
    bindings: list[Binding]
    render_error: Callable[[AppError], Response]


def dialect_routes(runtime: Runtime, dialect: Dialect) -> list[Route]:
    """Starlette routes for every binding of the dialect, in table order (specific paths first)."""
    routes = []
    for binding in dialect.bindings:
        op = runtime.registry.operations[binding.operation]
        routes.append(Route(binding.path, _endpoint(runtime, dialect, binding, op), methods=[binding.method]))
    return routes


def _endpoint(runtime: Runtime, dialect: Dialect, binding: Binding, op: Any) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        try:
            if binding.public:
                caller = Caller(account_id=DEFAULT_ACCOUNT, auth="public")
            else:
                caller = await resolve_caller(request, runtime)
            body = None
            if request.method in ("POST", "PUT", "PATCH", "DELETE"):
                body = await read_json_body(request, runtime.settings.max_body_bytes)
            parts = Parts(dict(request.path_params), dict(request.query_params), body, request.headers)
            result = await invoke(op, Ctx(caller=caller, runtime=runtime), binding.arguments(parts))
        except AppError as exc:
            return dialect.render_error(exc)
        except Exception:
            logger.exception("%s %s failed", request.method, request.url.path)
            return dialect.render_error(AppError("internal error; the server log has the details"))
        status = binding.status_of(result) if binding.status_of else binding.status
        return JSONResponse(binding.view(result), status_code=status)

    return endpoint
