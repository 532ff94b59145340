"""Memokit at /memokit/v1 over HTTP: every route and documented error, the document's curl examples, the quota."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from mcp_memory.app import build_app
from mcp_memory.caller import Caller
from mcp_memory.errors import NotFound, QuotaExceeded
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services.memories import NewMemory
from mcp_memory.services.quota import MonthlyQuota
from mcp_memory.services.similarity import score_for, similarity_of
from mcp_memory.stores.usage import UsageStore
from tests.conftest import MCP_MEMORY, ServerProcess, child_env, free_port, make_settings
from tests.test_mcp_transports import session

pytestmark = pytest.mark.anyio

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_8de1ac7102a08648.txt"
DOC_BASE = "https://api.memokit.dev/v1"
DOC_KEY = "mk_your_api_key"
DOC_ID = "mem_abc123def456"
BASE = "/memokit/v1"
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
ITEM_KEYS = {"id", "content", "userId", "agentId", "tags", "createdAt", "updatedAt"}


async def tenant(client: httpx.AsyncClient, name: str) -> dict[str, str]:
    resp = await client.post("/v1/tenants", json={"name": name})
    assert resp.status_code == 200, resp.text
    return resp.json()


def bearer(t: dict[str, str] | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {t['api_key']}"} if t else {}


async def create(client: httpx.AsyncClient, t: dict[str, str] | None = None, **body: Any) -> dict[str, Any]:
    body.setdefault("userId", "user_123")
    resp = await client.post(f"{BASE}/memories", json=body, headers=bearer(t))
    assert resp.status_code == 201, resp.text
    return resp.json()


def assert_error(resp: httpx.Response, status: int, code: str) -> str:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


async def listed(client: httpx.AsyncClient, t: dict[str, str] | None = None, query: str = "") -> dict[str, Any]:
    resp = await client.get(f"{BASE}/memories{query}", headers=bearer(t))
    assert resp.status_code == 200, resp.text
    return resp.json()


async def search(client: httpx.AsyncClient, t: dict[str, str] | None = None, **body: Any) -> list[dict[str, Any]]:
    resp = await client.post(f"{BASE}/memories/search", json=body, headers=bearer(t))
    assert resp.status_code == 200, resp.text
    assert set(resp.json()) == {"results"}
    return resp.json()["results"]



@pytest.fixture
async def quota_runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = make_settings(tmp_path / "data").model_copy(update={"monthly_memory_quota": 2})
    async with open_runtime(settings) as rt:
        yield rt


@pytest.fixture
async def quota_client(quota_runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(quota_runtime)),
                                 base_url="http://127.0.0.1:8765") as c:
        yield c


# -- create -------------------------------------------------------------------------


async def test_create_answers_the_documented_shape(client: httpx.AsyncClient) -> None:
    body = {"content": "用户提到他们偏好用 Python 做数据科学工作", "userId": "user_123", "agentId": "agent_456",
            "tags": ["偏好", "编程"], "metadata": {"source": "chat", "sessionId": "sess_789"}}
    resp = await client.post(f"{BASE}/memories", json=body)
    assert resp.status_code == 201, resp.text
    mem = resp.json()
    assert set(mem) == {"id", "content", "userId", "agentId", "tags", "metadata", "createdAt", "updatedAt"}
    assert {k: mem[k] for k in body} == body
    assert TIME.match(mem["createdAt"]) and TIME.match(mem["updatedAt"])
    assert (await client.get(f"{BASE}/memories/{mem['id']}")).json() == mem


async def test_optional_fields_agent_id_is_omitted_and_metadata_is_empty(client: httpx.AsyncClient) -> None:
    mem = await create(client, content="The user's dog is called Rex")
    assert "agentId" not in mem and mem["tags"] == [] and mem["metadata"] == {}


async def test_create_errors(client: httpx.AsyncClient) -> None:
    for body in ({"content": "no user"}, {"content": "null user", "userId": None},
                 {"content": "empty user", "userId": ""}, {"content": "blank user", "userId": "   "},
                 {"content": "numeric user", "userId": 123}, {"content": "control chars", "userId": "a\x00b"},
                 {"content": "too long", "userId": "u" * 201}):
        assert_error(await client.post(f"{BASE}/memories", json=body), 400, "INVALID_USER_ID")
    for body in ({"userId": "u"}, {"content": "", "userId": "u"}, {"content": "   ", "userId": "u"},
                 {"content": 5, "userId": "u"}, {"content": "x", "userId": "u", "tags": 7},
                 {"content": "x", "userId": "u", "metadata": "not an object"}):
        assert_error(await client.post(f"{BASE}/memories", json=body), 400, "VALIDATION_ERROR")
    assert_error(await client.post(f"{BASE}/memories", content=b"{not json",
                                   headers={"Content-Type": "application/json"}), 400, "VALIDATION_ERROR")
    assert_error(await client.post(f"{BASE}/memories", json=["a list"]), 400, "VALIDATION_ERROR")
    assert (await listed(client))["pagination"]["total"] == 0


async def test_content_of_10000_characters_is_accepted_and_10001_refused(client: httpx.AsyncClient) -> None:
    exact = await create(client, content="长" * 10_000)
    assert len(exact["content"]) == 10_000
    message = assert_error(await client.post(f"{BASE}/memories", json={"content": "长" * 10_001, "userId": "u"}),
                           400, "CONTENT_TOO_LONG")
    assert "10000" in message
    assert (await listed(client))["pagination"]["total"] == 1


async def test_messages_and_other_omem_fields_are_not_forwarded(client: httpx.AsyncClient) -> None:
    mem = await create(client, content="plain", messages=[{"role": "user", "content": "ignored"}], mode="raw")
    assert mem["content"] == "plain" and (await listed(client))["pagination"]["total"] == 1


# -- get and delete -----------------------------------------------------------------


async def test_get_unknown_id_is_memory_not_found(client: httpx.AsyncClient) -> None:
    message = assert_error(await client.get(f"{BASE}/memories/{DOC_ID}"), 404, "MEMORY_NOT_FOUND")
    assert DOC_ID in message
    assert_error(await client.delete(f"{BASE}/memories/{DOC_ID}"), 404, "MEMORY_NOT_FOUND")


async def test_delete_is_permanent(client: httpx.AsyncClient, runtime: Runtime) -> None:
    secret = "The vault code is 7405 and lives behind the painting"
    mem = await create(client, content=secret, tags=["vault"])
    keep = await create(client, content="The vault is in the study")
    resp = await client.delete(f"{BASE}/memories/{mem['id']}")
    assert resp.status_code == 200 and resp.json() == {"success": True, "id": mem["id"]}

    assert_error(await client.get(f"{BASE}/memories/{mem['id']}"), 404, "MEMORY_NOT_FOUND")
    assert_error(await client.delete(f"{BASE}/memories/{mem['id']}"), 404, "MEMORY_NOT_FOUND")
    assert (await client.get(f"/v1/memories/{mem['id']}")).status_code == 404  # not even a soft-deleted row
    assert (await client.get("/v1/memories?state=deleted")).json()["total_count"] == 0
    assert await runtime.ledger.get("local", mem["id"]) is None
    assert [r["id"] for r in await search(client, query="vault code painting", threshold=0)] == [keep["id"]]
    assert mem["id"] not in [i for i, _ in await runtime.ledger.lexical_search("local", None, "7405 painting", 10)]
    collection = runtime.indexer.collection_for("local", "personal/local", "user_123")
    [vector] = await runtime.embedder.embed([secret])
    assert mem["id"] not in [i for i, _ in await runtime.vectors.query(collection, vector, 10)]
    assert keep["id"] in [i for i, _ in await runtime.vectors.query(collection, vector, 10)]
    assert await runtime.ledger.pending() == []


async def test_delete_of_a_soft_deleted_memory_erases_it(client: httpx.AsyncClient, runtime: Runtime) -> None:
    mem = await create(client, content="soft first")
    assert (await client.delete(f"/v1/memories/{mem['id']}")).status_code == 200  # omem: soft delete
    assert_error(await client.get(f"{BASE}/memories/{mem['id']}"), 404, "MEMORY_NOT_FOUND")
    assert (await client.delete(f"{BASE}/memories/{mem['id']}")).json() == {"success": True, "id": mem["id"]}
    assert await runtime.ledger.get("local", mem["id"]) is None


# -- list -----------------------------------------------------------------------------


async def test_list_pages_and_filters(client: httpx.AsyncClient) -> None:
    made = [await create(client, content=f"note number {i}", tags=["a", "b"] if i % 2 else ["a"],
                         agentId="agent_456" if i < 2 else None) for i in range(5)]
    await create(client, content="another user's note", userId="user_999", tags=["a", "b"])

    first = await listed(client, query="?userId=user_123&limit=2")
    assert first["pagination"] == {"page": 1, "limit": 2, "total": 5, "totalPages": 3}
    assert all(set(item) <= ITEM_KEYS and TIME.match(item["createdAt"]) for item in first["items"])
    pages = [first] + [await listed(client, query=f"?userId=user_123&limit=2&page={p}") for p in (2, 3)]
    ids = [item["id"] for page in pages for item in page["items"]]
    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert sorted(ids) == sorted(m["id"] for m in made) and ids[0] == made[-1]["id"]  # newest first
    beyond = await listed(client, query="?userId=user_123&limit=2&page=4")
    assert beyond["items"] == [] and beyond["pagination"]["page"] == 4

    default = await listed(client)
    assert default["pagination"] == {"page": 1, "limit": 20, "total": 6, "totalPages": 1}
    assert {i["content"] for i in (await listed(client, query="?tags=a,b"))["items"]} == {
        "note number 1", "note number 3", "another user's note"}
    assert (await listed(client, query="?tags=a,b&userId=user_123"))["pagination"]["total"] == 2
    assert (await listed(client, query="?tags=a"))["pagination"]["total"] == 6
    assert (await listed(client, query="?tags=b,zzz"))["pagination"]["total"] == 0
    by_agent = await listed(client, query="?agentId=agent_456")
    assert {i["content"] for i in by_agent["items"]} == {"note number 0", "note number 1"}
    assert all(i["agentId"] == "agent_456" for i in by_agent["items"])
    assert (await listed(client, query="?userId=nobody"))["pagination"] == {
        "page": 1, "limit": 20, "total": 0, "totalPages": 0}


async def test_list_errors(client: httpx.AsyncClient) -> None:
    for query in ("?limit=101", "?limit=0", "?limit=abc", "?page=0", "?page=-1", "?page=x"):
        assert_error(await client.get(f"{BASE}/memories{query}"), 400, "VALIDATION_ERROR")
    assert_error(await client.get(f"{BASE}/memories?userId="), 400, "INVALID_USER_ID")
    assert (await listed(client, query="?limit=100"))["pagination"]["limit"] == 100


# -- search ---------------------------------------------------------------------------


async def test_search_shape_filters_and_limits(client: httpx.AsyncClient) -> None:
    py = await create(client, content="User prefers Python for data science", agentId="agent_456",
                      tags=["偏好", "编程"])
    js = await create(client, content="User uses JavaScript for web development", tags=["编程"])
    await create(client, content="User prefers Python for scripting", userId="user_999", tags=["编程"])

    results = await search(client, query="Python data science", userId="user_123")
    assert results and results[0]["id"] == py["id"]
    top = results[0]
    assert list(top) == ["id", "content", "score", "userId", "agentId", "tags", "createdAt"]
    assert 0.5 <= top["score"] <= 1 and top["agentId"] == "agent_456" and top["createdAt"] == py["createdAt"]
    assert all(r["userId"] == "user_123" for r in results)

    everyone = await search(client, query="Python", threshold=0)
    assert {r["userId"] for r in everyone} == {"user_123", "user_999"}
    tagged = await search(client, query="User development Python JavaScript", tags=["编程"], threshold=0)
    assert {r["id"] for r in tagged} >= {py["id"], js["id"]}
    both = await search(client, query="User development Python JavaScript", tags=["编程", "偏好"], threshold=0)
    assert [r["id"] for r in both] == [py["id"]]
    by_agent = await search(client, query="User development Python JavaScript", agentId="agent_456", threshold=0)
    assert [r["id"] for r in by_agent] == [py["id"]]
    without_agent = next(r for r in tagged if r["id"] == js["id"])
    assert "agentId" not in without_agent
    assert len(await search(client, query="User", threshold=0, limit=1)) == 1
    assert all(r["score"] >= 0.9 for r in await search(client, query="Python data science", threshold=0.9))


async def test_search_errors(client: httpx.AsyncClient) -> None:
    for body in ({}, {"query": ""}, {"query": "   "}, {"query": "x", "limit": 101}, {"query": "x", "limit": 0},
                 {"query": "x", "threshold": 1.5}, {"query": "x", "threshold": -0.1}, {"query": "x", "tags": 3}):
        assert_error(await client.post(f"{BASE}/memories/search", json=body), 400, "VALIDATION_ERROR")
    assert_error(await client.post(f"{BASE}/memories/search", json={"query": "x", "userId": ""}),
                 400, "INVALID_USER_ID")
    assert await search(client, query="x", limit=100, threshold=None) == []


def test_the_similarity_scale_puts_the_pipelines_bar_at_one_half() -> None:
    bar = 0.3
    assert similarity_of(bar, bar) == 0.5 and similarity_of(0, bar) == 0 and similarity_of(1, bar) == 1
    assert score_for(0.5, bar) == pytest.approx(bar)
    for t in (0.0, 0.2, 0.5, 0.6, 0.87, 1.0):
        assert similarity_of(score_for(t, bar), bar) == pytest.approx(t, abs=1e-6)
    assert similarity_of(0.2, bar) < similarity_of(0.4, bar) < similarity_of(0.9, bar)


# -- identity: keys, unauthorized, rate limit ------------------------------------------------------------


async def test_unauthorized_and_rate_limited(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data").model_copy(update={"auth": "required", "rate_limit_per_minute": 3})
    async with open_runtime(settings) as rt:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)),
                                     base_url="http://127.0.0.1:8765") as c:
            for method, path in (("POST", "/memories"), ("POST", "/memories/search"), ("GET", "/memories"),
                                 ("GET", f"/memories/{DOC_ID}"), ("DELETE", f"/memories/{DOC_ID}")):
                body = {"content": "x", "userId": "u", "query": "x"} if method == "POST" else None
                assert_error(await c.request(method, BASE + path, json=body), 401, "UNAUTHORIZED")
                assert_error(await c.request(method, BASE + path, json=body,
                                             headers={"Authorization": "Bearer mk_your_api_key"}),
                             401, "UNAUTHORIZED")
            t = await tenant(c, "limited")
            for _ in range(3):
                assert (await c.get(f"{BASE}/memories", headers=bearer(t))).status_code == 200
            limited = await c.get(f"{BASE}/memories", headers=bearer(t))
            assert_error(limited, 429, "RATE_LIMITED")
            assert int(limited.headers["Retry-After"]) >= 1


# -- tenant isolation -------------------------------------------------------------------------------------


async def test_tenant_b_cannot_touch_tenant_a_on_any_memokit_route(client: httpx.AsyncClient,
                                                                     runtime: Runtime) -> None:
    a, b = await tenant(client, "a"), await tenant(client, "b")
    mem = await create(client, a, content="Tenant A's launch date is 3 March", tags=["launch"], agentId="ag")
    before = (await client.get(f"{BASE}/memories/{mem['id']}", headers=bearer(a))).json()

    assert_error(await client.get(f"{BASE}/memories/{mem['id']}", headers=bearer(b)), 404, "MEMORY_NOT_FOUND")
    assert_error(await client.delete(f"{BASE}/memories/{mem['id']}", headers=bearer(b)), 404, "MEMORY_NOT_FOUND")
    for query in ("", "?userId=user_123", "?tags=launch", "?agentId=ag"):
        assert (await listed(client, b, query))["pagination"]["total"] == 0
    for body in ({}, {"userId": "user_123"}, {"tags": ["launch"]}, {"agentId": "ag"}):
        assert await search(client, b, query="launch date 3 March", threshold=0, **body) == []
    assert await search(client, None, query="launch date 3 March", threshold=0) == []  # the local tenant
    b_mem = await create(client, b, content="Tenant B's launch note", tags=["launch"])
    assert_error(await client.get(f"{BASE}/memories/{b_mem['id']}", headers=bearer(a)), 404, "MEMORY_NOT_FOUND")
    assert [r["id"] for r in await search(client, a, query="launch", threshold=0)] == [mem["id"]]

    assert (await client.get(f"{BASE}/memories/{mem['id']}", headers=bearer(a))).json() == before
    assert (await listed(client, a))["pagination"]["total"] == 1
    assert await runtime.ledger.get(a["id"], mem["id"]) is not None


async def test_a_user_bound_caller_cannot_name_another_user(client: httpx.AsyncClient) -> None:
    mine = {"X-User-Id": "alice"}
    resp = await client.post(f"{BASE}/memories", json={"content": "alice's", "userId": "alice"}, headers=mine)
    assert resp.status_code == 201
    for method, path, body in (("POST", "/memories", {"content": "as bob", "userId": "bob"}),
                               ("POST", "/memories/search", {"query": "alice", "userId": "bob"}),
                               ("GET", "/memories?userId=bob", None)):
        assert_error(await client.request(method, BASE + path, json=body, headers=mine), 400, "INVALID_USER_ID")
    assert (await listed(client))["pagination"]["total"] == 1


# -- quota ----------------------------------------------------------------------------------------------


async def test_quota_exceeded_stores_nothing_on_every_create_path(quota_client: httpx.AsyncClient,
                                                                   quota_runtime: Runtime) -> None:
    c = quota_client
    t = await tenant(c, "small")
    await create(c, t, content="first")
    await create(c, t, content="second")
    refused = await c.post(f"{BASE}/memories", json={"content": "third", "userId": "user_123"}, headers=bearer(t))
    assert "2 of 2" in assert_error(refused, 429, "QUOTA_EXCEEDED")
    assert 1 <= int(refused.headers["Retry-After"]) <= 31 * 86400
    omem = await c.post("/v1/memories", json={"content": "third via omem"}, headers=bearer(t))
    assert omem.status_code == 429 and omem.json()["error"]["code"] == "quota_exceeded"
    raw = await c.post("/v1/memories", headers=bearer(t), json={
        "messages": [{"role": "user", "content": "a chat turn"}], "mode": "raw"})
    assert raw.status_code == 429
    shim = await c.post("/tools/add_memories", json={"text": "via the tool", "infer": False}, headers=bearer(t))
    assert shim.status_code == 429 and shim.json()["error"]["code"] == "quota_exceeded"
    openmemory = await c.post("/api/v1/memories/", headers=bearer(t),
                              json={"user_id": "user_123", "text": "via OpenMemory", "infer": False})
    assert openmemory.status_code == 429 and "quota" in openmemory.json()["detail"]
    assert int(openmemory.headers["Retry-After"]) >= 1

    new_user = await c.post(f"{BASE}/memories", json={"content": "x", "userId": "newcomer"}, headers=bearer(t))
    assert_error(new_user, 429, "QUOTA_EXCEEDED")
    assert await quota_runtime.ledger.user_ids(t["id"]) == ["user_123"]  # not even the user row
    assert (await listed(c, t))["pagination"]["total"] == 2
    assert (await c.get("/v1/memories?state=deleted", headers=bearer(t))).json()["total_count"] == 0
    assert await quota_runtime.memories.quota.used(t["id"]) == 2
    assert {r["content"] for r in await search(c, t, query="third via omem tool chat", threshold=0)} == {
        "first", "second"}

    # a permanent delete does not give the quota back; another tenant has its own
    first = (await listed(c, t))["items"][0]
    assert (await c.delete(f"{BASE}/memories/{first['id']}", headers=bearer(t))).status_code == 200
    assert_error(await c.post(f"{BASE}/memories", json={"content": "again", "userId": "u"}, headers=bearer(t)),
                 429, "QUOTA_EXCEEDED")
    other = await tenant(c, "other")
    await create(c, other, content="their first")


async def test_quota_counts_per_calendar_month_and_per_account_overrides(runtime: Runtime) -> None:
    now = datetime(2026, 11, 30, 23, 59, 0, tzinfo=timezone.utc)
    quota = MonthlyQuota(UsageStore(runtime.ledger.engine), limit=2, overrides={"big": 3}, clock=lambda: now)
    assert await quota.reserve("acme", 2) == "2026-11"
    with pytest.raises(QuotaExceeded) as refused:
        await quota.reserve("acme", 1)
    assert refused.value.retry_after == 60 and refused.value.status == 429
    with pytest.raises(QuotaExceeded):
        await quota.reserve("fresh", 3)  # a batch larger than the quota takes nothing
    assert await quota.used("fresh") == 0
    for _ in range(3):
        await quota.reserve("big", 1)
    with pytest.raises(QuotaExceeded):
        await quota.reserve("big", 1)
    await quota.release("acme", "2026-11", 1)
    await quota.reserve("acme", 1)
    now = datetime(2026, 12, 1, 0, 0, 1, tzinfo=timezone.utc)
    assert await quota.used("acme") == 0
    await quota.reserve("acme", 2)
    assert await quota.used("acme") == 2


async def test_no_quota_still_counts_and_never_refuses(client: httpx.AsyncClient, runtime: Runtime) -> None:
    for i in range(3):
        await create(client, content=f"unlimited {i}")
    assert runtime.memories.quota.limit_for("local") is None
    assert await runtime.memories.quota.used("local") == 3


async def test_a_failed_create_gives_its_quota_back(quota_runtime: Runtime, quota_client: httpx.AsyncClient) -> None:
    class Broken:
        async def embed(self, texts: list[str]) -> list[list[float]]:
            raise RuntimeError("embedder down")

    real = quota_runtime.indexer.embedder
    quota_runtime.indexer.embedder = Broken()  # type: ignore[assignment]
    try:
        failed = await quota_client.post(f"{BASE}/memories", json={"content": "x", "userId": "u"})
        assert failed.status_code == 500 and failed.json()["error"]["code"] == "INTERNAL_ERROR"
    finally:
        quota_runtime.indexer.embedder = real
    assert await quota_runtime.memories.quota.used("local") == 0
    await create(quota_client, content="one")
    await create(quota_client, content="two")


# -- against a real server: the document's curl examples, the bundled embedder, MCP under a quota -----------


def doc_examples() -> list[str]:
    """The document's curl commands, in order: create, search, list, get, delete."""
    commands, current = [], []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if re.match(r"^curl\s", line) or current:
            current.append(line)
            open_quote = "\n".join(current).count("'") % 2 == 1
            if not line.rstrip().endswith("\\") and not open_quote:
                commands.append("\n".join(current))
                current = []
    return commands


def run_curl(command: str) -> tuple[int, Any]:
    done = subprocess.run(["bash", "-c", command.replace("curl ", "curl -s -w '\\n%{http_code}' ", 1)],
                          capture_output=True, text=True, timeout=60)
    body, _, status = done.stdout.rpartition("\n")
    assert status.isdigit(), done.stderr
    return int(status), json.loads(body)


@pytest.mark.skipif(not SEED.exists(), reason="the Memokit document is not beside the repo")
def test_every_documented_curl_example_works(live_server: ServerProcess) -> None:
    examples = doc_examples()
    assert [re.search(r"-X (\w+)", e).group(1) for e in examples] == ["POST", "POST", "GET", "GET", "DELETE"]
    t = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "memokit-doc"}).json()

    def runnable(command: str, memory_id: str = DOC_ID) -> str:
        assert DOC_BASE in command and DOC_KEY in command
        return (command.replace(DOC_BASE, f"{live_server.url}/memokit/v1").replace(DOC_KEY, t["api_key"])
                .replace(DOC_ID, memory_id))

    status, created = run_curl(runnable(examples[0]))
    assert status == 201, created
    assert {k: created[k] for k in ("content", "userId", "agentId", "tags", "metadata")} == {
        "content": "用户提到他们偏好用 Python 做数据科学工作", "userId": "user_123", "agentId": "agent_456",
        "tags": ["偏好", "编程"], "metadata": {"source": "chat", "sessionId": "sess_789"}}

    status, found = run_curl(runnable(examples[1]))  # 用户偏好什么编程语言? with threshold 0.6
    assert status == 200 and [r["id"] for r in found["results"]] == [created["id"]], found
    assert 0.6 <= found["results"][0]["score"] <= 1

    status, page = run_curl(runnable(examples[2]))
    assert status == 200 and [i["id"] for i in page["items"]] == [created["id"]]
    assert page["pagination"] == {"page": 1, "limit": 10, "total": 1, "totalPages": 1}

    status, got = run_curl(runnable(examples[3], created["id"]))
    assert status == 200 and got == created

    status, deleted = run_curl(runnable(examples[4], created["id"]))
    assert status == 200 and deleted == {"success": True, "id": created["id"]}
    status, gone = run_curl(runnable(examples[3], created["id"]))
    assert status == 404 and gone["error"]["code"] == "MEMORY_NOT_FOUND"


def test_default_threshold_keeps_plainly_relevant_memories_with_the_bundled_embedder(
        live_server: ServerProcess) -> None:
    t = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "memokit-threshold"}).json()
    url, headers = f"{live_server.url}/memokit/v1/memories", bearer(t)
    facts = ["The user prefers Python for data science work", "The user's dog is called Rex",
             "Works as a nurse at the city hospital", "Lives in Berlin since 2019", "Allergic to peanuts",
             "Meeting with Alice on Tuesday about the budget"]
    ids = {f: httpx.post(url, json={"content": f, "userId": "u1"}, headers=headers).json()["id"] for f in facts}
    for query, expected in (("Which programming language does the user like?", facts[0]),
                            ("Does the user have pets?", facts[1]),
                            ("What does the user do for a living?", facts[2]),
                            ("where does the user live", facts[3]),
                            ("food allergies", facts[4])):
        results = httpx.post(f"{url}/search", json={"query": query, "userId": "u1"}, headers=headers).json()["results"]
        assert results and results[0]["id"] == ids[expected], (query, results)
        assert all(0.5 <= r["score"] <= 1 for r in results)
    strict = httpx.post(f"{url}/search", json={"query": "Does the user have pets?", "threshold": 0.95},
                        headers=headers).json()["results"]
    assert strict == []


@pytest.fixture
def quota_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A real server whose accounts may create one memory a month (set through the environment)."""
    data_dir, port = tmp_path / "data", free_port()
    data_dir.mkdir()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*MCP_MEMORY, "serve", "--data-dir", str(data_dir), "--port", str(port), "--embedder", "hashing"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=child_env(MCP_MEMORY_MONTHLY_MEMORY_QUOTA="1"),
        )
    server = ServerProcess(process, f"http://127.0.0.1:{port}", data_dir, log)
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        try:
            if httpx.get(f"{server.url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield server
    server.stop()


async def test_mcp_create_paths_respect_the_quota(quota_server: ServerProcess) -> None:
    async with session(f"{quota_server.url}/mcp", "http", headers={"X-User-Id": "alice"}) as s:
        first = await s.call_tool("create_memory", {"content": "the one allowed memory"})
        assert not first.is_error, first.content
        for tool, args in (("create_memory", {"content": "one too many"}),
                           ("add_memories", {"text": "Remember that I like tea", "infer": False})):
            refused = await s.call_tool(tool, args)
            assert refused.is_error and "quota" in refused.content[0].text, refused.content
    listed_ = httpx.get(f"{quota_server.url}/memokit/v1/memories").json()
    assert [i["content"] for i in listed_["items"]] == ["the one allowed memory"]
    refused_http = httpx.post(f"{quota_server.url}/memokit/v1/memories", json={"content": "x", "userId": "u"})
    assert refused_http.status_code == 429 and refused_http.json()["error"]["code"] == "QUOTA_EXCEEDED"


def test_the_curl_walkthrough_runs(live_server: ServerProcess) -> None:
    script = Path(__file__).resolve().parents[1] / "clients" / "curl_memokit.sh"
    done = subprocess.run(["bash", str(script), live_server.url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "every step answered as expected" in done.stdout
    for code in ("INVALID_USER_ID", "CONTENT_TOO_LONG", "VALIDATION_ERROR", "UNAUTHORIZED", "MEMORY_NOT_FOUND"):
        assert code in done.stdout


# -- the services directly ----------------------------------------------------------------------------------


async def test_search_results_never_score_below_the_minimum_asked_for(runtime: Runtime) -> None:
    caller = Caller(account_id="local", user_id="u")
    long = "The user keeps bees in the garden. " + " ".join(f"filler{i}" for i in range(1500))
    await runtime.memories.add(caller, [NewMemory(content=long), NewMemory(content="The user keeps bees")])
    # The pipeline's later stages (length, decay, importance) move scores after the min-score filter; the
    # hard cutoff holds the caller's floor for what comes back.
    floors = [f / 100 for f in range(40, 90)]
    outcomes = [await runtime.memories.search(caller, "bees garden", limit=10, min_score=f) for f in floors]
    for floor, outcome in zip(floors, outcomes):
        assert all(r.score >= floor for r in outcome.results), floor
    cut = [next(st for st in o.stages if st.name == "hard_cutoff") for o in outcomes]
    assert any(st.output_count < st.input_count for st in cut)  # some floor was crossed by the later stages


async def test_search_narrowed_by_agent_and_tags_still_fills_the_limit(runtime: Runtime) -> None:
    caller = Caller(account_id="local", user_id="u")
    await runtime.memories.add(caller, [NewMemory(content=f"garden note {i} about bees", tags=["x"])
                                        for i in range(30)])
    wanted = await runtime.memories.add(replace(caller, agent_id="beekeeper"), [
        NewMemory(content=f"garden note {i} about hives", tags=["x", "y"]) for i in range(3)])
    found = await runtime.memories.search(caller, "garden note bees", limit=3, agent_id="beekeeper", tags=["y"])
    assert {r.memory.id for r in found.results} == {m.id for m in wanted}
    await runtime.access.flush()
    counted = await runtime.ledger.get_many("local", [m.id for m in wanted])
    assert all(m.access_count == 1 for m in counted.values())


async def test_purge_leaves_nothing_in_the_ledger_the_lexical_index_or_chroma(runtime: Runtime) -> None:
    caller = Caller(account_id="local", user_id="u")
    [gone, kept] = await runtime.memories.add(caller, [NewMemory(content="zebra crossing secret"),
                                                       NewMemory(content="zebra stripes")])
    await runtime.memories.purge(caller, gone.id)
    assert await runtime.ledger.get("local", gone.id) is None
    assert [i for i, _ in await runtime.ledger.lexical_search("local", "u", "zebra secret", 10)] == [kept.id]
    [vector] = await runtime.embedder.embed(["zebra crossing secret"])
    collection = runtime.indexer.collection_for("local", gone.space_id, "u")
    assert [i for i, _ in await runtime.vectors.query(collection, vector, 10)] == [kept.id]
    with pytest.raises(NotFound):
        await runtime.memories.purge(caller, gone.id)
    with pytest.raises(NotFound):  # another user of the same account, bound to itself
        await runtime.memories.purge(Caller(account_id="local", user_id="v"), kept.id)
    assert await runtime.ledger.get("local", kept.id) is not None


async def test_concurrent_creates_never_pass_the_quota(quota_client: httpx.AsyncClient,
                                                       quota_runtime: Runtime) -> None:
    statuses: list[int] = []

    async def one(i: int) -> None:
        resp = await quota_client.post(f"{BASE}/memories", json={"content": f"racing {i}", "userId": "u"})
        statuses.append(resp.status_code)

    async with anyio.create_task_group() as tg:
        for i in range(8):
            tg.start_soon(one, i)
    assert sorted(statuses) == [201, 201] + [429] * 6
    assert (await listed(quota_client))["pagination"]["total"] == 2
    assert await quota_runtime.memories.quota.used("local") == 2
