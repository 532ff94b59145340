"""Each retrieval stage on small constructed cases, the trace, and configuration taking effect."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mcp_memory.app import build_app
from mcp_memory.caller import Caller
from mcp_memory.config import STAGES, RetrievalSettings
from mcp_memory.embedders.hashing import HashingEmbedder
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services import stages
from mcp_memory.services.memories import NewMemory
from mcp_memory.services.stages import Candidate
from mcp_memory.stores.doc_freq import COMMON_MIN_ROWS, DocFrequencies
from mcp_memory.stores.ledger import SearchRecord
from tests.conftest import free_port, make_settings, serve

pytestmark = pytest.mark.anyio

ALICE = Caller(user_id="alice")


def memory(content: str, **fields: object) -> SearchRecord:
    values = {"id": content[:20], "user_id": "u", "state": "active", "scope": "global", "memory_type": "pinned",
              "tier": "peripheral", "content": content, "importance": 0.5, "access_count": 0,
              "created_at": datetime.now(timezone.utc).isoformat(), "last_accessed_at": None, "superseded_by": None}
    return SearchRecord(**{**values, **fields})


async def add(rt: Runtime, *texts: str, **fields: object) -> list[str]:
    created = await rt.memories.add(ALICE, [NewMemory(content=t, **fields) for t in texts])
    return [m.id for m in created]


# -- stages in isolation ----------------------------------------------------------------


def test_rrf_rewards_agreement_between_retrievers() -> None:
    s = RetrievalSettings()
    fused = stages.fuse([("a", 0.9), ("b", 0.8)], [("b", 5.0), ("c", 4.0)], s)
    assert [c.id for c in fused] == ["b", "a", "c"]
    assert fused[0].lexical_strength == 1.0 and fused[2].lexical_strength == pytest.approx(0.8)


def test_normalised_scores_reward_evidence_not_just_rank() -> None:
    s = RetrievalSettings()
    strong = Candidate("strong", vector_rank=1, vector_similarity=0.75, record=memory("a relevant memory"))
    weak = Candidate("weak", vector_rank=1, vector_similarity=0.05, record=memory("unrelated words"))
    for c in (strong, weak):
        c.score = s.vector_weight / (s.rrf_k + 1)
    stages.normalise([strong, weak], frozenset({"relevant"}), s)
    assert 0 <= weak.score < s.default_min_score < strong.score <= 1


def test_a_lexical_hit_on_few_query_terms_counts_less_in_the_fusion() -> None:
    s = RetrievalSettings()
    terms = stages.query_stems("What does my partner do for work?")
    fused = stages.fuse([("midwife", 0.6)], [("remote", 9.0), ("midwife", 3.0)], s)
    for c in fused:
        c.record = memory({"midwife": "My partner works nights as a midwife",
                           "remote": "Asked for an article about remote work"}[c.id])
    assert fused[0].id == "midwife"  # in both retrievers
    plain = {c.id: c.score for c in fused}
    gated = {c.id: c.score for c in stages.gate_lexical(fused, terms, s)}
    assert gated["remote"] == pytest.approx(plain["remote"] * 0.25)  # holds 1 of 2 terms: (1/2) ** 2 of it
    assert gated["midwife"] == plain["midwife"]  # "works" matches "work" as the index matched it
    off = RetrievalSettings(lexical_coverage_gate=0)
    assert {c.id: c.score for c in stages.gate_lexical(fused, terms, off)} == gated


def test_a_match_on_a_common_word_is_weaker_evidence_than_one_on_a_rare_word() -> None:
    s = RetrievalSettings(rrf_k=60)
    info = stages.TermInformation(idf={"live": 2.0, "ledgerli": 7.0}, full=7.0)  # keyed by stored (stemmed) form
    common = Candidate("c", lexical_rank=1, lexical_strength=1.0, record=memory("the plant in the living room"))
    rare = Candidate("r", lexical_rank=1, lexical_strength=1.0, record=memory("a backend engineer at ledgerly"))
    for c in (common, rare):
        c.score = s.bm25_weight / (s.rrf_k + 1)
    stages.normalise([common], frozenset({"living"}), s, information=info)
    stages.normalise([rare], frozenset({"ledgerly"}), s, information=info)
    assert common.score < s.default_min_score < rare.score
    unweighted = Candidate("u", lexical_rank=1, lexical_strength=1.0, record=memory("the plant in the living room"))
    unweighted.score = s.bm25_weight / (s.rrf_k + 1)
    stages.normalise([unweighted], frozenset({"living"}), s)
    assert unweighted.score == pytest.approx(rare.score)  # without idf both looked like perfect evidence


def test_mmr_pushes_a_near_duplicate_below_a_distinct_memory() -> None:
    s = RetrievalSettings()
    first = Candidate("1", score=0.9, record=memory("User prefers dark mode in all editors"))
    copy = Candidate("2", score=0.89, record=memory("User prefers dark mode in all editors!"))
    other = Candidate("3", score=0.6, record=memory("User uses the Zed editor with vim keys"))
    assert [c.id for c in stages.mmr([first, copy, other], 2, s)] == ["1", "3"]


def test_length_normalization_penalises_only_long_memories() -> None:
    s = RetrievalSettings()
    short = Candidate("s", score=0.8, record=memory("short fact"))
    long = Candidate("l", score=0.8, record=memory("word " * 400))
    stages.length_normalization([short, long], s)
    assert short.score == 0.8 and long.score < 0.8


def test_decay_boost_prefers_fresh_and_used_memories() -> None:
    s = RetrievalSettings()
    old_time = (datetime.now(timezone.utc) - timedelta(days=90)).isoformat()
    fresh = Candidate("f", score=0.5, record=memory("fresh", access_count=20))
    stale = Candidate("s", score=0.5, record=memory("stale", created_at=old_time))
    stages.decay_boost([fresh, stale], s)
    assert fresh.score > 0.5 > stale.score


def test_importance_weight_and_bm25_floor() -> None:
    s = RetrievalSettings()
    high = Candidate("h", score=0.5, record=memory("x", importance=0.9))
    low = Candidate("l", score=0.5, record=memory("y", importance=0.1))
    stages.importance_weight([high, low], s)
    assert high.score > 0.5 > low.score
    exact = Candidate("e", score=0.2, lexical_strength=1.0, record=memory("build-7731"))
    stages.bm25_floor([exact], {"e": 0.8}, s)
    assert exact.score == pytest.approx(0.8 * s.bm25_floor_ratio)


# -- the pipeline through the service ---------------------------------------------------


async def test_min_score_drops_weak_hits(runtime: Runtime) -> None:
    await add(runtime, "Plays tennis every Sunday morning", "Owns a golden retriever called Max")
    everything = await runtime.memories.search(ALICE, "tennis", min_score=0.0)
    strict = await runtime.memories.search(ALICE, "tennis")
    assert len(everything.results) == 2
    assert [r.memory.content for r in strict.results] == ["Plays tennis every Sunday morning"]


class CodeBlindEmbedder(HashingEmbedder):
    """Like many sentence embedders on rare identifiers: it cannot see digits at all."""

    def embed_one(self, text: str) -> list[float]:
        return super().embed_one(re.sub(r"[0-9]", "", text))


async def test_lexical_rescues_an_exact_code_the_embedder_misses(tmp_path: Path) -> None:
    async with open_runtime(make_settings(tmp_path / "data"), embedder=CodeBlindEmbedder()) as rt:
        await add(rt, "The staging server is build-7731", "The staging server is build-5520",
                  "The staging server is build-9004", "Release notes are written on Fridays")
        seen_by_embedder = await rt.embedder.embed(["build-7731", "build-5520"])
        assert seen_by_embedder[0] == seen_by_embedder[1]  # the embedder cannot tell the codes apart
        full = await rt.memories.search(ALICE, "build-7731", limit=1)
        assert full.results[0].memory.content == "The staging server is build-7731"


async def test_two_character_chinese_query(runtime: Runtime) -> None:
    await add(runtime, "我爱吃西瓜", "今天天气很好", "我喜欢在公园跑步")
    found = await runtime.memories.search(ALICE, "西瓜")
    assert found.results[0].memory.content == "我爱吃西瓜"
    assert all(r.score < found.results[0].score / 2 for r in found.results[1:])


async def test_near_duplicates_do_not_fill_the_results(runtime: Runtime) -> None:
    await add(runtime, "Favourite color is blue", "Favourite color is blue.", "Favourite colour is blue!",
              "Favourite food is sushi")
    found = await runtime.memories.search(ALICE, "favourite color", limit=2, min_score=0.0)
    assert found.results[1].memory.content == "Favourite food is sushi"


async def test_trace_explains_every_stage(runtime: Runtime) -> None:
    await add(runtime, "Likes hiking in the Alps", "Hiking boots are size 42")
    outcome = await runtime.memories.search(ALICE, "hiking", limit=1)
    trace = outcome.trace()
    assert [s["name"] for s in trace["stages"]] == list(STAGES)
    assert trace["final_count"] == 1 and trace["total_duration_ms"] > 0
    assert trace["stages"][0]["output_count"] >= 2
    for before, after in zip(trace["stages"][1:], trace["stages"][2:]):
        assert after["input_count"] == before["output_count"]


async def test_settings_take_effect_and_are_reported(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data").model_copy(
        update={"retrieval": RetrievalSettings(default_min_score=0.0, disabled_stages=["mmr_diversity"], rrf_k=10)})
    async with open_runtime(settings) as rt:
        await add(rt, "Plays tennis every Sunday morning", "Owns a golden retriever called Max")
        outcome = await rt.memories.search(ALICE, "tennis")
        assert len(outcome.results) == 2  # min score 0 keeps the weak one
        mmr = next(s for s in outcome.trace()["stages"] if s["name"] == "mmr_diversity")
        assert mmr["skipped"] == "disabled"
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(rt)),
                                     base_url="http://127.0.0.1") as client:
            config = (await client.get("/v1/stats/config")).json()
    assert config["retrieval"]["rrf_k"] == 10 and config["retrieval"]["default_min_score"] == 0.0
    assert config["retrieval"]["stages"] == list(STAGES)
    assert config["retrieval"]["disabled_stages"] == ["mmr_diversity"]
    assert config["decay"]["half_life_days"] == 14.0


async def test_search_counts_accesses_in_the_background(runtime: Runtime) -> None:
    [memory_id] = await add(runtime, "Reads science fiction")
    for _ in range(3):
        await runtime.memories.search(ALICE, "science fiction")
    await runtime.access.flush()
    assert (await runtime.memories.get(ALICE, memory_id)).access_count == 3


# -- the optional cross-encoder stage, against a fake Cohere-style rerank server on loopback ------------


def fake_reranker_app(requests: list[dict]) -> Starlette:
    """Scores a document 0.99 if it mentions "espresso", else 0.01, the way a cross-encoder would disagree."""

    async def rerank(request: Request) -> JSONResponse:
        body = await request.json()
        requests.append(body)
        results = [{"index": i, "relevance_score": 0.99 if "espresso" in doc else 0.01}
                   for i, doc in enumerate(body["documents"])]
        results.sort(key=lambda r: r["relevance_score"], reverse=True)
        return JSONResponse({"id": "fake", "results": results, "meta": {"billed_units": {"search_units": 1}}})

    return Starlette(routes=[Route(path, rerank, methods=["POST"]) for path in ("/v1/rerank", "/v2/rerank")])


async def test_cross_encoder_rerank_reorders_and_survives_an_outage(tmp_path: Path) -> None:
    requests: list[dict] = []
    async with serve(fake_reranker_app(requests)) as base:
        retrieval = RetrievalSettings(rerank_model="cohere/rerank-english-v3.0", rerank_api_base=base,
                                      rerank_api_key="test-key", default_min_score=0.0, rerank_weight=0.9)
        settings = make_settings(tmp_path / "data").model_copy(update={"retrieval": retrieval})
        async with open_runtime(settings) as rt:
            await add(rt, "Coffee: drinks filter coffee at work", "Coffee beans are bought on Saturdays",
                      "Morning routine includes an espresso")
            plain = await rt.memories.search(ALICE, "coffee", retrieval=retrieval.model_copy(
                update={"disabled_stages": ["cross_encoder_rerank"]}))
            reranked = await rt.memories.search(ALICE, "coffee")
            assert plain.results[0].memory.content != "Morning routine includes an espresso"
            assert reranked.results[0].memory.content == "Morning routine includes an espresso"
            stage = next(s for s in reranked.trace()["stages"] if s["name"] == "cross_encoder_rerank")
            assert "skipped" not in stage and requests and requests[-1]["query"] == "coffee"

            broken = retrieval.model_copy(update={"rerank_api_base": f"http://127.0.0.1:{free_port()}"})
            outage = await rt.memories.search(ALICE, "coffee", retrieval=broken)
            stage = next(s for s in outage.trace()["stages"] if s["name"] == "cross_encoder_rerank")
            assert stage["skipped"].startswith("reranker failed") and len(outage.results) == 3


async def test_agent_and_tag_filters_narrow_candidates_before_ranking(runtime: Runtime) -> None:
    # Two hundred better matches without the tag rank first; the tagged memory must still be found.
    await add(runtime, *[f"Coffee order {i}: coffee beans, coffee grinder and coffee filters" for i in range(200)])
    coder = Caller(user_id="alice", agent_id="coder")
    [made] = await runtime.memories.add(coder, [NewMemory(content="Had a coffee at the office", tags=["work"])])
    tagged = made.id
    plain = await runtime.memories.search(ALICE, "coffee", limit=5, min_score=0.0)
    assert tagged not in [r.memory.id for r in plain.results]
    for narrowed in ({"tags": ["work"]}, {"agent_id": "coder"}, {"tags": ["work"], "agent_id": "coder"}):
        found = await runtime.memories.search(ALICE, "coffee", limit=5, min_score=0.0, **narrowed)
        assert [r.memory.id for r in found.results] == [tagged], narrowed
    assert (await runtime.memories.search(ALICE, "coffee", tags=["work", "home"], min_score=0.0)).results == []


async def test_term_information_comes_from_the_lexical_index(runtime: Runtime) -> None:
    await add(runtime, *[f"Watered the plants in the living room, day {i}" for i in range(20)])
    assert await runtime.ledger.term_information(["living"]) == ({}, 0.0)  # too few rows to mean anything
    await add(runtime, *[f"Note {i} about errands" for i in range(COMMON_MIN_ROWS)], "Backend engineer at Ledgerly")
    runtime.ledger.doc_freq = DocFrequencies()  # forget the size read above (it is cached for a few seconds)
    idf, unique = await runtime.ledger.term_information(["living", "ledgerly", "absent"])
    assert idf["live"] < idf["ledgerli"] < idf["absent"]  # keyed by the form the index stores
    assert idf["ledgerli"] == pytest.approx(unique)  # found in one row: the most one term can tell
