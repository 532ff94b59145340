"""The generic REST shim: every registered operation at `POST /tools/{name}`.

The JSON body is the operation's input model; identity comes from headers
(`X-User-Id`, `X-Agent-Id`, `X-Client-Name`). Errors use one shape,
`{"error": {"code", "message"}}`: 422 for input that does not fit the model,
404 for ids the caller cannot see, 500 with no internals for anything else.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from mcp_memory import __version__
from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.transports.body import error_response, read_json_body, retry_headers
from mcp_memory.registry import Ctx, invoke
from mcp_memory.runtime import Runtime
from mcp_memory.transports.docs import docs_page
from mcp_memory.transports.identity import resolve_caller
from mcp_memory.transports.mcp_server import tool_definition
from mcp_memory.transports.openapi import openapi_document

logger = logging.getLogger(__name__)


def rest_routes(runtime: Runtime) -> list[Route]:
    registry = runtime.registry
    settings = runtime.settings

    async def list_tools(request: Request) -> Response:
        return JSONResponse(
            {
                "tools": [
                    {**tool_definition(op).model_dump(mode="json", by_alias=True, exclude_none=True), "mcp": op.mcp}
                    for op in registry.operations.values()
                ]
            }
        )

    async def call_tool(request: Request) -> Response:
        name = request.path_params["name"]
        op = registry.get(name)
        if op is None:
            return error_response(404, "not_found", f"not found: tool {name}")
        try:
            body = await read_json_body(request, settings.max_body_bytes)
            if body is not None and not isinstance(body, dict):
                raise InvalidInput("request body must be a JSON object of the tool's arguments")
            caller = await resolve_caller(request, runtime)
            result = await invoke(op, Ctx(caller=caller, runtime=runtime), body)
        except InvalidInput as exc:
            return error_response(422, exc.code, exc.message)
        except AppError as exc:
            return error_response(exc.status, exc.code, exc.message, retry_headers(exc))
        except Exception:
            logger.exception("operation %s failed", name)
            return error_response(500, "internal_error", "internal error; the server log has the details")
        return JSONResponse(result.model_dump(mode="json"))

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(registry))

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page(registry))

    async def health(request: Request) -> Response:
        embedder = runtime.embedder
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "embedder": {"name": embedder.name, "model_id": embedder.model_id, "dims": embedder.dims},
            }
        )

    return [
        Route("/health", health, methods=["GET"]),
        Route("/tools", list_tools, methods=["GET"]),
        Route("/tools/{name}", call_tool, methods=["POST"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
    ]
