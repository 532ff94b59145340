"""Live reconfiguration: the LLM and embedder a running server uses, changed without a restart.

An LLM change takes effect for the next ingest task (the Ingestor reads its
settings per task). An embedder change cannot: every stored memory needs a
vector from the new model first. So a switch reindexes in the background into
the new model's own Chroma collections (collection names carry the model id)
while searches keep using the old ones; writes made meanwhile go to both, and
a final catch-up pass re-reads what they touched. Only then does the indexer
swap embedders, in one step with no await in between. A failure (an
unreachable provider, wrong dims) leaves the old embedder in place and shows
in `status`. Overrides persist in the ledger and apply when the runtime opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import anyio

from mcp_memory.caller import Caller
from mcp_memory.config import EmbedderSettings, LLMSettings, Settings
from mcp_memory.embedders import Embedder, EmbeddingError, build_embedder
from mcp_memory.errors import Forbidden, InvalidInput
from mcp_memory.models import utcnow
from mcp_memory.services.indexer import Indexer
from mcp_memory.services.ingest import Ingestor
from mcp_memory.services.mem0_config import (
    EmbedderProvider,
    LLMProvider,
    VectorStoreProvider,
    embedder_settings,
    embedder_view,
    llm_settings,
    llm_view,
)
from mcp_memory.stores.settings_store import SettingsStore

logger = logging.getLogger(__name__)

CONFIG_KEY = "config"
LLM_FIELDS = {"model", "api_base", "api_key", "temperature", "max_tokens", "custom_instructions"}
EMBEDDER_FIELDS = {"kind", "model", "api_base", "api_key", "dims"}
_KEEP = object()


def require_operator(caller: Caller) -> None:
    """Config is server-wide: only the operator may change it (local mode without a key, or the admin key)."""
    if caller.auth not in ("local", "admin"):
        raise Forbidden("forbidden: the server configuration can only be changed by the operator "
                        "(local mode without an API key, or the admin key)")


@dataclass
class SwitchStatus:
    """The last embedder switch: running, completed, failed or cancelled (idle: none since start)."""

    state: str = "idle"
    target: dict[str, Any] | None = None
    indexed: int = 0
    error: str | None = None
    started_at: str | None = None
    finished_at: str | None = None


class LiveConfig:
    def __init__(self, settings: Settings, store: SettingsStore) -> None:
        self.settings = settings
        self.store = store
        self.startup_llm = settings.llm
        self.startup_embedder = settings.embedder
        self.vector_store: dict[str, Any] | None = None
        self.status = SwitchStatus()
        self._wanted: EmbedderSettings | None = None
        self._wake = anyio.Event()
        self._scope: anyio.CancelScope | None = None
        self._stopping = False
        self._indexer: Indexer | None = None
        self._ingestor: Ingestor | None = None
        self._on_switch: Callable[[Embedder], None] = lambda embedder: None

    async def load(self) -> None:
        """Put the stored override over the start-up settings; call before the embedder is built."""
        doc = await self.store.get(CONFIG_KEY) or {}
        if doc:
            logger.info("provider settings set through /api/v1/config apply over the environment's "
                        "(POST /api/v1/config/reset returns to them)")
        if doc.get("llm"):
            self.settings.llm = self.startup_llm.model_copy(update=_only(doc["llm"], LLM_FIELDS))
        if doc.get("embedder"):
            self.settings.embedder = self.startup_embedder.model_copy(update=_only(doc["embedder"], EMBEDDER_FIELDS))
        if doc.get("pending_embedder"):
            self._wanted = self.startup_embedder.model_copy(update=_only(doc["pending_embedder"], EMBEDDER_FIELDS))
            logger.info("resuming the embedder switch a stop interrupted")
        self.vector_store = doc.get("vector_store")

    def attach(self, indexer: Indexer, ingestor: Ingestor, on_switch: Callable[[Embedder], None]) -> None:
        """The services a change reaches; `on_switch` hears of each new embedder."""
        self._indexer, self._ingestor, self._on_switch = indexer, ingestor, on_switch

    @property
    def llm(self) -> LLMSettings:
        return self.settings.llm

    @property
    def embedder(self) -> EmbedderSettings:
        """The embedder settings searches use now (not those of a switch in progress)."""
        return self.settings.embedder

    # -- OpenMemory's view ----------------------------------------------------------------

    def view(self) -> dict[str, Any]:
        """`openmemory` and `mem0` as OpenMemory shows them, plus our `status` of what really runs.

        `mem0.embedder` is the embedder asked for (a switch may still be running);
        `status.embedder` is the one searches use right now.
        """
        live = self._indexer.embedder if self._indexer is not None else None
        return {
            "openmemory": {"custom_instructions": self.llm.custom_instructions},
            "mem0": {"llm": llm_view(self.llm), "embedder": embedder_view(self._wanted or self.embedder),
                     "vector_store": self.vector_store},
            "status": {
                "extraction": "llm" if self.llm.model else "heuristic",
                "embedder": {"name": live.name, "model_id": live.model_id, "dims": live.dims} if live else None,
                "switch": asdict(self.status),
                "vector_store": "embedded Chroma; the vector_store block is stored and shown, not used",
            },
        }

    async def update(
        self, *, custom_instructions: str | None = None, llm: LLMProvider | None = None,
        embedder: EmbedderProvider | None = None, vector_store: VectorStoreProvider | None = None,
    ) -> None:
        """Apply OpenMemory blocks; None leaves a part as it is, "" clears the instructions.

        Everything is validated before anything changes (InvalidInput otherwise).
        """
        try:
            new_llm = llm_settings(llm, self.llm) if llm is not None else self.llm
            new_embedder = embedder_settings(embedder, self._wanted or self.embedder) if embedder else None
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        if custom_instructions is not None:
            new_llm = new_llm.model_copy(update={"custom_instructions": custom_instructions or None})
        await self.apply(llm=new_llm, embedder=new_embedder,
                         vector_store=vector_store.model_dump() if vector_store is not None else _KEEP)

    # -- changing -------------------------------------------------------------------

    async def apply(self, *, llm: LLMSettings | None = None, embedder: EmbedderSettings | None = None,
                    vector_store: Any = _KEEP) -> None:
        """Persist, then apply: the LLM at once, the embedder by a background switch."""
        llm = llm or self.settings.llm
        wanted = self._wanted
        if embedder is not None:
            wanted = None if _same(embedder, self.settings.embedder) else embedder
        if vector_store is not _KEEP:
            self.vector_store = vector_store
        await self._save(llm, wanted)
        self.settings.llm = llm
        if self._ingestor is not None:
            self._ingestor.llm = llm
        if embedder is not None and not _same_or_none(wanted, self._wanted):
            self._request(wanted)

    async def reset(self) -> None:
        """Back to the start-up settings, the embedder by the same background switch."""
        await self.store.delete(CONFIG_KEY)
        self.vector_store = None
        self.settings.llm = self.startup_llm
        if self._ingestor is not None:
            self._ingestor.llm = self.startup_llm
        wanted = None if _same(self.startup_embedder, self.settings.embedder) else self.startup_embedder
        if not _same_or_none(wanted, self._wanted):
            self._request(wanted)
        if wanted is not None:  # until it completes, the running embedder is not the start-up one
            await self._save(self.startup_llm, wanted)

    def _request(self, wanted: EmbedderSettings | None) -> None:
        self._wanted = wanted
        if self._scope is not None:
            self._scope.cancel()  # the newer request wins
        if wanted is None and self.status.state == "running":
            self.status.state, self.status.finished_at = "cancelled", utcnow()
        elif wanted is not None:  # shown as running from the request on, so nobody polls an old status
            self.status = SwitchStatus(state="running", target=embedder_view(wanted), started_at=utcnow())
        self._wake.set()

    async def _save(self, llm: LLMSettings, wanted: EmbedderSettings | None) -> None:
        await self.store.put(CONFIG_KEY, {
            "llm": llm.model_dump(include=LLM_FIELDS),
            "embedder": self.settings.embedder.model_dump(include=EMBEDDER_FIELDS),
            "pending_embedder": wanted.model_dump(include=EMBEDDER_FIELDS) if wanted is not None else None,
            "vector_store": self.vector_store,
        })

    # -- the switch worker -------------------------------------------------------------

    def stop(self) -> None:
        self._stopping = True
        if self._scope is not None:
            self._scope.cancel()
        self._wake.set()

    async def run(self) -> None:
        """The worker: run each requested embedder switch, the newest request winning."""
        while not self._stopping:
            target = self._wanted
            if target is None:
                await self._wake.wait()
                self._wake = anyio.Event()
                continue
            with anyio.CancelScope() as scope:
                self._scope = scope
                try:
                    await self.switch(target)
                except Exception:  # never let it take the server down; the old embedder stays
                    logger.exception("embedder switch failed")
                    if self._wanted is target:
                        self._wanted = None
            self._scope = None

    async def switch(self, target: EmbedderSettings) -> bool:
        """Reindex into `target`'s collections, then swap; False (old embedder kept) on failure."""
        indexer = self._indexer
        assert indexer is not None, "attach() first"
        if self.status.state != "running" or self.status.target != embedder_view(target):
            self.status = SwitchStatus(state="running", target=embedder_view(target), started_at=utcnow())
        status = self.status
        old = indexer.embedder
        new: Embedder | None = None
        try:
            new = await anyio.to_thread.run_sync(build_embedder, target)
            await _probe(new, target)
            if new.model_id != old.model_id:
                status.indexed = await self._fill(indexer, new)
            # No await from the catch-up's last check to here: no write can slip in between.
            indexer.shadow = None
            indexer.embedder = new
            self.settings.embedder = target
            self._on_switch(new)
        except anyio.get_cancelled_exc_class():
            with anyio.CancelScope(shield=True):
                await self._abandon(indexer, old, new)
            status.state, status.finished_at = "cancelled", utcnow()
            raise
        except Exception as exc:
            with anyio.CancelScope(shield=True):
                await self._abandon(indexer, old, new)
            reason = str(exc) if isinstance(exc, (EmbeddingError, ValueError)) else f"{type(exc).__name__}: {exc}"
            status.state, status.error, status.finished_at = "failed", reason, utcnow()
            logger.warning("embedder switch to %s failed, keeping %s: %s", target.model or target.kind, old.name,
                           reason)
            if self._wanted is target:
                self._wanted = None
                await self._save(self.settings.llm, None)
            return False
        status.state, status.finished_at = "completed", utcnow()
        logger.info("embedder switched from %s to %s (%d memories reindexed)", old.name, new.name, status.indexed)
        if self._wanted is target:
            self._wanted = None
        await self._save(self.settings.llm, self._wanted)
        if new.model_id != old.model_id:
            await indexer.vectors.drop_model(old.model_id)  # stale from now on, and may hold deleted memories
        return True

    async def _fill(self, indexer: Indexer, new: Embedder) -> int:
        """Every active memory into `new`'s fresh collections; writes made meanwhile land there too."""
        await indexer.vectors.drop_model(new.model_id)  # leftovers of an earlier switch are stale
        indexer.shadow_touched.clear()
        indexer.shadow = new
        count = 0
        async for batch in indexer.ledger.iter_active():
            await indexer.write(new, batch)
            count += len(batch)
            self.status.indexed = count
        # A write racing the pass above may have been overwritten by an older read of the same row: redo them.
        while indexer.shadow_touched:
            ids = list(indexer.shadow_touched)
            indexer.shadow_touched.clear()
            found = await indexer.ledger.get_by_ids(ids)
            await indexer.write(new, list(found.values()))
        return count

    async def _abandon(self, indexer: Indexer, old: Embedder, new: Embedder | None) -> None:
        indexer.shadow = None
        indexer.shadow_touched.clear()
        if new is not None and new.model_id != old.model_id:
            await indexer.vectors.drop_model(new.model_id)


async def _probe(embedder: Embedder, target: EmbedderSettings) -> None:
    """One embedding before anything changes: the provider answers, with the dims the config claims."""
    [vector] = await embedder.embed(["dimension probe"])
    if target.dims and len(vector) != target.dims:
        raise EmbeddingError(f"{embedder.name} returned {len(vector)} dims, but embedding_dims is {target.dims}")


def _only(data: dict[str, Any], fields: set[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in fields}


def _same(a: EmbedderSettings, b: EmbedderSettings) -> bool:
    return _identity(a) == _identity(b)


def _identity(settings: EmbedderSettings) -> dict[str, Any]:
    """What makes two embedder settings the same embedder (hashing's dims default to 384; onnx has no options)."""
    if settings.kind == "onnx":
        return {"kind": "onnx"}
    data = settings.model_dump(include=EMBEDDER_FIELDS)
    if settings.kind == "hashing":
        return {"kind": "hashing", "dims": settings.dims or 384}
    return data


def _same_or_none(a: EmbedderSettings | None, b: EmbedderSettings | None) -> bool:
    return a is b or (a is not None and b is not None and _same(a, b))
