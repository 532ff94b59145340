"""Tenant B's key on tenant A's data, for every route: nothing readable, nothing changed, nothing to infer."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import ServerProcess
from tests.test_mcp_transports import call, session
from tests.test_omem_api import assert_error, create, key, tenant

pytestmark = pytest.mark.anyio


async def test_tenant_b_cannot_touch_tenant_a_on_any_v1_route(client: httpx.AsyncClient) -> None:
    a, b = await tenant(client, "a"), await tenant(client, "b")
    mem = await create(client, a, "Tenant A's launch date is 3 March", source="secret-source", tags=["launch"])
    await client.post("/v1/memories", headers=key(a), json={
        "messages": [{"role": "user", "content": "A's private chat"}], "session_id": "a-session", "mode": "raw"})
    snapshot = (await client.get(f"/v1/memories/{mem['id']}", headers=key(a))).json()
    nil = "00000000-0000-0000-0000-000000000000"

    for method, body in (("GET", None), ("PUT", {"content": "B was here"}), ("DELETE", None)):
        theirs = await client.request(method, f"/v1/memories/{mem['id']}", headers=key(b), json=body)
        nothing = await client.request(method, f"/v1/memories/{nil}", headers=key(b), json=body)
        assert assert_error(theirs, 404, "not_found") == f"not found: memory {mem['id']}"
        assert assert_error(nothing, 404, "not_found") == f"not found: memory {nil}"

    assert (await client.get("/v1/memories", headers=key(b))).json()["total_count"] == 0
    assert (await client.get("/v1/memories?state=deleted", headers=key(b))).json()["total_count"] == 0
    for q in ("launch date", "3 March", "private chat"):
        assert (await client.get(f"/v1/memories/search?q={q}", headers=key(b))).json()["results"] == []
    a_space = mem["space_id"]
    assert (await client.get(f"/v1/memories/search?q=launch&space={a_space}",
                             headers=key(b))).json()["results"] == []
    profile = (await client.get("/v1/profile?q=launch", headers=key(b))).json()
    assert profile == {"static_facts": [], "dynamic_context": [], "search_results": []}

    by_ids = await client.post("/v1/memories/batch-delete", json={"memory_ids": [mem["id"]]}, headers=key(b))
    assert by_ids.json()["deleted"] == 0
    preview = await client.post("/v1/memories/batch-delete", headers=key(b),
                                json={"filter": {"source": "secret-source"}, "confirm": False})
    assert preview.json() == {"would_delete": 0, "mode": "filter"}
    wiped = await client.delete("/v1/memories/all", headers={**key(b), "X-Confirm": "delete-all"})
    assert wiped.json() == {"deleted": 0, "sessions_cleared": 0}

    for tool, body in (("get_memory", {"memory_id": mem["id"]}),
                       ("update_memory", {"memory_id": mem["id"], "content": "B"}),
                       ("delete_memory", {"memory_id": mem["id"]})):
        assert (await client.post(f"/tools/{tool}", json=body, headers=key(b))).status_code == 404
    assert (await client.post("/tools/search_memory", json={"query": "launch"}, headers=key(b))).json()[
        "results"] == []

    b_mem = await create(client, b, "Tenant B's own note")
    assert (await client.get(f"/v1/memories/{b_mem['id']}", headers=key(a))).status_code == 404

    assert (await client.get(f"/v1/memories/{mem['id']}", headers=key(a))).json() == snapshot
    assert (await client.get("/v1/memories", headers=key(a))).json()["total_count"] == 2


async def test_local_default_tenant_and_api_tenants_do_not_mix(client: httpx.AsyncClient) -> None:
    a = await tenant(client, "a")
    mem = await create(client, a, "belongs to tenant a")
    assert (await client.get(f"/v1/memories/{mem['id']}")).status_code == 404  # no key: the local tenant
    local = (await client.post("/v1/memories", json={"content": "belongs to local"})).json()
    assert (await client.get(f"/v1/memories/{local['id']}", headers=key(a))).status_code == 404


async def test_mcp_with_a_key_acts_for_that_tenant_only(live_server: ServerProcess) -> None:
    a = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "mcp-a"}).json()
    b = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "mcp-b"}).json()
    async with session(f"{live_server.url}/mcp/qwen/sse/alice", "sse", headers=key(a)) as s:
        added = await call(s, "add_memories", text="Tenant A's alice loves tango")
    memory_id = added["results"][0]["id"]
    a_view = httpx.get(f"{live_server.url}/v1/memories/{memory_id}", headers=key(a)).json()
    assert a_view["tenant_id"] == a["id"]
    async with session(f"{live_server.url}/mcp/qwen/http/alice", "http", headers=key(b)) as s:
        assert (await call(s, "search_memory", query="tango"))["results"] == []
        missing = await s.call_tool("get_memory", {"memory_id": memory_id})
        assert missing.is_error and "not found" in missing.content[0].text
    async with session(f"{live_server.url}/mcp/qwen/sse/alice", "sse") as s:  # no key: the local tenant
        assert (await call(s, "search_memory", query="tango"))["results"] == []
    bad = httpx.get(f"{live_server.url}/mcp/qwen/sse/alice", headers={"X-API-Key": "mm_forged"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthorized"
