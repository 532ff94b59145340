"""Smart ingest: heuristic and LLM extraction, reconciliation, and tasks that survive provider failures."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mcp_memory.app import build_app
from mcp_memory.caller import Caller
from mcp_memory.config import LLMSettings, Settings
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services.extraction import categorise, heuristic_facts, sentences
from mcp_memory.services.memories import NewMemory
from tests.conftest import make_settings, serve, start_server

pytestmark = pytest.mark.anyio

ALICE = Caller(user_id="alice")


class Clock:
    """A clock the test moves by hand, so retry backoff needs no sleeping."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def quiet_runtime(settings: Settings) -> AsyncIterator[Runtime]:
    """A runtime whose background worker is off: the test runs due tasks itself."""
    async with open_runtime(settings, workers=False) as rt:
        yield rt


async def submit(rt: Runtime, *turns: tuple[str, str], session: str = "s1") -> str:
    task_id, stored = await rt.ingestor.submit(ALICE, list(turns), session_id=session)
    assert stored == len(turns)
    return task_id


async def facts(rt: Runtime) -> list[str]:
    items, _ = await rt.memories.list(ALICE, limit=100, memory_type="insight", order="asc")
    return [m.content for m in items]


# -- rules ---------------------------------------------------------------------------


def test_heuristic_extraction_keeps_user_statements_only() -> None:
    found = heuristic_facts([
        ("user", "Hi! I work as a nurse in Lyon. Do you know any good bakeries?"),
        ("assistant", "You should try Boulangerie Paul."),
        ("user", "I really love sourdough bread. Thanks!"),
    ], max_facts=10)
    assert [(f.content, f.category) for f in found] == [
        ("I work as a nurse in Lyon.", "profile"), ("I really love sourdough bread.", "preferences")]
    assert categorise("我每天早上喝咖啡")[0] == "patterns" and categorise("我喜欢吃西瓜")[0] == "preferences"


# -- without an LLM --------------------------------------------------------------------


async def test_smart_ingest_without_llm_distils_facts_and_archives_the_turns(quiet_runtime: Runtime) -> None:
    rt = quiet_runtime
    task_id = await submit(rt, ("user", "My favourite colour is blue. I have a dog called Rex."),
                           ("assistant", "Nice, Rex is a great name!"))
    assert (await rt.tasks.get("local", task_id))["status"] == "pending"
    assert await rt.ingestor.run_due() == 1
    task = await rt.tasks.get("local", task_id)
    assert task["status"] == "completed" and task["result"]["extraction"] == "heuristic"
    assert await facts(rt) == ["My favourite colour is blue.", "I have a dog called Rex."]
    raw, _ = await rt.memories.list(ALICE, memory_type="session", states=("archived",))
    assert len(raw) == 2  # kept for history, out of default search
    found = await rt.memories.search(ALICE, "dog Rex")
    assert [r.memory.memory_type for r in found.results][:1] == ["insight"]


async def test_the_same_fact_twice_is_stored_once(quiet_runtime: Runtime) -> None:
    rt = quiet_runtime
    for session in ("s1", "s2"):
        await submit(rt, ("user", "I am allergic to peanuts."), session=session)
        await rt.ingestor.run_due()
    assert await facts(rt) == ["I am allergic to peanuts."]
    [memory] = (await rt.memories.list(ALICE, memory_type="insight"))[0]
    assert memory.confidence > 0.6  # the repeat supports it


async def test_a_changed_preference_supersedes_the_old_one(quiet_runtime: Runtime) -> None:
    rt = quiet_runtime
    await submit(rt, ("user", "My favourite colour is blue."))
    await rt.ingestor.run_due()
    await submit(rt, ("user", "My favourite colour is green now."), session="s2")
    await rt.ingestor.run_due()
    items, _ = await rt.memories.list(ALICE, memory_type="insight", order="asc")
    old, new = items
    assert old.superseded_by == new.id and old.invalidated_at is not None
    assert new.relations[0].relation_type == "supersedes" and new.relations[0].target_id == old.id
    found = await rt.memories.search(ALICE, "favourite colour")
    assert [r.memory.content for r in found.results] == ["My favourite colour is green now."]
    assert (await rt.memories.get(ALICE, old.id)).content == "My favourite colour is blue."  # history kept
    static, _ = await rt.memories.profile(ALICE)
    assert [m.content for m in static] == ["My favourite colour is green now."]


async def test_mcp_add_memories_reports_what_happened(client: httpx.AsyncClient) -> None:
    headers = {"X-User-Id": "bob"}
    first = (await client.post("/tools/add_memories", json={"text": "I live in Porto."}, headers=headers)).json()
    again = (await client.post("/tools/add_memories", json={"text": "I live in Porto."}, headers=headers)).json()
    short = (await client.post("/tools/add_memories", json={"text": "Prefers tea"}, headers=headers)).json()
    assert first["extraction"] == "heuristic" and [r["event"] for r in first["results"]] == ["ADD"]
    assert [r["event"] for r in again["results"]] == ["NONE"] and again["results"][0]["id"] == first["results"][0]["id"]
    assert (again["results"][0]["outcome"], again["results"][0]["target_id"]) == ("skip", first["results"][0]["id"])
    assert [r["memory"] for r in short["results"]] == ["Prefers tea"]  # stored as said when rules find nothing
    listed = (await client.post("/tools/list_memories", json={}, headers=headers)).json()
    assert listed["total_count"] == 2


async def test_mcp_clients_see_each_outcome_of_add_memories(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data", embedder="hashing")
    try:
        client = httpx2.AsyncClient(headers={"X-User-Id": "carol"})
        async with streamable_http_client(f"{server.url}/mcp", http_client=client) as streams, \
                ClientSession(streams[0], streams[1]) as s:
            await s.initialize()

            async def add(text: str) -> dict[str, Any]:
                result = await s.call_tool("add_memories", {"text": text})
                assert not result.is_error, result.content
                [item] = result.structured_content["results"]
                return item

            first = await add("I like horror movies.")
            negated = await add("I don't like horror movies.")
            repeat = await add("I like horror movies.")
        assert (first["event"], first["outcome"]) == ("ADD", "create")
        assert (negated["event"], negated["outcome"], negated["target_id"]) == ("ADD", "contradict", first["id"])
        assert (repeat["event"], repeat["outcome"], repeat["id"]) == ("NONE", "skip", first["id"])
    finally:
        server.stop()


# -- with an LLM behind a fake OpenAI-compatible server ---------------------------------------------


def fake_llm(script: list[Any]) -> tuple[Starlette, list[dict]]:
    """Answers each chat completion with the next scripted item: a dict of facts, an HTTP status, or raw text."""
    calls: list[dict] = []

    async def completions(request: Request) -> JSONResponse:
        calls.append(await request.json())
        item = script.pop(0) if len(script) > 1 else script[0]
        if isinstance(item, int):
            return JSONResponse({"error": {"message": "slow down", "type": "rate_limit"}}, status_code=item)
        content = item if isinstance(item, str) else json.dumps(item)
        return JSONResponse({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])]), calls


FACTS = {"facts": [
    {"content": "Alice works as a nurse in Lyon", "category": "profile", "tags": ["work"], "importance": 0.9,
     "confidence": 0.95, "l0_abstract": "Nurse in Lyon", "l1_overview": "Alice is a nurse.", "l2_content": "x"},
    {"content": "Alice loves sourdough bread", "category": "preferences", "importance": 0.6},
]}


def llm_settings(tmp_path: Path, base: str) -> Settings:
    llm = LLMSettings(model="openai/fake-model", api_base=f"{base}/v1", api_key="sk-test", max_attempts=3,
                      retry_base_seconds=10, timeout_seconds=5)
    return make_settings(tmp_path / "data").model_copy(update={"llm": llm})


async def test_llm_extraction_stores_categorised_facts(tmp_path: Path) -> None:
    app, calls = fake_llm([FACTS])
    async with serve(app) as base, open_runtime(llm_settings(tmp_path, base), workers=False) as rt:
        task_id = await submit(rt, ("user", "I'm a nurse in Lyon and I adore sourdough."))
        await rt.ingestor.run_due()
        task = await rt.tasks.get("local", task_id)
        assert task["status"] == "completed" and task["result"]["extraction"] == "llm"
        items, _ = await rt.memories.list(ALICE, memory_type="insight", order="asc")
        assert [(m.content, m.category) for m in items] == [
            ("Alice works as a nurse in Lyon", "profile"), ("Alice loves sourdough bread", "preferences")]
        assert items[0].l0_abstract == "Nurse in Lyon" and items[0].importance == 0.9
        assert calls[0]["response_format"]["type"] == "json_schema"
        assert "nurse in Lyon" in calls[0]["messages"][1]["content"]


async def test_provider_failures_retry_with_backoff_then_fail_readably_then_retry(tmp_path: Path) -> None:
    script: list[Any] = [429, "this is not json", 500]
    app, calls = fake_llm(script)
    clock = Clock()
    async with serve(app) as base, open_runtime(llm_settings(tmp_path, base), workers=False) as rt:
        rt.ingestor.clock = clock
        task_id = await submit(rt, ("user", "I'm a nurse in Lyon."))
        await rt.ingestor.run_due()
        task = await rt.tasks.get("local", task_id)
        assert task["status"] == "pending" and task["attempts"] == 1 and "rate limited" in task["error"]
        assert await rt.ingestor.run_due() == 0  # not due yet: backoff
        clock.now += 10
        await rt.ingestor.run_due()
        task = await rt.tasks.get("local", task_id)
        assert task["status"] == "pending" and "not JSON" in task["error"]
        clock.now += 20
        await rt.ingestor.run_due()
        task = await rt.tasks.get("local", task_id)
        assert task["status"] == "failed" and "after 3 attempts" in task["error"] and "sk-test" not in task["error"]
        raw, _ = await rt.memories.list(ALICE, memory_type="session")
        assert [m.content for m in raw] == ["I'm a nurse in Lyon."]  # nothing accepted was lost

        script[:] = [FACTS]
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)),
                                     base_url="http://127.0.0.1") as client:
            followed = (await client.get(f"/v1/tasks/{task_id}")).json()
            assert followed["status"] == "failed"
            retried = await client.post(f"/v1/tasks/{task_id}/retry")
            assert retried.status_code == 200 and retried.json()["status"] == "pending"
            await rt.ingestor.run_due()
            assert (await client.get(f"/v1/tasks/{task_id}")).json()["status"] == "completed"
            again = await client.post(f"/v1/tasks/{task_id}/retry")
            assert again.status_code == 400 and again.json()["error"]["code"] == "validation_error"
            assert (await client.get("/v1/tasks/nope")).status_code == 404
        assert len(calls) == 5  # three failed tries, then extraction and OpenMemory categories


async def test_a_task_interrupted_by_a_stop_runs_after_restart(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    async with open_runtime(settings, workers=False) as rt:
        task_id = await submit(rt, ("user", "I have two cats called Miso and Tofu."))
        await rt.tasks.set(task_id, status="running")  # the process dies mid-task
    async with open_runtime(settings, workers=False) as rt:
        assert await rt.tasks.requeue_interrupted() == 1
        await rt.ingestor.run_due()
        assert (await rt.tasks.get("local", task_id))["status"] == "completed"
        assert await facts(rt) == ["I have two cats called Miso and Tofu."]


async def test_add_memories_falls_back_to_rules_when_the_provider_fails(tmp_path: Path) -> None:
    app, calls = fake_llm([500])
    async with serve(app) as base, open_runtime(llm_settings(tmp_path, base), workers=False) as rt:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)),
                                     base_url="http://127.0.0.1") as client:
            out = await client.post("/tools/add_memories", json={"text": "My config lives in settings.py now."},
                                    headers={"X-User-Id": "alice"})
        assert out.status_code == 200 and calls  # the provider was asked first
        body = out.json()
        assert body["extraction"] == "heuristic"
        assert [r["memory"] for r in body["results"]] == ["My config lives in settings.py now."]
        stored = await rt.memories.get(ALICE, body["results"][0]["id"])
        assert stored.content == "My config lives in settings.py now."


async def test_a_task_refused_by_the_quota_fails_with_the_reason(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data").model_copy(update={"monthly_memory_quota": 2})
    async with open_runtime(settings, workers=False) as rt:
        await rt.memories.add(ALICE, [NewMemory(content="one of the two memories this month allows")])
        task_id = await submit(rt, ("user", "I live in Porto and I work as a baker."))
        await rt.ingestor.run_due()
        task = await rt.tasks.get("local", task_id)
        assert task["status"] == "failed" and "quota" in task["error"].lower()
        assert "internal error" not in task["error"]


def test_sentences_end_at_a_stop_followed_by_space_not_inside_names() -> None:
    assert sentences("My config lives in settings.py now. Version 2.5 is fine! 我爱吃西瓜。你呢？") == [
        "My config lives in settings.py now.", "Version 2.5 is fine!", "我爱吃西瓜。", "你呢？"]
    assert sentences("Dr. Smith is my GP.\nI moved to St. Mary's road.") == [
        "Dr. Smith is my GP.", "I moved to St. Mary's road."]


async def test_facts_from_a_background_ingest_get_openmemory_categories(quiet_runtime: Runtime) -> None:
    rt = quiet_runtime
    await submit(rt, ("user", "I am allergic to peanuts. My favourite food is sushi."))
    await rt.ingestor.run_due()
    items, _ = await rt.memories.list(ALICE, memory_type="insight", order="asc")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)), base_url="http://127.0.0.1") as c:
        details = [(await c.get(f"/api/v1/memories/{m.id}", params={"user_id": "alice"})).json() for m in items]
    assert [d["text"] for d in details] == ["I am allergic to peanuts.", "My favourite food is sushi."]
    assert "health" in details[0]["categories"] and "preferences" in details[1]["categories"]


async def test_openmemory_infer_create_falls_back_to_rules_when_the_provider_fails(tmp_path: Path) -> None:
    app, calls = fake_llm([500])
    async with serve(app) as base, open_runtime(llm_settings(tmp_path, base), workers=False) as rt:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)),
                                     base_url="http://127.0.0.1") as client:
            out = await client.post("/api/v1/memories/", json={"user_id": "alice", "text": "I live in Porto."})
        assert out.status_code == 200 and calls
        assert out.json()["content"] == "I live in Porto."
