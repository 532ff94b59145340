"""The running product: stores, embedder and services wired together once.

Transports receive a `Runtime` and hand it to operations through `Ctx`; no
transport reaches a store directly.
"""

from __future__ import annotations

import logging
import resource
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import anyio

from mcp_memory.caller import DEFAULT_ACCOUNT
from mcp_memory.config import Settings
from mcp_memory.embedders import Embedder, build_embedder
from mcp_memory.registry import Registry, load_registry
from mcp_memory.services.access import AccessRecorder
from mcp_memory.services.accounts import Accounts, RateLimiter
from mcp_memory.services.decay import DecayModel
from mcp_memory.services.indexer import Indexer
from mcp_memory.services.tiers import Tiers
from mcp_memory.services.ingest import Ingestor
from mcp_memory.services.memories import Memories
from mcp_memory.services.openmemory import OpenMemory, build_openmemory
from mcp_memory.services.quota import MonthlyQuota
from mcp_memory.services.periodic import every
from mcp_memory.services.reconfigure import LiveConfig
from mcp_memory.services.search import Retriever
from mcp_memory.stores.accounts import AccountStore
from mcp_memory.stores.ledger import Ledger
from mcp_memory.stores.settings_store import SettingsStore
from mcp_memory.stores.tasks import TaskStore
from mcp_memory.stores.usage import UsageStore
from mcp_memory.stores.vectors import VectorStore

logger = logging.getLogger(__name__)

GRACE_SECONDS = 10.0  # how long stopping workers may take before they are cancelled


@dataclass
class Runtime:
    settings: Settings
    registry: Registry
    ledger: Ledger
    vectors: VectorStore
    embedder: Embedder
    indexer: Indexer
    memories: Memories
    accounts: Accounts
    rate_limiter: RateLimiter
    tasks: TaskStore
    access: AccessRecorder
    ingestor: Ingestor
    tiers: Tiers
    openmemory: OpenMemory = field(init=False)  # apps, categories, access log (OpenMemory)
    config: LiveConfig = field(init=False)  # live LLM / embedder reconfiguration (OpenMemory's /config)


def _raise_open_file_limit() -> None:
    """Chroma keeps many segment files open; the default soft limit of 1024 runs out."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            logger.warning("could not raise the open-file limit from %d", soft)


@asynccontextmanager
async def open_runtime(
    settings: Settings, *, embedder: Embedder | None = None, vectors: VectorStore | None = None,
    sweep: bool = True, workers: bool = True,
) -> AsyncIterator[Runtime]:
    """Open the stores, repair what a crash left behind, and keep sweeping until closed."""
    _raise_open_file_limit()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    registry = load_registry()
    ledger = Ledger(settings.ledger_url)
    await ledger.open()
    await ledger.ensure_account(DEFAULT_ACCOUNT, "local")
    config = LiveConfig(settings, SettingsStore(ledger.engine))
    await config.load()  # a stored /config override replaces settings.llm and settings.embedder
    embedder = embedder or build_embedder(settings.embedder)
    vectors = vectors or VectorStore(path=settings.chroma_path, url=settings.chroma_url)
    indexer = Indexer(ledger, vectors, embedder)
    tiers = Tiers(ledger, DecayModel())
    access = AccessRecorder(ledger, after=tiers.refresh)
    retriever = Retriever(ledger, indexer, settings.retrieval, access)
    quota = MonthlyQuota(UsageStore(ledger.engine), settings.monthly_memory_quota, settings.monthly_memory_quota_overrides)
    memories = Memories(ledger, indexer, retriever, settings.max_content_chars, quota)
    tasks = TaskStore(ledger.engine)
    runtime = Runtime(
        settings=settings,
        registry=registry,
        ledger=ledger,
        vectors=vectors,
        embedder=embedder,
        indexer=indexer,
        memories=memories,
        accounts=Accounts(AccountStore(ledger.engine)),
        rate_limiter=RateLimiter(settings.rate_limit_per_minute),
        tasks=tasks,
        access=access,
        ingestor=Ingestor(memories, tasks, settings.llm, settings.admission_preset),
        tiers=tiers,
    )
    runtime.openmemory = build_openmemory(ledger, memories, runtime.ingestor)
    runtime.ingestor.after_ingest = runtime.openmemory.categorize
    runtime.config = config
    config.attach(indexer, runtime.ingestor, on_switch=lambda new: setattr(runtime, "embedder", new))
    try:
        repaired = await indexer.sweep()
        if repaired:
            logger.info("start-up sweep indexed %d memories left behind by an earlier stop", repaired)
        stop = anyio.Event()
        failure: Exception | None = None
        async with anyio.create_task_group() as tg:
            tg.start_soon(access.run)
            tg.start_soon(config.run)
            tg.start_soon(runtime.openmemory.access_log.run)
            if workers:
                tg.start_soon(runtime.ingestor.run)
            if sweep:
                tg.start_soon(every, settings.sweep_interval_seconds, stop, indexer.sweep, "sweep")
            if workers:
                tg.start_soon(every, settings.tier_interval_seconds, stop, tiers.refresh, "tier job")
            try:
                yield runtime
            except Exception as exc:
                # Raised here it would make the task group cancel the workers mid-query; hold it until they stop.
                failure = exc
            finally:
                # Ask the workers to finish what they hold; cancel only if that takes too long
                # (a database call cancelled midway can wedge the connection pool).
                stop.set()
                access.stop()
                config.stop()
                runtime.openmemory.access_log.stop()
                runtime.ingestor.stop()
                tg.cancel_scope.deadline = anyio.current_time() + GRACE_SECONDS
        await access.flush()
        await runtime.openmemory.access_log.flush()
        if failure is not None:
            raise failure
    finally:
        await ledger.close()

