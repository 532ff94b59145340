"""The user profile: stable facts and recent context, optionally with a search."""

from __future__ import annotations

from pydantic import BaseModel, Field

from mcp_memory.registry import REGISTRY, Ctx


class ProfileIn(BaseModel):
    q: str = Field(default="", max_length=10_000, description="Also return memories relevant to this query.")


class ProfileMemory(BaseModel):
    id: str
    content: str
    category: str
    tags: list[str]


class ProfileHit(BaseModel):
    score: float
    memory: ProfileMemory


class ProfileOut(BaseModel):
    static_facts: list[str]
    dynamic_context: list[str]
    search_results: list[ProfileHit] | None = None


@REGISTRY.operation(title="Get profile", read_only=True)
async def get_profile(ctx: Ctx, args: ProfileIn) -> ProfileOut:
    """Summarise what is known about the user: stable facts (profile, preferences) and recent context.

    Useful at the start of a conversation; pass `q` to also get memories relevant to the topic at hand.
    """
    memories = ctx.runtime.memories
    static, dynamic = await memories.profile(ctx.caller)
    hits = None
    if args.q.strip():
        outcome = await memories.search(ctx.caller, args.q, limit=10)
        hits = [
            ProfileHit(score=h.score, memory=ProfileMemory(id=h.memory.id, content=h.memory.content,
                                                           category=h.memory.category, tags=h.memory.tags))
            for h in outcome.results
        ]
    return ProfileOut(static_facts=[m.content for m in static], dynamic_context=[m.content for m in dynamic],
                      search_results=hits)
