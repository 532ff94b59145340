"""omem's native API at /v1 over HTTP: every documented route and error."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from mcp_memory.app import build_app
from mcp_memory.caller import Caller
from mcp_memory.config import STAGES, Settings
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services.memories import NewMemory
from tests.conftest import make_settings

pytestmark = pytest.mark.anyio

MEMORY_FIELDS = {
    "id", "content", "l0_abstract", "l1_overview", "l2_content", "category", "memory_type", "state", "tier",
    "importance", "confidence", "access_count", "tags", "scope", "agent_id", "session_id", "tenant_id", "source",
    "relations", "superseded_by", "invalidated_at", "created_at", "updated_at", "last_accessed_at", "space_id",
    "visibility", "owner_agent_id", "provenance",
}


async def tenant(client: httpx.AsyncClient, name: str = "acme") -> dict[str, str]:
    resp = await client.post("/v1/tenants", json={"name": name})
    assert resp.status_code == 200, resp.text
    return resp.json()


def key(t: dict[str, str]) -> dict[str, str]:
    return {"X-API-Key": t["api_key"]}


async def create(client: httpx.AsyncClient, t: dict[str, str], content: str, **extra: object) -> dict:
    resp = await client.post("/v1/memories", json={"content": content, **extra}, headers=key(t))
    assert resp.status_code == 201, resp.text
    return resp.json()


def assert_error(resp: httpx.Response, status: int, code: str) -> str:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return body["error"]["message"]


@pytest.fixture
async def required_client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(tmp_path / "data").model_copy(update={"auth": "required", "rate_limit_per_minute": 3})
    async with open_runtime(settings) as rt:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)),
                                     base_url="http://127.0.0.1:8765") as c:
            yield c


# -- tenants and auth -------------------------------------------------------------


async def test_tenant_key_is_a_separate_secret_stored_only_as_a_hash(client: httpx.AsyncClient,
                                                                      settings: Settings) -> None:
    t = await tenant(client)
    assert set(t) == {"id", "api_key", "status"} and t["status"] == "active"
    assert t["api_key"] != t["id"] and len(t["api_key"]) >= 40
    db = sqlite3.connect(settings.data_dir / "ledger.sqlite3")
    dumped = "\n".join(db.iterdump())
    assert t["api_key"] not in dumped and t["id"] in dumped
    db.close()
    assert_error(await client.post("/v1/tenants", json={"name": ""}), 400, "validation_error")
    assert_error(await client.post("/v1/tenants", json={}), 400, "validation_error")


async def test_keys_authenticate_by_header_or_bearer(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    mem = await create(client, t, "via header")
    bearer = await client.get(f"/v1/memories/{mem['id']}", headers={"Authorization": f"Bearer {t['api_key']}"})
    assert bearer.status_code == 200 and bearer.json()["tenant_id"] == t["id"]
    assert_error(await client.get("/v1/memories", headers={"X-API-Key": "mm_wrong"}), 401, "unauthorized")
    assert_error(await client.get("/v1/memories", headers={"Authorization": "Bearer nope"}), 401, "unauthorized")


async def test_suspended_tenant_is_unauthorized(client: httpx.AsyncClient, runtime: Runtime) -> None:
    t = await tenant(client)
    assert (await client.get("/v1/memories", headers=key(t))).status_code == 200
    await runtime.accounts.set_status(t["id"], "suspended")
    assert_error(await client.get("/v1/memories", headers=key(t)), 401, "unauthorized")


async def test_required_auth_guards_every_route_but_the_public_ones(required_client: httpx.AsyncClient) -> None:
    c = required_client
    assert (await c.get("/health")).status_code == 200
    for method, path in [("GET", "/v1/memories"), ("GET", "/v1/memories/search?q=x"), ("POST", "/v1/memories"),
                         ("GET", "/v1/memories/some-id"), ("PUT", "/v1/memories/some-id"),
                         ("DELETE", "/v1/memories/some-id"), ("POST", "/v1/memories/batch-delete"),
                         ("DELETE", "/v1/memories/all"), ("GET", "/v1/profile"), ("POST", "/tools/list_memories")]:
        assert_error(await c.request(method, path), 401, "unauthorized")
    for path in ("/mcp", "/mcp/qwen/sse/alice"):
        assert_error(await c.get(path), 401, "unauthorized")
    assert (await c.post("/v1/tenants", json={"name": "public sign-up"})).status_code == 200


async def test_rate_limit_per_key_answers_429_with_retry_after(required_client: httpx.AsyncClient) -> None:
    t = await tenant(required_client)
    for _ in range(3):
        assert (await required_client.get("/v1/memories", headers=key(t))).status_code == 200
    resp = await required_client.get("/v1/memories", headers=key(t))
    assert_error(resp, 429, "rate_limited")
    assert int(resp.headers["Retry-After"]) >= 1
    other = await tenant(required_client, "other")
    assert (await required_client.get("/v1/memories", headers=key(other))).status_code == 200


async def test_local_mode_without_a_key_acts_as_the_default_tenant(client: httpx.AsyncClient) -> None:
    resp = await client.post("/v1/memories", json={"content": "local note"})
    assert resp.status_code == 201 and resp.json()["tenant_id"] == "local"
    assert (await client.get("/v1/memories")).json()["total_count"] == 1


# -- create -------------------------------------------------------------------


async def test_direct_create_returns_the_full_28_field_memory(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    mem = await create(client, t, "User prefers dark mode in all editors", tags=["preferences", "editor"],
                       source="manual")
    assert set(mem) == MEMORY_FIELDS and len(mem) == 28
    assert mem["memory_type"] == "pinned" and mem["state"] == "active" and mem["tags"] == ["preferences", "editor"]
    assert mem["source"] == "manual" and mem["tenant_id"] == t["id"] and mem["l2_content"] == mem["content"]
    assert mem["relations"] == [] and mem["provenance"] is None


async def test_message_mode_stores_raw_messages_before_202(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    resp = await client.post("/v1/memories", headers={**key(t), "X-Agent-Id": "coder"}, json={
        "messages": [{"role": "user", "content": "I switched from VS Code to Zed last week"},
                     {"role": "assistant", "content": "Nice! Zed has great Rust support."}],
        "mode": "smart", "session_id": "session-001"})
    assert resp.status_code == 202
    body = resp.json()
    assert set(body) == {"task_id", "stored_count"} and body["stored_count"] == 2
    listed = (await client.get("/v1/memories?memory_type=session", headers=key(t))).json()
    assert listed["total_count"] == 2
    assert {m["session_id"] for m in listed["memories"]} == {"session-001"}
    assert {m["agent_id"] for m in listed["memories"]} == {"coder"}


@pytest.mark.parametrize("body", [{}, {"messages": []}, {"content": ""}, {"content": "   "}, {"content": 42},
                                  {"messages": [{"role": "robot", "content": "x"}]}, {"mode": "turbo", "content": "x"},
                                  {"content": "x", "tags": 5}])
async def test_create_rejects_bad_bodies_with_400(client: httpx.AsyncClient, body: dict) -> None:
    t = await tenant(client)
    message = assert_error(await client.post("/v1/memories", json=body, headers=key(t)), 400, "validation_error")
    assert message.startswith("validation error")
    assert (await client.get("/v1/memories", headers=key(t))).json()["total_count"] == 0


async def test_malformed_and_oversize_bodies_are_400(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    headers = {**key(t), "Content-Type": "application/json"}
    assert_error(await client.post("/v1/memories", content=b"{oops", headers=headers), 400, "validation_error")
    assert_error(await client.post("/v1/memories", content=b"[]", headers=headers), 400, "validation_error")
    big = b'{"content": "' + b"x" * 1_100_000 + b'"}'
    msg = assert_error(await client.post("/v1/memories", content=big, headers=headers), 400, "validation_error")
    assert "larger than" in msg


# -- search -------------------------------------------------------------------


async def test_search_returns_scored_memories_and_a_trace(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    target = await create(client, t, "User prefers dark mode in all editors")
    await create(client, t, "Allergic to shellfish")
    resp = await client.get("/v1/memories/search?q=editor+preferences&limit=5", headers=key(t))
    body = resp.json()
    assert resp.status_code == 200 and body["trace"] is None
    assert body["results"][0]["memory"]["id"] == target["id"] and set(body["results"][0]["memory"]) == MEMORY_FIELDS
    assert 0 < body["results"][0]["score"] <= 1
    with_trace = (await client.get("/v1/memories/search?q=editor&include_trace=true", headers=key(t))).json()
    traced = with_trace["trace"]
    assert set(traced) == {"stages", "total_duration_ms", "final_count"}
    assert traced["stages"][0]["name"] == "parallel_search" and traced["stages"][1]["name"] == "rrf_fusion"
    documented = {"name", "input_count", "output_count", "duration_ms", "score_range"}
    assert all(set(s) - {"skipped"} == documented for s in traced["stages"])
    assert [s["name"] for s in traced["stages"]] == list(STAGES)
    rerank = traced["stages"][STAGES.index("cross_encoder_rerank")]
    assert rerank["skipped"] == "no rerank model configured"
    assert traced["final_count"] == len(with_trace["results"])


async def test_search_filters_and_errors(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    await create(client, t, "Drives a red bicycle to work")
    assert_error(await client.get("/v1/memories/search", headers=key(t)), 400, "validation_error")
    assert_error(await client.get("/v1/memories/search?q=", headers=key(t)), 400, "validation_error")
    assert_error(await client.get("/v1/memories/search?q=x&limit=100000", headers=key(t)), 400, "validation_error")
    assert_error(await client.get("/v1/memories/search?q=x&min_score=abc", headers=key(t)), 400, "validation_error")
    strict = (await client.get("/v1/memories/search?q=bicycle&min_score=1.0", headers=key(t))).json()
    loose = (await client.get("/v1/memories/search?q=bicycle&min_score=0", headers=key(t))).json()
    assert len(strict["results"]) <= len(loose["results"]) == 1
    everywhere = (await client.get("/v1/memories/search?q=bicycle&space=all", headers=key(t))).json()
    assert len(everywhere["results"]) == 1
    own_space = f"personal/{t['id']}"
    assert len((await client.get(f"/v1/memories/search?q=bicycle&space={own_space}",
                                 headers=key(t))).json()["results"]) == 1
    elsewhere = (await client.get("/v1/memories/search?q=bicycle&space=team/backend", headers=key(t))).json()
    assert elsewhere["results"] == []
    assert (await client.get("/v1/memories/search?q=bicycle&scope=project", headers=key(t))).json()["results"] == []


# -- one memory -----------------------------------------------------------------


async def test_get_put_delete_one_memory(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    mem = await create(client, t, "User prefers dark mode", tags=["preferences"])
    got = await client.get(f"/v1/memories/{mem['id']}", headers=key(t))
    assert got.status_code == 200 and got.json()["content"] == "User prefers dark mode"

    put = await client.put(f"/v1/memories/{mem['id']}", headers=key(t), json={
        "content": "User prefers Catppuccin Mocha dark theme", "tags": ["preferences", "editor", "theme"]})
    assert put.status_code == 200 and set(put.json()) == MEMORY_FIELDS
    assert put.json()["tags"] == ["preferences", "editor", "theme"] and put.json()["l2_content"].startswith("User")
    found = (await client.get("/v1/memories/search?q=Catppuccin", headers=key(t))).json()["results"]
    assert [r["memory"]["id"] for r in found] == [mem["id"]]

    assert_error(await client.put(f"/v1/memories/{mem['id']}", json={"content": ""}, headers=key(t)),
                 400, "validation_error")
    assert_error(await client.put(f"/v1/memories/{mem['id']}", json={"state": "gone"}, headers=key(t)),
                 400, "validation_error")
    archived = await client.put(f"/v1/memories/{mem['id']}", json={"state": "archived"}, headers=key(t))
    assert archived.json()["state"] == "archived"

    deleted = await client.delete(f"/v1/memories/{mem['id']}", headers=key(t))
    assert deleted.status_code == 200 and deleted.json() == {"status": "deleted"}
    after = (await client.get(f"/v1/memories/{mem['id']}", headers=key(t))).json()
    assert after["state"] == "deleted" and after["content"] == "User prefers Catppuccin Mocha dark theme"

    missing = "550e8400-e29b-41d4-a716-446655440000"
    for method in ("GET", "PUT", "DELETE"):
        resp = await client.request(method, f"/v1/memories/{missing}", headers=key(t),
                                    json={"content": "x"} if method == "PUT" else None)
        assert assert_error(resp, 404, "not_found") == f"not found: memory {missing}"


# -- delete many ----------------------------------------------------------------


async def test_batch_delete_by_ids_and_by_filter_with_preview(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    a = await create(client, t, "imported one", source="import", tags=["imported"])
    await create(client, t, "imported two", source="import", tags=["imported"])
    keep = await create(client, t, "typed by hand", source="manual")
    by_ids = await client.post("/v1/memories/batch-delete", json={"memory_ids": [a["id"]]}, headers=key(t))
    assert by_ids.status_code == 200 and by_ids.json()["deleted"] == 1

    preview = await client.post("/v1/memories/batch-delete", json={"filter": {"source": "import"}, "confirm": False},
                                headers=key(t))
    assert preview.json() == {"would_delete": 1, "mode": "filter"}
    assert (await client.get("/v1/memories", headers=key(t))).json()["total_count"] == 2
    done = await client.post("/v1/memories/batch-delete", headers=key(t), json={
        "filter": {"source": "import", "tags": ["imported"], "before": "2999-01-01T00:00:00Z"}, "confirm": True})
    assert done.json() == {"deleted": 1, "mode": "filter"}
    remaining = (await client.get("/v1/memories", headers=key(t))).json()["memories"]
    assert [m["id"] for m in remaining] == [keep["id"]]

    for body in ({}, {"memory_ids": []}, {"filter": {"category": "nonsense"}, "confirm": True},
                 {"filter": {"before": "yesterday"}}, {"memory_ids": ["x"], "filter": {}}):
        assert_error(await client.post("/v1/memories/batch-delete", json=body, headers=key(t)),
                     400, "validation_error")


async def test_delete_all_needs_the_confirm_header(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    await create(client, t, "fact one")
    await client.post("/v1/memories", headers=key(t), json={
        "messages": [{"role": "user", "content": "hello"}], "session_id": "s1"})
    await client.post("/v1/memories", headers=key(t), json={
        "messages": [{"role": "user", "content": "again"}], "session_id": "s2"})
    refused = await client.delete("/v1/memories/all", headers=key(t))
    assert "X-Confirm" in assert_error(refused, 400, "validation_error")
    assert_error(await client.delete("/v1/memories/all", headers={**key(t), "X-Confirm": "yes"}),
                 400, "validation_error")
    assert (await client.get("/v1/memories", headers=key(t))).json()["total_count"] == 3
    done = await client.delete("/v1/memories/all", headers={**key(t), "X-Confirm": "delete-all"})
    assert done.status_code == 200 and done.json() == {"deleted": 3, "sessions_cleared": 2}
    assert (await client.get("/v1/memories", headers=key(t))).json()["total_count"] == 0


# -- list -----------------------------------------------------------------------


async def test_list_filters_sorts_and_pages(client: httpx.AsyncClient) -> None:
    t = await tenant(client)
    made = [await create(client, t, f"note {i}", tags=["editor", "theme"] if i % 2 else ["editor"]) for i in range(5)]
    page = (await client.get("/v1/memories?limit=2&offset=1", headers=key(t))).json()
    assert page["total_count"] == 5 and page["limit"] == 2 and page["offset"] == 1
    assert [m["id"] for m in page["memories"]] == [made[3]["id"], made[2]["id"]]
    both = (await client.get("/v1/memories?category=preferences&tags=editor,theme&limit=10", headers=key(t))).json()
    assert {m["id"] for m in both["memories"]} == {made[1]["id"], made[3]["id"]} and both["total_count"] == 2
    asc = (await client.get("/v1/memories?sort=created_at&order=asc", headers=key(t))).json()
    assert [m["id"] for m in asc["memories"]] == [m["id"] for m in made]
    await client.delete(f"/v1/memories/{made[0]['id']}", headers=key(t))
    assert (await client.get("/v1/memories", headers=key(t))).json()["total_count"] == 4
    gone = (await client.get("/v1/memories?state=deleted", headers=key(t))).json()
    assert [m["id"] for m in gone["memories"]] == [made[0]["id"]]
    pinned = (await client.get("/v1/memories?memory_type=pinned&state=active&sort=importance&order=desc&limit=50",
                               headers=key(t))).json()
    assert pinned["total_count"] == 4
    for bad in ("sort=color", "order=sideways", "category=misc", "tier=gold", "state=lost", "limit=0",
                "limit=1000000", "offset=-1", "memory_type=dream", "limit=abc"):
        assert_error(await client.get(f"/v1/memories?{bad}", headers=key(t)), 400, "validation_error")


# -- profile ----------------------------------------------------------------------


async def test_profile_splits_static_facts_from_dynamic_context(client: httpx.AsyncClient, runtime: Runtime) -> None:
    t = await tenant(client)
    account = Caller(account_id=t["id"])
    await runtime.memories.add(account, [
        NewMemory(content="Senior backend engineer at Stripe", category="profile", importance=0.9),
        NewMemory(content="Prefers Rust for backend services", category="preferences", importance=0.7),
        NewMemory(content="Recently switched from VS Code to Zed", category="events"),
    ])
    await client.post("/v1/memories", headers=key(t), json={"messages": [{"role": "user", "content": "hi there"}]})
    profile = (await client.get("/v1/profile", headers=key(t))).json()
    assert profile == {"static_facts": ["Senior backend engineer at Stripe", "Prefers Rust for backend services"],
                       "dynamic_context": ["Recently switched from VS Code to Zed"], "search_results": None}
    with_q = (await client.get("/v1/profile?q=programming+languages+Rust", headers=key(t))).json()
    top = with_q["search_results"][0]
    assert set(top) == {"score", "memory"} and set(top["memory"]) == {"id", "content", "category", "tags"}
    assert top["memory"]["content"] == "Prefers Rust for backend services"


async def test_health_is_public_and_documented(client: httpx.AsyncClient) -> None:
    resp = await client.get("/health")
    assert resp.status_code == 200 and resp.json()["status"] == "ok"
