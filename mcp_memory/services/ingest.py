"""Smart ingest: conversation turns → facts → admission → reconciliation, as persisted tasks.

`submit` stores the raw turns as `session` memories and records the task
before it returns, so an accepted request is never lost. A worker in the
server's lifespan runs due tasks; a provider timeout, 429 or malformed output
is retried with exponential backoff, then the task fails with a readable
reason and can be retried. Tasks a stop interrupted run again at start-up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import anyio

from mcp_memory.caller import Caller
from mcp_memory.config import LLMSettings
from mcp_memory.errors import AppError, InvalidInput, NotFound
from mcp_memory.llm import LLMError
from mcp_memory.models import Memory
from mcp_memory.services.extraction import Fact, heuristic_facts, llm_facts
from mcp_memory.services.llm_reconcile import llm_decisions
from mcp_memory.services.memories import Memories, NewMemory
from mcp_memory.services.reconcile import Decision, decide, guard
from mcp_memory.stores import lexical
from mcp_memory.stores.tasks import TaskStore

logger = logging.getLogger(__name__)

# The add_memories contract (mem0/OpenMemory): a new memory is ADD, a changed one UPDATE, nothing NONE.
EVENT_NAMES = {"create": "ADD", "contextualize": "ADD", "contradict": "ADD", "merge": "UPDATE",
               "supersede": "UPDATE", "skip": "NONE", "support": "NONE", "reject": "NONE"}


def _caller_payload(caller: Caller) -> dict[str, Any]:
    return {"account_id": caller.account_id, "user_id": caller.user_id, "client_name": caller.client_name,
            "agent_id": caller.agent_id}


class Ingestor:
    def __init__(self, memories: Memories, tasks: TaskStore, llm: LLMSettings, admission_preset: str = "balanced",
                 clock: Callable[[], float] = time.time) -> None:
        self.memories = memories
        self.tasks = tasks
        self.llm = llm
        self.admission_preset = admission_preset
        self.clock = clock
        # Told which memories a background task stored (OpenMemory files them into categories).
        self.after_ingest: Callable[[str, list[str]], Awaitable[object]] | None = None
        self._wake = anyio.Event()
        self._stopping = False

    @property
    def method(self) -> str:
        return "llm" if self.llm.model else "heuristic"

    # -- accepting work ---------------------------------------------------------------

    async def submit(
        self, caller: Caller, messages: list[tuple[str, str]], *, mode: str = "smart", session_id: str | None = None,
        entity_context: str | None = None, custom_instructions: str | None = None,
    ) -> tuple[str, int]:
        """Store the raw turns, record the task, wake the worker; returns (task id, turns stored)."""
        if not messages:
            raise InvalidInput("messages cannot be empty")
        raw = await self.memories.add(caller, [
            NewMemory(content=content, memory_type="session", category="events", session_id=session_id,
                      source="session", metadata={"role": role})
            for role, content in messages
        ])
        payload = {"caller": _caller_payload(caller), "mode": mode, "session_id": session_id,
                   "entity_context": entity_context, "custom_instructions": custom_instructions,
                   "messages": [list(m) for m in messages], "raw_ids": [m.id for m in raw]}
        if mode == "raw":
            task_id = await self.tasks.create(caller.account_id, "ingest", payload, status="completed")
            await self.tasks.finish(task_id, "completed", {"stored_count": len(raw), "extraction": "none",
                                                           "message": "raw mode: messages stored as they are"})
        else:
            task_id = await self.tasks.create(caller.account_id, "ingest", payload)
            self._wake.set()
        return task_id, len(raw)

    async def retry(self, caller: Caller, task_id: str) -> dict[str, Any]:
        task = await self.tasks.get(caller.account_id, task_id)
        if task is None:
            raise NotFound(f"not found: task {task_id}")
        if task["status"] != "failed":
            raise InvalidInput(f"only a failed task can be retried; this one is {task['status']}")
        await self.tasks.set(task_id, status="pending", attempts=0, run_after=0.0, error=None)
        self._wake.set()
        return await self.tasks.get(caller.account_id, task_id) or {}

    # -- doing work -------------------------------------------------------------------

    def stop(self) -> None:
        """Let `run` finish the task in hand and return."""
        self._stopping = True
        self._wake.set()

    async def run(self, poll_seconds: float = 1.0) -> None:
        """The worker: resume what a stop interrupted, then run tasks as they come due."""
        resumed = await self.tasks.requeue_interrupted()
        if resumed:
            logger.info("resuming %d ingest tasks interrupted by the last stop", resumed)
        while not self._stopping:
            await self.run_due()
            with anyio.move_on_after(poll_seconds):
                await self._wake.wait()
            self._wake = anyio.Event()

    async def run_due(self) -> int:
        """Run every task due now; returns how many ran. Tests call this directly."""
        ran = 0
        while not self._stopping:
            due = await self.tasks.due(self.clock())
            if not due:
                break
            for task in due:
                await self._run_one(task)
                ran += 1
        return ran

    async def _run_one(self, task: dict[str, Any]) -> None:
        attempts = int(task["attempts"]) + 1
        await self.tasks.set(task["id"], status="running", attempts=attempts)
        try:
            result = await self._process(task["payload"])
        except LLMError as exc:
            if exc.retryable and attempts < self.llm.max_attempts:
                delay = self.llm.retry_base_seconds * 2 ** (attempts - 1)
                await self.tasks.set(task["id"], status="pending", run_after=self.clock() + delay,
                                     error=f"{exc} (attempt {attempts}, retrying in {delay:.0f}s)")
            else:
                await self.tasks.finish(task["id"], "failed", error=f"{exc} (after {attempts} attempts)")
            return
        except AppError as exc:  # e.g. the monthly quota: a reason the caller can act on
            await self.tasks.finish(task["id"], "failed", error=exc.message)
            return
        except Exception:
            logger.exception("ingest task %s failed", task["id"])
            await self.tasks.finish(task["id"], "failed", error="internal error; the server log has the details")
            return
        await self.tasks.finish(task["id"], "completed", result)

    async def _process(self, payload: dict[str, Any]) -> dict[str, Any]:
        caller = Caller(**payload["caller"])
        messages = [(role, content) for role, content in payload["messages"]]
        events = await self.ingest(caller, messages, entity_context=payload.get("entity_context"),
                                   custom_instructions=payload.get("custom_instructions"),
                                   session_id=payload.get("session_id"))
        # The turns are distilled: keep them for history, out of default search.
        await self.memories.archive(caller, payload.get("raw_ids", []))
        stored = [e["id"] for e in events if e.get("id") and e["event"] != "NONE"]
        if stored and self.after_ingest is not None:
            try:
                await self.after_ingest(caller.account_id, stored)
            except Exception:  # bookkeeping must not fail an ingest whose memories are stored
                logger.exception("after-ingest hook failed for %d memories", len(stored))
        return {"stored_count": len(payload.get("raw_ids", [])), "extraction": self.method,
                "facts": len(events), "outcomes": _count(events, "outcome"),
                "decided_by": _count(events, "decided_by"), "events": events}

    async def remember(self, caller: Caller, text: str) -> tuple[list[dict[str, Any]], str]:
        """Ingest one statement while a client waits (MCP `add_memories`, OpenMemory's `infer`): the events and
        how facts were extracted. A provider failure falls back to the rules instead of failing the call."""
        try:
            return await self.ingest(caller, [("user", text)], keep_text=True), self.method
        except LLMError as exc:
            logger.warning("LLM unavailable (%s); extracting by rules", exc)
            return await self.ingest(caller, [("user", text)], keep_text=True, use_llm=False), "heuristic"

    async def ingest(
        self, caller: Caller, messages: list[tuple[str, str]], *, entity_context: str | None = None,
        custom_instructions: str | None = None, session_id: str | None = None, keep_text: bool = False,
        mock_response: str | None = None, mock_decisions: str | None = None, use_llm: bool = True,
    ) -> list[dict[str, Any]]:
        """Extract facts and reconcile each with what is stored; returns one event per fact.

        `mock_response` and `mock_decisions` answer the extraction and reconciliation calls without a
        provider (litellm's `mock_response`), for tests. `use_llm=False` runs the rules even when a model
        is configured (a caller's fallback when the provider fails).
        """
        use_llm = use_llm and bool(self.llm.model)
        if use_llm:
            facts = await llm_facts(self.llm, messages, entity_context,
                                    custom_instructions or self.llm.custom_instructions, mock_response)
        else:
            facts = heuristic_facts(messages, self.llm.max_facts)
        if not facts and keep_text:
            # An explicit "remember this" that the rules cannot parse is stored as said.
            facts = [Fact(content=content.strip(), category="preferences", confidence=0.6)
                     for role, content in messages if role == "user" and content.strip()]
        facts = _distinct(facts)
        # Every model call happens before anything is written, so a retried task starts clean.
        plans = await self._plan(caller, facts, mock_decisions) if use_llm else [None] * len(facts)
        return [await self._apply(caller, fact, plan, session_id) for fact, plan in zip(facts, plans)]

    async def _plan(self, caller: Caller, facts: list[Fact], mock_decisions: str | None) -> list[Decision | None]:
        """The LLM's decisions for the batch, in one call; rules where it has nothing to decide or fails to."""
        similar = [await self.memories.similar(caller, fact.content) for fact in facts]
        rules = [decide(fact, found, self.admission_preset) for fact, found in zip(facts, similar)]
        ask = [i for i, d in enumerate(rules) if d.outcome != "reject" and similar[i]]
        plans: list[Decision | None] = list(rules)
        if ask:
            chosen = await llm_decisions(self.llm, [facts[i] for i in ask], [similar[i] for i in ask], mock_decisions)
            for i, choice in zip(ask, chosen):
                if choice is not None:
                    plans[i] = guard(facts[i], replace(choice, score=rules[i].score), similar[i])
                else:
                    logger.info("unusable reconciliation decision for a fact; the rules decide it")
        return plans

    async def _apply(self, caller: Caller, fact: Fact, plan: Decision | None, session_id: str | None) -> dict[str, Any]:
        if plan is None or not await self._still_current(caller, plan.target):
            # No model, or an earlier fact of this batch already changed the target: decide afresh.
            plan = decide(fact, await self.memories.similar(caller, fact.content), self.admission_preset)
        outcome, target = plan.outcome, plan.target
        event: dict[str, Any] = {"memory": fact.content, "category": fact.category, "outcome": outcome,
                                 "event": EVENT_NAMES[outcome], "decided_by": plan.decided_by}
        if target is not None:
            event["target_id"] = target.id
        if outcome in ("create", "supersede", "contextualize", "contradict"):
            content = plan.content if outcome == "supersede" and plan.content else fact.content
            [created] = await self.memories.add(caller, [NewMemory(
                content=content, tags=fact.tags, category=fact.category, memory_type="insight",
                source="intelligence", session_id=session_id, importance=fact.importance,
                confidence=fact.confidence, l0_abstract=fact.l0_abstract, l1_overview=fact.l1_overview,
            )])
            event["id"], event["memory"] = created.id, created.content
            if target is None:
                return event
            if outcome == "supersede":
                await self.memories.supersede(caller, target, created)
                event["previous_id"] = target.id
            elif outcome == "contextualize":
                await self.memories.relate(caller, created.id, "contextualizes", target.id, plan.label)
            else:  # contradict: both kept, each pointing at the other
                await self.memories.relate(caller, created.id, "contradicts", target.id, plan.label)
                await self.memories.relate(caller, target.id, "contradicts", created.id, plan.label)
        elif outcome == "merge" and target is not None:
            merged = await self.memories.update(caller, target.id, content=plan.content or fact.content)
            await self.memories.adjust(caller, target.id, importance=max(target.importance, fact.importance),
                                       confidence=min(1.0, max(target.confidence, fact.confidence) + 0.05))
            event["id"], event["memory"], event["previous"] = merged.id, merged.content, target.content
        elif outcome in ("skip", "support") and target is not None:
            boost = 0.1 if outcome == "support" else 0.05
            await self.memories.adjust(caller, target.id, confidence=min(1.0, target.confidence + boost))
            event["id"] = target.id
        return event

    async def _still_current(self, caller: Caller, target: Memory | None) -> bool:
        if target is None:
            return True
        try:
            fresh = await self.memories.get(caller, target.id)
        except NotFound:
            return False
        return fresh.state == "active" and fresh.superseded_by is None


def _distinct(facts: list[Fact]) -> list[Fact]:
    """Drop facts a batch states twice, so one batch cannot create the same memory twice."""
    seen: set[str] = set()
    kept = []
    for fact in facts:
        key = " ".join(lexical.tokens(fact.content))
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def _count(events: list[dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for event in events:
        counts[event[key]] = counts.get(event[key], 0) + 1
    return counts
