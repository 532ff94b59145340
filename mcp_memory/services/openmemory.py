"""OpenMemory's view of memories: apps, categories, states and access logs around the memory service.

Plain async Python like every service; the REST operations in
`tools/openmemory.py` and `tools/apps.py` call it, and the MCP memory tools
use its `categorize` and the access log.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from mcp_memory.caller import Caller
from mcp_memory.errors import InvalidInput, NotFound
from mcp_memory.models import Memory
from mcp_memory.services.access_log import AccessLog
from mcp_memory.services.apps import Apps
from mcp_memory.services.categories import Categorizer
from mcp_memory.services.ingest import Ingestor
from mcp_memory.services.memories import LIVE_STATES, Memories, NewMemory
from mcp_memory.stores.access_log import AccessLogStore, AccessRow
from mcp_memory.stores.apps import AppCounts, AppRow, AppStore
from mcp_memory.stores.categories import CategoryRow, CategoryStore
from mcp_memory.stores.ledger import Ledger
from mcp_memory.stores.openmemory import SORT_COLUMNS, MemoryQuery, find_memory_ids

MEMORY_NOT_FOUND = "Memory not found"
RELATED_CANDIDATES = 50  # how many nearest memories rank the related list besides shared categories


def naive_iso(value: str | None) -> str | None:
    """OpenMemory's time format: UTC without an offset, e.g. 2025-07-11T09:09:44.690111."""
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(timezone.utc).replace(tzinfo=None).isoformat()


def epoch(value: str) -> int:
    return int(datetime.fromisoformat(value).timestamp())


def from_epoch(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()


def pages(total: int, size: int) -> int:
    return math.ceil(total / size) if total else 0


@dataclass(frozen=True)
class Labelled:
    """A memory with what OpenMemory shows beside it: its app and its category names."""

    memory: Memory
    app: AppRow | None
    categories: list[str]


class OpenMemory:
    def __init__(self, ledger: Ledger, memories: Memories, apps: Apps, categorizer: Categorizer,
                 access_log: AccessLog, logs: AccessLogStore, ingestor: Ingestor) -> None:
        self.ledger = ledger
        self.memories = memories
        self.apps = apps
        self.categorizer = categorizer
        self.access_log = access_log
        self.logs = logs
        self.ingestor = ingestor

    # -- shared helpers -----------------------------------------------------------------

    async def label(self, account_id: str, memories: Sequence[Memory]) -> list[Labelled]:
        apps = await self.apps.store.by_names(account_id, [(m.user_id, m.app_name) for m in memories])
        names = await self.categorizer.store.names_of([m.id for m in memories])
        return [Labelled(m, apps.get((m.user_id, m.app_name)), names[m.id]) for m in memories]

    async def categorize(self, account_id: str, memory_ids: Sequence[str]) -> None:
        """(Re)assign categories to memories just written."""
        found = await self.ledger.get_many(account_id, list(dict.fromkeys(memory_ids)))
        await self.categorizer.assign(list(found.values()))

    async def user_uuid(self, account_id: str, user_id: str) -> str:
        return await self.apps.user_uuid(account_id, user_id)

    async def _memory(self, caller: Caller, memory_id: str) -> Memory:
        try:
            return await self.memories.get(caller, memory_id)
        except NotFound:
            raise NotFound(MEMORY_NOT_FOUND) from None

    async def _own_memories(self, caller: Caller, ids: Sequence[str]) -> list[Memory]:
        """Memories in page order, labelled later; a missing id means it left in between and is skipped."""
        found = await self.ledger.get_many(caller.account_id, list(ids))
        return [found[i] for i in ids if i in found and caller.can_see(found[i].user_id)]

    # -- memories -----------------------------------------------------------------------

    async def create(self, caller: Caller, text: str, metadata: dict[str, Any], infer: bool) -> Labelled | None:
        """Store `text` for the caller's app: verbatim, or through smart ingest (the first memory it added)."""
        await self.apps.require_active(caller, "create new memories")
        if not text.strip():
            raise InvalidInput("text cannot be empty")
        if not infer:
            [memory] = await self.memories.add(caller, [NewMemory(content=text, metadata=metadata)])
            touched = [memory.id]
        else:
            events, _ = await self.ingestor.remember(caller, text)
            touched = [e["id"] for e in events if e.get("id") and e["event"] in ("ADD", "UPDATE")]
            chosen = next((e["id"] for e in events if e["event"] == "ADD" and e.get("id")), None) or next(
                (e["id"] for e in events if e.get("id")), None)
            if chosen is None:
                return None
            for memory_id in touched if metadata else []:
                await self.memories.update(caller, memory_id, metadata=metadata)
            memory = await self.memories.get(caller, chosen)
        await self.categorize(caller.account_id, touched)
        [labelled] = await self.label(caller.account_id, [memory])
        return labelled

    async def get(self, caller: Caller, memory_id: str) -> Labelled:
        memory = await self._memory(caller, memory_id)
        self.access_log.record(caller, [memory], "get")
        [labelled] = await self.label(caller.account_id, [memory])
        return labelled

    async def update_content(self, caller: Caller, memory_id: str, content: str) -> Labelled:
        await self._memory(caller, memory_id)
        memory = await self.memories.update(caller, memory_id, content=content)
        await self.categorize(caller.account_id, [memory.id])
        [labelled] = await self.label(caller.account_id, [memory])
        return labelled

    async def delete(self, caller: Caller, memory_ids: Sequence[str]) -> int:
        """Soft-delete; every id must be one of the caller's memories (else 404 and nothing changes)."""
        found = await self._own_memories(caller, memory_ids)
        if len({m.id for m in found}) != len(set(memory_ids)):
            raise NotFound(MEMORY_NOT_FOUND)
        await self.memories.delete(caller, list(memory_ids))
        return len(memory_ids)

    async def pause(
        self, caller: Caller, *, state: str, memory_ids: Sequence[str] | None, category_ids: Sequence[str] | None,
        app_id: str | None, all_for_app: bool, global_pause: bool,
    ) -> str:
        """Change the state of a selection of the caller's memories; returns OpenMemory's message."""
        not_gone = ("active", "paused")
        if global_pause:
            await self.memories.set_state(caller, state, from_states=not_gone)
            return "Successfully paused all memories"
        if app_id:
            app = await self.apps.get(caller.account_id, app_id)
            if app.user_id != caller.owner:
                raise NotFound("App not found")
            await self.memories.set_state(caller, state, from_states=not_gone, app_name=app.name)
            return f"Successfully paused all memories for app {app_id}"
        others = [s for s in ("active", "paused", "archived", "deleted") if s != state]
        if all_for_app and memory_ids:
            await self.memories.set_state(caller, state, ids=memory_ids, from_states=[s for s in others if s != "deleted"])
            return "Successfully paused all memories"
        if memory_ids:
            await self.memories.set_state(caller, state, ids=memory_ids, from_states=others)
            return f"Successfully paused {len(memory_ids)} memories"
        if category_ids:
            ids = await self.categorizer.store.memories_in(caller.account_id, category_ids)
            await self.memories.set_state(caller, state, ids=ids, from_states=not_gone)
            return f"Successfully paused memories in {len(category_ids)} categories"
        raise InvalidInput("Invalid pause request parameters: give memory_ids, category_ids, app_id or global_pause")

    async def filter(
        self, caller: Caller, *, page: int, size: int, search_query: str | None, app_ids: Sequence[str] | None,
        category_ids: Sequence[str] | None, sort_column: str | None, sort_direction: str | None,
        from_date: int | None, to_date: int | None, show_archived: bool,
    ) -> tuple[int, list[Labelled]]:
        """One page of the user's memories (never deleted; archived only on request)."""
        direction = (sort_direction or "desc").lower()
        if direction not in ("asc", "desc"):
            raise InvalidInput("Invalid sort direction: use asc or desc")
        if sort_column and sort_column not in SORT_COLUMNS:
            raise InvalidInput(f"Invalid sort column: use one of {', '.join(SORT_COLUMNS)}")
        app_names = None
        if app_ids:
            owned = [await self.apps.store.get(caller.account_id, a) for a in app_ids]
            app_names = [a.name for a in owned if a is not None and a.user_id == caller.owner]
        states = LIVE_STATES if show_archived else tuple(s for s in LIVE_STATES if s != "archived")
        query = MemoryQuery(
            caller.account_id, caller.owner, states, search=search_query, app_names=app_names,
            category_ids=category_ids, created_from=None if from_date is None else from_epoch(from_date),
            created_to=None if to_date is None else from_epoch(to_date), sort_column=sort_column,
            sort_direction=direction if sort_column else "desc",
        )
        total, ids = await find_memory_ids(self.ledger.engine, query, size, (page - 1) * size)
        found = await self._own_memories(caller, ids)
        self.access_log.record(caller, found, "list")
        return total, await self.label(caller.account_id, found)

    async def related(self, caller: Caller, memory_id: str, page: int, size: int) -> tuple[int, list[Labelled]]:
        """Memories sharing the most categories with this one, then the most similar, then the newest."""
        source = await self._memory(caller, memory_id)
        owner = replace(caller, user_id=source.user_id)
        shared = dict(await self.categorizer.store.sharing(
            caller.account_id, source.user_id, source.id, ("active", "paused", "archived")))
        similar = [m.id for m in await self.memories.similar(owner, source.content, RELATED_CANDIDATES)
                   if m.id != source.id]
        rank = {mid: i for i, mid in enumerate(similar)}
        ids = list(shared) or similar
        found = await self._own_memories(owner, ids)
        found.sort(key=lambda m: m.created_at, reverse=True)  # stable sorts: newest first among equals
        found.sort(key=lambda m: (-shared.get(m.id, 0), rank.get(m.id, len(rank))))
        window = found[(page - 1) * size: page * size]
        self.access_log.record(caller, window, "related")
        return len(found), await self.label(caller.account_id, window)

    async def categories(self, caller: Caller) -> list[CategoryRow]:
        await self.apps.user_uuid(caller.account_id, caller.owner)
        return await self.categorizer.store.of_user(caller.account_id, caller.owner, ("active", "paused"))

    async def access_log_of(self, caller: Caller, memory_id: str, page: int, page_size: int) -> tuple[int, list[AccessRow]]:
        await self._memory(caller, memory_id)
        await self.access_log.flush()  # reads queued a moment ago belong in the answer
        return await self.logs.of_memory(caller.account_id, memory_id, page_size, (page - 1) * page_size)

    # -- apps -----------------------------------------------------------------------------

    async def _app(self, caller: Caller, app_id: str) -> AppRow:
        app = await self.apps.get(caller.account_id, app_id)
        if not caller.can_see(app.user_id):
            raise NotFound("App not found")
        return app

    async def list_apps(self, caller: Caller, *, name: str | None, is_active: bool | None, sort_by: str,
                        sort_direction: str, page: int, page_size: int) -> tuple[int, list[AppCounts]]:
        await self.access_log.flush()
        return await self.apps.store.list(
            caller.account_id, user_id=caller.user_id, name=name, is_active=is_active, sort_by=sort_by,
            direction=sort_direction, limit=page_size, offset=(page - 1) * page_size, live_states=LIVE_STATES)

    async def app_detail(self, caller: Caller, app_id: str) -> tuple[AppRow, int, int, str | None, str | None]:
        app = await self._app(caller, app_id)
        await self.access_log.flush()
        accessed, first, last = await self.apps.store.access_summary(app)
        return app, await self.apps.store.created_count(app), accessed, first, last

    async def set_app_active(self, caller: Caller, app_id: str, active: bool) -> None:
        await self._app(caller, app_id)
        await self.apps.set_active(caller.account_id, app_id, active)

    async def app_memories(self, caller: Caller, app_id: str, page: int, page_size: int) -> tuple[int, list[Labelled]]:
        app = await self._app(caller, app_id)
        owner = replace(caller, user_id=app.user_id)
        items, total = await self.memories.list(owner, limit=page_size, offset=(page - 1) * page_size,
                                                states=LIVE_STATES, app_name=app.name)
        self.access_log.record(caller, items, "list")
        return total, await self.label(caller.account_id, items)

    async def app_accessed(self, caller: Caller, app_id: str, page: int,
                           page_size: int) -> tuple[int, list[tuple[Labelled, int]]]:
        app = await self._app(caller, app_id)
        await self.access_log.flush()
        total, counts = await self.apps.store.accessed(app, page_size, (page - 1) * page_size)
        found = await self.ledger.get_many(caller.account_id, [mid for mid, _ in counts])
        kept = [(found[mid], n) for mid, n in counts if mid in found]
        labelled = await self.label(caller.account_id, [m for m, _ in kept])
        return total, [(item, n) for item, (_, n) in zip(labelled, kept)]

    async def stats(self, caller: Caller) -> tuple[int, list[AppRow], str]:
        """(memories not deleted, the user's apps, the user's internal id)."""
        uuid_ = await self.apps.user_uuid(caller.account_id, caller.owner)
        _, total = await self.memories.list(caller, limit=1, states=LIVE_STATES)
        return total, await self.apps.store.of_user(caller.account_id, caller.owner), uuid_


def build_openmemory(ledger: Ledger, memories: Memories, ingestor: Ingestor) -> OpenMemory:
    """Wire the OpenMemory services over the shared ledger; categories use the LLM smart ingest uses."""
    apps = Apps(ledger, AppStore(ledger.engine))
    logs = AccessLogStore(ledger.engine)
    return OpenMemory(ledger, memories, apps, Categorizer(CategoryStore(ledger.engine), lambda: ingestor.llm),
                      AccessLog(logs, apps), logs, ingestor)
