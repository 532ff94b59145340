"""The MCP server, generated from the registry.

Built on the SDK's low-level `Server` so that each tool's input and output
schemas are exactly the operation's pydantic models. Identity is resolved on
every request by the transport-specific `resolve_caller`, never remembered
from the connection that opened the session.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import mcp_types as types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.shared.exceptions import MCPError
from pydantic import BaseModel

from mcp_memory import __version__
from mcp_memory.caller import Caller
from mcp_memory.errors import AppError, NotFound
from mcp_memory.registry import Ctx, Operation, ResourceDef, invoke
from mcp_memory.runtime import Runtime

logger = logging.getLogger(__name__)

CallerResolver = Callable[[ServerRequestContext[Any, Any]], Awaitable[Caller]]

INSTRUCTIONS = (
    "Long-term memory for this user. Search memory before answering anything their history could inform; "
    "add a memory whenever they share a fact, preference or plan worth keeping; update rather than duplicate."
)


def tool_definition(op: Operation) -> types.Tool:
    return types.Tool(
        name=op.name,
        title=op.title,
        description=op.description,
        input_schema=op.input_model.model_json_schema(),
        output_schema=op.output_model.model_json_schema(),
        annotations=types.ToolAnnotations(
            title=op.title,
            read_only_hint=op.read_only,
            destructive_hint=op.destructive,
            idempotent_hint=op.idempotent,
            open_world_hint=False,
        ),
    )


def _dump(result: BaseModel) -> dict[str, Any]:
    return result.model_dump(mode="json")


def build_mcp_server(runtime: Runtime, resolve_caller: CallerResolver) -> Server[Any]:
    """An MCP server exposing the registry's tools and resources, for any transport."""
    registry = runtime.registry
    tools = [op for op in registry.operations.values() if op.mcp]

    async def list_tools(ctx: ServerRequestContext[Any, Any], params: Any) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[tool_definition(op) for op in tools])

    async def call_tool(ctx: ServerRequestContext[Any, Any], params: types.CallToolRequestParams) -> types.CallToolResult:
        op = registry.get(params.name)
        if op is None or not op.mcp:
            return _tool_error(f"unknown tool {params.name!r}")
        try:
            caller = await resolve_caller(ctx)
            result = await invoke(op, Ctx(caller=caller, runtime=runtime), params.arguments)
        except AppError as exc:
            return _tool_error(exc.message)
        except Exception:
            logger.exception("tool %s failed", op.name)
            return _tool_error("internal error; the server log has the details")
        data = _dump(result)
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=json.dumps(data, ensure_ascii=False))],
            structured_content=data,
        )

    fixed = [r for r in registry.resources if not r.is_template]
    templates = [r for r in registry.resources if r.is_template]

    async def list_resources(ctx: ServerRequestContext[Any, Any], params: Any) -> types.ListResourcesResult:
        return types.ListResourcesResult(
            resources=[
                types.Resource(name=r.name, uri=r.uri, description=r.description, mime_type=r.mime_type) for r in fixed
            ]
        )

    async def list_templates(ctx: ServerRequestContext[Any, Any], params: Any) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(
            resource_templates=[
                types.ResourceTemplate(
                    name=r.name, uri_template=r.uri, description=r.description, mime_type=r.mime_type
                )
                for r in templates
            ]
        )

    async def read_resource(
        ctx: ServerRequestContext[Any, Any], params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        uri = str(params.uri)
        for resource in fixed + templates:
            found = resource.match(uri)
            if found is not None:
                result = await _read(resource, found, await resolve_caller(ctx))
                return types.ReadResourceResult(
                    contents=[
                        types.TextResourceContents(
                            uri=uri, mime_type=resource.mime_type, text=json.dumps(_dump(result), ensure_ascii=False)
                        )
                    ]
                )
        raise _resource_not_found(uri)

    async def _read(resource: ResourceDef, found: dict[str, str], caller: Caller) -> BaseModel:
        op = registry.operations[resource.operation]
        try:
            return await invoke(op, Ctx(caller=caller, runtime=runtime), {**resource.arguments, **found})
        except NotFound:
            raise _resource_not_found(str(found)) from None
        except AppError as exc:
            raise MCPError(code=types.INVALID_PARAMS, message=exc.message) from None

    return Server(
        "mcp-memory",
        version=__version__,
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_list_resource_templates=list_templates,
        on_read_resource=read_resource,
    )


def _tool_error(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=message)], is_error=True)


def _resource_not_found(uri: str) -> MCPError:
    return MCPError(code=types.INVALID_PARAMS, message=f"resource not found: {uri}")
