"""OpenMemory's MCP tools over SSE at /mcp/{client_name}/sse/{user_id}, against a real server process:
categories on add, access logs on reads, and a paused app refused by name."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from mcp.client.session import ClientSession

from tests.conftest import ServerProcess
from tests.test_mcp_transports import call, session

pytestmark = pytest.mark.anyio


async def refused(s: ClientSession, tool: str, **arguments: Any) -> str:
    result = await s.call_tool(tool, arguments)
    assert result.is_error, result.content
    return result.content[0].text


async def test_tools_categorise_log_reads_and_respect_app_pause(live_server: ServerProcess) -> None:
    url = f"{live_server.url}/mcp/qwen/sse/mcp-user"
    async with session(url, "sse") as s:
        tools = {t.name for t in (await s.list_tools()).tools}
        assert {"add_memories", "search_memory", "list_memories", "delete_memories",
                "delete_all_memories"} <= tools
        added = await call(s, "add_memories", text="爱吃西瓜", infer=False)
        memory_id = added["results"][0]["id"]
        found = await call(s, "search_memory", query="西瓜")
        assert [r["memory"]["id"] for r in found["results"]] == [memory_id]
        listed = await call(s, "list_memories")
        assert [m["id"] for m in listed["memories"]] == [memory_id]

    rest = httpx.AsyncClient(base_url=live_server.url, timeout=10)
    detail = (await rest.get(f"/api/v1/memories/{memory_id}?user_id=mcp-user")).json()
    assert detail["app_name"] == "qwen" and detail["categories"] == ["preferences"]
    # The listing first writes whatever reads are still queued, so the MCP reads above are all there.
    logs = (await rest.get(f"/api/v1/memories/{memory_id}/access-log")).json()["logs"]
    kinds = [e["access_type"] for e in logs]
    assert "search" in kinds and "list" in kinds
    search_entry = next(e for e in logs if e["access_type"] == "search")
    assert search_entry["app_name"] == "qwen" and search_entry["metadata_"]["query"] == "西瓜"
    assert search_entry["app_id"] == detail["app_id"]

    paused = await rest.put(f"/api/v1/apps/{detail['app_id']}?is_active=false")
    assert paused.status_code == 200
    async with session(url, "sse") as s:
        message = await refused(s, "add_memories", text="爱吃香蕉")
        assert message == "App qwen is currently paused on OpenMemory. Cannot create new memories."
        assert "App qwen is currently paused" in await refused(s, "search_memory", query="西瓜")
        assert "App qwen is currently paused" in await refused(s, "list_memories")
        assert "App qwen is currently paused" in await refused(s, "delete_memories", memory_ids=[memory_id])
        assert "App qwen is currently paused" in await refused(s, "delete_all_memories")
        for tool in ("get_memory", "update_memory", "delete_memory"):
            assert "App qwen is currently paused" in await refused(s, tool, memory_id=memory_id)
    # Another app of the same user still works, and still finds the paused app's memory (as upstream).
    async with session(f"{live_server.url}/mcp/claude/sse/mcp-user", "sse") as other:
        found = await call(other, "search_memory", query="西瓜")
        assert [r["memory"]["id"] for r in found["results"]] == [memory_id]
    # The same app name for another user is another app, not paused.
    async with session(f"{live_server.url}/mcp/qwen/sse/mcp-other", "sse") as other_user:
        assert (await call(other_user, "add_memories", text="喜欢跑步", infer=False))["results"]

    assert (await rest.put(f"/api/v1/apps/{detail['app_id']}?is_active=true")).status_code == 200
    await rest.aclose()
    async with session(url, "sse") as s:
        assert (await call(s, "delete_memories", memory_ids=[memory_id]))["deleted"] == 1
        assert (await call(s, "search_memory", query="西瓜"))["results"] == []
        await call(s, "add_memories", text="爱吃葡萄", infer=False)
        wiped = await call(s, "delete_all_memories")
        assert wiped["message"] == "Successfully deleted all memories" and wiped["deleted"] == 1


async def test_streamable_http_tools_respect_pause_too(live_server: ServerProcess) -> None:
    url = f"{live_server.url}/mcp/cursor/http/http-user"
    async with session(url, "http") as s:
        added = await call(s, "add_memories", text="I love green tea", infer=False)
    memory_id = added["results"][0]["id"]
    async with httpx.AsyncClient(base_url=live_server.url, timeout=10) as rest:
        app_id = (await rest.get(f"/api/v1/memories/{memory_id}")).json()["app_id"]
        await rest.put(f"/api/v1/apps/{app_id}?is_active=false")
        stats = (await rest.get("/api/v1/stats/?user_id=http-user")).json()
    async with session(url, "http") as s:
        text = await refused(s, "search_memory", query="tea")
        assert text == "App cursor is currently paused on OpenMemory. Cannot search memories."
    assert ("cursor", False) in [(a["name"], a["is_active"]) for a in stats["apps"]]
    assert stats["total_memories"] == 1


async def test_another_tenants_pause_and_memories_stay_theirs(live_server: ServerProcess) -> None:
    async with httpx.AsyncClient(base_url=live_server.url, timeout=10) as rest:
        a = (await rest.post("/v1/tenants", json={"name": "om-a"})).json()["api_key"]
        b = (await rest.post("/v1/tenants", json={"name": "om-b"})).json()["api_key"]
        url = f"{live_server.url}/mcp/qwen/sse/same-user"
        async with session(url, "sse", headers={"X-API-Key": a}) as s:
            memory_id = (await call(s, "add_memories", text="Tenant A likes oolong", infer=False))["results"][0]["id"]
        app_id = (await rest.get(f"/api/v1/memories/{memory_id}", headers={"X-API-Key": a})).json()["app_id"]
        assert (await rest.put(f"/api/v1/apps/{app_id}?is_active=false", headers={"X-API-Key": b})).status_code == 404
        assert (await rest.put(f"/api/v1/apps/{app_id}?is_active=false", headers={"X-API-Key": a})).status_code == 200
        # Same client and user names under tenant B: another app, active, and none of A's memories.
        async with session(url, "sse", headers={"X-API-Key": b}) as s:
            assert (await call(s, "search_memory", query="oolong"))["results"] == []
            assert (await call(s, "list_memories"))["memories"] == []
            assert (await call(s, "add_memories", text="Tenant B likes sencha", infer=False))["results"]
        async with session(url, "sse", headers={"X-API-Key": a}) as s:
            assert "App qwen is currently paused" in await refused(s, "search_memory", query="oolong")
        logs = (await rest.get(f"/api/v1/memories/{memory_id}/access-log", headers={"X-API-Key": b}))
        assert logs.status_code == 404
