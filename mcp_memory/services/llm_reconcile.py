"""Reconciliation decided by the LLM: one call per ingest batch, every fact with its candidates.

The model sees each new fact with the most similar current memories (id,
content, category, type, times) and answers one decision per fact. Output
that is not JSON, or has no decision list, raises a retryable `LLMError`
like extraction does; a single decision that names an unknown action or a
memory that was not among that fact's candidates is dropped, and the caller
falls back to the rule-based decider for that fact, so no fact is lost.
"""

from __future__ import annotations

import json
from typing import Any

from mcp_memory.config import LLMSettings
from mcp_memory.llm import LLMError, complete_json
from mcp_memory.models import Memory
from mcp_memory.services.extraction import Fact
from mcp_memory.services.reconcile import OUTCOMES, TARGETED, Decision

DECISIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "decisions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "fact": {"type": "integer", "description": "the index of the new fact"},
                    "action": {"type": "string", "enum": list(OUTCOMES)},
                    "target_id": {"type": ["string", "null"]},
                    "content": {"type": ["string", "null"], "description": "merge only: the merged text"},
                    "reason": {"type": ["string", "null"]},
                },
                "required": ["fact", "action"],
            },
        }
    },
    "required": ["decisions"],
}

SYSTEM_PROMPT = """You keep a person's long-term memory consistent. For each new fact you get the existing
memories most similar to it. Choose one action per fact and return JSON {"decisions": [...]}, one item per
fact: {"fact": <index>, "action": ..., "target_id": <id of an existing memory or null>, "content": <text or
null>, "reason": <a few words>}. Actions:
- create: the fact is new information (target_id null).
- skip: an existing memory already says the same thing (target_id = that memory).
- support: the fact corroborates an existing memory without adding anything new (target_id = it).
- merge: the fact adds detail to an existing memory about the same thing; give the combined text in content.
- supersede: the fact replaces an existing memory that is no longer true (a changed job, city, preference).
- contextualize: the fact qualifies an existing memory without replacing it ("likes coffee" + "but not in
  the evening"); it is stored and linked to the target.
- contradict: the fact conflicts with an existing memory and it is unclear which is true; both are kept and
  linked as contradicting each other.
Only use target ids from that fact's own candidates. Prefer skip over create for repeats, and supersede over
contradict when the new fact is clearly a later change."""


def render(facts: list[Fact], candidates: list[list[Memory]]) -> str:
    """The user message: the batch as JSON, so the model (and a test's fake model) can read it exactly."""
    batch = [
        {"index": i, "content": fact.content, "category": fact.category,
         "candidates": [{"id": m.id, "content": m.content, "category": m.category, "memory_type": m.memory_type,
                         "created_at": m.created_at, "updated_at": m.updated_at} for m in found]}
        for i, (fact, found) in enumerate(zip(facts, candidates))
    ]
    return "New facts and their candidate memories:\n" + json.dumps({"facts": batch}, ensure_ascii=False, indent=1)


async def llm_decisions(
    settings: LLMSettings, facts: list[Fact], candidates: list[list[Memory]], mock_response: str | None = None,
) -> list[Decision | None]:
    """One decision per fact, or None where the model's answer cannot be used."""
    data = await complete_json(settings, SYSTEM_PROMPT, render(facts, candidates), DECISIONS_SCHEMA,
                               name="decisions", mock_response=mock_response)
    items = data.get("decisions")
    if not isinstance(items, list):
        raise LLMError("LLM returned reconciliation output without a decision list", retryable=True)
    chosen: list[Decision | None] = [None] * len(facts)
    for item in items:
        if not isinstance(item, dict):
            continue
        index = item.get("fact")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(facts):
            continue
        if chosen[index] is None:
            chosen[index] = _decision(item, candidates[index])
    return chosen


def _decision(item: dict[str, Any], candidates: list[Memory]) -> Decision | None:
    action = item.get("action")
    if action not in OUTCOMES:
        return None
    content = item.get("content") if isinstance(item.get("content"), str) and item["content"].strip() else None
    reason = item.get("reason") if isinstance(item.get("reason"), str) else None
    if action not in TARGETED:
        return Decision("create", None, label=reason, decided_by="llm")
    target = next((m for m in candidates if m.id == item.get("target_id")), None)
    if target is None:
        return None
    return Decision(action, target, content=content.strip() if content else None, label=reason, decided_by="llm")
