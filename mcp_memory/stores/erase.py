"""Permanent removal of memories from the ledger (Memokit's delete).

Only memories already in state "deleted" are erased: the soft delete before
it has taken them out of the lexical index and, through `Indexer.apply`, out
of Chroma, so nothing derived from the row outlives it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from mcp_memory.stores.schema import memories, outbox


async def erase_deleted(engine: AsyncEngine, account_id: str, ids: Sequence[str]) -> list[str]:
    """Delete the rows (with any lexical row and outbox debt) of the account's soft-deleted memories among `ids`."""
    if not ids:
        return []
    async with engine.begin() as conn:
        rows = (await conn.execute(
            select(memories.c.seq, memories.c.id).where(and_(
                memories.c.account_id == account_id, memories.c.id.in_(list(ids)), memories.c.state == "deleted"))
        )).all()
        if not rows:
            return []
        erased = [r.id for r in rows]
        await conn.execute(text("DELETE FROM memory_lex WHERE rowid IN (%s)" % ",".join(str(int(r.seq)) for r in rows)))
        await conn.execute(delete(outbox).where(outbox.c.memory_id.in_(erased)))
        await conn.execute(delete(memories).where(memories.c.seq.in_([r.seq for r in rows])))
    return erased
