"""How many indexed rows hold each term: to drop terms too common to rank by.

BM25 over a term found in a large share of the rows costs the most and tells
the least. FTS5 stores terms stemmed (its `porter` tokenizer), so the lookup
stems the query terms the same way (Snowball's original Porter algorithm,
which agrees with FTS5's on the words of our corpus). Counting a term reads its whole doclist
(about 0.6 ms for a term in 30k rows), so counts are cached: they move
slowly and the decision they feed is a coarse one.
"""

from __future__ import annotations

import functools
import time
from collections import OrderedDict
from collections.abc import Callable

import snowballstemmer
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

COMMON_SHARE = 0.03  # a term in more than this share of all rows is too common to rank by
COMMON_MIN_ROWS = 2000  # below this size every term is kept
SIZE_SECONDS = 5.0  # how stale the index size may be

_stemmer = snowballstemmer.stemmer("porter")


@functools.lru_cache(maxsize=65_536)  # vocabulary repeats: most calls are hits
def stem(term: str) -> str:
    """The form FTS5's porter tokenizer stores `term` in (it leaves short and non-ASCII tokens alone)."""
    if len(term) < 3 or not term.isascii() or not term.isalpha():
        return term
    return _stemmer.stemWord(term)


class DocFrequencies:
    """A bounded, time-limited cache of per-term row counts of the lexical index."""

    def __init__(self, max_terms: int = 50_000, ttl_seconds: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_terms = max_terms
        self.ttl_seconds = ttl_seconds
        self.clock = clock
        self._counts: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._size: tuple[int, float] | None = None

    async def without_common(self, conn: AsyncConnection, terms: list[str]) -> list[str]:
        """`terms` minus those in more than COMMON_SHARE of all rows; never empty (the rarest one stays)."""
        size = await self.size(conn)
        if size < COMMON_MIN_ROWS:
            return terms
        counts = await self.counts(conn, [stem(t) for t in terms])
        by_term = {t: counts[stem(t)] for t in terms}
        kept = [t for t in terms if by_term[t] <= size * COMMON_SHARE]
        return kept or [min(terms, key=by_term.__getitem__)]

    async def size(self, conn: AsyncConnection) -> int:
        """Rows in the index (its highest rowid), re-read at most every `SIZE_SECONDS`."""
        now = self.clock()
        if self._size is None or now - self._size[1] >= SIZE_SECONDS:
            self._size = (await conn.scalar(text("SELECT max(rowid) FROM memory_lex")) or 0, now)
        return self._size[0]

    async def counts(self, conn: AsyncConnection, stems: list[str]) -> dict[str, int]:
        now = self.clock()
        found: dict[str, int] = {}
        for s in stems:
            cached = self._counts.get(s)
            if cached is not None and now - cached[1] < self.ttl_seconds:
                found[s] = cached[0]
                self._counts.move_to_end(s)
        missing = [s for s in dict.fromkeys(stems) if s not in found]
        if missing:
            names = ",".join(f":t{i}" for i in range(len(missing)))
            rows = await conn.execute(text(f"SELECT term, doc FROM memory_lex_vocab WHERE term IN ({names})"),
                                      {f"t{i}": s for i, s in enumerate(missing)})
            fetched = {term: doc for term, doc in rows}
            for s in missing:
                found[s] = fetched.get(s, 0)
                self._counts[s] = (found[s], now)
            while len(self._counts) > self.max_terms:
                self._counts.popitem(last=False)
        return found
