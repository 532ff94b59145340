"""Memories as MCP resources: one by id, and the most recent ones."""

from mcp_memory.registry import REGISTRY, ResourceDef

REGISTRY.resource(
    ResourceDef(
        uri="memory://{memory_id}",
        name="memory",
        description="One memory by id, with all its fields.",
        operation="get_memory",
    )
)

REGISTRY.resource(
    ResourceDef(
        uri="memory://recent",
        name="recent-memories",
        description="The user's 20 most recent memories.",
        operation="list_memories",
        arguments={"limit": 20},
    )
)
