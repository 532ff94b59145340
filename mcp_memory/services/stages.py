"""The scoring stages of the retrieval pipeline, as small pure functions over candidates.

Each stage takes the candidates still in play and returns the ones that go
on, with their `score` adjusted. `search.py` runs them in order and records
the trace; nothing here does I/O except the optional reranker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone

from mcp_memory.config import RetrievalSettings
from mcp_memory.services.decay import DecayModel
from mcp_memory.stores import lexical
from mcp_memory.stores.doc_freq import stem
from mcp_memory.stores.ledger import SearchRecord


@dataclass
class Candidate:
    id: str
    score: float = 0.0
    vector_rank: int | None = None
    vector_similarity: float | None = None
    lexical_rank: int | None = None
    lexical_strength: float | None = None
    record: SearchRecord | None = None
    _tokens: frozenset[str] | None = field(default=None, repr=False)
    _stems: frozenset[str] | None = field(default=None, repr=False)

    @property
    def tokens(self) -> frozenset[str]:
        if self._tokens is None:
            self._tokens = frozenset(lexical.tokens(self.record.content if self.record else ""))
        return self._tokens

    @property
    def stems(self) -> frozenset[str]:
        """The tokens as the lexical index matches them ("editors" and "editor" alike)."""
        if self._stems is None:
            self._stems = frozenset(stem(t) for t in self.tokens)
        return self._stems


def query_stems(query: str) -> frozenset[str]:
    """The query's meaningful terms in the form the lexical index matches them."""
    return frozenset(stem(t) for t in lexical.query_terms(query))


def fuse(vector: list[tuple[str, float]], lexical_hits: list[tuple[str, float]], s: RetrievalSettings) -> list[Candidate]:
    """Weighted reciprocal rank fusion; keeps each retriever's raw evidence on the candidate."""
    found: dict[str, Candidate] = {}
    for rank, (memory_id, similarity) in enumerate(vector, start=1):
        c = found.setdefault(memory_id, Candidate(memory_id))
        c.vector_rank, c.vector_similarity = rank, similarity
        c.score += s.vector_weight / (s.rrf_k + rank)
    top = lexical_hits[0][1] if lexical_hits else 1.0
    for rank, (memory_id, strength) in enumerate(lexical_hits, start=1):
        c = found.setdefault(memory_id, Candidate(memory_id))
        c.lexical_rank, c.lexical_strength = rank, strength / top if top > 0 else 0.0
        c.score += s.bm25_weight / (s.rrf_k + rank)
    return sorted(found.values(), key=lambda c: c.score, reverse=True)


def gate_lexical(candidates: list[Candidate], query_stems: frozenset[str], s: RetrievalSettings) -> list[Candidate]:
    """A lexical hit holding few of the query's terms counts for less in the fusion (coverage ** gate).

    `query_stems` are compared with the memory's stems: a hit counts for each term the index matched it on.

    A question like "what do I do for a living?" otherwise lets "the monstera in the living room",
    ranked first by BM25 on one word, outrank what the embedder found.
    """
    if not s.lexical_coverage_gate or not query_stems:
        return candidates
    for c in candidates:
        if c.lexical_rank is not None:
            coverage = len(query_stems & c.stems) / len(query_stems)
            c.score -= (1 - coverage ** s.lexical_coverage_gate) * s.bm25_weight / (s.rrf_k + c.lexical_rank)
    return sorted(candidates, key=lambda c: c.score, reverse=True)


@dataclass(frozen=True)
class TermInformation:
    """The idf of each query term, and the saturation point: a match tells all it can at `full` nats."""

    idf: dict[str, float] = field(default_factory=dict)
    full: float = 0.0


def ideal_rrf(s: RetrievalSettings) -> float:
    """The fused score of a memory ranked first by every retriever in use."""
    weights = (s.vector_weight if s.use_vector else 0.0) + (s.bm25_weight if s.use_lexical else 0.0)
    return weights / (s.rrf_k + 1) or 1.0


RANK_SHARE = 0.35


def normalise(
    candidates: list[Candidate], query_terms: frozenset[str], s: RetrievalSettings, vector_trust: float = 1.0,
    information: TermInformation | None = None,
) -> list[Candidate]:
    """Scores to 0-1: part rank (the share of the ideal fused score), part evidence.

    Rank alone says nothing about whether the best match is any good; the
    evidence part (calibrated similarity, and the share of query terms the
    memory contains, combined as independent signals) keeps a weak best match
    from scoring high. `vector_trust` < 1 discounts similarity the embedder
    cannot be trusted with (an English-only model on Chinese text).
    """
    ideal = ideal_rrf(s)
    for c in candidates:
        rank_part = min(c.score / ideal, 1.0)
        if not s.evidence_blend:
            c.score = rank_part
            continue
        semantic = vector_trust * _calibrated_similarity(c.vector_similarity)
        literal = _lexical_evidence(c, query_terms, information)
        evidence = 1.0 - (1.0 - semantic) * (1.0 - literal)
        c.score = RANK_SHARE * rank_part + (1 - RANK_SHARE) * evidence
    return candidates


def _calibrated_similarity(similarity: float | None) -> float:
    # Cosine between a short query and a related memory sits around 0.3-0.8 for
    # sentence embedders; map [0.1, 0.9] onto [0, 1] without saturating early.
    if similarity is None:
        return 0.0
    return min(max((similarity - 0.1) / 0.8, 0.0), 1.0)


def _lexical_evidence(c: Candidate, query_terms: frozenset[str], information: TermInformation | None) -> float:
    """How much of the query the memory contains word for word, tempered by its BM25 strength relative to the
    best match and by how much the matched terms tell (one common word covering a one-word query proves little)."""
    if c.lexical_strength is None or not query_terms:
        return 0.0
    matched = query_terms & c.tokens
    evidence = len(matched) / len(query_terms) * (0.5 + 0.5 * c.lexical_strength)
    if information is not None and information.full > 0:
        evidence *= min(1.0, sum(information.idf.get(stem(t), 0.0) for t in matched) / information.full)
    return evidence


def bm25_floor(candidates: list[Candidate], before: dict[str, float], s: RetrievalSettings) -> list[Candidate]:
    """A strong lexical match keeps most of its pre-rerank score, whatever the reranker thought."""
    for c in candidates:
        if (c.lexical_strength or 0.0) >= s.bm25_floor_threshold:
            c.score = max(c.score, before.get(c.id, 0.0) * s.bm25_floor_ratio)
    return candidates


DECAY = DecayModel()


def decay_boost(candidates: list[Candidate], s: RetrievalSettings, now: datetime | None = None) -> list[Candidate]:
    """Fresh, often-used, important memories edge ahead: a mild multiplier around 1 from the decay model."""
    now = now or datetime.now(timezone.utc)
    for c in candidates:
        if c.record is not None:
            c.score *= 1.0 + s.decay_weight * (DECAY.composite(c.record, now) - 0.5)
    return candidates


def importance_weight(candidates: list[Candidate], s: RetrievalSettings) -> list[Candidate]:
    for c in candidates:
        if c.record is not None:
            c.score *= 1.0 + s.importance_weight * (c.record.importance - 0.5) * 2
    return candidates


def length_normalization(candidates: list[Candidate], s: RetrievalSettings) -> list[Candidate]:
    """Long chunks match many queries a little; they should not win by length alone."""
    for c in candidates:
        if c.record is not None:
            over = len(c.record.content) / s.length_anchor_chars
            if over > 1:
                c.score /= 1.0 + s.length_penalty * math.log2(over)
    return candidates


def similarity(a: Candidate, b: Candidate) -> float:
    """Token-set Jaccard: cheap, and exactly what tells near-duplicates apart from related memories."""
    if not a.tokens or not b.tokens:
        return 0.0
    return len(a.tokens & b.tokens) / len(a.tokens | b.tokens)


def mmr(candidates: list[Candidate], limit: int, s: RetrievalSettings) -> list[Candidate]:
    """Maximal marginal relevance: near-duplicates of an already chosen memory drop down the list."""
    pool = sorted(candidates, key=lambda c: c.score, reverse=True)
    redundancy = [0.0] * len(pool)  # each pool member's highest similarity to anything chosen so far
    chosen: list[Candidate] = []
    while pool and len(chosen) < limit:
        best, best_value = 0, -math.inf
        for i, c in enumerate(pool):
            value = s.mmr_lambda * c.score - (1 - s.mmr_lambda) * redundancy[i]
            if redundancy[i] >= s.duplicate_similarity:
                value -= 10.0  # a near-copy comes only after every distinct memory
            if value > best_value:
                best, best_value = i, value
        picked = pool.pop(best)
        redundancy.pop(best)
        chosen.append(picked)
        redundancy = [max(r, similarity(c, picked)) for r, c in zip(redundancy, pool)]
    return chosen
