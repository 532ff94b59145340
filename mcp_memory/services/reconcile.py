"""Admission and reconciliation: what a new fact does to the memories already there.

Admission scores a fact (omem's weights: utility, confidence, novelty,
recency, type prior) and rejects, admits, or treats it as a merge candidate.
Reconciliation picks one outcome per fact against the most similar current
memories. With an LLM the model chooses (see `llm_reconcile`); without one,
`decide` does, by overlap and negation. Either way `guard` then applies the
category rules: profile merges, preferences and entities are versioned (the
old one is superseded, not lost), events and cases are append-only, patterns
merge, and pinned memories are never overwritten. The same fact twice never
makes a second memory (it supports the first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from mcp_memory.models import Memory
from mcp_memory.services.extraction import Fact
from mcp_memory.stores import lexical

Outcome = Literal["create", "merge", "skip", "support", "supersede", "contextualize", "contradict", "reject"]
OUTCOMES: tuple[str, ...] = ("create", "merge", "skip", "support", "supersede", "contextualize", "contradict")
TARGETED = frozenset(OUTCOMES) - {"create"}  # outcomes that act on an existing memory
APPEND_ONLY = ("events", "cases")
VERSIONED = ("preferences", "entities")

PRESETS = {"balanced": (0.45, 0.60), "conservative": (0.52, 0.68), "high_recall": (0.34, 0.52)}
WEIGHTS = {"utility": 0.1, "confidence": 0.1, "novelty": 0.1, "recency": 0.1, "type_prior": 0.6}
TYPE_PRIOR = {"profile": 0.95, "preferences": 0.9, "entities": 0.85, "patterns": 0.8, "cases": 0.75, "events": 0.7}

DUPLICATE = 0.8  # token overlap at which two facts say the same thing
SAME_SUBJECT = 0.45  # overlap at which a new fact updates an old one of the same category


# Words people add when they repeat themselves ("as I said, ...", "..., by the way"): not new content.
_DISCOURSE = frozenset({"said", "mentioned", "told", "again", "already", "way", "definitely", "course", "anyway",
                        "though", "btw"})


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of meaningful lexical tokens (words without stopwords, CJK character pairs)."""
    x, y = (set(lexical.query_terms(t)) - _DISCOURSE for t in (a, b))
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
    """One fact's outcome; `content` is what to store when it differs from the fact (a merge's new text)."""

    outcome: Outcome
    target: Memory | None = None
    score: float = 0.0
    content: str | None = None
    label: str | None = None
    decided_by: Literal["rules", "llm"] = "rules"


def decide(fact: Fact, similar: list[Memory], preset: str = "balanced") -> Decision:
    """The rule-based outcome for one fact given the current memories most similar to it (best first)."""
    return guard(fact, _by_rules(fact, similar, preset), similar)


def _by_rules(fact: Fact, similar: list[Memory], preset: str) -> Decision:
    best = similar[0] if similar else None
    closeness = overlap(fact.content, best.content) if best else 0.0
    score = admission_score(fact, novelty=1.0 - closeness)
    reject_below, admit_from = PRESETS.get(preset, PRESETS["balanced"])
    if score < reject_below:
        return Decision("reject", None, score)
    if best is None:
        return Decision("create", None, score)
    negated = next((m for m in similar[:3] if negates(fact.content, m.content)), None)
    if negated is not None:
        if _CHANGE.search(fact.content) and negated.category == fact.category:
            return Decision("supersede", negated, score, label="changed")
        return Decision("contradict", negated, score, label="negates")
    if closeness >= DUPLICATE or _normal(fact.content) == _normal(best.content):
        return Decision("skip", best, score)  # the same fact again: it supports the first
    key = slot(fact.content)
    same_slot = next((m for m in similar if key and m.category == fact.category and slot(m.content) == key), None)
    if same_slot is not None:
        return Decision("supersede", same_slot, score, label=f"new {key}")  # the guard merges profile facts
    if score < admit_from and closeness >= SAME_SUBJECT:
        return Decision("skip", best, score)  # a weak merge candidate adds nothing new
    if closeness < SAME_SUBJECT or best.category != fact.category:
        return Decision("create", None, score)
    return Decision("supersede", best, score)  # the guard makes it a merge for profile and patterns


def guard(fact: Fact, decision: Decision, similar: list[Memory]) -> Decision:
    """The category rules, applied after whichever decider chose: what a decision may do to its target."""
    same = next((m for m in similar if _normal(m.content) == _normal(fact.content)), None)
    if same is not None and decision.outcome not in ("skip", "support", "reject"):
        return replace(decision, outcome="skip", target=same, content=None)  # never a second copy
    target = decision.target
    if decision.outcome not in ("merge", "supersede") or target is None:
        return decision
    if target.memory_type == "pinned":
        return replace(decision, outcome="contextualize", content=None)  # never overwritten
    if fact.category in APPEND_ONLY or target.category in APPEND_ONLY:
        return replace(decision, outcome="create", target=None, content=None)
    if target.category in VERSIONED:
        return replace(decision, outcome="supersede")
    return replace(decision, outcome="merge")  # profile, patterns


# -- slots: facts that hold one value at a time ---------------------------------------------

_SLOTS: list[tuple[str, re.Pattern[str]]] = [
    ("favourite", re.compile(r"\bfavou?rite (\w+(?: \w+)?) (?:is|are)\b", re.IGNORECASE)),
    ("home", re.compile(r"\b(?:i|we) (?:now |still )?live in\b|我住在|我们住在", re.IGNORECASE)),
    ("job", re.compile(r"\bi (?:now )?work (?:as|for)\b|\bmy job is\b|我的工作是", re.IGNORECASE)),
    ("name", re.compile(r"\bmy name is\b|我叫", re.IGNORECASE)),
]


def slot(text: str) -> str | None:
    """Which single-valued fact a statement sets ("favourite band", "home", "job"), if any."""
    for name, pattern in _SLOTS:
        match = pattern.search(text)
        if match:
            return f"{name} {match.group(1).lower()}" if match.groups() else name
    return None


# -- negation: "likes X" against "doesn't like X" ---------------------------------------

_NEGATION = re.compile(
    r"\b(not|never|no longer|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|can't|cannot|won't|dont|doesnt|"
    r"didnt|isnt|arent|wasnt|cant|wont)\b|[不没別别]",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"\b(anymore|any more|no longer|nowadays|these days|now)\b|不再|现在|如今", re.IGNORECASE)
_FILLER = frozenset({"do", "does", "did", "is", "are", "was", "were", "am", "really", "at", "all"})


def negates(new: str, old: str) -> bool:
    """True when one statement is the other with a negation added, e.g. "I like tea" / "I don't like tea"."""
    if bool(_NEGATION.search(new)) == bool(_NEGATION.search(old)):
        return False
    a, b = _core(new), _core(old)
    return bool(a) and a == b


def _core(text: str) -> frozenset[str]:
    # CJK negations sit inside words (不喜欢): drop them without splitting the word.
    stripped = _NEGATION.sub(lambda m: "" if len(m.group(0)) == 1 else " ", _CHANGE.sub(" ", text))
    return frozenset(t for t in lexical.query_terms(stripped) if t not in _FILLER)


def _normal(text: str) -> str:
    return " ".join(lexical.tokens(text))
