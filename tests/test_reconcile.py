"""Reconciliation outcomes, decided by the LLM (litellm's `mock_response`) or by the rules, and the guard rails."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from mcp_memory.caller import Caller
from mcp_memory.config import LLMSettings
from mcp_memory.llm import LLMError
from mcp_memory.models import Memory
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services.extraction import Fact
from mcp_memory.services.memories import NewMemory
from mcp_memory.services.reconcile import decide, negates
from tests.conftest import make_settings, serve
from tests.test_ingest import fake_llm, llm_settings

pytestmark = pytest.mark.anyio

ALICE = Caller(user_id="alice")


@pytest.fixture
async def rt(tmp_path: Path) -> AsyncIterator[Runtime]:
    """A runtime with an LLM configured; every call in these tests is answered by `mock_response`."""
    llm = LLMSettings(model="openai/mock-model", api_key="sk-test")
    async with open_runtime(make_settings(tmp_path / "data").model_copy(update={"llm": llm}), workers=False) as r:
        yield r


async def seed(rt: Runtime, content: str, category: str = "preferences", memory_type: str = "insight") -> Memory:
    [memory] = await rt.memories.add(ALICE, [NewMemory(content=content, category=category, memory_type=memory_type,
                                                       confidence=0.6, importance=0.6)])
    return memory


async def ingest(rt: Runtime, content: str, category: str, decision: dict[str, Any] | str) -> dict[str, Any]:
    """Ingest one fact the model extracts as (content, category) and reconciles with `decision`."""
    facts = json.dumps({"facts": [{"content": content, "category": category, "importance": 0.7,
                                   "confidence": 0.8}]})
    decisions = decision if isinstance(decision, str) else json.dumps({"decisions": [{"fact": 0, **decision}]})
    [event] = await rt.ingestor.ingest(ALICE, [("user", content)], mock_response=facts, mock_decisions=decisions)
    return event


async def live(rt: Runtime) -> list[str]:
    items, _ = await rt.memories.list(ALICE, limit=100, order="asc", current_only=True)
    return [m.content for m in items]


async def found(rt: Runtime, query: str) -> list[str]:
    return [r.memory.content for r in (await rt.memories.search(ALICE, query)).results]


# -- each outcome the model can choose ---------------------------------------------------------------------


async def test_create(rt: Runtime) -> None:
    await seed(rt, "Alice likes green tea")
    event = await ingest(rt, "Alice plays the cello", "profile", {"action": "create"})
    assert (event["outcome"], event["event"], event["decided_by"]) == ("create", "ADD", "llm")
    assert await live(rt) == ["Alice likes green tea", "Alice plays the cello"]


async def test_merge_rewrites_the_target_in_place(rt: Runtime) -> None:
    old = await seed(rt, "Alice runs every morning", "patterns")
    event = await ingest(rt, "Alice runs 5 km", "patterns",
                         {"action": "merge", "target_id": old.id, "content": "Alice runs 5 km every morning"})
    assert (event["outcome"], event["event"], event["id"]) == ("merge", "UPDATE", old.id)
    assert event["previous"] == "Alice runs every morning"
    assert await live(rt) == ["Alice runs 5 km every morning"]
    assert (await rt.memories.get(ALICE, old.id)).confidence > old.confidence


async def test_skip_a_duplicate_supports_the_original(rt: Runtime) -> None:
    old = await seed(rt, "Alice likes green tea")
    event = await ingest(rt, "Alice enjoys green tea", "preferences", {"action": "skip", "target_id": old.id})
    assert (event["outcome"], event["event"], event["id"]) == ("skip", "NONE", old.id)
    assert await live(rt) == ["Alice likes green tea"]
    assert (await rt.memories.get(ALICE, old.id)).confidence == pytest.approx(0.65)


async def test_support_raises_confidence_and_stores_nothing(rt: Runtime) -> None:
    old = await seed(rt, "Alice is an early riser", "patterns")
    event = await ingest(rt, "Alice was up at 5am again", "patterns", {"action": "support", "target_id": old.id})
    assert (event["outcome"], event["event"], event["target_id"]) == ("support", "NONE", old.id)
    assert await live(rt) == ["Alice is an early riser"]
    assert (await rt.memories.get(ALICE, old.id)).confidence == pytest.approx(0.7)


async def test_supersede_then_search_finds_only_the_new_version(rt: Runtime) -> None:
    old = await seed(rt, "Alice's favourite drink is coffee")
    event = await ingest(rt, "Alice's favourite drink is now matcha", "preferences",
                         {"action": "supersede", "target_id": old.id})
    assert (event["outcome"], event["event"], event["previous_id"]) == ("supersede", "UPDATE", old.id)
    history = await rt.memories.get(ALICE, old.id)
    assert history.superseded_by == event["id"] and history.invalidated_at is not None
    assert history.content == "Alice's favourite drink is coffee"  # kept, not lost
    new = await rt.memories.get(ALICE, event["id"])
    assert [(r.relation_type, r.target_id) for r in new.relations] == [("supersedes", old.id)]
    assert await found(rt, "favourite drink") == ["Alice's favourite drink is now matcha"]
    static, _ = await rt.memories.profile(ALICE)
    assert [m.content for m in static] == ["Alice's favourite drink is now matcha"]


async def test_contextualize_links_the_qualifier_to_the_target(rt: Runtime) -> None:
    old = await seed(rt, "Alice likes coffee")
    event = await ingest(rt, "Alice avoids coffee in the evening", "preferences",
                         {"action": "contextualize", "target_id": old.id, "reason": "not in the evening"})
    assert (event["outcome"], event["event"]) == ("contextualize", "ADD")
    new = await rt.memories.get(ALICE, event["id"])
    assert [(r.relation_type, r.target_id, r.context_label) for r in new.relations] == [
        ("contextualizes", old.id, "not in the evening")]
    assert await live(rt) == ["Alice likes coffee", "Alice avoids coffee in the evening"]


async def test_contradict_keeps_both_with_two_way_relations(rt: Runtime) -> None:
    old = await seed(rt, "Alice was born in 1990", "profile")
    event = await ingest(rt, "Alice was born in 1992", "profile", {"action": "contradict", "target_id": old.id})
    assert (event["outcome"], event["event"]) == ("contradict", "ADD")
    new, first = await rt.memories.get(ALICE, event["id"]), await rt.memories.get(ALICE, old.id)
    assert [(r.relation_type, r.target_id) for r in new.relations] == [("contradicts", old.id)]
    assert [(r.relation_type, r.target_id) for r in first.relations] == [("contradicts", new.id)]
    assert sorted(await found(rt, "born")) == ["Alice was born in 1990", "Alice was born in 1992"]


# -- guard rails after the model's choice ----------------------------------------------------------------


async def test_events_are_append_only(rt: Runtime) -> None:
    old = await seed(rt, "Alice visited Rome in May", "events")
    event = await ingest(rt, "Alice visited Rome in June", "events", {"action": "supersede", "target_id": old.id})
    assert event["outcome"] == "create"
    assert await live(rt) == ["Alice visited Rome in May", "Alice visited Rome in June"]


async def test_pinned_memories_are_never_overwritten(rt: Runtime) -> None:
    old = await seed(rt, "Alice's doctor is Dr. Lee", "entities", memory_type="pinned")
    event = await ingest(rt, "Alice's doctor is Dr. Park", "entities", {"action": "supersede", "target_id": old.id})
    assert event["outcome"] == "contextualize"
    pinned = await rt.memories.get(ALICE, old.id)
    assert pinned.content == "Alice's doctor is Dr. Lee" and pinned.superseded_by is None


async def test_profile_merges_even_when_the_model_supersedes(rt: Runtime) -> None:
    old = await seed(rt, "Alice works as a nurse", "profile")
    event = await ingest(rt, "Alice works as a data analyst", "profile", {"action": "supersede", "target_id": old.id})
    assert (event["outcome"], event["id"]) == ("merge", old.id)
    assert await live(rt) == ["Alice works as a data analyst"]


async def test_preferences_are_versioned_even_when_the_model_merges(rt: Runtime) -> None:
    old = await seed(rt, "Alice likes jazz")
    event = await ingest(rt, "Alice likes jazz and blues", "preferences",
                         {"action": "merge", "target_id": old.id, "content": "Alice likes jazz and blues"})
    assert (event["outcome"], event["previous_id"]) == ("supersede", old.id)
    assert (await rt.memories.get(ALICE, old.id)).superseded_by == event["id"]


async def test_the_same_fact_twice_never_makes_two_memories(rt: Runtime) -> None:
    first = await ingest(rt, "Alice is allergic to peanuts", "profile", {"action": "create"})
    again = await ingest(rt, "Alice is allergic to peanuts", "profile", {"action": "create"})
    also = await ingest(rt, "Alice is allergic to peanuts", "profile", {"action": "supersede",
                                                                         "target_id": first["id"]})
    assert (again["outcome"], again["id"]) == ("skip", first["id"])
    assert (also["outcome"], also["id"]) == ("skip", first["id"])
    assert await live(rt) == ["Alice is allergic to peanuts"]


# -- what the model gets wrong -----------------------------------------------------------------------------


async def test_unknown_targets_and_garbage_fall_back_to_the_rules(rt: Runtime) -> None:
    await seed(rt, "Alice likes green tea")
    wrong_id = await ingest(rt, "Alice likes green tea", "preferences", {"action": "skip", "target_id": "nope"})
    assert (wrong_id["outcome"], wrong_id["decided_by"]) == ("skip", "rules")
    garbage = await ingest(rt, "Alice owns a kayak", "entities", {"action": "explode", "target_id": None})
    assert (garbage["outcome"], garbage["decided_by"]) == ("create", "rules")
    no_item = await ingest(rt, "Alice owns a red bike", "entities", json.dumps({"decisions": [{"fact": 7}]}))
    assert no_item["outcome"] == "create"
    assert await live(rt) == ["Alice likes green tea", "Alice owns a kayak", "Alice owns a red bike"]


async def test_malformed_output_is_a_retryable_error_and_writes_nothing(rt: Runtime) -> None:
    await seed(rt, "Alice likes green tea")
    for output in ("not json at all", json.dumps({"verdict": "create"})):
        with pytest.raises(LLMError) as caught:
            await ingest(rt, "Alice likes black tea", "preferences", output)
        assert caught.value.retryable
    assert await live(rt) == ["Alice likes green tea"]


async def test_facts_without_candidates_need_no_reconciliation_call(rt: Runtime) -> None:
    # mock_decisions would fail the call if it were made; with nothing stored it is not.
    event = await ingest(rt, "Alice speaks Portuguese", "profile", "not json")
    assert (event["outcome"], event["decided_by"]) == ("create", "rules")


# -- the rules, without a model ----------------------------------------------------------------------------


def test_negation_is_recognised_cheaply() -> None:
    assert negates("I don't like coffee.", "I like coffee.")
    assert negates("I do not eat meat anymore", "I eat meat")
    assert negates("我不喜欢咖啡", "我喜欢咖啡")
    assert not negates("I like tea", "I like coffee")
    assert not negates("I don't like tea", "I don't like tea")


def _memory(content: str, category: str = "preferences") -> Memory:
    return Memory(id="m1", content=content, category=category, memory_type="insight", tenant_id="local",
                  created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00", user_id="alice")


def test_rules_contradict_a_negation_and_supersede_a_stated_change() -> None:
    old = _memory("I like horror movies.")
    flat = decide(Fact("I don't like horror movies.", "preferences", importance=0.7, confidence=0.6), [old])
    assert (flat.outcome, flat.target) == ("contradict", old)
    change = decide(Fact("I don't like horror movies anymore.", "preferences", importance=0.7, confidence=0.6),
                    [old])
    assert (change.outcome, change.target) == ("supersede", old)
    pinned = decide(Fact("I don't like horror movies anymore.", "preferences", importance=0.7, confidence=0.6),
                    [old.model_copy(update={"memory_type": "pinned"})])
    assert pinned.outcome == "contextualize"


def test_rules_update_single_valued_facts() -> None:
    band = decide(Fact("My favourite band is Muse.", "preferences", importance=0.7, confidence=0.6),
                  [_memory("My favourite band is Radiohead.")])
    assert (band.outcome, band.target.content if band.target else None) == (
        "supersede", "My favourite band is Radiohead.")
    job = decide(Fact("Now I work as a data analyst.", "profile", importance=0.8, confidence=0.6),
                 [_memory("I work as a nurse at St. Mary's.", "profile")])
    assert job.outcome == "merge"
    other = decide(Fact("My favourite film is Alien.", "preferences", importance=0.7, confidence=0.6),
                   [_memory("My favourite band is Radiohead.")])
    assert other.outcome == "create"


async def test_rules_record_a_contradiction_on_both_memories(tmp_path: Path) -> None:
    async with open_runtime(make_settings(tmp_path / "data"), workers=False) as rt:
        [first] = await rt.ingestor.ingest(ALICE, [("user", "I like horror movies.")])
        [second] = await rt.ingestor.ingest(ALICE, [("user", "I don't like horror movies.")])
        assert (second["outcome"], second["target_id"], second["event"]) == ("contradict", first["id"], "ADD")
        a, b = await rt.memories.get(ALICE, first["id"]), await rt.memories.get(ALICE, second["id"])
        assert [(r.relation_type, r.target_id) for r in a.relations] == [("contradicts", b.id)]
        assert [(r.relation_type, r.target_id) for r in b.relations] == [("contradicts", a.id)]


# -- tenants -----------------------------------------------------------------------------------------------


async def test_the_model_only_ever_sees_the_callers_own_memories(tmp_path: Path) -> None:
    extracted = {"facts": [{"content": "Alice's favourite drink is tea", "category": "preferences"}]}
    app, calls = fake_llm([extracted, {"decisions": [{"fact": 0, "action": "create"}]}])
    bob, other_tenant = Caller(user_id="bob"), Caller(account_id="acme", user_id="alice")
    async with serve(app) as base, open_runtime(llm_settings(tmp_path, base), workers=False) as rt:
        own = await seed(rt, "Alice's favourite drink is coffee")
        [bobs] = await rt.memories.add(bob, [NewMemory(content="Bob's favourite drink is coffee",
                                                       memory_type="insight")])
        [theirs] = await rt.memories.add(other_tenant, [NewMemory(content="Alice's favourite drink is coffee!",
                                                                  memory_type="insight")])
        [event] = await rt.ingestor.ingest(ALICE, [("user", "My favourite drink is tea now.")])
        assert event["outcome"] == "create"
        prompt = calls[1]["messages"][1]["content"]
        candidates = json.loads(prompt.split("\n", 1)[1])["facts"][0]["candidates"]
        assert [c["id"] for c in candidates] == [own.id]
        assert bobs.id not in prompt and theirs.id not in prompt and "Bob" not in prompt
        assert await rt.memories.list(bob, memory_type="insight") == ([bobs], 1)  # untouched
