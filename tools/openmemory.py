"""OpenMemory's memory routes (`/api/v1/memories/...`) as operations.

REST only (`mcp=False`): agents use the MCP tools in `tools/memories.py`.
`user_id` selects the user inside the caller's account, `app` the app; the
result models are OpenMemory's documented response bodies.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mcp_memory.caller import Caller
from mcp_memory.registry import REGISTRY, Ctx
from mcp_memory.services.openmemory import Labelled, epoch, naive_iso, pages
from mcp_memory.services.paging import Paged, page_field, page_size_field

DEFAULT_APP = "openmemory"
UserId = Field(min_length=1, max_length=200, description="The user, created on first use.")


def for_user(ctx: Ctx, user_id: str | None, app: str | None = None) -> Caller:
    """The caller acting for `user_id` (inside its own account) through `app` (default: OpenMemory's own)."""
    return replace(ctx.caller, client_name=app or ctx.caller.client_name or DEFAULT_APP).acting_for(user_id)


class MemoryRecord(BaseModel):
    """A memory as OpenMemory's create and update return it."""

    id: str
    user_id: str = Field(description="The internal id of the user.")
    content: str
    state: str
    updated_at: str | None
    deleted_at: str | None = None
    app_id: str | None
    vector: None = None
    metadata_: dict[str, Any]
    created_at: str | None
    archived_at: str | None = None


class MemoryItem(BaseModel):
    """A memory in OpenMemory's lists: epoch `created_at`, app and category names."""

    id: str
    content: str
    created_at: int
    state: str
    app_id: str | None
    app_name: str | None
    categories: list[str]
    metadata_: dict[str, Any]


class Page(BaseModel):
    items: list[MemoryItem]
    total: int
    page: int
    size: int
    pages: int


async def as_record(ctx: Ctx, labelled: Labelled) -> MemoryRecord:
    m = labelled.memory
    return MemoryRecord(
        id=m.id, user_id=await ctx.runtime.openmemory.user_uuid(m.tenant_id, m.user_id), content=m.content,
        state=m.state, updated_at=naive_iso(m.updated_at), app_id=labelled.app.id if labelled.app else None,
        metadata_=m.metadata, created_at=naive_iso(m.created_at),
        deleted_at=naive_iso(m.updated_at) if m.state == "deleted" else None,
        archived_at=naive_iso(m.updated_at) if m.state == "archived" else None,
    )


def as_item(labelled: Labelled) -> MemoryItem:
    m = labelled.memory
    return MemoryItem(id=m.id, content=m.content, created_at=epoch(m.created_at), state=m.state,
                      app_id=labelled.app.id if labelled.app else None,
                      app_name=labelled.app.name if labelled.app else m.app_name,
                      categories=labelled.categories, metadata_=m.metadata)


# -- create, read, update, delete -------------------------------------------------------------


class CreateIn(BaseModel):
    user_id: str = UserId
    text: str = Field(min_length=1, max_length=100_000)
    metadata: dict[str, Any] = Field(default_factory=dict)
    infer: bool = Field(default=True, description="Extract facts and reconcile (false: store the text verbatim).")
    app: str = Field(default=DEFAULT_APP, min_length=1, max_length=200)


class CreateOut(BaseModel):
    memory: MemoryRecord | None = None
    message: str | None = None


@REGISTRY.operation(title="OpenMemory: create memory", mcp=False)
async def openmemory_create_memory(ctx: Ctx, args: CreateIn) -> CreateOut:
    """Create a memory for a user through an app (OpenMemory `POST /api/v1/memories/`)."""
    created = await ctx.runtime.openmemory.create(for_user(ctx, args.user_id, args.app), args.text,
                                                  args.metadata, args.infer)
    if created is None:
        return CreateOut(message="Nothing was stored: no fact worth remembering was found in the text")
    return CreateOut(memory=await as_record(ctx, created))


class MemoryIdIn(BaseModel):
    memory_id: uuid.UUID
    user_id: str | None = Field(default=None, min_length=1, max_length=200)


class MemoryDetail(MemoryItem):
    # OpenMemory's body for one memory: a list item whose `content` is spelled `text`.
    # (A comment, not a docstring: a docstring would become the schema's description.)
    model_config = ConfigDict(validate_by_name=True, serialize_by_alias=True)

    content: str = Field(alias="text")


@REGISTRY.operation(title="OpenMemory: get memory", read_only=True, mcp=False)
async def openmemory_get_memory(ctx: Ctx, args: MemoryIdIn) -> MemoryDetail:
    """One memory with its app and categories (OpenMemory `GET /api/v1/memories/{id}`)."""
    found = as_item(await ctx.runtime.openmemory.get(for_user(ctx, args.user_id), str(args.memory_id)))
    return MemoryDetail.model_validate(found.model_dump())


class UpdateIn(BaseModel):
    memory_id: uuid.UUID
    memory_content: str = Field(min_length=1, max_length=100_000)
    user_id: str = UserId


@REGISTRY.operation(title="OpenMemory: update memory", idempotent=True, mcp=False)
async def openmemory_update_memory(ctx: Ctx, args: UpdateIn) -> MemoryRecord:
    """Replace a memory's text (OpenMemory `PUT /api/v1/memories/{id}`)."""
    updated = await ctx.runtime.openmemory.update_content(for_user(ctx, args.user_id), str(args.memory_id),
                                                          args.memory_content)
    return await as_record(ctx, updated)


class DeleteIn(BaseModel):
    memory_ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)
    user_id: str = UserId


class MessageOut(BaseModel):
    message: str


@REGISTRY.operation(title="OpenMemory: delete memories", destructive=True, idempotent=True, mcp=False)
async def openmemory_delete_memories(ctx: Ctx, args: DeleteIn) -> MessageOut:
    """Delete several memories of a user (OpenMemory `DELETE /api/v1/memories/`)."""
    count = await ctx.runtime.openmemory.delete(for_user(ctx, args.user_id), [str(i) for i in args.memory_ids])
    return MessageOut(message=f"Successfully deleted {count} memories")


# -- states, lists, related ---------------------------------------------------------------------


class PauseIn(BaseModel):
    user_id: str = UserId
    memory_ids: list[uuid.UUID] | None = Field(default=None, max_length=1000)
    category_ids: list[uuid.UUID] | None = Field(default=None, max_length=1000)
    app_id: uuid.UUID | None = None
    all_for_app: bool = False
    global_pause: bool = False
    state: Literal["active", "paused", "archived", "deleted"] = "paused"


@REGISTRY.operation(title="OpenMemory: pause memories", idempotent=True, mcp=False)
async def openmemory_pause_memories(ctx: Ctx, args: PauseIn) -> MessageOut:
    """Set the state of memories by id, category, app or all (OpenMemory `POST /api/v1/memories/actions/pause`)."""
    message = await ctx.runtime.openmemory.pause(
        for_user(ctx, args.user_id), state=args.state,
        memory_ids=[str(i) for i in args.memory_ids] if args.memory_ids else None,
        category_ids=[str(i) for i in args.category_ids] if args.category_ids else None,
        app_id=str(args.app_id) if args.app_id else None, all_for_app=args.all_for_app,
        global_pause=args.global_pause,
    )
    return MessageOut(message=message)


class FilterIn(BaseModel):
    user_id: str = UserId
    page: int = page_field()
    size: int = page_size_field()
    search_query: str | None = Field(default=None, max_length=10_000)
    app_ids: list[uuid.UUID] | None = Field(default=None, max_length=1000)
    category_ids: list[uuid.UUID] | None = Field(default=None, max_length=1000)
    sort_column: str | None = Field(default=None, description="memory, app_name, created_at or updated_at")
    sort_direction: str | None = Field(default=None, description="asc or desc")
    from_date: int | None = Field(default=None, description="Created at or after (Unix seconds).")
    to_date: int | None = Field(default=None, description="Created at or before (Unix seconds).")
    show_archived: bool = False


@REGISTRY.operation(title="OpenMemory: filter memories", read_only=True, mcp=False)
async def openmemory_filter_memories(ctx: Ctx, args: FilterIn) -> Page:
    """A page of a user's memories, filtered and sorted (OpenMemory `POST /api/v1/memories/filter`)."""
    total, found = await ctx.runtime.openmemory.filter(
        for_user(ctx, args.user_id), page=args.page, size=args.size, search_query=args.search_query,
        app_ids=[str(a) for a in args.app_ids] if args.app_ids else None,
        category_ids=[str(c) for c in args.category_ids] if args.category_ids else None,
        sort_column=args.sort_column, sort_direction=args.sort_direction, from_date=args.from_date,
        to_date=args.to_date, show_archived=args.show_archived,
    )
    return Page(items=[as_item(f) for f in found], total=total, page=args.page, size=args.size,
                pages=pages(total, args.size))


class RelatedIn(BaseModel):
    memory_id: uuid.UUID
    user_id: str = UserId
    page: int = page_field()
    size: int = page_size_field(5)


@REGISTRY.operation(title="OpenMemory: related memories", read_only=True, mcp=False)
async def openmemory_related_memories(ctx: Ctx, args: RelatedIn) -> Page:
    """Memories sharing categories with one memory, then the most similar (`GET .../{id}/related`)."""
    total, found = await ctx.runtime.openmemory.related(for_user(ctx, args.user_id), str(args.memory_id),
                                                        args.page, args.size)
    return Page(items=[as_item(f) for f in found], total=total, page=args.page, size=args.size,
                pages=pages(total, args.size))


# -- categories and access log ---------------------------------------------------------------------


class UserIn(BaseModel):
    user_id: str = UserId


class CategoryOut(BaseModel):
    name: str
    description: str | None
    updated_at: str | None
    id: str
    created_at: str | None


class CategoriesOut(BaseModel):
    categories: list[CategoryOut]
    total: int


@REGISTRY.operation(title="OpenMemory: categories", read_only=True, mcp=False)
async def openmemory_categories(ctx: Ctx, args: UserIn) -> CategoriesOut:
    """The categories of a user's memories (OpenMemory `GET /api/v1/memories/categories`)."""
    rows = await ctx.runtime.openmemory.categories(for_user(ctx, args.user_id))
    return CategoriesOut(categories=[
        CategoryOut(name=r.name, description=r.description, updated_at=naive_iso(r.updated_at), id=r.id,
                    created_at=naive_iso(r.created_at)) for r in rows], total=len(rows))


class AccessLogIn(BaseModel):
    memory_id: uuid.UUID
    user_id: str | None = Field(default=None, min_length=1, max_length=200)
    page: int = page_field()
    page_size: int = page_size_field()


class AccessEntry(BaseModel):
    id: str
    memory_id: str
    accessed_at: str | None
    app_id: str
    access_type: str
    metadata_: dict[str, Any]
    app_name: str | None


class AccessLogOut(Paged):
    logs: list[AccessEntry]


@REGISTRY.operation(title="OpenMemory: access log", read_only=True, mcp=False)
async def openmemory_access_log(ctx: Ctx, args: AccessLogIn) -> AccessLogOut:
    """Which apps read a memory, newest first (OpenMemory `GET /api/v1/memories/{id}/access-log`)."""
    total, rows = await ctx.runtime.openmemory.access_log_of(for_user(ctx, args.user_id), str(args.memory_id),
                                                             args.page, args.page_size)
    return AccessLogOut(total=total, page=args.page, page_size=args.page_size, logs=[
        AccessEntry(id=r.id, memory_id=r.memory_id, accessed_at=naive_iso(r.accessed_at), app_id=r.app_id,
                    access_type=r.access_type, metadata_=r.metadata, app_name=r.app_name) for r in rows])
