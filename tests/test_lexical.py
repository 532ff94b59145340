import sqlite3

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from mcp_memory.stores.doc_freq import COMMON_MIN_ROWS, DocFrequencies, stem
from mcp_memory.stores.lexical import index_text, match_query, tokens
from mcp_memory.stores.schema import FTS_DDL, FTS_VOCAB_DDL


def test_cjk_runs_become_overlapping_pairs() -> None:
    assert tokens("我爱吃西瓜") == ["我爱", "爱吃", "吃西", "西瓜"]
    assert tokens("西瓜") == ["西瓜"]
    assert tokens("瓜") == ["瓜"]


def test_latin_words_are_lowercased_and_split_from_cjk() -> None:
    assert tokens("Alice 喜欢 Rust!") == ["alice", "喜欢", "rust"]


def test_joined_words_also_match_without_separators() -> None:
    assert tokens("gpt-4o") == ["gpt", "4o", "gpt4o"]


def test_query_terms_are_quoted_so_syntax_cannot_leak() -> None:
    assert match_query('NEAR(" x') == '"near" OR "x"'
    assert match_query("!!!") is None


def test_index_text_is_space_joined_tokens() -> None:
    assert index_text("爱吃西瓜 daily") == "爱吃 吃西 西瓜 daily"


# -- doc frequencies: which query terms are too common to rank by -------------

def test_stems_match_what_fts5_porter_stores() -> None:
    words = ["preferences", "birthday", "coffee", "going", "finds", "meetings", "allergic", "西瓜", "4o", "ms"]
    db = sqlite3.connect(":memory:")
    db.execute(FTS_DDL)
    db.execute(FTS_VOCAB_DDL)
    db.execute("INSERT INTO memory_lex(owner, lex) VALUES ('o', ?)", (" ".join(words),))
    stored = {term for (term,) in db.execute("SELECT term FROM memory_lex_vocab")}
    assert {stem(w) for w in words} <= stored


@pytest.mark.anyio
async def test_common_terms_are_dropped_and_the_rarest_kept(tmp_path) -> None:
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'lex.db'}")
    rows = COMMON_MIN_ROWS + 100
    async with engine.begin() as conn:
        raw = await conn.get_raw_connection()
        db = raw.driver_connection._conn  # aiosqlite's sqlite3 connection, to bulk-load synchronously
        db.execute(FTS_DDL)
        db.execute(FTS_VOCAB_DDL)
        db.executemany("INSERT INTO memory_lex(rowid, owner, lex) VALUES (?, 'o', ?)",
                       [(i + 1, "preferences meeting" + (" zebra" if i < 5 else "")) for i in range(rows)])
    clock = [0.0]
    freq = DocFrequencies(ttl_seconds=60, clock=lambda: clock[0])
    async with engine.connect() as conn:
        assert await freq.without_common(conn, ["preferences", "zebra"]) == ["zebra"]
        assert await freq.without_common(conn, ["preferences", "meeting"]) == ["preferences"]  # never empty
        assert (await freq.counts(conn, [stem("preferences")]))[stem("preferences")] == rows
    async with engine.begin() as conn:
        await conn.exec_driver_sql("DELETE FROM memory_lex WHERE rowid > 10")
    async with engine.connect() as conn:
        assert (await freq.counts(conn, ["zebra"]))["zebra"] == 5
        await conn.exec_driver_sql("INSERT INTO memory_lex(rowid, owner, lex) VALUES (99999, 'o', 'zebra')")
        assert (await freq.counts(conn, ["zebra"]))["zebra"] == 5  # cached
        clock[0] = 61.0
        assert (await freq.counts(conn, ["zebra"]))["zebra"] == 6  # expired, counted again
    await engine.dispose()
