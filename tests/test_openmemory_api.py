"""OpenMemory's REST dialect at /api/v1 over HTTP: memories, categories, states, access log, apps, stats."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx
import pytest

from mcp_memory.config import LLMSettings
from mcp_memory.runtime import Runtime
from mcp_memory.services.categories import Categorizer, keyword_categories
from mcp_memory.stores.categories import CategoryStore
from tests.conftest import serve
from tests.test_ingest import fake_llm
from tests.test_omem_api import key, tenant

pytestmark = pytest.mark.anyio

NAIVE_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NIL = "00000000-0000-0000-0000-000000000000"


async def create(client: httpx.AsyncClient, text: str, user: str = "user001", app: str = "openmemory",
                 headers: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    resp = await client.post("/api/v1/memories/", headers=headers,
                             json={"user_id": user, "text": text, "infer": False, "app": app, **extra})
    assert resp.status_code == 200, resp.text
    return resp.json()


async def search(client: httpx.AsyncClient, query: str, user: str = "user001", app: str | None = None) -> list[str]:
    headers = {"X-User-Id": user, **({"X-Client-Name": app} if app else {})}
    resp = await client.post("/tools/search_memory", json={"query": query}, headers=headers)
    assert resp.status_code == 200, resp.text
    return [r["memory"]["content"] for r in resp.json()["results"]]


async def test_create_returns_openmemorys_record(client: httpx.AsyncClient) -> None:
    first = await create(client, "爱吃瓜子", metadata={"source": "chat"})
    assert set(first) == {"id", "user_id", "content", "state", "updated_at", "deleted_at", "app_id", "vector",
                          "metadata_", "created_at", "archived_at"}
    assert first["content"] == "爱吃瓜子" and first["state"] == "active" and first["metadata_"] == {"source": "chat"}
    assert first["vector"] is None and first["deleted_at"] is None and first["archived_at"] is None
    assert UUID.match(first["id"]) and UUID.match(first["user_id"]) and UUID.match(first["app_id"])
    assert NAIVE_ISO.match(first["created_at"]) and NAIVE_ISO.match(first["updated_at"])
    assert first["user_id"] != "user001"  # the internal user id, as upstream answers
    # The same user and app keep their ids; the path without the trailing slash works too.
    resp = await client.post("/api/v1/memories", json={"user_id": "user001", "text": "爱吃西瓜", "infer": False})
    second = resp.json()
    assert resp.status_code == 200 and second["user_id"] == first["user_id"] and second["app_id"] == first["app_id"]
    other_app = await create(client, "喜欢跑步", app="claude")
    assert other_app["app_id"] != first["app_id"] and other_app["user_id"] == first["user_id"]
    other_user = await create(client, "喜欢跑步", user="user002")
    assert other_user["user_id"] != first["user_id"] and other_user["app_id"] != first["app_id"]


async def test_get_update_and_categories(client: httpx.AsyncClient) -> None:
    made = await create(client, "爱吃西瓜")
    resp = await client.get(f"/api/v1/memories/{made['id']}?user_id=user001")
    assert resp.status_code == 200
    got = resp.json()
    assert got == {"id": made["id"], "text": "爱吃西瓜", "created_at": got["created_at"], "state": "active",
                   "app_id": made["app_id"], "app_name": "openmemory", "categories": ["preferences"],
                   "metadata_": {}}
    assert isinstance(got["created_at"], int) and abs(got["created_at"] - time.time()) < 120

    resp = await client.put(f"/api/v1/memories/{made['id']}", json={
        "memory_id": made["id"], "memory_content": "My sister is a doctor", "user_id": "user001"})
    updated = resp.json()
    assert resp.status_code == 200 and updated["content"] == "My sister is a doctor"
    assert updated["created_at"] == made["created_at"] and updated["id"] == made["id"]
    after = (await client.get(f"/api/v1/memories/{made['id']}")).json()
    assert after["text"] == "My sister is a doctor" and after["categories"] == ["health", "relationships"]

    cats = (await client.get("/api/v1/memories/categories?user_id=user001")).json()
    assert cats["total"] == 2 and sorted(c["name"] for c in cats["categories"]) == ["health", "relationships"]
    entry = cats["categories"][0]
    assert set(entry) == {"name", "description", "updated_at", "id", "created_at"}
    assert entry["description"] == f"Automatically created category for {entry['name']}"
    assert UUID.match(entry["id"]) and NAIVE_ISO.match(entry["created_at"])
    assert (await client.get("/api/v1/memories/categories?user_id=nobody")).json() == {"categories": [], "total": 0}


async def test_errors_are_fastapi_shaped(client: httpx.AsyncClient) -> None:
    missing = await client.post("/api/v1/memories/", json={"text": "x"})
    assert missing.status_code == 422
    assert missing.json() == {"detail": [{"loc": ["body", "user_id"], "msg": "Field required", "type": "missing"}]}
    bad_id = await client.get("/api/v1/memories/not-a-uuid")
    assert bad_id.status_code == 422 and bad_id.json()["detail"][0]["loc"] == ["body", "memory_id"]
    not_json = await client.post("/api/v1/memories/", content=b"{nope")
    assert not_json.status_code == 422 and "not valid JSON" in not_json.json()["detail"][0]["msg"]
    nothing = await client.get(f"/api/v1/memories/{NIL}")
    assert nothing.status_code == 404 and nothing.json() == {"detail": "Memory not found"}
    too_big = await client.get(f"/api/v1/memories/{NIL}/access-log?page_size=101")
    assert too_big.status_code == 422
    assert (await client.get(f"/api/v1/apps/{NIL}")).json() == {"detail": "App not found"}
    bad_state = await client.post("/api/v1/memories/actions/pause", json={"user_id": "u", "state": "frozen"})
    assert bad_state.status_code == 422 and bad_state.json()["detail"][0]["loc"] == ["body", "state"]
    no_selection = await client.post("/api/v1/memories/actions/pause", json={"user_id": "u", "state": "paused"})
    assert no_selection.status_code == 422


async def test_batch_delete(client: httpx.AsyncClient) -> None:
    a, b, c = [await create(client, t) for t in ("爱吃苹果", "爱吃橙子", "爱吃葡萄")]
    # curl --data-raw sends a form content type; the JSON body is read all the same.
    body = json.dumps({"memory_ids": [a["id"], b["id"]], "user_id": "user001"})
    resp = await client.request("DELETE", "/api/v1/memories/", content=body,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert resp.status_code == 200 and resp.json() == {"message": "Successfully deleted 2 memories"}
    assert (await client.get(f"/api/v1/memories/{a['id']}")).json()["state"] == "deleted"
    assert "爱吃苹果" not in await search(client, "苹果")
    # An id that is not the user's: 404, and nothing changes.
    refused = await client.request("DELETE", "/api/v1/memories", json={"memory_ids": [c["id"], NIL], "user_id": "user001"})
    assert refused.status_code == 404
    other_user = await client.request("DELETE", "/api/v1/memories", json={"memory_ids": [c["id"]], "user_id": "user002"})
    assert other_user.status_code == 404
    assert (await client.get(f"/api/v1/memories/{c['id']}")).json()["state"] == "active"


async def test_pause_states_leave_and_rejoin_search(client: httpx.AsyncClient) -> None:
    tea = await create(client, "I love green tea")
    coffee = await create(client, "I love black coffee", app="cursor")
    assert await search(client, "green tea") == ["I love green tea"]

    paused = await client.post("/api/v1/memories/actions/pause",
                               json={"memory_ids": [tea["id"]], "state": "paused", "user_id": "user001"})
    assert paused.json() == {"message": "Successfully paused 1 memories"}
    assert await search(client, "green tea") == []
    listed = (await client.post("/api/v1/memories/filter", json={"user_id": "user001"})).json()
    assert {i["content"]: i["state"] for i in listed["items"]}["I love green tea"] == "paused"

    archived = await client.post("/api/v1/memories/actions/pause", json={
        "memory_ids": [tea["id"]], "all_for_app": True, "state": "archived", "user_id": "user001"})
    assert archived.json() == {"message": "Successfully paused all memories"}
    hidden = (await client.post("/api/v1/memories/filter", json={"user_id": "user001"})).json()
    assert [i["content"] for i in hidden["items"]] == ["I love black coffee"]
    shown = (await client.post("/api/v1/memories/filter", json={"user_id": "user001", "show_archived": True})).json()
    assert shown["total"] == 2

    active = await client.post("/api/v1/memories/actions/pause",
                               json={"memory_ids": [tea["id"]], "state": "active", "user_id": "user001"})
    assert active.status_code == 200 and await search(client, "green tea") == ["I love green tea"]

    by_app = await client.post("/api/v1/memories/actions/pause",
                               json={"app_id": coffee["app_id"], "state": "paused", "user_id": "user001"})
    assert by_app.json() == {"message": f"Successfully paused all memories for app {coffee['app_id']}"}
    assert await search(client, "black coffee") == [] and await search(client, "green tea") == ["I love green tea"]

    cats = (await client.get("/api/v1/memories/categories?user_id=user001")).json()["categories"]
    by_cat = await client.post("/api/v1/memories/actions/pause", json={
        "category_ids": [c["id"] for c in cats if c["name"] == "preferences"], "state": "paused",
        "user_id": "user001"})
    assert by_cat.json() == {"message": "Successfully paused memories in 1 categories"}
    assert await search(client, "green tea") == []

    everything = await client.post("/api/v1/memories/actions/pause",
                                   json={"global_pause": True, "state": "active", "user_id": "user001"})
    assert everything.json() == {"message": "Successfully paused all memories"}
    assert await search(client, "black coffee") == ["I love black coffee"]


async def test_filter_search_sort_pages_and_dates(client: httpx.AsyncClient) -> None:
    first = await create(client, "爱吃西瓜")
    await create(client, "爱吃香蕉")
    other = await create(client, "西瓜汁很好喝", app="claude")
    await create(client, "爱吃西瓜", user="user002")

    resp = await client.post("/api/v1/memories/filter", content=json.dumps({
        "user_id": "user001", "page": 1, "size": 10, "app_ids": [first["app_id"]], "category_ids": [],
        "sort_column": "memory", "sort_direction": "asc", "search_query": "西瓜"}))
    page = resp.json()
    assert resp.status_code == 200 and page["total"] == 1 and (page["page"], page["size"], page["pages"]) == (1, 10, 1)
    assert page["items"] == [{"id": first["id"], "content": "爱吃西瓜", "created_at": page["items"][0]["created_at"],
                              "state": "active", "app_id": first["app_id"], "app_name": "openmemory",
                              "categories": ["preferences"], "metadata_": {}}]

    both = (await client.post("/api/v1/memories/filter", json={
        "user_id": "user001", "search_query": "西瓜", "sort_column": "app_name", "sort_direction": "desc"})).json()
    assert [i["app_name"] for i in both["items"]] == ["openmemory", "claude"] and both["items"][1]["id"] == other["id"]

    paged = (await client.post("/api/v1/memories/filter?page=2&size=2", json={"user_id": "user001"})).json()
    assert (paged["total"], paged["page"], paged["size"], paged["pages"], len(paged["items"])) == (3, 2, 2, 2, 1)
    assert paged["items"][0]["id"] == first["id"]  # newest first by default: the oldest is last

    future = int(time.time()) + 3600
    assert (await client.post("/api/v1/memories/filter", json={"user_id": "user001", "from_date": future})).json()[
        "total"] == 0
    assert (await client.post("/api/v1/memories/filter", json={"user_id": "user001", "to_date": future})).json()[
        "total"] == 3
    cats = (await client.get("/api/v1/memories/categories?user_id=user001")).json()["categories"]
    by_cat = (await client.post("/api/v1/memories/filter", json={
        "user_id": "user001", "category_ids": [c["id"] for c in cats if c["name"] == "preferences"]})).json()
    assert by_cat["total"] == 2
    bad = await client.post("/api/v1/memories/filter", json={"user_id": "user001", "sort_column": "nope",
                                                             "sort_direction": "asc"})
    assert bad.status_code == 422


async def test_related_by_shared_categories(client: httpx.AsyncClient) -> None:
    base = await create(client, "My sister loves hiking")  # relationships, preferences
    both = await create(client, "My brother loves chess")  # relationships, preferences
    one = await create(client, "I love green tea")  # preferences
    await create(client, "The meeting is on Monday")  # organization: nothing shared
    await create(client, "My brother loves chess too", user="user002")
    resp = await client.get(f"/api/v1/memories/{base['id']}/related?user_id=user001")
    page = resp.json()
    assert resp.status_code == 200 and [i["id"] for i in page["items"]] == [both["id"], one["id"]]
    assert (page["total"], page["page"], page["size"], page["pages"]) == (2, 1, 5, 1)
    second = (await client.get(f"/api/v1/memories/{base['id']}/related?user_id=user001&size=1&page=2")).json()
    assert [i["id"] for i in second["items"]] == [one["id"]] and second["pages"] == 2
    assert (await client.get(f"/api/v1/memories/{base['id']}/related?user_id=user001&size=101")).status_code == 422


async def test_access_log_records_every_read(client: httpx.AsyncClient, runtime: Runtime) -> None:
    made = await create(client, "爱吃西瓜")
    assert await search(client, "西瓜", app="claude") == ["爱吃西瓜"]
    await client.get(f"/api/v1/memories/{made['id']}")
    await client.post("/api/v1/memories/filter", json={"user_id": "user001"})
    resp = await client.get(f"/api/v1/memories/{made['id']}/access-log?page=1&page_size=10")
    log = resp.json()
    assert resp.status_code == 200 and (log["total"], log["page"], log["page_size"]) == (3, 1, 10)
    assert [e["access_type"] for e in log["logs"]] == ["list", "get", "search"]
    hit = log["logs"][2]
    assert set(hit) == {"id", "memory_id", "accessed_at", "app_id", "access_type", "metadata_", "app_name"}
    assert hit["app_name"] == "claude" and hit["memory_id"] == made["id"] and NAIVE_ISO.match(hit["accessed_at"])
    assert hit["metadata_"]["query"] == "西瓜" and 0 < hit["metadata_"]["score"] <= 1
    assert re.match(r"^[0-9a-f]{32}$", hit["metadata_"]["hash"])
    second_page = (await client.get(f"/api/v1/memories/{made['id']}/access-log?page=2&page_size=2")).json()
    assert [e["access_type"] for e in second_page["logs"]] == ["search"]


async def test_access_log_is_written_off_the_request_path(runtime: Runtime) -> None:
    from mcp_memory.caller import Caller
    from mcp_memory.services.memories import NewMemory

    caller = Caller(user_id="u1", client_name="claude")
    [mem] = await runtime.memories.add(caller, [NewMemory(content="I love tea")])
    log = runtime.openmemory.access_log
    log.record(caller, [mem], "search", query="tea", scores=[0.5])
    total, _ = await runtime.openmemory.logs.of_memory("local", mem.id, 10, 0)
    assert total == 0  # queued, not yet written
    await log.flush()
    total, rows = await runtime.openmemory.logs.of_memory("local", mem.id, 10, 0)
    assert total == 1 and rows[0].app_name == "claude" and rows[0].metadata["score"] == 0.5


async def test_apps_pause_refuses_creates_and_keeps_memories_visible_elsewhere(client: httpx.AsyncClient) -> None:
    made = await create(client, "I love green tea", app="cursor")
    await create(client, "I love black coffee")
    assert await search(client, "green tea", app="claude") == ["I love green tea"]
    apps = (await client.get("/api/v1/apps/?page=1&page_size=10&sort_by=name&sort_direction=asc")).json()
    assert apps["total"] == 3 and (apps["page"], apps["page_size"]) == (1, 10)
    assert [a["name"] for a in apps["apps"]] == ["claude", "cursor", "openmemory"]
    by_name = {a["name"]: a for a in apps["apps"]}
    assert set(by_name["cursor"]) == {"id", "name", "is_active", "total_memories_created", "total_memories_accessed"}
    assert by_name["cursor"]["total_memories_created"] == 1 and by_name["claude"]["total_memories_accessed"] == 1
    assert (await client.get("/api/v1/apps?name=curs")).json()["total"] == 1
    most = (await client.get("/api/v1/apps/?sort_by=memories_accessed&sort_direction=desc")).json()
    assert most["apps"][0]["name"] == "claude"

    cursor = made["app_id"]
    resp = await client.put(f"/api/v1/apps/{cursor}?is_active=false")
    assert resp.status_code == 200 and resp.json() == {"status": "success", "message": "Updated app details successfully"}
    refused = await client.post("/api/v1/memories/", json={"user_id": "user001", "text": "x", "app": "cursor"})
    assert refused.status_code == 403 and refused.json() == {
        "detail": "App cursor is currently paused on OpenMemory. Cannot create new memories."}
    assert (await client.get("/api/v1/apps/?is_active=false")).json()["apps"][0]["name"] == "cursor"
    # Upstream checks the calling app only: the paused app's memories stay visible to other apps.
    assert await search(client, "green tea", app="claude") == ["I love green tea"]
    paused_search = await client.post("/tools/search_memory", json={"query": "tea"},
                                      headers={"X-User-Id": "user001", "X-Client-Name": "cursor"})
    assert paused_search.status_code == 403 and "App cursor is currently paused" in paused_search.text

    detail = (await client.get(f"/api/v1/apps/{cursor}")).json()
    assert detail == {"is_active": False, "total_memories_created": 1, "total_memories_accessed": 0,
                      "first_accessed": None, "last_accessed": None}
    claude = by_name["claude"]["id"]
    claude_detail = (await client.get(f"/api/v1/apps/{claude}")).json()
    assert claude_detail["total_memories_accessed"] == 2 and NAIVE_ISO.match(claude_detail["first_accessed"])

    await client.put(f"/api/v1/apps/{cursor}?is_active=true")
    assert (await client.post("/api/v1/memories/", json={"user_id": "user001", "text": "y", "app": "cursor",
                                                          "infer": False})).status_code == 200

    mems = (await client.get(f"/api/v1/apps/{cursor}/memories?page=1&page_size=10")).json()
    assert mems["total"] == 2 and [m["content"] for m in mems["memories"]] == ["y", "I love green tea"]
    assert set(mems["memories"][0]) == {"id", "content", "created_at", "state", "app_id", "categories", "metadata_"}
    assert NAIVE_ISO.match(mems["memories"][0]["created_at"])
    accessed = (await client.get(f"/api/v1/apps/{claude}/accessed?page=1&page_size=10")).json()
    assert accessed["total"] == 1 and accessed["memories"][0]["access_count"] == 2
    assert accessed["memories"][0]["memory"]["id"] == made["id"]
    assert accessed["memories"][0]["memory"]["app_name"] == "cursor"
    assert accessed["memories"][0]["memory"]["categories"] == ["preferences"]


async def test_stats(client: httpx.AsyncClient) -> None:
    first = await create(client, "爱吃西瓜")
    gone = await create(client, "爱吃香蕉", app="claude")
    await client.request("DELETE", "/api/v1/memories/", json={"memory_ids": [gone["id"]], "user_id": "user001"})
    for path in ("/api/v1/stats/?user_id=user001", "/api/v1/stats?user_id=user001"):
        stats = (await client.get(path)).json()
        assert stats["total_memories"] == 1 and stats["total_apps"] == 2
        app = next(a for a in stats["apps"] if a["name"] == "openmemory")
        assert app == {"name": "openmemory", "metadata_": {}, "is_active": True, "updated_at": app["updated_at"],
                       "owner_id": first["user_id"], "id": first["app_id"], "description": None,
                       "created_at": app["created_at"]}


async def test_infer_runs_smart_ingest(client: httpx.AsyncClient) -> None:
    resp = await client.post("/api/v1/memories/", json={"user_id": "user001", "text": "I love green tea",
                                                         "metadata": {"k": 1}})
    made = resp.json()
    assert resp.status_code == 200 and made["content"] and made["metadata_"] == {"k": 1}
    again = (await client.post("/api/v1/memories/", json={"user_id": "user001", "text": "I love green tea"})).json()
    assert again["id"] == made["id"]  # a repeat adds nothing: the existing memory is returned
    listed = (await client.post("/api/v1/memories/filter", json={"user_id": "user001"})).json()
    assert listed["total"] == 1 and listed["items"][0]["categories"] == ["preferences"]


async def test_tenant_b_sees_nothing_of_tenant_a(client: httpx.AsyncClient) -> None:
    a, b = await tenant(client, "a"), await tenant(client, "b")
    made = await create(client, "爱吃西瓜", headers=key(a))
    await client.post("/tools/search_memory", json={"query": "西瓜"}, headers={**key(a), "X-User-Id": "user001"})
    app_id, mid = made["app_id"], made["id"]
    cats_a = (await client.get("/api/v1/memories/categories?user_id=user001", headers=key(a))).json()
    assert cats_a["total"] == 1
    kb = key(b)
    for method, path, body in (
        ("GET", f"/api/v1/memories/{mid}", None),
        ("GET", f"/api/v1/memories/{mid}?user_id=user001", None),
        ("PUT", f"/api/v1/memories/{mid}", {"memory_content": "B", "user_id": "user001"}),
        ("GET", f"/api/v1/memories/{mid}/access-log", None),
        ("GET", f"/api/v1/memories/{mid}/related?user_id=user001", None),
        ("DELETE", "/api/v1/memories/", {"memory_ids": [mid], "user_id": "user001"}),
    ):
        resp = await client.request(method, path, json=body, headers=kb)
        assert resp.status_code == 404 and resp.json() == {"detail": "Memory not found"}, (method, path)
    for method, path in (("GET", f"/api/v1/apps/{app_id}"), ("PUT", f"/api/v1/apps/{app_id}?is_active=false"),
                         ("GET", f"/api/v1/apps/{app_id}/memories"), ("GET", f"/api/v1/apps/{app_id}/accessed")):
        resp = await client.request(method, path, headers=kb)
        assert resp.status_code == 404 and resp.json() == {"detail": "App not found"}, (method, path)
    pause = await client.post("/api/v1/memories/actions/pause", headers=kb, json={
        "memory_ids": [mid], "state": "paused", "user_id": "user001"})
    assert pause.status_code == 200
    pause_app = await client.post("/api/v1/memories/actions/pause", headers=kb, json={
        "app_id": app_id, "state": "paused", "user_id": "user001"})
    assert pause_app.status_code == 404
    pause_cat = await client.post("/api/v1/memories/actions/pause", headers=kb, json={
        "category_ids": [cats_a["categories"][0]["id"]], "state": "paused", "user_id": "user001"})
    assert pause_cat.status_code == 200
    everything = await client.post("/api/v1/memories/actions/pause", headers=kb, json={
        "global_pause": True, "state": "deleted", "user_id": "user001"})
    assert everything.status_code == 200
    filtered = (await client.post("/api/v1/memories/filter", headers=kb, json={
        "user_id": "user001", "app_ids": [app_id], "show_archived": True})).json()
    assert filtered["total"] == 0
    assert (await client.post("/api/v1/memories/filter", headers=kb, json={"user_id": "user001"})).json()["total"] == 0
    assert (await client.get("/api/v1/memories/categories?user_id=user001", headers=kb)).json()["total"] == 0
    assert (await client.get("/api/v1/apps/", headers=kb)).json()["total"] == 0
    stats_b = (await client.get("/api/v1/stats/?user_id=user001", headers=kb)).json()
    assert stats_b["total_memories"] == 0 and stats_b["total_apps"] == 0
    # Tenant A's data is untouched.
    got = (await client.get(f"/api/v1/memories/{mid}", headers=key(a))).json()
    assert got["state"] == "active" and got["text"] == "爱吃西瓜"
    assert (await client.get(f"/api/v1/apps/{app_id}", headers=key(a))).json()["is_active"] is True
    stats_a = (await client.get("/api/v1/stats/?user_id=user001", headers=key(a))).json()
    assert stats_a["apps"][0]["owner_id"] == made["user_id"] and stats_a["total_memories"] == 1


# -- categories as a service ------------------------------------------------------------------


def test_keyword_categories_in_english_and_chinese() -> None:
    assert keyword_categories("爱吃西瓜") == ["preferences"]
    assert keyword_categories("I like green tea") == ["preferences"]
    assert keyword_categories("I am likely to be late") == []
    assert keyword_categories("明天下午开会讨论项目") == ["projects", "organization"]
    assert keyword_categories("Allergic to peanuts, took a flight to Paris") == ["health", "travel"]


async def test_categories_come_from_the_llm_when_configured(runtime: Runtime) -> None:
    answer = {"items": [{"index": 1, "categories": [" Preferences ", "Food & Drink"]}, {"index": 2, "categories": []}]}
    app, calls = fake_llm([answer, 500])
    async with serve(app) as base:
        llm = LLMSettings(model="openai/fake-model", api_base=f"{base}/v1", api_key="sk-test", timeout_seconds=5)
        categorizer = Categorizer(CategoryStore(runtime.ledger.engine), lambda: llm)
        # One call for the batch; a memory the model leaves empty falls back to the keywords.
        assert await categorizer.categorize(["爱吃西瓜", "Allergic to peanuts"]) == [
            ["preferences", "food & drink"], ["health"]]
        assert len(calls) == 1 and calls[0]["messages"][1]["content"] == "1. 爱吃西瓜\n2. Allergic to peanuts"
        # The provider fails: the keyword classifier answers instead.
        assert await categorizer.categorize(["My wife loves tea"]) == [["relationships", "preferences"]]


async def test_a_permanent_delete_leaves_no_log_or_category_link(client: httpx.AsyncClient, runtime: Runtime) -> None:
    import sqlite3

    made = await create(client, "爱吃西瓜")
    kept = await create(client, "爱吃香蕉")
    assert await search(client, "爱吃") != []
    await client.get(f"/api/v1/memories/{made['id']}")
    await runtime.openmemory.access_log.flush()
    assert (await client.delete(f"/memokit/v1/memories/{made['id']}")).status_code == 200
    with sqlite3.connect(runtime.settings.data_dir / "ledger.sqlite3") as db:
        for table in ("access_logs", "memory_categories"):
            ids = {r[0] for r in db.execute(f"SELECT memory_id FROM {table}")}
            assert made["id"] not in ids and kept["id"] in ids, table


async def test_concurrent_first_creates_share_one_category(client: httpx.AsyncClient) -> None:
    import anyio

    statuses: list[int] = []

    async def one(i: int) -> None:
        resp = await client.post("/api/v1/memories/", json={"user_id": "racer", "text": f"爱吃水果 {i}",
                                                             "infer": False})
        statuses.append(resp.status_code)

    async with anyio.create_task_group() as tg:
        for i in range(8):
            tg.start_soon(one, i)
    assert statuses == [200] * 8
    cats = (await client.get("/api/v1/memories/categories?user_id=racer")).json()
    assert [c["name"] for c in cats["categories"]] == ["preferences"]
