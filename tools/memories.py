"""The memory tools agents use: OpenMemory's four, plus get, update and delete by id."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from mcp_memory.models import Memory
from mcp_memory.registry import REGISTRY, Ctx
from mcp_memory.services.memories import NewMemory


class MemoryItem(BaseModel):
    """A memory as an agent needs it: the text and enough to refer back to it."""

    id: str
    memory: str = Field(description="The remembered text.")
    created_at: str
    updated_at: str
    tags: list[str] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, mem: Memory) -> "MemoryItem":
        return cls(id=mem.id, memory=mem.content, created_at=mem.created_at, updated_at=mem.updated_at,
                   tags=mem.tags, metadata=mem.metadata)


class SearchHit(MemoryItem):
    score: float = Field(description="Relevance from 0 to 1.")


class AddMemoriesIn(BaseModel):
    text: str = Field(min_length=1, description="What to remember, in plain words, e.g. 'Prefers tea over coffee'.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Free-form details stored with the memory.")
    tags: list[str] = Field(default_factory=list, description="Optional labels to filter by later.")


class AddedMemory(BaseModel):
    id: str
    memory: str
    event: Literal["ADD"] = "ADD"


class AddMemoriesOut(BaseModel):
    results: list[AddedMemory]


@REGISTRY.operation(title="Add memories")
async def add_memories(ctx: Ctx, args: AddMemoriesIn) -> AddMemoriesOut:
    """Store something worth remembering about the user.

    Call this whenever the user tells you about themselves, their preferences,
    plans, people, or anything that will help in later conversations, and
    whenever they ask you to remember something. One fact per call works best.
    """
    created = await ctx.runtime.memories.add(
        ctx.caller, [NewMemory(content=args.text, tags=args.tags, metadata=args.metadata)]
    )
    return AddMemoriesOut(results=[AddedMemory(id=m.id, memory=m.content) for m in created])


class SearchMemoryIn(BaseModel):
    query: str = Field(min_length=1, description="What you want to recall, in natural language or keywords.")
    limit: int = Field(default=10, ge=1, le=100, description="How many memories to return at most.")
    min_score: float | None = Field(default=None, ge=0, le=1, description="Drop memories scoring below this.")


class SearchMemoryOut(BaseModel):
    results: list[SearchHit]


@REGISTRY.operation(title="Search memory", read_only=True)
async def search_memory(ctx: Ctx, args: SearchMemoryIn) -> SearchMemoryOut:
    """Find the user's memories relevant to a query, best first.

    Call this every time the user asks something that their history,
    preferences or earlier conversations might inform, before you answer.
    """
    outcome = await ctx.runtime.memories.search(ctx.caller, args.query, limit=args.limit, min_score=args.min_score)
    return SearchMemoryOut(
        results=[SearchHit(**MemoryItem.of(hit.memory).model_dump(), score=hit.score) for hit in outcome.results]
    )


class ListMemoriesIn(BaseModel):
    limit: int = Field(default=50, ge=1, le=500, description="Page size.")
    offset: int = Field(default=0, ge=0, description="How many memories to skip.")


class ListMemoriesOut(BaseModel):
    memories: list[MemoryItem]
    total: int
    limit: int
    offset: int


@REGISTRY.operation(title="List memories", read_only=True, idempotent=True)
async def list_memories(ctx: Ctx, args: ListMemoriesIn) -> ListMemoriesOut:
    """List the user's stored memories, newest first, one page at a time."""
    items, total = await ctx.runtime.memories.list(ctx.caller, limit=args.limit, offset=args.offset)
    return ListMemoriesOut(memories=[MemoryItem.of(m) for m in items], total=total, limit=args.limit, offset=args.offset)


class GetMemoryIn(BaseModel):
    memory_id: str = Field(min_length=1, description="The id returned when the memory was added or found.")


@REGISTRY.operation(title="Get memory", read_only=True, idempotent=True)
async def get_memory(ctx: Ctx, args: GetMemoryIn) -> Memory:
    """Fetch one memory by id, with all its fields."""
    return await ctx.runtime.memories.get(ctx.caller, args.memory_id)


class UpdateMemoryIn(BaseModel):
    memory_id: str = Field(min_length=1)
    content: str | None = Field(default=None, min_length=1, description="New text; replaces the old text.")
    tags: list[str] | None = Field(default=None, description="Replaces the tag list.")
    metadata: dict[str, Any] | None = Field(default=None, description="Merged into the existing metadata.")


@REGISTRY.operation(title="Update memory", idempotent=True)
async def update_memory(ctx: Ctx, args: UpdateMemoryIn) -> Memory:
    """Correct or refine a memory when the user's facts change (e.g. they moved city).

    Prefer this over adding a contradicting memory.
    """
    return await ctx.runtime.memories.update(
        ctx.caller, args.memory_id, content=args.content, tags=args.tags, metadata=args.metadata
    )


class DeleteMemoriesIn(BaseModel):
    memory_ids: list[str] = Field(min_length=1, max_length=1000, description="Ids of the memories to delete.")


class DeleteOut(BaseModel):
    message: str
    deleted: int
    deleted_ids: list[str]


@REGISTRY.operation(title="Delete memories", destructive=True, idempotent=True)
async def delete_memories(ctx: Ctx, args: DeleteMemoriesIn) -> DeleteOut:
    """Delete specific memories by id, e.g. when the user asks you to forget something."""
    deleted = await ctx.runtime.memories.delete(ctx.caller, args.memory_ids)
    return DeleteOut(message=f"Successfully deleted {len(deleted)} memories", deleted=len(deleted), deleted_ids=deleted)


class NoArgs(BaseModel):
    pass


@REGISTRY.operation(title="Delete all memories", destructive=True, idempotent=True)
async def delete_all_memories(ctx: Ctx, args: NoArgs) -> DeleteOut:
    """Delete every memory of this user. Only when the user explicitly asks to forget everything."""
    deleted = await ctx.runtime.memories.delete_all(ctx.caller)
    return DeleteOut(message="Successfully deleted all memories", deleted=len(deleted), deleted_ids=deleted)
