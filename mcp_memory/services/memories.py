"""Memory operations as plain async Python: no HTTP, no MCP.

Every method takes the `Caller` and only ever touches that caller's
memories; an id that belongs to someone else is reported exactly like an id
that does not exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mcp_memory.caller import Caller
from mcp_memory.config import RetrievalSettings
from mcp_memory.errors import InvalidInput, NotFound
from mcp_memory.models import Memory, utcnow
from mcp_memory.services.indexer import Indexer
from mcp_memory.services.quota import MonthlyQuota
from mcp_memory.services.search import Retriever, SearchOutcome
from mcp_memory.stores.erase import erase_deleted
from mcp_memory.stores.ledger import SORTABLE, Ledger, MemoryFilter
from mcp_memory.stores.openmemory import forget_memories

STATES = ("active", "paused", "archived", "deleted")
LIVE_STATES = ("active", "paused", "archived")
STATIC_CATEGORIES = ("profile", "preferences")
DYNAMIC_CATEGORIES = ("events", "cases", "patterns")


def personal_space(account_id: str) -> str:
    return f"personal/{account_id}"


@dataclass
class NewMemory:
    """What a caller supplies to create one memory; the service fills in the rest."""

    content: str
    tags: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    category: str = "preferences"
    memory_type: str = "pinned"
    source: str | None = None
    session_id: str | None = None
    importance: float = 0.5
    confidence: float = 0.5
    l0_abstract: str = ""
    l1_overview: str = ""


class Memories:
    def __init__(
        self, ledger: Ledger, indexer: Indexer, retriever: Retriever, max_content_chars: int = 100_000,
        quota: MonthlyQuota | None = None,
    ) -> None:
        self.ledger = ledger
        self.indexer = indexer
        self.retriever = retriever
        self.max_content_chars = max_content_chars
        self.quota = quota

    def _check_content(self, content: str) -> str:
        content = content.strip()
        if not content:
            raise InvalidInput("content cannot be empty")
        if len(content) > self.max_content_chars:
            raise InvalidInput(f"content is {len(content)} characters; the limit is {self.max_content_chars}")
        return content

    async def add(self, caller: Caller, items: Sequence[NewMemory]) -> list[Memory]:
        """Store new memories; they are searchable when this returns."""
        if not items:
            raise InvalidInput("nothing to store")
        contents = [self._check_content(item.content) for item in items]
        now = utcnow()
        space = personal_space(caller.account_id)
        created = [
            Memory(
                id=str(uuid.uuid4()),
                content=content,
                l0_abstract=item.l0_abstract,
                l1_overview=item.l1_overview,
                l2_content=content,
                category=item.category,
                memory_type=item.memory_type,
                tags=list(item.tags),
                tenant_id=caller.account_id,
                agent_id=caller.agent_id,
                owner_agent_id=caller.agent_id or "",
                session_id=item.session_id,
                source=item.source,
                importance=item.importance,
                confidence=item.confidence,
                created_at=now,
                updated_at=now,
                space_id=space,
                user_id=caller.owner,
                app_name=caller.app_name,
                metadata=dict(item.metadata),
            )
            for content, item in zip(contents, items)
        ]
        # Count against the monthly quota first (refused: nothing stored, not even the user or app row);
        # a create that then fails gives its share back.
        period = await self.quota.reserve(caller.account_id, len(created)) if self.quota is not None else None
        try:
            # Embed before the ledger write: a failing embedder then stores nothing.
            vectors = await self.indexer.embedder.embed(contents)
            await self.ledger.ensure_user_and_app(caller.account_id, caller.owner, caller.app_name)
            await self.ledger.insert_memories(created)
        except Exception:
            if self.quota is not None and period is not None:
                await self.quota.release(caller.account_id, period, len(created))
            raise
        await self.indexer.sync(created, {m.id: v for m, v in zip(created, vectors)})
        return created

    async def get(self, caller: Caller, memory_id: str) -> Memory:
        mem = await self.ledger.get(caller.account_id, memory_id)
        if mem is None or not caller.can_see(mem.user_id):
            raise NotFound(f"not found: memory {memory_id}")
        return mem

    async def update(
        self,
        caller: Caller,
        memory_id: str,
        *,
        content: str | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        state: str | None = None,
    ) -> Memory:
        """Change a memory; new content is re-embedded before anything is written."""
        values: dict[str, Any] = {}
        if content is not None:
            values["content"] = self._check_content(content)
            values["l2_content"] = values["content"]
        if state is not None:
            if state not in STATES:
                raise InvalidInput(f"invalid state {state!r}; expected one of {', '.join(STATES)}")
            values["state"] = state
        if tags is not None:
            values["tags"] = list(tags)
        current = await self.get(caller, memory_id)
        if metadata is not None:
            values["metadata"] = {**current.metadata, **metadata}
        if not values:
            return current
        embeddings = None
        if "content" in values and values["content"] != current.content:
            [vector] = await self.indexer.embedder.embed([values["content"]])
            embeddings = {memory_id: vector}
        updated = await self.ledger.update_fields(caller.account_id, memory_id, values)
        if updated is None:
            raise NotFound(f"not found: memory {memory_id}")
        if embeddings is not None or updated.state != current.state:
            await self.indexer.sync([updated], embeddings)
        return updated

    async def delete(self, caller: Caller, memory_ids: Sequence[str]) -> list[str]:
        """Soft-delete the caller's memories among `memory_ids`; returns those deleted."""
        where = MemoryFilter(caller.account_id, caller.user_id, states=LIVE_STATES, ids=list(memory_ids))
        return await self._set_state(where, "deleted")

    async def delete_all(self, caller: Caller) -> tuple[list[str], int]:
        """Soft-delete everything the caller can see; also returns how many sessions that cleared."""
        where = MemoryFilter(caller.account_id, caller.user_id, states=LIVE_STATES)
        sessions = await self.ledger.count_sessions(where)
        return await self._set_state(where, "deleted"), sessions

    async def set_state(
        self, caller: Caller, state: str, *, ids: Sequence[str] | None = None, from_states: Sequence[str] = STATES,
        app_name: str | None = None,
    ) -> list[str]:
        """Move the caller's memories (by id, or of one app, or all) from `from_states` to `state`."""
        if state not in STATES:
            raise InvalidInput(f"invalid state {state!r}; expected one of {', '.join(STATES)}")
        where = MemoryFilter(caller.account_id, caller.user_id, states=from_states,
                             ids=None if ids is None else list(ids), app_name=app_name)
        return await self._set_state(where, state)

    async def delete_matching(self, caller: Caller, *, confirm: bool, **filters: Any) -> int:
        """Soft-delete by filter, or with `confirm=False` only count what would go."""
        state = filters.pop("state", None)
        where = MemoryFilter(caller.account_id, caller.user_id, states=[state] if state else LIVE_STATES, **filters)
        if not confirm:
            return await self.ledger.count(where)
        return len(await self._set_state(where, "deleted"))

    async def purge(self, caller: Caller, memory_id: str) -> None:
        """Delete one memory permanently: out of both indexes, then its row; nothing of it is left to restore.

        The vector delete runs (and may fail) before the row goes, so a failure leaves a soft-deleted
        memory that a retry erases, never a vector of content the ledger no longer knows about.
        """
        mem = await self.get(caller, memory_id)
        where = MemoryFilter(caller.account_id, caller.user_id, states=None, ids=[memory_id])
        await self.ledger.set_state(where, "deleted")
        await self.indexer.apply([mem.model_copy(update={"state": "deleted"})])
        await erase_deleted(self.ledger.engine, caller.account_id, [memory_id])
        await forget_memories(self.ledger.engine, caller.account_id, [memory_id])  # OpenMemory's logs and links

    async def profile(self, caller: Caller, static_limit: int = 20, dynamic_limit: int = 10) -> tuple[list[Memory], list[Memory]]:
        """Stable facts (profile, preferences) by importance, and recent context (events, cases, patterns)."""
        base = {"exclude_memory_type": "session", "current_only": True}
        static, _ = await self.ledger.list(
            MemoryFilter(caller.account_id, caller.user_id, categories=STATIC_CATEGORIES, **base),
            sort="importance", limit=static_limit,
        )
        dynamic, _ = await self.ledger.list(
            MemoryFilter(caller.account_id, caller.user_id, categories=DYNAMIC_CATEGORIES, **base),
            sort="created_at", limit=dynamic_limit,
        )
        return static, dynamic

    async def _set_state(self, where: MemoryFilter, state: str) -> list[str]:
        changed = await self.ledger.set_state(where, state)
        if changed:
            found = await self.ledger.get_many(where.account_id, changed)
            await self.indexer.sync(list(found.values()))
        return changed

    async def list(
        self,
        caller: Caller,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "created_at",
        order: str = "desc",
        states: Sequence[str] | None = ("active",),
        **filters: Any,
    ) -> tuple[list[Memory], int]:
        if sort not in SORTABLE:
            raise InvalidInput(f"cannot sort by {sort!r}; expected one of {', '.join(sorted(SORTABLE))}")
        if order not in ("asc", "desc"):
            raise InvalidInput("order must be 'asc' or 'desc'")
        where = MemoryFilter(caller.account_id, caller.user_id, states=states, **filters)
        return await self.ledger.list(where, sort=sort, order=order, limit=limit, offset=offset)

    async def search(
        self,
        caller: Caller,
        query: str,
        *,
        limit: int = 10,
        min_score: float | None = None,
        scope: str | None = None,
        space: str | None = None,
        retrieval: RetrievalSettings | None = None,
        agent_id: str | None = None,
        tags: Sequence[str] = (),
    ) -> SearchOutcome:
        """Search the caller's spaces; `space` is "all" or comma-separated ids, and only the caller's count.

        Every result scores at least `min_score` when one is given. `agent_id` and `tags` (all of them)
        narrow the candidates.
        """
        if not query.strip():
            raise InvalidInput("query cannot be empty")
        own = personal_space(caller.account_id)
        if space not in (None, "", "all") and own not in {s.strip() for s in space.split(",")}:
            return SearchOutcome(results=[])
        return await self.retriever.search(caller, own, query, limit, min_score, scope=scope, settings=retrieval,
                                           agent_id=agent_id, tags=tags)

    # -- what smart ingest needs ------------------------------------------------------

    async def similar(self, caller: Caller, text: str, limit: int = 5) -> list[Memory]:
        """The current non-session memories closest to `text`, best first; not counted as accesses."""
        # Near-duplicates are exactly what reconciliation looks for: no MMR diversity here.
        settings = self.retriever.settings
        settings = settings.model_copy(update={"disabled_stages": [*settings.disabled_stages, "mmr_diversity"]})
        outcome = await self.retriever.search(caller, personal_space(caller.account_id), text, limit * 3, 0.0,
                                              settings=settings, record_access=False)
        return [r.memory for r in outcome.results if r.memory.memory_type != "session"][:limit]

    async def archive(self, caller: Caller, memory_ids: Sequence[str]) -> list[str]:
        if not memory_ids:
            return []
        where = MemoryFilter(caller.account_id, caller.user_id, states=("active",), ids=list(memory_ids))
        return await self._set_state(where, "archived")

    async def adjust(self, caller: Caller, memory_id: str, **values: Any) -> None:
        """Change scores or links that do not affect what search indexes (confidence, importance, relations)."""
        await self.ledger.update_fields(caller.account_id, memory_id, values)

    async def supersede(self, caller: Caller, old: Memory, new: Memory) -> None:
        """`new` replaces `old`: the old one stays, linked and invalidated, out of default search."""
        now = utcnow()
        relation = {"relation_type": "supersedes", "target_id": old.id, "context_label": "newer version"}
        await self.ledger.update_fields(caller.account_id, new.id, {"relations": [*[
            r.model_dump() for r in new.relations], relation]})
        await self.ledger.update_fields(caller.account_id, old.id, {"superseded_by": new.id, "invalidated_at": now})

    async def relate(
        self, caller: Caller, memory_id: str, relation_type: str, target_id: str, label: str | None = None
    ) -> None:
        """Link one memory to another (once); links do not change what search indexes."""
        mem = await self.get(caller, memory_id)
        if any(r.relation_type == relation_type and r.target_id == target_id for r in mem.relations):
            return
        relation = {"relation_type": relation_type, "target_id": target_id, "context_label": label}
        await self.ledger.update_fields(caller.account_id, memory_id, {"relations": [*[
            r.model_dump() for r in mem.relations], relation]})
