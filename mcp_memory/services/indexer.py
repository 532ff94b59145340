"""Keeps Chroma in step with the ledger.

Every ledger write that changes what vector search should find leaves an
outbox row. `sync` pays that debt right after the write; `sweep` pays
whatever a crash or a failed Chroma call left behind, at start-up and on a
timer. Both are idempotent: an upsert of the same vector twice is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from mcp_memory.embedders import Embedder
from mcp_memory.models import Memory
from mcp_memory.stores.ledger import Ledger
from mcp_memory.stores.vectors import VectorStore, collection_name

logger = logging.getLogger(__name__)


def vector_metadata(mem: Memory) -> dict[str, str | int | float | bool]:
    """The fields vector search filters on; Chroma allows only scalars here."""
    return {
        "user_id": mem.user_id,
        "app_name": mem.app_name,
        "category": mem.category,
        "memory_type": mem.memory_type,
    }


class Indexer:
    def __init__(self, ledger: Ledger, vectors: VectorStore, embedder: Embedder) -> None:
        self.ledger = ledger
        self.vectors = vectors
        self.embedder = embedder
        # While an embedder switch reindexes, writes also go to the next model's collections,
        # and the ids they touched are kept for the reindex's final catch-up pass.
        self.shadow: Embedder | None = None
        self.shadow_touched: set[str] = set()

    def collection_for(self, account_id: str, space_id: str, user_id: str, embedder: Embedder | None = None) -> str:
        return collection_name(account_id, space_id, user_id, (embedder or self.embedder).model_id)

    async def apply(self, items: Sequence[Memory], embeddings: Mapping[str, Sequence[float]] | None = None) -> None:
        """Make Chroma show exactly the active ones among `items` (in the next model's collections too)."""
        await self.write(self.embedder, items, embeddings)
        shadow = self.shadow
        if shadow is not None:
            self.shadow_touched.update(m.id for m in items)
            try:
                await self.write(shadow, items)
            except Exception as exc:  # the reindex's catch-up pass retries these ids, or fails the switch
                logger.warning("writing %d memories for the next embedder failed: %s", len(items), exc)

    async def write(self, embedder: Embedder, items: Sequence[Memory],
                    embeddings: Mapping[str, Sequence[float]] | None = None) -> None:
        """Make `embedder`'s collections show exactly the active ones among `items`."""
        embeddings = dict(embeddings or {})
        if any(len(v) != embedder.dims for v in embeddings.values()):
            embeddings = {}  # computed by another model (an embedder switch happened meanwhile): embed again
        missing = [m for m in items if m.state == "active" and m.id not in embeddings]
        if missing:
            vectors = await embedder.embed([m.content for m in missing])
            embeddings.update({m.id: v for m, v in zip(missing, vectors)})
        by_collection: dict[str, list[Memory]] = {}
        for mem in items:
            name = self.collection_for(mem.tenant_id, mem.space_id, mem.user_id, embedder)
            by_collection.setdefault(name, []).append(mem)
        for name, group in by_collection.items():
            live = [m for m in group if m.state == "active"]
            gone = [m.id for m in group if m.state != "active"]
            await self.vectors.upsert(
                name,
                ids=[m.id for m in live],
                embeddings=[embeddings[m.id] for m in live],
                documents=[m.content for m in live],
                metadatas=[vector_metadata(m) for m in live],
            )
            await self.vectors.delete(name, gone)

    async def sync(self, items: Sequence[Memory], embeddings: Mapping[str, Sequence[float]] | None = None) -> None:
        """Apply just-written memories and settle their outbox rows.

        A failure here is logged, not raised: the write itself is already
        durable, and the sweeper will retry the vector side.
        """
        try:
            await self.apply(items, embeddings)
        except Exception:
            logger.exception("vector write failed for %d memories; the sweeper will retry", len(items))
            return
        await self.ledger.settle_for([m.id for m in items])

    async def sweep(self) -> int:
        """Pay every outstanding outbox row; returns how many memories were indexed."""
        done = 0
        while True:
            pending = await self.ledger.pending()
            if not pending:
                return done
            ids = list(dict.fromkeys(memory_id for _, memory_id in pending))
            found = await self.ledger.get_by_ids(ids)
            await self.apply(list(found.values()))
            await self.ledger.settle([seq for seq, _ in pending])
            done += len(found)

    async def rebuild(self) -> int:
        """Re-embed every active memory into fresh collections (after a model change or a lost Chroma)."""
        count = 0
        dropped: set[str] = set()
        async for batch in self.ledger.iter_active():
            for mem in batch:
                name = self.collection_for(mem.tenant_id, mem.space_id, mem.user_id)
                if name not in dropped:
                    await self.vectors.drop(name)
                    dropped.add(name)
            await self.apply(batch)
            count += len(batch)
        await self.ledger.settle([seq for seq, _ in await self.ledger.pending(limit=1_000_000)])
        return count
