"""MCP end to end with the SDK's own clients: SSE, streamable HTTP and stdio, against real processes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.sse import sse_client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from tests.conftest import MCP_MEMORY, ServerProcess, child_env, start_server

pytestmark = pytest.mark.anyio

OPENMEMORY_TOOLS = {"add_memories", "search_memory", "list_memories", "delete_all_memories"}


@asynccontextmanager
async def session(url: str, kind: str, headers: dict[str, str] | None = None) -> AsyncIterator[ClientSession]:
    if kind == "sse":
        transport = sse_client(url, headers=headers)
    else:
        transport = streamable_http_client(url, http_client=httpx2.AsyncClient(headers=headers or {}))
    async with transport as streams:
        async with ClientSession(streams[0], streams[1]) as s:
            await s.initialize()
            yield s


@asynccontextmanager
async def stdio_session(data_dir: Path, user: str) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(
        command=MCP_MEMORY[0],
        args=[*MCP_MEMORY[1:], "stdio", "--data-dir", str(data_dir), "--user-id", user, "--client-name", "claude"],
        env=child_env(),
    )
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as s:
            await s.initialize()
            yield s


async def call(s: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await s.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert result.structured_content == json.loads(result.content[0].text)
    return result.structured_content


async def remember_and_recall(s: ClientSession, text: str, query: str) -> list[str]:
    await call(s, "add_memories", text=text)
    found = await call(s, "search_memory", query=query)
    return [hit["memory"]["content"] for hit in found["results"]]


async def test_sse_at_openmemorys_path_isolates_two_users_at_once(live_server: ServerProcess) -> None:
    seen: dict[str, list[str]] = {}

    async def user(name: str) -> None:
        async with session(f"{live_server.url}/mcp/qwen/sse/{name}", "sse") as s:
            tools = {t.name for t in (await s.list_tools()).tools}
            assert OPENMEMORY_TOOLS | {"get_memory", "update_memory", "delete_memories"} <= tools
            seen[name] = await remember_and_recall(s, f"{name} keeps bees in the garden", "bees garden")

    async with anyio.create_task_group() as tg:
        tg.start_soon(user, "sse-alice")
        tg.start_soon(user, "sse-bob")
    assert seen == {"sse-alice": ["sse-alice keeps bees in the garden"],
                    "sse-bob": ["sse-bob keeps bees in the garden"]}


@pytest.mark.parametrize(("path", "user"), [("/mcp/cursor/http/{user}", "http-a"), ("/mcp/cursor/{user}/mcp", "http-b")])
async def test_streamable_http(live_server: ServerProcess, path: str, user: str) -> None:
    async with session(live_server.url + path.format(user=user), "http") as s:
        assert await remember_and_recall(s, "Prefers window seats on planes", "flight seat") == [
            "Prefers window seats on planes"]
        listed = await call(s, "list_memories")
        assert listed["total_count"] == 1


async def test_inspector_style_sse_alias_and_plain_mcp_carry_identity(live_server: ServerProcess) -> None:
    async with session(f"{live_server.url}/mcp/inspector/alias-user/sse", "sse") as s:
        await call(s, "add_memories", text="Alias user likes jazz")
    async with session(f"{live_server.url}/mcp", "http", headers={"X-User-Id": "alias-user"}) as s:
        found = await call(s, "search_memory", query="jazz")
        assert [h["memory"]["content"] for h in found["results"]] == ["Alias user likes jazz"]
    async with session(f"{live_server.url}/mcp", "http", headers={"X-User-Id": "someone-else"}) as s:
        assert (await call(s, "search_memory", query="jazz"))["results"] == []


async def test_tool_errors_are_reported_not_raised(live_server: ServerProcess) -> None:
    async with session(f"{live_server.url}/mcp/qwen/http/errors", "http") as s:
        bad = await s.call_tool("add_memories", {"text": ""})
        assert bad.is_error and "text" in bad.content[0].text
        missing = await s.call_tool("get_memory", {"memory_id": "does-not-exist"})
        assert missing.is_error and "not found" in missing.content[0].text
        unknown = await s.call_tool("no_such_tool", {})
        assert unknown.is_error


async def test_resources_read_memories(live_server: ServerProcess) -> None:
    async with session(f"{live_server.url}/mcp/qwen/sse/res-user", "sse") as s:
        added = await call(s, "add_memories", text="Allergic to peanuts")
        memory_id = added["results"][0]["id"]
        assert [str(r.uri) for r in (await s.list_resources()).resources] == ["memory://recent"]
        templates = (await s.list_resource_templates()).resource_templates
        assert [t.uri_template for t in templates] == ["memory://{memory_id}"]
        one = json.loads((await s.read_resource(f"memory://{memory_id}")).contents[0].text)
        assert one["content"] == "Allergic to peanuts" and one["user_id"] == "res-user"
        recent = json.loads((await s.read_resource("memory://recent")).contents[0].text)
        assert [m["id"] for m in recent["memories"]] == [memory_id]
    async with session(f"{live_server.url}/mcp/qwen/sse/res-other", "sse") as s:
        with pytest.raises(Exception, match="not found"):
            await s.read_resource(f"memory://{memory_id}")


async def test_sse_session_cannot_be_driven_through_another_users_url(live_server: ServerProcess) -> None:
    async with httpx.AsyncClient(base_url=live_server.url, timeout=10) as http:
        async with http.stream("GET", "/mcp/qwen/sse/owner") as stream:
            endpoint = None
            async for line in stream.aiter_lines():
                if line.startswith("data:"):
                    endpoint = line[5:].strip()
                    break
            assert endpoint and endpoint.startswith("/mcp/qwen/sse/owner/messages/?session_id=")
            session_id = endpoint.split("session_id=")[1]
            hijack = await http.post(f"/mcp/qwen/sse/intruder/messages/?session_id={session_id}",
                                     json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
            assert hijack.status_code == 404


async def test_memories_survive_a_server_restart(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data")
    try:
        async with session(f"{server.url}/mcp/qwen/http/restart", "http") as s:
            await call(s, "add_memories", text="Birthday is on March 3rd")
    finally:
        server.stop()
    server = start_server(tmp_path / "data")
    try:
        async with session(f"{server.url}/mcp/qwen/http/restart", "http") as s:
            found = await call(s, "search_memory", query="birthday")
            assert [h["memory"]["content"] for h in found["results"]] == ["Birthday is on March 3rd"]
    finally:
        server.stop()


async def test_stdio_opens_the_store_itself_when_no_server_runs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    async with stdio_session(data_dir, "stdio-alice") as s:
        assert await remember_and_recall(s, "Drinks oat milk", "milk") == ["Drinks oat milk"]
        # A second stdio process on the same directory forwards to the first instead of opening the store.
        async with stdio_session(data_dir, "stdio-alice") as second:
            found = await call(second, "search_memory", query="oat milk")
            assert [h["memory"]["content"] for h in found["results"]] == ["Drinks oat milk"]
    async with stdio_session(data_dir, "stdio-bob") as s:
        assert (await call(s, "search_memory", query="milk"))["results"] == []


async def test_stdio_forwards_to_a_running_server(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data")
    try:
        async with stdio_session(server.data_dir, "fwd-alice") as s:
            added = await call(s, "add_memories", text="Works night shifts")
        resp = httpx.post(f"{server.url}/tools/search_memory", json={"query": "night shifts"},
                          headers={"X-User-Id": "fwd-alice"})
        assert [h["memory"]["id"] for h in resp.json()["results"]] == [added["results"][0]["id"]]
        assert server.process.poll() is None
    finally:
        server.stop()
