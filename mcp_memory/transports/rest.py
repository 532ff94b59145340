"""The generic REST shim: every registered operation at `POST /tools/{name}`.

The JSON body is the operation's input model; identity comes from headers
(`X-User-Id`, `X-Agent-Id`, `X-Client-Name`). Errors use one shape,
`{"error": {"code", "message"}}`: 422 for input that does not fit the model,
404 for ids the caller cannot see, 500 with no internals for anything else.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from mcp_memory import __version__
from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.registry import Ctx, invoke
from mcp_memory.runtime import Runtime
from mcp_memory.transports.docs import docs_page
from mcp_memory.transports.identity import caller_from_request
from mcp_memory.transports.mcp_server import tool_definition
from mcp_memory.transports.openapi import openapi_document

logger = logging.getLogger(__name__)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def read_json_body(request: Request, limit: int) -> Any:
    """The parsed body, or InvalidInput with a reason a person can act on."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise InvalidInput(f"request body is larger than {limit} bytes")
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise InvalidInput(f"request body is larger than {limit} bytes")
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"request body is not valid JSON: {exc}") from None


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
            caller = caller_from_request(request)
            result = await invoke(op, Ctx(caller=caller, runtime=runtime), body)
        except InvalidInput as exc:
            return error_response(422, exc.code, exc.message)
        except AppError as exc:
            return error_response(exc.status, exc.code, exc.message)
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
