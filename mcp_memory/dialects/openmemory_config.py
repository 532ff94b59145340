"""OpenMemory's config routes (`/api/v1/config/`), kept apart from the memory and app routes.

Both spellings of the root answer (with and without the trailing slash, as
FastAPI clients send either); PATCH is PUT here, since a PUT already leaves
out blocks unchanged. The sub-routes are mem0 OpenMemory's.
"""

from __future__ import annotations

from typing import Any

from mcp_memory.transports.dialect import Binding


def _block(out: Any) -> Any:
    return out.block


CONFIG_BINDINGS: list[Binding] = [
    *(Binding(method, path, op) for path in ("/api/v1/config/", "/api/v1/config")
      for method, op in (("GET", "get_config"), ("PUT", "update_config"), ("PATCH", "update_config"))),
    Binding("POST", "/api/v1/config/reset", "reset_config"),
    Binding("GET", "/api/v1/config/mem0/llm", "get_llm_config", view=_block),
    Binding("PUT", "/api/v1/config/mem0/llm", "update_llm_config", view=_block),
    Binding("GET", "/api/v1/config/mem0/embedder", "get_embedder_config", view=_block),
    Binding("PUT", "/api/v1/config/mem0/embedder", "update_embedder_config", view=_block),
    Binding("GET", "/api/v1/config/mem0/vector_store", "get_vector_store_config", view=_block),
    Binding("PUT", "/api/v1/config/mem0/vector_store", "update_vector_store_config", view=_block),
    Binding("GET", "/api/v1/config/openmemory", "get_openmemory_config", view=_block),
    Binding("PUT", "/api/v1/config/openmemory", "update_openmemory_config", view=_block),
]
