"""The memory record as every layer sees it.

`Memory` carries omem's 28 documented fields (its appendix A) plus the
user, app and free metadata that OpenMemory and Memokit callers rely on.
Dialects choose which of these fields to show and under which names.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, Field

Category = Literal["profile", "preferences", "entities", "events", "cases", "patterns"]
MemoryType = Literal["pinned", "insight", "session"]
MemoryState = Literal["active", "paused", "archived", "deleted"]
Tier = Literal["core", "working", "peripheral"]
RelationType = Literal["supersedes", "contextualizes", "supports", "contradicts"]


def utcnow() -> str:
    """Now as ISO 8601 with an explicit UTC offset, the format every stored time uses."""
    return datetime.now(timezone.utc).isoformat()


class MemoryRelation(BaseModel):
    relation_type: RelationType
    target_id: str
    context_label: str | None = None


class Provenance(BaseModel):
    shared_from_space: str
    shared_from_memory: str
    shared_by_user: str
    shared_by_agent: str
    shared_at: str
    original_created_at: str


class Memory(BaseModel):
    """One stored memory, with every field of omem's Memory object."""

    id: str
    content: str
    l0_abstract: str = ""
    l1_overview: str = ""
    l2_content: str = ""
    category: Category = "preferences"
    memory_type: MemoryType = "pinned"
    state: MemoryState = "active"
    tier: Tier = "peripheral"
    importance: float = 0.5
    confidence: float = 0.5
    access_count: int = 0
    tags: list[str] = Field(default_factory=list)
    scope: str = "global"
    agent_id: str | None = None
    session_id: str | None = None
    tenant_id: str
    source: str | None = None
    relations: list[MemoryRelation] = Field(default_factory=list)
    superseded_by: str | None = None
    invalidated_at: str | None = None
    created_at: str
    updated_at: str
    last_accessed_at: str | None = None
    space_id: str = ""
    visibility: str = "global"
    owner_agent_id: str = ""
    provenance: Provenance | None = None
    user_id: str = Field(description="The user whose memory this is.")
    app_name: str = Field(default="default", description="The app or MCP client that stored it.")
    metadata: dict[str, Any] = Field(default_factory=dict)


class ScoredMemory(BaseModel):
    memory: Memory
    score: float = Field(description="Relevance, 0 to 1; higher is closer.")
