"""Acceptance: a few hundred turns of one person's life, ingested in smart mode, with and without an LLM.

Sam changes job twice, moves city, changes preferences, repeats things, chats
about nothing, and mentions events. The conversation and what the model
"says" about it are data (`BEATS`); a fake OpenAI-compatible server answers
extraction and reconciliation from the prompt content alone, as a real model
would: no state beyond what the prompt shows it. The same conversation is then
ingested with no LLM configured, where the rules must still leave the job,
the city and the preferences findable.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mcp_memory.app import build_app
from mcp_memory.config import LLMSettings
from mcp_memory.runtime import Runtime, open_runtime
from tests.conftest import make_settings, serve

pytestmark = pytest.mark.anyio

HEADERS = {"X-User-Id": "sam"}
TURNS_PER_BATCH = 20


@dataclass(frozen=True)
class Said:
    """A fact the model extracts from a turn, and what it decides against the memory containing `target`."""

    content: str
    category: str
    action: str = "create"
    target: str | None = None  # a phrase in the content of the memory the action concerns
    merged: str | None = None


@dataclass(frozen=True)
class Beat:
    user: str
    facts: list[Said] = field(default_factory=list)


BEATS = [
    # -- who Sam is
    Beat("I'm Sam, I work as a nurse at St. Mary's Hospital in Porto.", [
        Said("Sam works as a nurse at St. Mary's Hospital", "profile"),
        Said("Sam lives in Porto", "profile")]),
    Beat("I love spicy food, especially Thai curries.", [Said("Sam loves spicy food", "preferences")]),
    Beat("I drink coffee every morning.", [Said("Sam drinks coffee every morning", "patterns")]),
    Beat("I have a cat named Miso.", [Said("Sam has a cat named Miso", "entities")]),
    Beat("My favourite band is Radiohead.", [Said("Sam's favourite band is Radiohead", "preferences")]),
    Beat("I was born in 1990.", [Said("Sam was born in 1990", "profile")]),
    Beat("I prefer working night shifts.", [Said("Sam prefers working night shifts", "preferences")]),
    Beat("I drive a red Fiat Panda.", [Said("Sam drives a red Fiat Panda", "entities")]),
    Beat("Last Saturday I ran the Porto half marathon.", [Said("Sam ran the Porto half marathon", "events")]),
    Beat("I'm vegetarian.", [Said("Sam is vegetarian", "profile")]),
    Beat("Yesterday I fixed the flaky wifi by resetting the router.", [
        Said("Sam fixed flaky wifi by resetting the router", "cases")]),
    # -- repeats, support, qualifiers
    Beat("As I said, I'm vegetarian.", [Said("Sam is vegetarian", "profile")]),
    Beat("I really do love spicy food.", [Said("Sam loves spicy food", "preferences")]),
    Beat("I don't drink coffee after 4pm though.", [
        Said("Sam avoids coffee after 4pm", "patterns", "contextualize", "drinks coffee")]),
    Beat("Spicy ramen is my go-to lunch.", [
        Said("Sam often eats spicy ramen for lunch", "preferences", "support", "loves spicy food")]),
    Beat("Miso is 3 years old now.", [
        Said("Sam's cat Miso is 3 years old", "entities", "merge", "cat named Miso",
             "Sam has a cat named Miso, 3 years old")]),
    # -- the first job change
    Beat("Big news: I left the hospital, now I work as a data analyst at Northwind.", [
        Said("Sam works as a data analyst at Northwind", "profile", "supersede", "works as"),
        Said("Sam left St. Mary's Hospital", "events")]),
    Beat("I don't like night shifts anymore, I prefer regular office hours now.", [
        Said("Sam prefers regular office hours", "preferences", "supersede", "night shifts")]),
    Beat("My favourite band is Arctic Monkeys these days.", [
        Said("Sam's favourite band is Arctic Monkeys", "preferences", "supersede", "favourite band")]),
    # -- the move
    Beat("We moved to Berlin last month!", [
        Said("Sam lives in Berlin", "profile", "supersede", "lives in"),
        Said("Sam moved from Porto to Berlin", "events")]),
    Beat("I sold the Fiat, I ride a bike to work now.", [
        Said("Sam sold the red Fiat Panda and rides a bike to work", "entities", "supersede", "drives a red Fiat")]),
    Beat("Actually I think I was born in 1991.", [
        Said("Sam was born in 1991", "profile", "contradict", "born in 1990")]),
    Beat("I can't stand spicy food anymore since my stomach surgery.", [
        Said("Sam dislikes spicy food", "preferences", "supersede", "loves spicy food")]),
    # -- the second job change, more repeats, plans
    Beat("I got promoted, I'm now the analytics lead at Northwind.", [
        Said("Sam works as the analytics lead at Northwind", "profile", "supersede", "works as")]),
    Beat("I'm still vegetarian, by the way.", [Said("Sam is vegetarian", "profile")]),
    Beat("We live in Berlin now, in Kreuzberg.", [Said("Sam lives in Berlin", "profile")]),
    Beat("Next Friday I'm flying to Lisbon for a conference.", [
        Said("Sam is flying to Lisbon for a conference next Friday", "events")]),
    Beat("Coffee is still my morning ritual.", [Said("Sam drinks coffee every morning", "patterns")]),
    Beat("My favourite band is Arctic Monkeys, I saw them live.", [
        Said("Sam's favourite band is Arctic Monkeys", "preferences")]),
    Beat("I prefer regular office hours, definitely.", [Said("Sam prefers regular office hours", "preferences")]),
]

SMALL_TALK = [
    "Hi!", "What's the weather usually like in autumn?", "Thanks, that helps.", "Can you tell me a joke?",
    "How does compound interest work?", "ok", "What's a good name for a houseplant?", "Haha, nice one.",
    "Could you recommend a podcast?", "Hello again.", "Is it true that octopuses have three hearts?",
    "What should I cook tonight?", "Good morning!", "How far is the moon?", "Sure, go on.",
    "Which is faster, a cheetah or a horse?", "Thank you!", "What does 'serendipity' mean?", "Bye for now.",
    "Can you summarise that in one line?",
]
FILLER_BETWEEN_BEATS = 4  # small-talk exchanges after every beat


def conversation() -> list[tuple[str, str]]:
    """User/assistant turns: every beat, each followed by a few exchanges of small talk."""
    turns: list[tuple[str, str]] = []
    chat = iter(SMALL_TALK * 10)
    for beat in BEATS:
        turns += [("user", beat.user), ("assistant", "Got it, thanks for telling me.")]
        for _ in range(FILLER_BETWEEN_BEATS):
            turns += [("user", next(chat)), ("assistant", "Here is a short answer to that.")]
    return turns


# -- the scripted model --------------------------------------------------------------------------------

SAID_BY_TURN = {beat.user: beat.facts for beat in BEATS}
SAID_BY_CONTENT: dict[str, Said] = {}
for _said in (said for beat in BEATS for said in beat.facts):
    SAID_BY_CONTENT.setdefault(_said.content, _said)  # a repeat is recognised from the candidates


def extract(prompt: str) -> dict[str, Any]:
    transcript = prompt.split("Conversation:\n", 1)[1]
    facts = []
    for line in transcript.splitlines():
        role, _, text = line.partition(": ")
        if role == "user":
            facts += [{"content": s.content, "category": s.category, "importance": 0.7, "confidence": 0.8}
                      for s in SAID_BY_TURN.get(text, [])]
    return {"facts": facts}


def reconcile(prompt: str, misses: list[str]) -> dict[str, Any]:
    batch = json.loads(prompt.split("\n", 1)[1])
    decisions = []
    for fact in batch["facts"]:
        said, candidates = SAID_BY_CONTENT[fact["content"]], fact["candidates"]
        same = next((c for c in candidates if c["content"] == fact["content"]), None)
        if same is not None:  # a repeat: the model recognises it
            decisions.append({"fact": fact["index"], "action": "skip", "target_id": same["id"]})
            continue
        if said.action == "create":
            decisions.append({"fact": fact["index"], "action": "create"})
            continue
        target = next((c for c in candidates if said.target and said.target in c["content"]), None)
        if target is None:
            misses.append(fact["content"])  # retrieval did not offer the memory this fact is about
        decisions.append({"fact": fact["index"], "action": said.action, "content": said.merged,
                          "target_id": target["id"] if target else "not-among-the-candidates"})
    return {"decisions": decisions}


def scripted_model() -> tuple[Starlette, list[str], list[str]]:
    kinds: list[str] = []
    misses: list[str] = []

    async def completions(request: Request) -> JSONResponse:
        body = await request.json()
        kind = body["response_format"]["json_schema"]["name"]
        kinds.append(kind)
        prompt = body["messages"][1]["content"]
        answer = extract(prompt) if kind == "facts" else reconcile(prompt, misses)
        return JSONResponse({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "scripted",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(answer)}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])]), kinds, misses


# -- running it ------------------------------------------------------------------------------------------


def batches() -> Iterator[list[dict[str, str]]]:
    turns = conversation()
    for start in range(0, len(turns), TURNS_PER_BATCH):
        yield [{"role": role, "content": content} for role, content in turns[start:start + TURNS_PER_BATCH]]


async def ingest_conversation(rt: Runtime, client: httpx.AsyncClient) -> list[dict[str, Any]]:
    """Post every batch as omem message-mode ingest, run its task, return the task results."""
    results = []
    for messages in batches():
        accepted = await client.post("/v1/memories", json={"messages": messages, "mode": "smart",
                                                            "session_id": "chat"}, headers=HEADERS)
        assert accepted.status_code == 202, accepted.text
        await rt.ingestor.run_due()
        task = (await client.get(f"/v1/tasks/{accepted.json()['task_id']}", headers=HEADERS)).json()
        assert task["status"] == "completed", task
        results.append(task["result"])
    return results


async def live_facts(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    listed = (await client.get("/v1/memories", params={"limit": 200, "memory_type": "insight"},
                               headers=HEADERS)).json()
    return [m for m in listed["memories"] if m["superseded_by"] is None]


async def search(client: httpx.AsyncClient, q: str) -> list[str]:
    found = (await client.get("/v1/memories/search", params={"q": q, "limit": 5}, headers=HEADERS)).json()
    return [r["memory"]["content"] for r in found["results"]]


@asynccontextmanager
async def running(tmp_path: Path, llm_base: str | None) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """A runtime (the test runs its tasks) and the REST app over it; an LLM only when `llm_base` is given."""
    settings = make_settings(tmp_path / "data")
    if llm_base is not None:
        llm = LLMSettings(model="openai/scripted", api_base=f"{llm_base}/v1", api_key="sk-test", max_attempts=1)
        settings = settings.model_copy(update={"llm": llm})
    async with open_runtime(settings, workers=False) as rt, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=build_app(rt)), base_url="http://127.0.0.1") as client:
        yield rt, client


def test_the_conversation_is_a_few_hundred_turns() -> None:
    turns = conversation()
    assert len(turns) >= 300 and {role for role, _ in turns} == {"user", "assistant"}


async def test_smart_ingest_with_an_llm_keeps_a_small_current_picture(tmp_path: Path) -> None:
    app, kinds, misses = scripted_model()
    async with serve(app) as base, running(tmp_path, base) as (rt, client):
        results = await ingest_conversation(rt, client)
        live = await live_facts(client)
        by_content = {m["content"]: m for m in live}

        # One extraction call per batch and at most one reconciliation call: never one per fact.
        assert kinds.count("facts") == len(results)
        assert 0 < kinds.count("decisions") <= len(results)
        assert misses == []  # every fact's target was among its candidates
        outcomes: dict[str, int] = {}
        for result in results:
            assert result["extraction"] == "llm"
            # The rules only decide facts with nothing similar stored (no call needed): plain creates.
            assert all(e["outcome"] == "create" for e in result["events"] if e["decided_by"] == "rules")
            for outcome, n in result["outcomes"].items():
                outcomes[outcome] = outcomes.get(outcome, 0) + n
        assert outcomes == {"create": 15, "skip": 7, "support": 1, "contextualize": 1, "contradict": 1,
                            "supersede": 5, "merge": 3}

        # A small set of current facts, and the current job, city and preferences are the live ones.
        assert 14 <= len(live) <= 18, sorted(by_content)
        jobs = [c for c in by_content if "works as" in c]
        assert jobs == ["Sam works as the analytics lead at Northwind"]  # profile merges in place
        assert [c for c in by_content if "lives in" in c] == ["Sam lives in Berlin"]
        for current in ("Sam prefers regular office hours", "Sam's favourite band is Arctic Monkeys",
                        "Sam dislikes spicy food", "Sam sold the red Fiat Panda and rides a bike to work", "Sam is vegetarian",
                        "Sam has a cat named Miso, 3 years old"):
            assert current in by_content, current
        for gone in ("Sam loves spicy food", "Sam prefers working night shifts", "Sam drives a red Fiat Panda",
                     "Sam's favourite band is Radiohead", "Sam works as a nurse at St. Mary's Hospital",
                     "Sam lives in Porto"):
            assert gone not in by_content, gone

        # Superseded versions are linked and kept for history, and out of default search.
        everything = (await client.get("/v1/memories", params={"limit": 200, "memory_type": "insight"},
                                       headers=HEADERS)).json()["memories"]
        history = [m for m in everything if m["superseded_by"] is not None]
        assert sorted(m["content"] for m in history) == [
            "Sam drives a red Fiat Panda", "Sam has a cat named Miso", "Sam loves spicy food",
            "Sam prefers working night shifts", "Sam's favourite band is Radiohead"]
        for old in history:
            assert old["invalidated_at"] is not None
            newer = (await client.get(f"/v1/memories/{old['superseded_by']}", headers=HEADERS)).json()
            assert {"relation_type": "supersedes", "target_id": old["id"]}.items() <= newer["relations"][0].items()
        assert "Sam's favourite band is Radiohead" not in await search(client, "favourite band Radiohead")
        assert (await search(client, "favourite band"))[0] == "Sam's favourite band is Arctic Monkeys"
        assert "Sam drives a red Fiat Panda" not in await search(client, "Fiat car")

        # Contradictions carry relations on both memories; qualifiers point at what they qualify.
        a, b = by_content["Sam was born in 1990"], by_content["Sam was born in 1991"]
        assert [(r["relation_type"], r["target_id"]) for r in a["relations"]] == [("contradicts", b["id"])]
        assert [(r["relation_type"], r["target_id"]) for r in b["relations"]] == [("contradicts", a["id"])]
        qualifier = by_content["Sam avoids coffee after 4pm"]
        coffee = by_content["Sam drinks coffee every morning"]
        assert [(r["relation_type"], r["target_id"]) for r in qualifier["relations"]] == [
            ("contextualizes", coffee["id"])]

        # Repeats made no extra memories, and supported what they repeated.
        assert sum(1 for m in everything if m["content"] == "Sam is vegetarian") == 1
        assert by_content["Sam is vegetarian"]["confidence"] > 0.8
        assert by_content["Sam dislikes spicy food"]["confidence"] == pytest.approx(0.8)

        # The profile shows the current facts only.
        profile = (await client.get("/v1/profile", headers=HEADERS)).json()
        static = profile["static_facts"]
        for current in ("Sam works as the analytics lead at Northwind", "Sam lives in Berlin",
                        "Sam prefers regular office hours", "Sam dislikes spicy food"):
            assert current in static
        assert not {"Sam loves spicy food", "Sam lives in Porto", "Sam prefers working night shifts"} & set(static)
        assert "Sam is flying to Lisbon for a conference next Friday" in profile["dynamic_context"]
        print(f"\nLLM mode: {len(live)} current memories, {len(history)} superseded, outcomes {outcomes}")


async def test_the_same_conversation_without_an_llm_still_leaves_useful_memories(tmp_path: Path) -> None:
    async with running(tmp_path, None) as (rt, client):
        results = await ingest_conversation(rt, client)
        assert {r["extraction"] for r in results} == {"heuristic"}
        live = await live_facts(client)
        contents = [m["content"] for m in live]
        assert 15 <= len(live) <= 60, contents
        assert not any(c.endswith("?") or c.startswith(("Haha", "Thanks")) for c in contents)  # small talk
        assert sum(1 for c in contents if "vegetarian" in c) == 1  # three mentions, one memory
        # A single-valued fact (a favourite, the job) is updated in place of the old one.
        assert [c for c in contents if "favourite band" in c] == ["My favourite band is Arctic Monkeys, I saw them live."]
        assert not any("nurse" in c for c in contents)
        assert "analytics lead at Northwind" in " ".join((await search(client, "job analytics lead"))[:3])
        assert "Berlin" in " ".join((await search(client, "moved to Berlin"))[:3])
        assert "office hours" in " ".join((await search(client, "prefer office hours"))[:3])
        assert "Arctic Monkeys" in " ".join((await search(client, "favourite band"))[:3])
        outcomes: dict[str, int] = {}
        for result in results:
            for outcome, n in result["outcomes"].items():
                outcomes[outcome] = outcomes.get(outcome, 0) + n
        print(f"\nno-LLM mode: {len(live)} current memories, outcomes {outcomes}")
