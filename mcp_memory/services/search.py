"""The retrieval pipeline: twelve stages, each timed and visible in the trace.

Every search path (MCP, REST shim, omem, profile) calls `Retriever.search`.
Stages can be switched off by name (`RetrievalSettings.disabled_stages`),
which is how the benchmarks compare vector-only, lexical-only, plain RRF and
the full pipeline.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio

from mcp_memory.caller import Caller
from mcp_memory.config import RetrievalSettings, resolve_secret
from mcp_memory.llm import litellm_module
from mcp_memory.models import ScoredMemory
from mcp_memory.services import stages
from mcp_memory.services.access import AccessRecorder
from mcp_memory.services.indexer import Indexer
from mcp_memory.services.stages import Candidate
from mcp_memory.stores import lexical
from mcp_memory.stores.ledger import Ledger, SearchRecord

logger = logging.getLogger(__name__)


@dataclass
class Stage:
    name: str
    input_count: int
    output_count: int
    duration_ms: float
    score_range: list[float] | None
    skipped: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "input_count": self.input_count,
            "output_count": self.output_count,
            "duration_ms": round(self.duration_ms, 3),
            "score_range": self.score_range,
        }
        if self.skipped:
            data["skipped"] = self.skipped
        return data


@dataclass
class SearchOutcome:
    results: list[ScoredMemory]
    stages: list[Stage] = field(default_factory=list)
    total_duration_ms: float = 0.0

    def trace(self) -> dict[str, Any]:
        return {
            "stages": [s.as_dict() for s in self.stages],
            "total_duration_ms": round(self.total_duration_ms, 3),
            "final_count": len(self.results),
        }


def _range(candidates: list[Candidate]) -> list[float] | None:
    if not candidates:
        return None
    scores = [c.score for c in candidates]
    return [round(min(scores), 4), round(max(scores), 4)]


class _Tracer:
    """Runs one stage (unless disabled) and records what it did."""

    def __init__(self, settings: RetrievalSettings) -> None:
        self.settings = settings
        self.stages: list[Stage] = []
        self.mark = time.perf_counter()

    def record(self, name: str, before: int, after: list[Candidate], skipped: str | None = None) -> None:
        now = time.perf_counter()
        self.stages.append(Stage(name, before, len(after), (now - self.mark) * 1000, _range(after), skipped))
        self.mark = now

    def enabled(self, name: str) -> bool:
        return name not in self.settings.disabled_stages

    def run(self, name: str, candidates: list[Candidate], fn: Callable[[list[Candidate]], list[Candidate]]) -> list[Candidate]:
        self.mark = time.perf_counter()
        if not self.enabled(name):
            self.record(name, len(candidates), candidates, skipped="disabled")
            return candidates
        out = fn(candidates)
        self.record(name, len(candidates), out)
        return out


NARROWED_REACH = 10  # how much deeper each retriever reaches when agent or tags narrow the search


@dataclass(frozen=True)
class Narrowing:
    """What a caller narrowed the search to, checked on each candidate's record."""

    scope: str | None = None
    agent_id: str | None = None
    tags: frozenset[str] = frozenset()

    @property
    def narrows(self) -> bool:
        return self.agent_id is not None or bool(self.tags)

    def admits(self, record: SearchRecord) -> bool:
        return ((self.scope is None or record.scope == self.scope)
                and (self.agent_id is None or record.agent_id == self.agent_id)
                and self.tags <= set(record.tags))


class Retriever:
    def __init__(self, ledger: Ledger, indexer: Indexer, settings: RetrievalSettings,
                 access: AccessRecorder | None = None) -> None:
        self.ledger = ledger
        self.indexer = indexer
        self.settings = settings
        self.access = access

    async def search(
        self,
        caller: Caller,
        space_id: str,
        query: str,
        limit: int,
        min_score: float | None = None,
        scope: str | None = None,
        settings: RetrievalSettings | None = None,
        record_access: bool = True,
        agent_id: str | None = None,
        tags: Sequence[str] = (),
    ) -> SearchOutcome:
        """The pipeline. `agent_id` and `tags` (all of them) narrow the candidates before ranking, and each
        retriever then reaches `NARROWED_REACH` times deeper, since many of its hits will not qualify."""
        s = settings or self.settings
        vector_trust = 1.0
        if not self.indexer.embedder.multilingual and lexical.cjk_share(query) >= 0.3 and s.vector_weight > 0:
            # An English-only embedder maps Chinese text to near-identical vectors: let the lexical index lead.
            vector_trust = s.cjk_vector_trust
            s = s.model_copy(update={"vector_weight": s.cjk_vector_weight})
        started = time.perf_counter()
        tracer = _Tracer(s)
        narrowing = Narrowing(scope, agent_id, frozenset(tags))
        want = max(limit * s.overfetch, s.min_candidates) * (NARROWED_REACH if narrowing.narrows else 1)

        # 1. parallel_search
        vector_hits, lexical_hits = await self._parallel_search(caller, space_id, query, want, s)
        raw = len(vector_hits) + len(lexical_hits)
        similarities = [sim for _, sim in vector_hits]
        tracer.stages.append(Stage("parallel_search", 0, raw, (time.perf_counter() - started) * 1000,
                                   [round(min(similarities), 4), round(max(similarities), 4)] if similarities else None))
        tracer.mark = time.perf_counter()

        # 2. rrf_fusion, then load the candidates' records (the ledger has the last word on visibility)
        candidates = stages.fuse(vector_hits, lexical_hits, s)
        found = await self.ledger.search_records(caller.account_id, [c.id for c in candidates])
        candidates = [c for c in candidates if self._visible(c, found, caller, narrowing)]
        terms = frozenset(lexical.query_terms(query))
        information = None
        if vector_trust == 1.0:  # CJK character pairs match partially by nature: no gating for them
            candidates = stages.gate_lexical(candidates, stages.query_stems(query), s)
            information = await self._information(terms, s)
        if s.pinned_boost:
            for c in candidates:
                if c.record is not None and c.record.memory_type == "pinned":
                    c.score += s.pinned_boost * stages.ideal_rrf(s)
            candidates.sort(key=lambda c: c.score, reverse=True)
        tracer.record("rrf_fusion", raw, candidates)

        # 3-5. normalise, drop weak matches, cap what the expensive stages see
        candidates = tracer.run("rrf_normalize", candidates,
                                lambda cs: stages.normalise(cs, terms, s, vector_trust, information))
        floor = s.default_min_score if min_score is None else min_score
        if min_score is None and vector_trust < 1.0:
            floor *= vector_trust  # relevance cannot be measured well here: filter by default only what is surely weak
        candidates = tracer.run("min_score_filter", candidates, lambda cs: [c for c in cs if c.score >= floor])
        candidates = tracer.run("topk_cap", candidates, lambda cs: sorted(cs, key=lambda c: c.score, reverse=True)[
            : limit * s.topk_multiplier])

        # 6-7. optional cross-encoder rerank, with strong lexical matches protected
        before_rerank = {c.id: c.score for c in candidates}
        candidates = await self._rerank(query, candidates, s, tracer)
        candidates = tracer.run("bm25_floor", candidates, lambda cs: stages.bm25_floor(cs, before_rerank, s))

        # 8-10. what the memory itself says: strength, importance, length
        candidates = tracer.run("decay_boost", candidates, lambda cs: stages.decay_boost(cs, s))
        candidates = tracer.run("importance_weight", candidates, lambda cs: stages.importance_weight(cs, s))
        candidates = tracer.run("length_normalization", candidates, lambda cs: stages.length_normalization(cs, s))

        # 11-12. final cut, then diversity
        # A caller's own min_score holds for what it gets back, after the stages that moved scores since stage 4.
        cutoff = floor if min_score is not None else min(s.hard_min_score, floor)
        candidates = tracer.run("hard_cutoff", candidates, lambda cs: sorted(
            [c for c in cs if c.score >= cutoff], key=lambda c: c.score, reverse=True))
        candidates = tracer.run("mmr_diversity", candidates, lambda cs: stages.mmr(cs, limit, s))
        if not tracer.enabled("mmr_diversity"):
            candidates = sorted(candidates, key=lambda c: c.score, reverse=True)
        candidates = candidates[:limit]

        full = await self.ledger.get_many(caller.account_id, [c.id for c in candidates])
        results = [ScoredMemory(memory=full[c.id], score=round(min(max(c.score, 0.0), 1.0), 6))
                   for c in candidates if c.id in full]
        if record_access and self.access is not None and results:
            self.access.record(caller.account_id, [r.memory.id for r in results])
        return SearchOutcome(results=results, stages=tracer.stages,
                             total_duration_ms=(time.perf_counter() - started) * 1000)

    async def _information(self, terms: frozenset[str], s: RetrievalSettings) -> stages.TermInformation | None:
        if not s.literal_information_terms or not s.evidence_blend or not terms:
            return None
        idf, unique = await self.ledger.term_information(sorted(terms))
        return stages.TermInformation(idf, s.literal_information_terms * unique) if unique else None

    @staticmethod
    def _visible(c: Candidate, found: dict[str, SearchRecord], caller: Caller, narrowing: Narrowing) -> bool:
        record = found.get(c.id)
        # The indexes may lag a state change by one sweep; the ledger decides.
        if record is None or record.state != "active" or not caller.can_see(record.user_id):
            return False
        if record.superseded_by is not None:  # kept for history, not for recall
            return False
        if not narrowing.admits(record):
            return False
        c.record = record
        return True

    async def _parallel_search(
        self, caller: Caller, space_id: str, query: str, want: int, s: RetrievalSettings
    ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        vector_hits: list[tuple[str, float]] = []
        lexical_hits: list[tuple[str, float]] = []

        async def run_vector() -> None:
            nonlocal vector_hits
            embedder = self.indexer.embedder  # one model for query and collection, even mid-switch
            [embedding] = await embedder.embed([query])
            users = [caller.user_id] if caller.user_id is not None else await self.ledger.user_ids(caller.account_id)
            hits: list[tuple[str, float]] = []
            for user_id in users:  # an account-wide caller reads each user's collection
                hits += await self.indexer.vectors.query(
                    self.indexer.collection_for(caller.account_id, space_id, user_id, embedder), embedding, want
                )
            vector_hits = sorted(hits, key=lambda hit: hit[1], reverse=True)[:want]

        async def run_lexical() -> None:
            nonlocal lexical_hits
            lexical_hits = await self.ledger.lexical_search(caller.account_id, caller.user_id, query, want)

        async with anyio.create_task_group() as tg:
            # Lexical first: its query is then in flight in the database thread while the query is embedded.
            if s.use_lexical:
                tg.start_soon(run_lexical)
            if s.use_vector:
                tg.start_soon(run_vector)
        return vector_hits, lexical_hits

    async def _rerank(self, query: str, candidates: list[Candidate], s: RetrievalSettings,
                      tracer: _Tracer) -> list[Candidate]:
        tracer.mark = time.perf_counter()
        name = "cross_encoder_rerank"
        if not tracer.enabled(name):
            tracer.record(name, len(candidates), candidates, skipped="disabled")
            return candidates
        if not s.rerank_model:
            tracer.record(name, len(candidates), candidates, skipped="no rerank model configured")
            return candidates
        if not candidates:
            tracer.record(name, 0, candidates)
            return candidates
        try:
            litellm = litellm_module()
            with anyio.fail_after(s.rerank_timeout_seconds):
                response = await litellm.arerank(
                    model=s.rerank_model, query=query,
                    documents=[c.record.content if c.record else "" for c in candidates],
                    api_base=s.rerank_api_base, api_key=resolve_secret(s.rerank_api_key),
                )
            relevance = {item["index"]: float(item["relevance_score"]) for item in response.results}
        except Exception as exc:  # a reranker outage must not fail the search
            logger.warning("rerank failed, keeping fused order: %s", type(exc).__name__)
            tracer.record(name, len(candidates), candidates, skipped=f"reranker failed ({type(exc).__name__})")
            return candidates
        for i, c in enumerate(candidates):
            c.score = (1 - s.rerank_weight) * c.score + s.rerank_weight * relevance.get(i, 0.0)
        candidates.sort(key=lambda c: c.score, reverse=True)
        tracer.record(name, len(candidates), candidates)
        return candidates
