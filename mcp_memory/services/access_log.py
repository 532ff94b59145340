"""OpenMemory's access log, written off the request path.

Every read (search, get, list, filter, related) is logged per memory with
the reading app. Writing inline would add a write transaction to every
read, so entries are queued and a worker writes them in batches, resolving
(and on first use creating) each app's row as it goes.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mcp_memory.caller import Caller
from mcp_memory.models import Memory, utcnow
from mcp_memory.services.apps import Apps
from mcp_memory.services.batcher import Batcher
from mcp_memory.stores.access_log import AccessLogStore

logger = logging.getLogger(__name__)


def content_hash(content: str) -> str:
    """The `hash` OpenMemory logs: MD5 of the memory text."""
    return hashlib.md5(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Access:
    account_id: str
    user_id: str  # the memory's user: apps belong to a user
    app_name: str
    memory_id: str
    access_type: str
    metadata: dict[str, Any] = field(default_factory=dict)
    accessed_at: str = field(default_factory=utcnow)


class AccessLog(Batcher[list[Access]]):
    def __init__(self, store: AccessLogStore, apps: Apps) -> None:
        super().__init__(list)
        self.store = store
        self.apps = apps

    def record(
        self, caller: Caller, memories: Sequence[Memory], access_type: str, *, query: str | None = None,
        scores: Sequence[float] | None = None,
    ) -> None:
        """Queue one entry per memory; returns at once."""
        for i, mem in enumerate(memories):
            meta: dict[str, Any] = {}
            if query is not None:
                meta["query"] = query
            if scores is not None:
                meta["score"] = scores[i]
            meta["hash"] = content_hash(mem.content)
            self.pending.append(Access(caller.account_id, mem.user_id, caller.app_name, mem.id, access_type, meta))
        if memories:
            self.wake()

    async def write(self, batch: list[Access]) -> None:
        """One insert for the batch; each app's row is resolved (or created) once per batch."""
        try:
            app_ids: dict[tuple[str, str, str], str] = {}
            rows = []
            for a in batch:
                key = (a.account_id, a.user_id, a.app_name)
                if key not in app_ids:
                    app_ids[key] = (await self.apps.ensure(*key)).id
                rows.append({"id": str(uuid.uuid4()), "account_id": a.account_id, "memory_id": a.memory_id,
                             "app_id": app_ids[key], "access_type": a.access_type, "metadata": a.metadata,
                             "accessed_at": a.accessed_at})
            await self.store.insert(rows)
        except Exception:
            logger.exception("could not write %d access-log entries", len(batch))
