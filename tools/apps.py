"""OpenMemory's app and stats routes (`/api/v1/apps/...`, `/api/v1/stats/`) as operations (REST only)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from mcp_memory.registry import REGISTRY, Ctx
from mcp_memory.services.openmemory import Labelled, naive_iso
from mcp_memory.services.paging import Paged, page_field, page_size_field
from mcp_memory.tools.openmemory import UserId, for_user


class ListAppsIn(BaseModel):
    user_id: str | None = Field(default=None, min_length=1, max_length=200,
                                description="Only this user's apps (default: every user of the account).")
    name: str | None = Field(default=None, max_length=200, description="Apps whose name contains this.")
    is_active: bool | None = None
    sort_by: Literal["name", "memories", "memories_accessed"] = "name"
    sort_direction: Literal["asc", "desc"] = "asc"
    page: int = page_field()
    page_size: int = page_size_field()


class AppSummary(BaseModel):
    id: str
    name: str
    is_active: bool
    total_memories_created: int
    total_memories_accessed: int


class ListAppsOut(Paged):
    apps: list[AppSummary]


@REGISTRY.operation(title="OpenMemory: list apps", read_only=True, mcp=False)
async def openmemory_list_apps(ctx: Ctx, args: ListAppsIn) -> ListAppsOut:
    """Apps with how many memories each created and read (OpenMemory `GET /api/v1/apps/`)."""
    total, rows = await ctx.runtime.openmemory.list_apps(
        for_user(ctx, args.user_id), name=args.name, is_active=args.is_active, sort_by=args.sort_by,
        sort_direction=args.sort_direction, page=args.page, page_size=args.page_size)
    return ListAppsOut(total=total, page=args.page, page_size=args.page_size, apps=[
        AppSummary(id=r.app.id, name=r.app.name, is_active=r.app.is_active,
                   total_memories_created=r.memories_created, total_memories_accessed=r.memories_accessed)
        for r in rows])


class AppIdIn(BaseModel):
    app_id: uuid.UUID


class AppDetail(BaseModel):
    is_active: bool
    total_memories_created: int
    total_memories_accessed: int
    first_accessed: str | None
    last_accessed: str | None


@REGISTRY.operation(title="OpenMemory: get app", read_only=True, mcp=False)
async def openmemory_get_app(ctx: Ctx, args: AppIdIn) -> AppDetail:
    """An app's state and access totals (OpenMemory `GET /api/v1/apps/{app_id}`)."""
    app, created, accessed, first, last = await ctx.runtime.openmemory.app_detail(for_user(ctx, None), str(args.app_id))
    return AppDetail(is_active=app.is_active, total_memories_created=created, total_memories_accessed=accessed,
                     first_accessed=naive_iso(first), last_accessed=naive_iso(last))


class UpdateAppIn(BaseModel):
    app_id: uuid.UUID
    is_active: bool


class StatusMessage(BaseModel):
    status: str
    message: str


@REGISTRY.operation(title="OpenMemory: pause or resume app", idempotent=True, mcp=False)
async def openmemory_update_app(ctx: Ctx, args: UpdateAppIn) -> StatusMessage:
    """Pause (`is_active=false`) or resume an app; a paused app's MCP calls and creates are refused."""
    await ctx.runtime.openmemory.set_app_active(for_user(ctx, None), str(args.app_id), args.is_active)
    return StatusMessage(status="success", message="Updated app details successfully")


class AppPageIn(BaseModel):
    app_id: uuid.UUID
    page: int = page_field()
    page_size: int = page_size_field()


class AppMemory(BaseModel):
    id: str
    content: str
    created_at: str | None
    state: str
    app_id: str | None
    categories: list[str]
    metadata_: dict[str, Any]


def _app_memory_fields(f: Labelled) -> dict[str, Any]:
    """What both app pages show of a memory (the accessed page adds the app's name)."""
    m = f.memory
    return {"id": m.id, "content": m.content, "created_at": naive_iso(m.created_at), "state": m.state,
            "app_id": f.app.id if f.app else None, "categories": f.categories, "metadata_": m.metadata}


class AppMemoriesOut(Paged):
    memories: list[AppMemory]


@REGISTRY.operation(title="OpenMemory: app memories", read_only=True, mcp=False)
async def openmemory_app_memories(ctx: Ctx, args: AppPageIn) -> AppMemoriesOut:
    """The memories an app created, newest first (OpenMemory `GET /api/v1/apps/{app_id}/memories`)."""
    total, found = await ctx.runtime.openmemory.app_memories(for_user(ctx, None), str(args.app_id), args.page, args.page_size)
    return AppMemoriesOut(total=total, page=args.page, page_size=args.page_size,
                          memories=[AppMemory(**_app_memory_fields(f)) for f in found])


class AccessedMemory(AppMemory):
    app_name: str | None


class Accessed(BaseModel):
    memory: AccessedMemory
    access_count: int


class AppAccessedOut(Paged):
    memories: list[Accessed]


@REGISTRY.operation(title="OpenMemory: memories an app read", read_only=True, mcp=False)
async def openmemory_app_accessed(ctx: Ctx, args: AppPageIn) -> AppAccessedOut:
    """The memories an app read, most-read first (OpenMemory `GET /api/v1/apps/{app_id}/accessed`)."""
    total, found = await ctx.runtime.openmemory.app_accessed(for_user(ctx, None), str(args.app_id), args.page, args.page_size)
    return AppAccessedOut(total=total, page=args.page, page_size=args.page_size, memories=[
        Accessed(memory=AccessedMemory(**_app_memory_fields(f), app_name=f.app.name if f.app else f.memory.app_name),
                 access_count=n) for f, n in found])


class StatsIn(BaseModel):
    user_id: str = UserId


class StatsApp(BaseModel):
    name: str
    metadata_: dict[str, Any] = Field(default_factory=dict)
    is_active: bool
    updated_at: str | None
    owner_id: str
    id: str
    description: str | None = None
    created_at: str | None


class StatsOut(BaseModel):
    total_memories: int
    total_apps: int
    apps: list[StatsApp]


@REGISTRY.operation(title="OpenMemory: user stats", read_only=True, mcp=False)
async def openmemory_stats(ctx: Ctx, args: StatsIn) -> StatsOut:
    """A user's memory count and apps (OpenMemory `GET /api/v1/stats/`)."""
    total, apps, owner = await ctx.runtime.openmemory.stats(for_user(ctx, args.user_id))
    return StatsOut(total_memories=total, total_apps=len(apps), apps=[
        StatsApp(name=a.name, is_active=a.is_active, updated_at=naive_iso(a.created_at), owner_id=owner, id=a.id,
                 created_at=naive_iso(a.created_at)) for a in apps])
