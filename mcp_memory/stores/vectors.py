"""Chroma: the vectors that semantic search reads.

One collection per (account, space, user, embedding model): queries never
need a metadata filter, which Chroma answers slowly, and the model id in the
name means switching embedders never mixes vectors. Chroma's client is synchronous, so every call
runs in a worker thread. Embeddings are always passed in explicitly; Chroma's
own embedding function (which downloads a model) is never used.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio

logger = logging.getLogger(__name__)

_HNSW = {"hnsw": {"space": "cosine", "sync_threshold": 10, "batch_size": 10}}


def collection_name(account_id: str, space_id: str, user_id: str, model_id: str) -> str:
    """A Chroma-legal name (3-512 chars of [a-zA-Z0-9._-]) that is stable for its inputs.

    One collection per user as well: a `where user_id = ...` filter inside a
    shared collection measured 42 ms at 10k memories and 500 ms at 100k, an
    unfiltered query of the user's own collection 1-2 ms.
    """
    digest = hashlib.sha256(f"{account_id}\x00{space_id}\x00{user_id}".encode()).hexdigest()[:24]
    return f"mem-{digest}-{_model_part(model_id)}"


def _model_part(model_id: str) -> str:
    return re.sub(r"[^a-zA-Z0-9-]+", "-", model_id).strip("-")[:60] or "model"


class VectorStore:
    """Upserts, deletes and nearest-neighbour queries against Chroma."""

    def __init__(self, path: Path | None = None, url: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if url:
            from urllib.parse import urlparse

            parsed = urlparse(url)
            self._client = chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or 8000,
                ssl=parsed.scheme == "https",
                settings=chroma_settings,
            )
        else:
            assert path is not None
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        self._collections: dict[str, Any] = {}

    def _collection(self, name: str) -> Any:
        found = self._collections.get(name)
        if found is None:
            found = self._client.get_or_create_collection(name=name, embedding_function=None, configuration=_HNSW)
            self._collections[name] = found
        return found

    def _existing(self, name: str) -> Any:
        found = self._collections.get(name)
        if found is None:
            try:
                found = self._client.get_collection(name=name, embedding_function=None)
            except Exception:  # chromadb raises NotFoundError (or ValueError in older releases)
                return None
            self._collections[name] = found
        return found

    async def upsert(
        self,
        name: str,
        ids: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        documents: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        if not ids:
            return

        def work() -> None:
            self._collection(name).upsert(
                ids=list(ids), embeddings=[list(e) for e in embeddings], documents=list(documents),
                metadatas=list(metadatas),
            )

        await anyio.to_thread.run_sync(work)

    async def delete(self, name: str, ids: Sequence[str]) -> None:
        if not ids:
            return
        await anyio.to_thread.run_sync(lambda: self._collection(name).delete(ids=list(ids)))

    async def query(
        self, name: str, embedding: Sequence[float], limit: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest ids with cosine similarity (1 - distance), best first."""

        def work() -> list[tuple[str, float]]:
            collection = self._existing(name)
            if collection is None:  # nobody has stored anything here yet
                return []
            result = collection.query(
                query_embeddings=[list(embedding)], n_results=limit, where=where or None, include=["distances"]
            )
            ids = result["ids"][0]
            distances = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
            return [(i, 1.0 - float(d)) for i, d in zip(ids, distances)]

        return await anyio.to_thread.run_sync(work)

    async def drop(self, name: str) -> None:
        def work() -> None:
            self._collections.pop(name, None)
            try:
                self._client.delete_collection(name)
            except Exception:  # a missing collection is already dropped
                logger.debug("collection %s was not there to drop", name)

        await anyio.to_thread.run_sync(work)

    async def names_for_model(self, model_id: str) -> list[str]:
        """Every collection holding `model_id`'s vectors (the suffix `collection_name` gives)."""
        model = _model_part(model_id)

        def work() -> list[str]:
            names = [getattr(c, "name", c) for c in self._client.list_collections()]
            return sorted(n for n in names if n.startswith("mem-") and n[len("mem-") + 25:] == model)

        return await anyio.to_thread.run_sync(work)

    async def drop_model(self, model_id: str) -> int:
        """Drop every collection of one embedding model; returns how many there were."""
        names = await self.names_for_model(model_id)
        for name in names:
            await self.drop(name)
        return len(names)

    async def count(self, name: str) -> int:
        return await anyio.to_thread.run_sync(lambda: self._collection(name).count())
