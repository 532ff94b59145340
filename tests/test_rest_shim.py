"""The REST shim over HTTP (httpx ASGI transport against the real app)."""

from __future__ import annotations

import httpx
import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.anyio

ALICE = {"X-User-Id": "alice"}
BOB = {"X-User-Id": "bob"}


async def add(client: httpx.AsyncClient, text: str, headers: dict[str, str] = ALICE) -> str:
    resp = await client.post("/tools/add_memories", json={"text": text}, headers=headers)
    assert resp.status_code == 200, resp.text
    return resp.json()["results"][0]["id"]


async def test_every_tool_is_listed_with_schemas(client: httpx.AsyncClient) -> None:
    tools = {t["name"]: t for t in (await client.get("/tools")).json()["tools"]}
    assert {"add_memories", "search_memory", "list_memories", "delete_all_memories", "get_memory",
            "update_memory", "delete_memories"} <= tools.keys()
    assert tools["search_memory"]["inputSchema"]["required"] == ["query"]
    assert tools["delete_all_memories"]["annotations"]["destructiveHint"] is True


async def test_every_tool_is_callable(client: httpx.AsyncClient) -> None:
    memory_id = await add(client, "Alice likes sailing on weekends")
    found = (await client.post("/tools/search_memory", json={"query": "sailing"}, headers=ALICE)).json()
    assert found["results"][0]["memory"]["id"] == memory_id and 0 < found["results"][0]["score"] <= 1
    listed = (await client.post("/tools/list_memories", json={}, headers=ALICE)).json()
    assert listed["total_count"] == 1 and listed["memories"][0]["content"] == "Alice likes sailing on weekends"
    got = (await client.post("/tools/get_memory", json={"memory_id": memory_id}, headers=ALICE)).json()
    assert got["content"] == "Alice likes sailing on weekends" and got["user_id"] == "alice"
    updated = await client.post("/tools/update_memory", json={"memory_id": memory_id, "content": "Alice sails"},
                                headers=ALICE)
    assert updated.status_code == 200 and updated.json()["content"] == "Alice sails"
    second = await add(client, "Alice has a cat")
    deleted = (await client.post("/tools/delete_memories", json={"memory_ids": [second]}, headers=ALICE)).json()
    assert deleted["deleted"] == 1
    cleared = (await client.post("/tools/delete_all_memories", headers=ALICE)).json()
    assert cleared["deleted"] == 1
    assert (await client.post("/tools/list_memories", json={}, headers=ALICE)).json()["total_count"] == 0


@pytest.mark.parametrize(
    ("tool", "body", "mentions"),
    [
        ("add_memories", {}, "text"),
        ("add_memories", {"text": ""}, "text"),
        ("add_memories", {"text": 5}, "text"),
        ("search_memory", {"query": "x", "limit": "many"}, "limit"),
        ("search_memory", {"query": "x", "limit": 100000}, "limit"),
        ("delete_memories", {"memory_ids": []}, "memory_ids"),
        ("update_memory", {"memory_id": "x", "content": ""}, "content"),
    ],
)
async def test_bad_input_is_a_readable_422(client: httpx.AsyncClient, tool: str, body: dict, mentions: str) -> None:
    resp = await client.post(f"/tools/{tool}", json=body, headers=ALICE)
    assert resp.status_code == 422
    error = resp.json()["error"]
    assert error["code"] == "validation_error" and mentions in error["message"]


async def test_malformed_bodies_are_422_and_change_nothing(client: httpx.AsyncClient) -> None:
    memory_id = await add(client, "stays untouched")
    for raw in (b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"):
        resp = await client.post("/tools/update_memory", content=raw, headers=ALICE)
        assert resp.status_code == 422, raw
        assert "traceback" not in resp.text.lower()
    huge = b'{"text": "' + b"a" * 2_000_000 + b'"}'
    resp = await client.post("/tools/add_memories", content=huge, headers=ALICE)
    assert resp.status_code == 422 and "larger than" in resp.json()["error"]["message"]
    got = (await client.post("/tools/get_memory", json={"memory_id": memory_id}, headers=ALICE)).json()
    assert got["content"] == "stays untouched"
    assert (await client.post("/tools/list_memories", json={}, headers=ALICE)).json()["total_count"] == 1


async def test_unknown_tool_and_unknown_route_are_404(client: httpx.AsyncClient) -> None:
    resp = await client.post("/tools/no_such_tool", json={})
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    assert (await client.get("/nowhere")).status_code == 404


async def test_bad_identity_header_is_rejected(client: httpx.AsyncClient) -> None:
    resp = await client.post("/tools/list_memories", json={}, headers={"X-User-Id": "x" * 500})
    assert resp.status_code == 422


async def test_users_are_isolated_on_every_tool(client: httpx.AsyncClient) -> None:
    memory_id = await add(client, "Alice's diary entry about Lisbon")
    calls = [
        ("get_memory", {"memory_id": memory_id}),
        ("update_memory", {"memory_id": memory_id, "content": "overwritten by bob"}),
    ]
    for tool, body in calls:
        resp = await client.post(f"/tools/{tool}", json=body, headers=BOB)
        assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    nil = "00000000-0000-0000-0000-000000000000"
    missing = await client.post("/tools/get_memory", json={"memory_id": nil}, headers=BOB)
    theirs = await client.post("/tools/get_memory", json={"memory_id": memory_id}, headers=BOB)
    assert missing.status_code == theirs.status_code == 404  # someone else's id looks exactly like no id
    assert missing.json()["error"]["message"] == f"not found: memory {nil}"
    assert theirs.json()["error"]["message"] == f"not found: memory {memory_id}"
    search = (await client.post("/tools/search_memory", json={"query": "Lisbon diary"}, headers=BOB)).json()
    assert search["results"] == []
    assert (await client.post("/tools/list_memories", json={}, headers=BOB)).json()["total_count"] == 0
    assert (await client.post("/tools/delete_memories", json={"memory_ids": [memory_id]}, headers=BOB)).json()[
        "deleted"] == 0
    assert (await client.post("/tools/delete_all_memories", headers=BOB)).json()["deleted"] == 0
    got = (await client.post("/tools/get_memory", json={"memory_id": memory_id}, headers=ALICE)).json()
    assert got["content"] == "Alice's diary entry about Lisbon" and got["state"] == "active"


async def test_openapi_is_valid_31_and_covers_every_tool(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/openapi.json")).json()
    validate(doc)
    assert doc["openapi"].startswith("3.1")
    tools = (await client.get("/tools")).json()["tools"]
    assert {f"/tools/{t['name']}" for t in tools} <= doc["paths"].keys()


async def test_docs_page_is_served_offline(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "search_memory" in page.text and "http" not in page.text.split("<body>")[0].replace("http-equiv", "")


async def test_health_names_the_embedder(client: httpx.AsyncClient) -> None:
    health = (await client.get("/health")).json()
    assert health["status"] == "ok" and health["embedder"]["model_id"].startswith("hashing")
