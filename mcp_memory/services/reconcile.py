"""Admission and reconciliation: what a new fact does to the memories already there.

Admission scores a fact (omem's weights: utility, confidence, novelty,
recency, type prior) and rejects, admits, or treats it as a merge candidate.
Reconciliation compares it with the most similar current memory and picks
one outcome, following the category rules: profile merges, preferences and
entities are versioned (the old one is superseded, not lost), events and
cases are append-only, patterns merge, and pinned memories are never
overwritten. The same fact twice is skipped (and supports the first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mcp_memory.models import Memory
from mcp_memory.services.extraction import Fact
from mcp_memory.stores import lexical

Outcome = Literal["create", "merge", "skip", "supersede", "support", "reject"]

PRESETS = {"balanced": (0.45, 0.60), "conservative": (0.52, 0.68), "high_recall": (0.34, 0.52)}
WEIGHTS = {"utility": 0.1, "confidence": 0.1, "novelty": 0.1, "recency": 0.1, "type_prior": 0.6}
TYPE_PRIOR = {"profile": 0.95, "preferences": 0.9, "entities": 0.85, "patterns": 0.8, "cases": 0.75, "events": 0.7}

DUPLICATE = 0.8  # token overlap at which two facts say the same thing
SAME_SUBJECT = 0.45  # overlap at which a new fact updates an old one of the same category


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of meaningful lexical tokens (words without stopwords, CJK character pairs)."""
    x, y = set(lexical.query_terms(a)), set(lexical.query_terms(b))
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def admission_score(fact: Fact, novelty: float) -> float:
    return (
        WEIGHTS["utility"] * fact.importance
        + WEIGHTS["confidence"] * fact.confidence
        + WEIGHTS["novelty"] * novelty
        + WEIGHTS["recency"] * 1.0
        + WEIGHTS["type_prior"] * TYPE_PRIOR.get(fact.category, 0.7)
    )


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    target: Memory | None = None
    score: float = 0.0


def decide(fact: Fact, similar: list[Memory], preset: str = "balanced") -> Decision:
    """The outcome for one fact given the current memories most similar to it (best first)."""
    best = similar[0] if similar else None
    closeness = overlap(fact.content, best.content) if best else 0.0
    score = admission_score(fact, novelty=1.0 - closeness)
    reject_below, admit_from = PRESETS.get(preset, PRESETS["balanced"])
    if score < reject_below:
        return Decision("reject", None, score)
    if best is None:
        return Decision("create", None, score)
    if closeness >= DUPLICATE or _normal(fact.content) == _normal(best.content):
        return Decision("skip", best, score)  # the same fact again: it supports the first
    if score < admit_from and closeness >= SAME_SUBJECT:
        return Decision("skip", best, score)  # a weak merge candidate adds nothing new
    if best.memory_type == "pinned" or closeness < SAME_SUBJECT or best.category != fact.category:
        return Decision("create", None, score)
    if fact.category in ("events", "cases"):
        return Decision("create", None, score)
    if fact.category in ("profile", "patterns"):
        return Decision("merge", best, score)
    return Decision("supersede", best, score)  # preferences, entities: versioned in time


def _normal(text: str) -> str:
    return " ".join(lexical.tokens(text))
