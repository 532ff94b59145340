"""Tenant sign-up: the one public operation. Not an MCP tool."""

from __future__ import annotations

from pydantic import BaseModel, Field

from mcp_memory.registry import REGISTRY, Ctx


class CreateTenantIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="A name for the workspace.")


class TenantOut(BaseModel):
    id: str
    api_key: str = Field(description="Shown once; only its hash is stored.")
    status: str


@REGISTRY.operation(title="Create tenant", mcp=False)
async def create_tenant(ctx: Ctx, args: CreateTenantIn) -> TenantOut:
    """Create a tenant with its personal space, and return its API key (shown only this once)."""
    tenant = await ctx.runtime.accounts.create_tenant(args.name)
    return TenantOut(id=tenant.id, api_key=tenant.api_key, status=tenant.status)
