"""OpenMemory's config routes (`/api/v1/config/`), kept apart from the memory and app routes."""

from __future__ import annotations

from mcp_memory.transports.dialect import Binding

CONFIG_BINDINGS: list[Binding] = []
