"""Server configuration (OpenMemory's `/api/v1/config`): admin operations, not agent tools.

Reading shows the live configuration with secrets masked; changing it is for
the local operator only (`require_operator`): one server serves every tenant.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from mcp_memory.registry import REGISTRY, Ctx, NoArgs
from mcp_memory.services.mem0_config import (
    EmbedderProvider,
    LLMProvider,
    Mem0Config,
    OpenMemoryConfig,
    VectorStoreProvider,
)
from mcp_memory.services.reconfigure import require_operator


class ConfigIn(BaseModel):
    """OpenMemory's ConfigSchema. Blocks left out stay as they are; other top-level keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    openmemory: OpenMemoryConfig | None = None
    mem0: Mem0Config | None = None


class ConfigOut(BaseModel):
    openmemory: dict[str, Any]
    mem0: dict[str, Any]
    status: dict[str, Any]


class BlockOut(BaseModel):
    """One block of the configuration (`mem0.llm`, `mem0.embedder`, ...); None when unset."""

    block: dict[str, Any] | None


def _config(ctx: Ctx) -> ConfigOut:
    return ConfigOut(**ctx.runtime.config.view())


def _block(ctx: Ctx, *path: str) -> BlockOut:
    data: Any = ctx.runtime.config.view()
    for key in path:
        data = data[key]
    return BlockOut(block=data)


async def _update_block(ctx: Ctx, path: tuple[str, ...], **change: Any) -> BlockOut:
    """Change one block as the operator and answer with it as it now reads (secrets masked)."""
    require_operator(ctx.caller)
    await ctx.runtime.config.update(**change)
    return _block(ctx, *path)


@REGISTRY.operation(title="Get configuration", read_only=True, idempotent=True, mcp=False)
async def get_config(ctx: Ctx, args: NoArgs) -> ConfigOut:
    """The server's LLM, embedder and custom instructions (secrets masked), and what actually runs."""
    return _config(ctx)


@REGISTRY.operation(title="Update configuration", idempotent=True, mcp=False)
async def update_config(ctx: Ctx, args: ConfigIn) -> ConfigOut:
    """Change the LLM (next ingest), the embedder (background reindex, then switch) or custom instructions."""
    require_operator(ctx.caller)
    mem0 = args.mem0 or Mem0Config()
    await ctx.runtime.config.update(
        custom_instructions=args.openmemory.custom_instructions if args.openmemory else None,
        llm=mem0.llm, embedder=mem0.embedder, vector_store=mem0.vector_store,
    )
    return _config(ctx)


@REGISTRY.operation(title="Reset configuration", destructive=True, idempotent=True, mcp=False)
async def reset_config(ctx: Ctx, args: NoArgs) -> ConfigOut:
    """Back to the server's start-up settings (an embedder change reindexes in the background)."""
    require_operator(ctx.caller)
    await ctx.runtime.config.reset()
    return _config(ctx)


@REGISTRY.operation(title="Get LLM configuration", read_only=True, idempotent=True, mcp=False)
async def get_llm_config(ctx: Ctx, args: NoArgs) -> BlockOut:
    """The `mem0.llm` block."""
    return _block(ctx, "mem0", "llm")


@REGISTRY.operation(title="Update LLM configuration", idempotent=True, mcp=False)
async def update_llm_config(ctx: Ctx, args: LLMProvider) -> BlockOut:
    """Replace the `mem0.llm` block; it applies to the next ingest."""
    return await _update_block(ctx, ("mem0", "llm"), llm=args)


@REGISTRY.operation(title="Get embedder configuration", read_only=True, idempotent=True, mcp=False)
async def get_embedder_config(ctx: Ctx, args: NoArgs) -> BlockOut:
    """The `mem0.embedder` block (the one asked for; `status` in the full config says what runs)."""
    return _block(ctx, "mem0", "embedder")


@REGISTRY.operation(title="Update embedder configuration", idempotent=True, mcp=False)
async def update_embedder_config(ctx: Ctx, args: EmbedderProvider) -> BlockOut:
    """Replace the `mem0.embedder` block; searches switch once the background reindex completes."""
    return await _update_block(ctx, ("mem0", "embedder"), embedder=args)


@REGISTRY.operation(title="Get vector store configuration", read_only=True, idempotent=True, mcp=False)
async def get_vector_store_config(ctx: Ctx, args: NoArgs) -> BlockOut:
    """The stored `mem0.vector_store` block (not used: vectors live in the embedded Chroma)."""
    return _block(ctx, "mem0", "vector_store")


@REGISTRY.operation(title="Update vector store configuration", idempotent=True, mcp=False)
async def update_vector_store_config(ctx: Ctx, args: VectorStoreProvider) -> BlockOut:
    """Store the `mem0.vector_store` block for OpenMemory clients; vectors stay in the embedded Chroma."""
    return await _update_block(ctx, ("mem0", "vector_store"), vector_store=args)


@REGISTRY.operation(title="Get OpenMemory configuration", read_only=True, idempotent=True, mcp=False)
async def get_openmemory_config(ctx: Ctx, args: NoArgs) -> BlockOut:
    """The `openmemory` block: custom instructions for fact extraction."""
    return _block(ctx, "openmemory")


@REGISTRY.operation(title="Update OpenMemory configuration", idempotent=True, mcp=False)
async def update_openmemory_config(ctx: Ctx, args: OpenMemoryConfig) -> BlockOut:
    """Set the custom instructions later ingests use when they bring none ("" clears them)."""
    return await _update_block(ctx, ("openmemory",), custom_instructions=args.custom_instructions)
