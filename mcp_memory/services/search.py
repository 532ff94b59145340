"""Hybrid retrieval: vector and lexical search fused by reciprocal rank.

This is the seam the full 12-stage pipeline grows from: every search path
(MCP, REST shim, dialects) calls `Retriever.search` and nothing else.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import anyio

from mcp_memory.caller import Caller
from mcp_memory.models import ScoredMemory
from mcp_memory.services.indexer import Indexer
from mcp_memory.stores.ledger import Ledger


@dataclass
class RetrievalSettings:
    rrf_k: int = 60
    vector_weight: float = 0.7
    lexical_weight: float = 0.3
    overfetch: int = 4
    min_candidates: int = 40


@dataclass
class Stage:
    name: str
    input_count: int
    output_count: int
    duration_ms: float
    score_range: list[float] | None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "input_count": self.input_count,
            "output_count": self.output_count,
            "duration_ms": round(self.duration_ms, 3),
            "score_range": self.score_range,
        }


@dataclass
class SearchOutcome:
    results: list[ScoredMemory]
    stages: list[Stage] = field(default_factory=list)
    total_duration_ms: float = 0.0

    def trace(self) -> dict[str, object]:
        return {
            "stages": [s.as_dict() for s in self.stages],
            "total_duration_ms": round(self.total_duration_ms, 3),
            "final_count": len(self.results),
        }


def _range(scores: list[float]) -> list[float] | None:
    return [round(min(scores), 4), round(max(scores), 4)] if scores else None


def rrf(ranked: list[tuple[list[str], float]], k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion of several ranked id lists."""
    fused: dict[str, float] = {}
    for ids, weight in ranked:
        for rank, memory_id in enumerate(ids, start=1):
            fused[memory_id] = fused.get(memory_id, 0.0) + weight / (k + rank)
    return fused


class Retriever:
    def __init__(self, ledger: Ledger, indexer: Indexer, settings: RetrievalSettings | None = None) -> None:
        self.ledger = ledger
        self.indexer = indexer
        self.settings = settings or RetrievalSettings()

    async def search(
        self, caller: Caller, space_id: str, query: str, limit: int, min_score: float | None = None,
        scope: str | None = None,
    ) -> SearchOutcome:
        s = self.settings
        started = time.perf_counter()
        want = max(limit * s.overfetch, s.min_candidates)
        vector_hits: list[tuple[str, float]] = []
        lexical_hits: list[tuple[str, float]] = []

        async def run_vector() -> None:
            nonlocal vector_hits
            [embedding] = await self.indexer.embedder.embed([query])
            vector_hits = await self.indexer.vectors.query(
                self.indexer.collection_for(caller.account_id, space_id), embedding, want,
                None if caller.user_id is None else {"user_id": caller.user_id},
            )

        async def run_lexical() -> None:
            nonlocal lexical_hits
            lexical_hits = await self.ledger.lexical_search(caller.account_id, caller.user_id, query, want)

        async with anyio.create_task_group() as tg:
            tg.start_soon(run_vector)
            tg.start_soon(run_lexical)
        t1 = time.perf_counter()
        stages = [
            Stage("parallel_search", 0, len(vector_hits) + len(lexical_hits), (t1 - started) * 1000,
                  _range([sc for _, sc in vector_hits])),
        ]

        fused = rrf([([i for i, _ in vector_hits], s.vector_weight), ([i for i, _ in lexical_hits], s.lexical_weight)],
                    s.rrf_k)
        t2 = time.perf_counter()
        stages.append(Stage("rrf_fusion", len(vector_hits) + len(lexical_hits), len(fused), (t2 - t1) * 1000,
                            _range(list(fused.values()))))

        best = (s.vector_weight + s.lexical_weight) / (s.rrf_k + 1)
        normalised = {i: sc / best for i, sc in fused.items()}
        t3 = time.perf_counter()
        stages.append(Stage("rrf_normalize", len(fused), len(normalised), (t3 - t2) * 1000,
                            _range(list(normalised.values()))))

        kept = {i: sc for i, sc in normalised.items() if min_score is None or sc >= min_score}
        t4 = time.perf_counter()
        stages.append(Stage("min_score_filter", len(normalised), len(kept), (t4 - t3) * 1000, _range(list(kept.values()))))

        ordered = sorted(kept.items(), key=lambda pair: pair[1], reverse=True)
        found = await self.ledger.get_many(caller.account_id, [i for i, _ in ordered[: limit * 2]])
        results: list[ScoredMemory] = []
        for memory_id, score in ordered:
            mem = found.get(memory_id)
            # The indexes may lag a state change by one sweep; the ledger decides.
            if mem is None or mem.state != "active" or not caller.can_see(mem.user_id):
                continue
            if scope is not None and mem.scope != scope:
                continue
            results.append(ScoredMemory(memory=mem, score=round(min(score, 1.0), 6)))
            if len(results) >= limit:
                break
        t5 = time.perf_counter()
        stages.append(Stage("hard_cutoff", len(kept), len(results), (t5 - t4) * 1000,
                            _range([r.score for r in results])))
        await self.ledger.touch(caller.account_id, [r.memory.id for r in results])
        return SearchOutcome(results=results, stages=stages, total_duration_ms=(time.perf_counter() - started) * 1000)
