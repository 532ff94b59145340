"""Memory operations: OpenMemory's four agent tools, and omem's memory routes.

Each operation returns the full `Memory` where a memory is returned; the
dialect modules only rename and trim.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, BeforeValidator, Field, model_validator

from mcp_memory.errors import InvalidInput, NotFound
from mcp_memory.models import Category, Memory, MemoryState, MemoryType, ScoredMemory, Tier
from mcp_memory.registry import REGISTRY, Ctx, NoArgs
from mcp_memory.services.memories import LIVE_STATES, NewMemory
from mcp_memory.services.similarity import score_for, similarity_of


def _split_commas(value: Any) -> Any:
    """Accept `a,b` (a query string) as well as a JSON list."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


TagList = Annotated[list[str], BeforeValidator(_split_commas)]

USER_ID = Field(default=None, description="The user these memories belong to; an account-wide key may name any of "
                                          "its users, a caller already bound to a user only itself.")


# -- add (OpenMemory) ---------------------------------------------------------


class AddMemoriesIn(BaseModel):
    text: str = Field(min_length=1, max_length=100_000,
                      description="What to remember, in plain words, e.g. 'Prefers tea over coffee'.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Free-form details stored with the memory.")
    tags: TagList = Field(default_factory=list, description="Optional labels to filter by later.")
    infer: bool = Field(default=True, description="Extract facts and reconcile them with what is stored "
                                                  "(false: store the text exactly as given).")


class AddedMemory(BaseModel):
    id: str | None = None
    memory: str
    event: Literal["ADD", "UPDATE", "NONE"] = "ADD"
    previous_id: str | None = Field(default=None, description="The memory an update replaced, if any.")
    outcome: str | None = Field(default=None, description=(
        "What reconciliation did: create, merge, supersede, skip (a repeat), support, contextualize, "
        "contradict or reject."))
    target_id: str | None = Field(default=None, description="The existing memory the outcome concerns, if any.")


class AddMemoriesOut(BaseModel):
    results: list[AddedMemory]
    extraction: Literal["llm", "heuristic", "none"]


@REGISTRY.operation(title="Add memories")
async def add_memories(ctx: Ctx, args: AddMemoriesIn) -> AddMemoriesOut:
    """Store something worth remembering about the user.

    Call this whenever the user tells you about themselves, their preferences,
    plans, people, or anything that will help in later conversations, and
    whenever they ask you to remember something. New facts are reconciled with
    what is already known: a repeat changes nothing, a changed preference
    replaces the old one (which is kept as history).
    """
    openmemory = ctx.runtime.openmemory
    await openmemory.apps.require_active(ctx.caller, "create new memories")
    if not args.infer:
        created = await ctx.runtime.memories.add(
            ctx.caller, [NewMemory(content=args.text, tags=args.tags, metadata=args.metadata)]
        )
        await openmemory.categorize(ctx.caller.account_id, [m.id for m in created])
        return AddMemoriesOut(results=[AddedMemory(id=m.id, memory=m.content) for m in created], extraction="none")
    ingestor = ctx.runtime.ingestor
    events, extraction = await ingestor.remember(ctx.caller, args.text)
    await openmemory.categorize(ctx.caller.account_id, [e["id"] for e in events if e.get("id") and e["event"] != "NONE"])
    return AddMemoriesOut(
        results=[AddedMemory(id=e.get("id"), memory=e["memory"], event=e["event"], previous_id=e.get("previous_id"),
                             outcome=e["outcome"], target_id=e.get("target_id"))
                 for e in events],
        extraction=extraction,
    )


# -- create (omem) --------------------------------------------------------------


class Message(BaseModel):
    role: Literal["user", "assistant", "system", "tool"]
    content: str = Field(min_length=1, max_length=100_000)


class CreateMemoryIn(BaseModel):
    content: str | None = Field(default=None, description="Store this text verbatim as a pinned memory.")
    tags: TagList = Field(default_factory=list)
    source: str | None = Field(default=None, max_length=500, description="Where it came from, e.g. 'manual'.")
    messages: list[Message] | None = Field(default=None, max_length=1000,
                                           description="Conversation turns to ingest instead of `content`.")
    mode: Literal["smart", "raw"] = "smart"
    agent_id: str | None = Field(default=None, max_length=200)
    session_id: str | None = Field(default=None, max_length=200)
    entity_context: str | None = Field(default=None, max_length=10_000)
    user_id: str | None = USER_ID
    metadata: dict[str, Any] = Field(default_factory=dict, description="Free-form details stored with the memory.")

    @model_validator(mode="after")
    def _one_mode(self) -> CreateMemoryIn:
        if self.messages is None and self.content is None:
            raise ValueError("either messages or content is required")
        if self.messages is not None and len(self.messages) == 0:
            raise ValueError("messages cannot be empty")
        if self.messages is None and self.content is not None and not self.content.strip():
            raise ValueError("content cannot be empty")
        return self


class CreateMemoryOut(BaseModel):
    memory: Memory | None = Field(default=None, description="The stored memory (content mode).")
    task_id: str | None = Field(default=None, description="The ingest task (messages mode).")
    stored_count: int | None = Field(default=None, description="Raw messages stored before the task was accepted.")


@REGISTRY.operation(title="Create memory")
async def create_memory(ctx: Ctx, args: CreateMemoryIn) -> CreateMemoryOut:
    """Store a memory verbatim (`content`), or hand over conversation turns (`messages`) to be remembered.

    Use `content` for a fact stated outright; use `messages` to pass a whole
    exchange, which is stored as session memories and processed in the background.
    """
    caller = ctx.caller.acting_for(args.user_id)
    if args.agent_id:
        caller = replace(caller, agent_id=args.agent_id)
    if args.messages is not None:
        task_id, stored = await ctx.runtime.ingestor.submit(
            caller, [(m.role, m.content) for m in args.messages], mode=args.mode, session_id=args.session_id,
            entity_context=args.entity_context,
        )
        return CreateMemoryOut(task_id=task_id, stored_count=stored)
    assert args.content is not None
    [memory] = await ctx.runtime.memories.add(
        caller, [NewMemory(content=args.content, tags=args.tags, source=args.source, session_id=args.session_id,
                           metadata=args.metadata)]
    )
    await ctx.runtime.openmemory.categorize(caller.account_id, [memory.id])
    return CreateMemoryOut(memory=memory)


# -- search -------------------------------------------------------------------


class SearchMemoryIn(BaseModel):
    query: str = Field(min_length=1, max_length=10_000, description="What to recall, in natural language or keywords.")
    limit: int = Field(default=10, ge=1, le=100, description="How many memories to return at most.")
    min_score: float | None = Field(default=None, ge=0, le=1, description="Drop memories scoring below this.")
    scope: str | None = Field(default=None, max_length=200, description="Only memories with this scope.")
    include_trace: bool = Field(default=False, description="Also return how the retrieval pipeline ranked them.")
    space: str | None = Field(default=None, max_length=2000, description='"all", or comma-separated space ids.')
    user_id: str | None = USER_ID
    agent_id: str | None = Field(default=None, max_length=200, description="Only memories stored by this agent.")
    tags: TagList = Field(default_factory=list, description="Only memories carrying all of these tags.")
    threshold: float | None = Field(
        default=None, ge=0, le=1, description="Instead of min_score: a minimum on a similarity scale where 0.5 is "
                                              "the server's default relevance bar; scores are then on that scale.")


class SearchMemoryOut(BaseModel):
    results: list[ScoredMemory]
    trace: dict[str, Any] | None = None


@REGISTRY.operation(title="Search memory", read_only=True)
async def search_memory(ctx: Ctx, args: SearchMemoryIn) -> SearchMemoryOut:
    """Find the user's memories relevant to a query, best first, each with a 0-1 score.

    Call this every time the user asks something that their history,
    preferences or earlier conversations might inform, before you answer.
    """
    if args.threshold is not None and args.min_score is not None:
        raise InvalidInput("give min_score or threshold, not both")
    bar = ctx.runtime.settings.retrieval.default_min_score
    min_score = score_for(args.threshold, bar) if args.threshold is not None else args.min_score
    caller = ctx.caller.acting_for(args.user_id)
    await ctx.runtime.openmemory.apps.require_active(caller, "search memories")
    outcome = await ctx.runtime.memories.search(
        caller, args.query, limit=args.limit, min_score=min_score, scope=args.scope,
        space=args.space, agent_id=args.agent_id, tags=args.tags,
    )
    ctx.runtime.openmemory.access_log.record(caller, [r.memory for r in outcome.results], "search",
                                             query=args.query, scores=[r.score for r in outcome.results])
    results = outcome.results
    if args.threshold is not None:
        results = [r.model_copy(update={"score": similarity_of(r.score, bar)}) for r in results]
    return SearchMemoryOut(results=results, trace=outcome.trace() if args.include_trace else None)


# -- list ---------------------------------------------------------------------


class ListMemoriesIn(BaseModel):
    limit: int = Field(default=20, ge=1, le=1000, description="Page size.")
    offset: int = Field(default=0, ge=0, le=10_000_000, description="How many memories to skip.")
    category: Category | None = None
    tier: Tier | None = None
    tags: TagList = Field(default_factory=list, description="Only memories carrying all of these tags.")
    memory_type: MemoryType | None = None
    state: MemoryState | None = Field(default=None, description="Default: every state except deleted.")
    sort: Literal["created_at", "updated_at", "importance", "access_count"] = "created_at"
    order: Literal["asc", "desc"] = "desc"
    user_id: str | None = USER_ID
    agent_id: str | None = Field(default=None, max_length=200, description="Only memories stored by this agent.")
    page: int | None = Field(default=None, ge=1, le=10_000_000, description="1-based page number; replaces offset.")


class ListMemoriesOut(BaseModel):
    memories: list[Memory]
    total_count: int
    limit: int
    offset: int


@REGISTRY.operation(title="List memories", read_only=True, idempotent=True)
async def list_memories(ctx: Ctx, args: ListMemoriesIn) -> ListMemoriesOut:
    """List the user's stored memories one page at a time, newest first unless sorted otherwise."""
    offset = (args.page - 1) * args.limit if args.page is not None else args.offset
    caller = ctx.caller.acting_for(args.user_id)
    await ctx.runtime.openmemory.apps.require_active(caller, "list memories")
    items, total = await ctx.runtime.memories.list(
        caller, limit=args.limit, offset=offset, sort=args.sort, order=args.order,
        states=[args.state] if args.state else LIVE_STATES,
        category=args.category, tier=args.tier, tags=args.tags, memory_type=args.memory_type, agent_id=args.agent_id,
    )
    ctx.runtime.openmemory.access_log.record(caller, items, "list")
    return ListMemoriesOut(memories=items, total_count=total, limit=args.limit, offset=offset)


# -- one memory ---------------------------------------------------------------


class MemoryIdIn(BaseModel):
    memory_id: str = Field(min_length=1, max_length=200, description="The id returned when the memory was stored.")


class GetMemoryIn(MemoryIdIn):
    include_deleted: bool = Field(default=True, description="False: a deleted memory reads as not found.")


@REGISTRY.operation(title="Get memory", read_only=True, idempotent=True)
async def get_memory(ctx: Ctx, args: GetMemoryIn) -> Memory:
    """Fetch one memory by id, with all its fields."""
    await ctx.runtime.openmemory.apps.require_active(ctx.caller, "read memories")
    memory = await ctx.runtime.memories.get(ctx.caller, args.memory_id)
    if memory.state == "deleted" and not args.include_deleted:
        raise NotFound(f"not found: memory {args.memory_id}")
    ctx.runtime.openmemory.access_log.record(ctx.caller, [memory], "get")
    return memory


class UpdateMemoryIn(BaseModel):
    memory_id: str = Field(min_length=1, max_length=200)
    content: str | None = Field(default=None, description="New text; replaces the old text and is re-embedded.")
    tags: TagList | None = Field(default=None, description="Replaces the tag list.")
    state: MemoryState | None = Field(default=None, description="active, paused, archived or deleted.")
    metadata: dict[str, Any] | None = Field(default=None, description="Merged into the existing metadata.")


@REGISTRY.operation(title="Update memory", idempotent=True)
async def update_memory(ctx: Ctx, args: UpdateMemoryIn) -> Memory:
    """Correct or refine a memory when the user's facts change (e.g. they moved city).

    Prefer this over adding a contradicting memory.
    """
    await ctx.runtime.openmemory.apps.require_active(ctx.caller, "update memories")
    updated = await ctx.runtime.memories.update(
        ctx.caller, args.memory_id, content=args.content, tags=args.tags, metadata=args.metadata, state=args.state
    )
    if args.content is not None:
        await ctx.runtime.openmemory.categorize(ctx.caller.account_id, [updated.id])
    return updated


class StatusOut(BaseModel):
    status: str


@REGISTRY.operation(title="Delete memory", destructive=True, idempotent=True)
async def delete_memory(ctx: Ctx, args: MemoryIdIn) -> StatusOut:
    """Delete one memory by id (it can no longer be found or recalled)."""
    await ctx.runtime.openmemory.apps.require_active(ctx.caller, "delete memories")
    await ctx.runtime.memories.get(ctx.caller, args.memory_id)  # not yours or not there: 404
    await ctx.runtime.memories.delete(ctx.caller, [args.memory_id])
    return StatusOut(status="deleted")


class PurgedOut(BaseModel):
    success: bool
    id: str


@REGISTRY.operation(title="Delete memory permanently", destructive=True, mcp=False)
async def purge_memory(ctx: Ctx, args: MemoryIdIn) -> PurgedOut:
    """Delete one memory permanently: its text, vector and index entries are erased, nothing can restore it.

    `delete_memory` only marks a memory deleted (omem's soft delete); this is Memokit's delete.
    """
    await ctx.runtime.memories.purge(ctx.caller, args.memory_id)
    return PurgedOut(success=True, id=args.memory_id)


# -- delete many ----------------------------------------------------------------


class DeleteFilter(BaseModel):
    source: str | None = None
    tags: TagList = Field(default_factory=list)
    category: Category | None = None
    memory_type: MemoryType | None = None
    state: Literal["active", "paused", "archived"] | None = None
    before: AwareDatetime | None = Field(default=None, description="Only memories created before this time.")


class DeleteMemoriesIn(BaseModel):
    memory_ids: list[Annotated[str, Field(max_length=200)]] | None = Field(
        default=None, max_length=1000, description="Ids of the memories to delete."
    )
    filter: DeleteFilter | None = Field(default=None, description="Delete everything matching instead of ids.")
    confirm: bool = Field(default=False, description="With a filter: false only counts, true deletes.")

    @model_validator(mode="after")
    def _one_mode(self) -> DeleteMemoriesIn:
        if (self.memory_ids is None) == (self.filter is None):
            raise ValueError("give exactly one of memory_ids or filter")
        if self.memory_ids is not None and not self.memory_ids:
            raise ValueError("memory_ids cannot be empty")
        return self


class DeleteMemoriesOut(BaseModel):
    deleted: int | None = None
    would_delete: int | None = None
    mode: Literal["ids", "filter"]
    deleted_ids: list[str] | None = None


@REGISTRY.operation(title="Delete memories", destructive=True, idempotent=True)
async def delete_memories(ctx: Ctx, args: DeleteMemoriesIn) -> DeleteMemoriesOut:
    """Delete memories by id, e.g. when the user asks you to forget something; or by filter (preview first)."""
    await ctx.runtime.openmemory.apps.require_active(ctx.caller, "delete memories")
    memories = ctx.runtime.memories
    if args.memory_ids is not None:
        deleted = await memories.delete(ctx.caller, args.memory_ids)
        return DeleteMemoriesOut(deleted=len(deleted), mode="ids", deleted_ids=deleted)
    assert args.filter is not None
    f = args.filter
    before = f.before.astimezone(timezone.utc).isoformat() if isinstance(f.before, datetime) else None
    count = await memories.delete_matching(
        ctx.caller, confirm=args.confirm, source=f.source, tags=f.tags, category=f.category,
        memory_type=f.memory_type, state=f.state, before=before,
    )
    if args.confirm:
        return DeleteMemoriesOut(deleted=count, mode="filter")
    return DeleteMemoriesOut(would_delete=count, mode="filter")


class DeleteAllOut(BaseModel):
    message: str
    deleted: int
    sessions_cleared: int


@REGISTRY.operation(title="Delete all memories", destructive=True, idempotent=True)
async def delete_all_memories(ctx: Ctx, args: NoArgs) -> DeleteAllOut:
    """Delete every memory of this user. Only when the user explicitly asks to forget everything."""
    await ctx.runtime.openmemory.apps.require_active(ctx.caller, "delete memories")
    deleted, sessions = await ctx.runtime.memories.delete_all(ctx.caller)
    return DeleteAllOut(message="Successfully deleted all memories", deleted=len(deleted), sessions_cleared=sessions)

