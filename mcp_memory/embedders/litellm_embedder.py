"""Embeddings from any provider litellm knows (OpenAI, Ollama, DashScope, ...).

Used when the bundled English-only model is not enough, e.g. for Chinese.
Provider failures become `EmbeddingError` with the key scrubbed out, because
provider messages sometimes echo the key and error messages end up in logs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from mcp_memory.embedders.errors import EmbeddingError

from mcp_memory.llm import litellm_module

# Imported through mcp_memory.llm: no network at import, nothing on stdout (~2 s, paid only by importers).
litellm = litellm_module()


def model_slug(model: str) -> str:
    """`openai/text-embedding-3-small` -> `litellm-openai-text-embedding-3-small`, kept short for Chroma."""
    slug = re.sub(r"[^a-z0-9]+", "-", model.lower()).strip("-") or "model"
    if len(slug) > 48:
        digest = hashlib.blake2b(model.encode("utf-8"), digest_size=4).hexdigest()
        slug = f"{slug[:39].rstrip('-')}-{digest}"
    return f"litellm-{slug}"


class LiteLLMEmbedder:
    """Batches texts to `litellm.aembedding` and L2-normalises what comes back.

    `dims` is 0 until the first response when it is not configured.
    """

    multilingual = True

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        dims: int | None = None,
        batch_size: int = 32,
        timeout: float = 60.0,
        max_retries: int = 2,
    ) -> None:
        self.model = model
        self.api_base = api_base
        self._api_key = api_key
        self.dims = dims or 0
        self.batch_size = max(1, batch_size)
        self.timeout = timeout
        self.max_retries = max_retries
        self.model_id = model_slug(model)
        self.name = f"litellm {model}" + (f" at {api_base}" if api_base else "")

    def __repr__(self) -> str:  # never show the key
        return f"LiteLLMEmbedder(model={self.model!r}, api_base={self.api_base!r}, dims={self.dims})"

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One request per batch; vectors come back in input order."""
        out: list[list[float]] = []
        texts = list(texts)
        for start in range(0, len(texts), self.batch_size):
            out.extend(await self._embed_batch(texts[start : start + self.batch_size]))
        return out

    async def _embed_batch(self, batch: list[str]) -> list[list[float]]:
        try:
            response = await litellm.aembedding(
                model=self.model,
                input=batch,
                api_base=self.api_base,
                api_key=self._api_key,
                timeout=self.timeout,
                max_retries=self.max_retries,
            )
        except Exception as exc:  # litellm maps provider errors to many types
            raise EmbeddingError(self._describe(exc)) from None  # no chained traceback: it may hold the key
        vectors = self._vectors(response, len(batch))
        if not self.dims:
            self.dims = vectors.shape[1]
        elif vectors.shape[1] != self.dims:
            raise EmbeddingError(
                f"embedding model {self.model} returned {vectors.shape[1]} dims, configured for {self.dims}"
            )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).tolist()

    def _vectors(self, response: Any, expected: int) -> np.ndarray:
        """The response's vectors as an array, sorted by their `index`."""
        items = [_field(item, "embedding") for item in sorted(response.data, key=lambda i: _field(i, "index") or 0)]
        if len(items) != expected or any(not isinstance(v, list) or not v for v in items):
            raise EmbeddingError(f"embedding model {self.model} returned {len(items)} vectors for {expected} texts")
        try:
            return np.asarray(items, dtype=np.float64)
        except ValueError:
            raise EmbeddingError(f"embedding model {self.model} returned vectors of differing lengths") from None

    def _describe(self, exc: Exception) -> str:
        detail = str(exc)
        if self._api_key:
            detail = detail.replace(self._api_key, "***")
        if len(detail) > 500:
            detail = detail[:500] + "..."
        return f"embedding with {self.model} failed: {type(exc).__name__}: {detail}"


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)
