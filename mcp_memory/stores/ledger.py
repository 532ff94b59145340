"""The ledger: SQLAlchemy 2 async over SQLite (WAL) by default.

Writes that change what search can find also change the FTS5 row and add an
outbox row in the same transaction, so the lexical index is never stale and
the vector store's debt survives a crash.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, event, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from mcp_memory.models import Memory, utcnow
from mcp_memory.stores import lexical
from mcp_memory.stores.doc_freq import COMMON_MIN_ROWS, DocFrequencies, stem
from mcp_memory.stores.schema import FTS_DDL, FTS_VOCAB_DDL, accounts, apps, memories, metadata, outbox, users

_MEMORY_FIELDS = [c.name for c in memories.columns if c.name not in ("seq", "account_id")]
SORTABLE = {"created_at", "updated_at", "importance", "access_count"}


@dataclass(frozen=True)
class SearchRecord:
    """The columns the ranking stages read: cheap to load for every candidate, unlike a full `Memory`."""

    id: str
    user_id: str
    state: str
    scope: str
    memory_type: str
    tier: str
    content: str
    importance: float
    access_count: int
    created_at: str
    last_accessed_at: str | None
    superseded_by: str | None
    agent_id: str | None = None
    tags: list[str] = field(default_factory=list)


_SEARCH_COLUMNS = [memories.c[f] for f in SearchRecord.__dataclass_fields__]


@dataclass(frozen=True)
class TierRow:
    id: str
    tier: str
    importance: float
    access_count: int
    created_at: str
    last_accessed_at: str | None


@dataclass
class MemoryFilter:
    """Which memories a list or count covers; every field narrows."""

    account_id: str
    user_id: str | None = None
    states: Sequence[str] | None = ("active",)
    category: str | None = None
    tier: str | None = None
    memory_type: str | None = None
    source: str | None = None
    app_name: str | None = None
    agent_id: str | None = None
    tags: Sequence[str] = field(default_factory=tuple)
    before: str | None = None
    ids: Sequence[str] | None = None
    categories: Sequence[str] | None = None
    exclude_memory_type: str | None = None
    current_only: bool = False

    def clauses(self) -> list[Any]:
        m = memories.c
        out: list[Any] = [m.account_id == self.account_id]
        if self.user_id is not None:
            out.append(m.user_id == self.user_id)
        if self.states is not None:
            out.append(m.state.in_(list(self.states)))
        for name in ("category", "tier", "memory_type", "source", "app_name", "agent_id"):
            value = getattr(self, name)
            if value is not None:
                out.append(getattr(m, name) == value)
        if self.before is not None:
            out.append(m.created_at < self.before)
        if self.ids is not None:
            out.append(m.id.in_(list(self.ids)))
        if self.categories is not None:
            out.append(m.category.in_(list(self.categories)))
        if self.exclude_memory_type is not None:
            out.append(m.memory_type != self.exclude_memory_type)
        if self.current_only:
            out.append(m.superseded_by.is_(None))
        for tag in self.tags:
            out.append(
                text("EXISTS (SELECT 1 FROM json_each(memories.tags) WHERE json_each.value = :tag_%d)" % len(out))
                .bindparams(**{"tag_%d" % len(out): tag})
            )
        return out


def _in_account(account_id: str) -> Any:
    """`account_id = ?` written so SQLite keeps using the unique id index.

    With a plain comparison the planner picks the (account, user, state)
    index and scans the whole account: 44 ms per lookup at 100k memories
    instead of 0.4 ms. The unary plus stops the column from matching an index.
    """
    return text("+memories.account_id = :in_account").bindparams(in_account=account_id)


def _row_to_memory(row: Any) -> Memory:
    data = {name: row._mapping[name] for name in _MEMORY_FIELDS}
    data["tenant_id"] = row._mapping["account_id"]
    return Memory.model_validate(data)


def _memory_values(mem: Memory) -> dict[str, Any]:
    data = mem.model_dump(mode="json")
    values = {name: data[name] for name in _MEMORY_FIELDS}
    values["account_id"] = mem.tenant_id
    return values


class Ledger:
    """All relational reads and writes; one instance per process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url)
        self.doc_freq = DocFrequencies()
        if url.startswith("sqlite"):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)

    async def open(self) -> None:
        async with self.engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
            fresh_index = await conn.scalar(
                text("SELECT count(*) FROM sqlite_master WHERE name = 'memory_lex'")) == 0
            await conn.execute(text(FTS_DDL))
            await conn.execute(text(FTS_VOCAB_DDL))
            await _add_missing_columns(conn)
            await conn.execute(text("DROP TABLE IF EXISTS memory_fts"))  # the index before owner tokens
        if fresh_index:
            await self.rebuild_lexical()

    async def close(self) -> None:
        await self.engine.dispose()

    # -- identities -------------------------------------------------------

    async def ensure_account(self, account_id: str, name: str) -> None:
        async with self.engine.begin() as conn:
            found = await conn.scalar(select(accounts.c.id).where(accounts.c.id == account_id))
            if found is None:
                await conn.execute(insert(accounts).values(id=account_id, name=name, status="active", created_at=utcnow()))

    async def ensure_user_and_app(self, account_id: str, user_id: str, app_name: str) -> None:
        """Create the user and app rows on first use, as OpenMemory does."""
        async with self.engine.begin() as conn:
            if await conn.scalar(
                select(users.c.id).where(and_(users.c.account_id == account_id, users.c.user_id == user_id))
            ) is None:
                await conn.execute(
                    insert(users).prefix_with("OR IGNORE")  # a concurrent first create may have just added it
                    .values(id=str(uuid.uuid4()), account_id=account_id, user_id=user_id, created_at=utcnow())
                )
            if await conn.scalar(
                select(apps.c.id).where(
                    and_(apps.c.account_id == account_id, apps.c.user_id == user_id, apps.c.name == app_name)
                )
            ) is None:
                await conn.execute(
                    insert(apps).prefix_with("OR IGNORE").values(
                        id=str(uuid.uuid4()), account_id=account_id, user_id=user_id, name=app_name,
                        is_active=True, created_at=utcnow(),
                    )
                )

    async def user_ids(self, account_id: str) -> list[str]:
        """Every user with memories in the account (users are created on their first memory)."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(users.c.user_id).where(users.c.account_id == account_id))
            return [r.user_id for r in rows]

    # -- memories ---------------------------------------------------------

    async def insert_memories(self, items: Sequence[Memory]) -> None:
        """Store new memories, index them lexically and queue them for Chroma, atomically, in bulk."""
        if not items:
            return
        now = utcnow()
        async with self.engine.begin() as conn:
            rows = (
                await conn.execute(
                    insert(memories).returning(memories.c.seq, memories.c.id, sort_by_parameter_order=True),
                    [_memory_values(mem) for mem in items],
                )
            ).all()
            live = [_fts_row(row.seq, mem.tenant_id, mem.user_id, mem.content)
                    for row, mem in zip(rows, items) if mem.state == "active"]
            if live:
                await conn.execute(_FTS_INSERT, live)
            await conn.execute(insert(outbox), [{"memory_id": mem.id, "created_at": now} for mem in items])

    async def get(self, account_id: str, memory_id: str) -> Memory | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(memories).where(and_(_in_account(account_id), memories.c.id == memory_id))
                )
            ).first()
        return None if row is None else _row_to_memory(row)

    async def get_many(self, account_id: str, ids: Sequence[str]) -> dict[str, Memory]:
        if not ids:
            return {}
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(memories).where(and_(_in_account(account_id), memories.c.id.in_(list(ids))))
            )
            return {row.id: _row_to_memory(row) for row in rows}

    async def search_records(self, account_id: str, ids: Sequence[str]) -> dict[str, SearchRecord]:
        if not ids:
            return {}
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(*_SEARCH_COLUMNS).where(and_(_in_account(account_id), memories.c.id.in_(list(ids))))
            )
            return {row.id: SearchRecord(*row) for row in rows}

    async def update_fields(self, account_id: str, memory_id: str, values: dict[str, Any]) -> Memory | None:
        """Change some fields; re-index and queue for Chroma when content or state moved."""
        async with self.engine.begin() as conn:
            row = (
                await conn.execute(
                    select(memories.c.seq, memories.c.content, memories.c.state, memories.c.user_id).where(
                        and_(_in_account(account_id), memories.c.id == memory_id)
                    )
                )
            ).first()
            if row is None:
                return None
            values = {**values, "updated_at": utcnow()}
            await conn.execute(update(memories).where(memories.c.seq == row.seq).values(**values))
            content = values.get("content", row.content)
            state = values.get("state", row.state)
            if content != row.content or state != row.state:
                await conn.execute(text("DELETE FROM memory_lex WHERE rowid = :seq"), {"seq": row.seq})
                if state == "active":
                    await conn.execute(_FTS_INSERT, _fts_row(row.seq, account_id, row.user_id, content))
                await conn.execute(insert(outbox).values(memory_id=memory_id, created_at=utcnow()))
            fresh = (await conn.execute(select(memories).where(memories.c.seq == row.seq))).first()
        return _row_to_memory(fresh)

    async def set_state(self, where: MemoryFilter, state: str) -> list[str]:
        """Move every memory matching `where` to `state`; returns the ids that changed.

        One UPDATE ... RETURNING decides and changes at once, so two concurrent
        changes (a delete-all and a background archive, say) cannot overwrite
        each other's result.
        """
        now = utcnow()
        async with self.engine.begin() as conn:
            changed = (
                await conn.execute(
                    update(memories)
                    .where(and_(*where.clauses(), memories.c.state != state))
                    .values(state=state, updated_at=now)
                    .returning(memories.c.seq, memories.c.id, memories.c.content, memories.c.account_id,
                               memories.c.user_id)
                )
            ).all()
            if not changed:
                return []
            for chunk in _chunks([r.seq for r in changed], 500):
                await conn.execute(
                    text("DELETE FROM memory_lex WHERE rowid IN (%s)" % ",".join(str(int(s)) for s in chunk))
                )
            if state == "active":
                await conn.execute(_FTS_INSERT, [_fts_row(r.seq, r.account_id, r.user_id, r.content) for r in changed])
            await conn.execute(insert(outbox), [{"memory_id": r.id, "created_at": now} for r in changed])
        return [r.id for r in changed]

    async def list(
        self, where: MemoryFilter, *, sort: str = "created_at", order: str = "desc", limit: int = 20, offset: int = 0
    ) -> tuple[list[Memory], int]:
        """One page of memories and the total count, both computed in SQL."""
        if sort not in SORTABLE:
            raise ValueError(f"cannot sort by {sort!r}")
        column = memories.c[sort]
        ordering = column.asc() if order == "asc" else column.desc()
        tiebreak = memories.c.seq.asc() if order == "asc" else memories.c.seq.desc()
        clauses = where.clauses()
        async with self.engine.connect() as conn:
            total = await conn.scalar(select(func.count()).select_from(memories).where(and_(*clauses)))
            rows = await conn.execute(
                select(memories).where(and_(*clauses)).order_by(ordering, tiebreak).limit(limit).offset(offset)
            )
            return [_row_to_memory(r) for r in rows], int(total or 0)

    async def count(self, where: MemoryFilter) -> int:
        async with self.engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(memories).where(and_(*where.clauses()))) or 0)

    async def count_sessions(self, where: MemoryFilter) -> int:
        """Distinct conversation sessions among the matching raw-message memories."""
        clauses = [*where.clauses(), memories.c.memory_type == "session", memories.c.session_id.is_not(None)]
        async with self.engine.connect() as conn:
            found = await conn.scalar(select(func.count(func.distinct(memories.c.session_id))).where(and_(*clauses)))
            return int(found or 0)

    async def lexical_search(
        self, account_id: str, user_id: str | None, query: str, limit: int
    ) -> list[tuple[str, float]]:
        """BM25 matches among searchable memories (of one user, or of the account), best first."""
        terms = lexical.query_terms(query)[:64]
        if not terms:
            return []
        owner = owner_token(account_id, user_id)
        # Only searchable (active) memories are in the index, so ranking needs no join: FTS5 ranks its own
        # matches (its ORDER BY rank path) and only the top rows are looked up.
        sql = text(
            "SELECT m.id AS id, -f.rank AS strength FROM "
            "(SELECT rowid, rank FROM memory_lex WHERE memory_lex MATCH :q AND rank MATCH 'bm25(0.0, 1.0)' "
            "ORDER BY rank LIMIT :limit) AS f JOIN memories m ON m.seq = f.rowid ORDER BY f.rank"
        )
        async with self.engine.connect() as conn:
            terms = await self.doc_freq.without_common(conn, terms)
            query = f'owner : "{owner}" AND lex : ({lexical.match_expression(terms)})'
            rows = await conn.execute(sql, {"q": query, "limit": limit})
            return [(r.id, float(r.strength)) for r in rows]

    async def term_information(self, terms: Sequence[str]) -> tuple[dict[str, float], float]:
        """Each term's inverse document frequency in the lexical index (BM25's idf), keyed by its stored
        (stemmed) form, and that of a term found in one row only: how much a match on the term tells, and
        the most one term can tell. Nothing while the index is too small for frequencies to mean anything."""
        async with self.engine.connect() as conn:
            size = await self.doc_freq.size(conn)
            if size < COMMON_MIN_ROWS or not terms:
                return {}, 0.0
            counts = await self.doc_freq.counts(conn, [stem(t) for t in terms])
        return {s: _idf(size, n) for s, n in counts.items()}, _idf(size, 1)

    async def touch(self, account_id: str, ids: Iterable[str]) -> None:
        """Count accesses (an id listed n times counts n) and stamp the time."""
        counts = Counter(ids)
        if not counts:
            return
        by_count: dict[int, list[str]] = {}
        for memory_id, n in counts.items():
            by_count.setdefault(n, []).append(memory_id)
        now = utcnow()
        async with self.engine.begin() as conn:
            for n, group in by_count.items():
                await conn.execute(
                    update(memories)
                    .where(and_(_in_account(account_id), memories.c.id.in_(group)))
                    .values(access_count=memories.c.access_count + n, last_accessed_at=now)
                )

    # -- outbox and rebuilds ----------------------------------------------

    async def pending(self, limit: int = 256) -> list[tuple[int, str]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(outbox.c.seq, outbox.c.memory_id).order_by(outbox.c.seq).limit(limit))
            return [(r.seq, r.memory_id) for r in rows]

    async def settle(self, seqs: Sequence[int]) -> None:
        async with self.engine.begin() as conn:
            for chunk in _chunks(list(seqs), 500):
                await conn.execute(delete(outbox).where(outbox.c.seq.in_(chunk)))

    async def settle_for(self, memory_ids: Sequence[str]) -> None:
        """Drop the outbox rows of memories whose vectors were just written."""
        async with self.engine.begin() as conn:
            for chunk in _chunks(list(memory_ids), 500):
                await conn.execute(delete(outbox).where(outbox.c.memory_id.in_(chunk)))

    async def get_by_ids(self, ids: Sequence[str]) -> dict[str, Memory]:
        """Memories by id across accounts: for the sweeper, never for callers."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(memories).where(memories.c.id.in_(list(ids))))
            return {row.id: _row_to_memory(row) for row in rows}

    async def iter_active(self, batch: int = 512):
        """Every active memory, in batches, for rebuilding the indexes."""
        last = 0
        while True:
            async with self.engine.connect() as conn:
                rows = (
                    await conn.execute(
                        select(memories)
                        .where(and_(memories.c.seq > last, memories.c.state == "active"))
                        .order_by(memories.c.seq)
                        .limit(batch)
                    )
                ).all()
            if not rows:
                return
            last = rows[-1].seq
            yield [_row_to_memory(r) for r in rows]

    async def tier_rows(self, ids: Sequence[str] | None = None, batch: int = 1000):
        """What tiering needs of active memories (the given ones, or all), in batches."""
        columns = [memories.c[f] for f in TierRow.__dataclass_fields__]
        last = 0
        while True:
            query = select(memories.c.seq, *columns).where(and_(memories.c.seq > last, memories.c.state == "active"))
            if ids is not None:
                query = query.where(memories.c.id.in_(list(ids)))
            async with self.engine.connect() as conn:
                rows = (await conn.execute(query.order_by(memories.c.seq).limit(batch))).all()
            if not rows:
                return
            last = rows[-1].seq
            yield [TierRow(*row[1:]) for row in rows]

    async def set_tiers(self, changes: dict[str, str]) -> None:
        if not changes:
            return
        async with self.engine.begin() as conn:
            for tier in set(changes.values()):
                group = [memory_id for memory_id, t in changes.items() if t == tier]
                for chunk in _chunks(group, 500):
                    await conn.execute(update(memories).where(memories.c.id.in_(chunk)).values(tier=tier))

    async def rebuild_lexical(self) -> int:
        """Recreate the FTS5 index from the memories table."""
        async with self.engine.begin() as conn:
            await conn.execute(text("DELETE FROM memory_lex"))
            rows = await conn.execute(
                select(memories.c.seq, memories.c.account_id, memories.c.user_id, memories.c.content)
                .where(memories.c.state == "active")
            )
            batch = [_fts_row(*row) for row in rows.all()]
            for chunk in _chunks(batch, 1000):
                await conn.execute(_FTS_INSERT, chunk)
            return len(batch)


# Columns added after the first release of a table: (table, column, DDL type and default).
_ADDED_COLUMNS = [("tasks", "run_after", "FLOAT NOT NULL DEFAULT 0")]


async def _add_missing_columns(conn: AsyncConnection) -> None:
    """Bring a data directory made by an older version up to date (SQLite cannot add them via create_all)."""
    for table, column, ddl in _ADDED_COLUMNS:
        present = {row[1] for row in await conn.execute(text(f"PRAGMA table_info({table})"))}
        if column not in present:
            await conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))


def _idf(rows: int, containing: int) -> float:
    return math.log(1 + (rows - containing + 0.5) / (containing + 0.5))


_FTS_INSERT = text("INSERT INTO memory_lex(rowid, owner, lex) VALUES (:seq, :owner, :lex)")


def owner_token(account_id: str, user_id: str | None = None) -> str:
    """An opaque FTS token for an account, or for one user of it."""
    key = account_id if user_id is None else f"{account_id}\x00{user_id}"
    return "o" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _fts_row(seq: int, account_id: str, user_id: str, content: str) -> dict[str, Any]:
    owners = f"{owner_token(account_id)} {owner_token(account_id, user_id)}"
    return {"seq": seq, "owner": owners, "lex": lexical.index_text(content)}


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
