"""OpenAPI 3.1 for the REST shim, generated from the same pydantic models as the MCP tools."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from mcp_memory import __version__
from mcp_memory.registry import Registry

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}

_IDENTITY_HEADERS = [
    {"name": "X-User-Id", "in": "header", "required": False, "schema": {"type": "string"},
     "description": "Whose memories to act on; `default` when absent."},
    {"name": "X-Agent-Id", "in": "header", "required": False, "schema": {"type": "string"},
     "description": "The agent making the call."},
    {"name": "X-Client-Name", "in": "header", "required": False, "schema": {"type": "string"},
     "description": "The app or client making the call."},
]


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document(registry: Registry) -> dict[str, Any]:
    ops = list(registry.operations.values())
    models = {(op.input_model, "validation") for op in ops} | {(op.output_model, "serialization") for op in ops}
    refs, schema = models_json_schema(sorted(models, key=lambda m: m[0].__name__),
                                      ref_template="#/components/schemas/{model}")
    components: dict[str, Any] = dict(schema.get("$defs", {}))
    components["Error"] = _ERROR
    paths: dict[str, Any] = {
        "/health": {"get": {"summary": "Liveness and the embedder in use", "operationId": "health",
                            "responses": {"200": {"description": "The server is up"}}}},
        "/tools": {"get": {"summary": "Every operation with its input and output schema", "operationId": "list_tools",
                           "responses": {"200": {"description": "The tool list"}}}},
    }
    for op in ops:
        paths[f"/tools/{op.name}"] = {
            "post": {
                "operationId": op.name,
                "summary": op.summary,
                "description": op.description,
                "parameters": _IDENTITY_HEADERS,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": refs[(op.input_model, "validation")]}},
                },
                "responses": {
                    "200": {"description": "Success",
                            "content": {"application/json": {"schema": refs[(op.output_model, "serialization")]}}},
                    "404": _error_response("Not found, or not yours"),
                    "422": _error_response("The body does not fit the input schema"),
                    "500": _error_response("Internal error; nothing internal is revealed"),
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "mcp-memory", "version": __version__,
                 "description": "Every MCP tool of mcp-memory, callable over REST."},
        "paths": paths,
        "components": {"schemas": components},
    }
