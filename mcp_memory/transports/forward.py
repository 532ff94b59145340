"""stdio → HTTP forwarding, for a second process on a data directory already in use.

`mcp-memory stdio` launched by a desktop app while `mcp-memory serve` holds
the store must not open the store itself; it relays every MCP message
unchanged between its stdin/stdout and the owner's streamable-HTTP endpoint.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import anyio
import httpx2
from mcp.client.streamable_http import streamable_http_client
from mcp.server.stdio import stdio_server

logger = logging.getLogger(__name__)


def forward_url(base_url: str, client_name: str, user_id: str) -> str:
    return f"{base_url.rstrip('/')}/mcp/{quote(client_name, safe='')}/http/{quote(user_id, safe='')}"


async def _pump(source: Any, sink: Any) -> None:
    async for message in source:
        if isinstance(message, Exception):
            logger.warning("dropped a malformed message: %s", message)
            continue
        await sink.send(message)


async def forward_stdio(url: str, headers: dict[str, str] | None = None) -> None:
    """Relay until stdin closes or the server goes away."""
    logger.info("data directory is served by another process; forwarding to %s", url)
    async with httpx2.AsyncClient(headers=headers or {}, timeout=httpx2.Timeout(30.0, read=300.0)) as http:
        async with stdio_server() as (stdin_read, stdout_write):
            async with streamable_http_client(url, http_client=http) as (http_read, http_write):
                async with anyio.create_task_group() as tg:

                    async def upstream() -> None:
                        await _pump(stdin_read, http_write)
                        tg.cancel_scope.cancel()

                    async def downstream() -> None:
                        await _pump(http_read, stdout_write)
                        tg.cancel_scope.cancel()

                    tg.start_soon(upstream)
                    tg.start_soon(downstream)
