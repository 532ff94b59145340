"""Embedders turn text into L2-normalised vectors for the vector store.

Three kinds, chosen by `EmbedderSettings.kind`: the bundled ONNX model
(offline default), a hashing embedder (no model, for fast tests) and any
provider litellm reaches. Modules are imported lazily so that choosing one
kind never pays for loading another (litellm alone takes seconds to import).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from mcp_memory.config import EmbedderSettings, resolve_secret
from mcp_memory.embedders.errors import EmbeddingError

__all__ = ["Embedder", "EmbeddingError", "build_embedder"]


@runtime_checkable
class Embedder(Protocol):
    """What the stores need from an embedder."""

    model_id: str  # short slug, [a-z0-9-] only; part of Chroma collection names
    dims: int
    name: str  # human readable, shown by /health
    multilingual: bool  # False: only English text gets meaningful vectors (retrieval leans on lexical otherwise)

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """L2-normalised vectors, one per text, in order; [] for []."""
        ...


def build_embedder(settings: EmbedderSettings) -> Embedder:
    """Make the embedder the settings ask for."""
    if settings.kind == "onnx":
        from mcp_memory.embedders.onnx import OnnxEmbedder

        # settings.batch_size is for providers: the int8 model runs one text per
        # session so that a text's vector does not depend on its batch-mates (see onnx.py).
        return OnnxEmbedder()
    if settings.kind == "hashing":
        from mcp_memory.embedders.hashing import HashingEmbedder

        return HashingEmbedder(dims=settings.dims or 384)
    if settings.kind == "litellm":
        if not settings.model:
            raise ValueError(
                "embedder kind 'litellm' needs a model, e.g. MCP_MEMORY_EMBEDDER__MODEL=openai/text-embedding-3-small"
            )
        from mcp_memory.embedders.litellm_embedder import LiteLLMEmbedder

        return LiteLLMEmbedder(
            model=settings.model,
            api_base=settings.api_base,
            api_key=resolve_secret(settings.api_key),
            dims=settings.dims,
            batch_size=settings.batch_size,
        )
    raise ValueError(f"unknown embedder kind {settings.kind!r}; expected 'onnx', 'hashing' or 'litellm'")
