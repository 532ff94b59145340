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
from mcp_memory.errors import InvalidInput, NotFound
from mcp_memory.models import Memory, utcnow
from mcp_memory.services.indexer import Indexer
from mcp_memory.services.search import Retriever, SearchOutcome
from mcp_memory.stores.ledger import SORTABLE, Ledger, MemoryFilter

STATES = ("active", "paused", "archived", "deleted")


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


class Memories:
    def __init__(self, ledger: Ledger, indexer: Indexer, retriever: Retriever, max_content_chars: int = 100_000) -> None:
        self.ledger = ledger
        self.indexer = indexer
        self.retriever = retriever
        self.max_content_chars = max_content_chars

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
        await self.ledger.ensure_user_and_app(caller.account_id, caller.user_id, caller.app_name)
        now = utcnow()
        space = personal_space(caller.account_id)
        created = [
            Memory(
                id=str(uuid.uuid4()),
                content=content,
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
                user_id=caller.user_id,
                app_name=caller.app_name,
                metadata=dict(item.metadata),
            )
            for content, item in zip(contents, items)
        ]
        # Embed before the ledger write: a failing embedder then stores nothing.
        vectors = await self.indexer.embedder.embed(contents)
        await self.ledger.insert_memories(created)
        await self.indexer.sync(created, {m.id: v for m, v in zip(created, vectors)})
        return created

    async def get(self, caller: Caller, memory_id: str) -> Memory:
        mem = await self.ledger.get(caller.account_id, memory_id)
        if mem is None or mem.user_id != caller.user_id:
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
        current = await self.get(caller, memory_id)
        values: dict[str, Any] = {}
        if content is not None:
            values["content"] = self._check_content(content)
            values["l2_content"] = values["content"]
        if tags is not None:
            values["tags"] = list(tags)
        if metadata is not None:
            values["metadata"] = {**current.metadata, **metadata}
        if state is not None:
            if state not in STATES:
                raise InvalidInput(f"invalid state {state!r}; expected one of {', '.join(STATES)}")
            values["state"] = state
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
        return await self._set_state(MemoryFilter(caller.account_id, caller.user_id, states=None, ids=list(memory_ids)),
                                     "deleted")

    async def delete_all(self, caller: Caller) -> list[str]:
        return await self._set_state(MemoryFilter(caller.account_id, caller.user_id, states=None), "deleted")

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

    async def search(self, caller: Caller, query: str, *, limit: int = 10, min_score: float | None = None) -> SearchOutcome:
        if not query.strip():
            raise InvalidInput("query cannot be empty")
        return await self.retriever.search(caller, personal_space(caller.account_id), query, limit, min_score)
