"""The ledger's tables (SQLAlchemy Core).

The ledger is the system of record: Chroma and the FTS5 index are derived
from it and can be rebuilt from it (`mcp-memory reindex`).
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

accounts = Table(
    "accounts",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("status", String, nullable=False, default="active"),
    Column("created_at", String, nullable=False),
)

# API keys are random secrets stored only as their SHA-256; the key itself is
# shown once, when the tenant is created.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String, primary_key=True),
    Column("account_id", String, nullable=False),
    Column("key_hash", String, nullable=False, unique=True),
    Column("prefix", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("revoked_at", String),
)

spaces = Table(
    "spaces",
    metadata,
    Column("id", String, primary_key=True),
    Column("account_id", String, nullable=False),
    Column("space_type", String, nullable=False),
    Column("name", String, nullable=False),
    Column("owner_id", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
)

# Background work (smart ingest, imports): the request that starts a task is
# answered only after its row exists, so accepted work survives a restart.
tasks = Table(
    "tasks",
    metadata,
    Column("id", String, primary_key=True),
    Column("account_id", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("status", String, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("result", JSON),
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("run_after", Float, nullable=False, default=0.0),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", String, primary_key=True),
    Column("account_id", String, nullable=False),
    Column("user_id", String, nullable=False),
    Column("created_at", String, nullable=False),
    UniqueConstraint("account_id", "user_id"),
)

apps = Table(
    "apps",
    metadata,
    Column("id", String, primary_key=True),
    Column("account_id", String, nullable=False),
    Column("user_id", String, nullable=False),
    Column("name", String, nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", String, nullable=False),
    UniqueConstraint("account_id", "user_id", "name"),
)

memories = Table(
    "memories",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String, nullable=False, unique=True),
    Column("account_id", String, nullable=False),
    Column("space_id", String, nullable=False),
    Column("user_id", String, nullable=False),
    Column("app_name", String, nullable=False),
    Column("content", Text, nullable=False),
    Column("l0_abstract", Text, nullable=False, default=""),
    Column("l1_overview", Text, nullable=False, default=""),
    Column("l2_content", Text, nullable=False, default=""),
    Column("category", String, nullable=False),
    Column("memory_type", String, nullable=False),
    Column("state", String, nullable=False),
    Column("tier", String, nullable=False),
    Column("importance", Float, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("access_count", Integer, nullable=False, default=0),
    Column("tags", JSON, nullable=False),
    Column("scope", String, nullable=False),
    Column("agent_id", String),
    Column("session_id", String),
    Column("source", String),
    Column("relations", JSON, nullable=False),
    Column("superseded_by", String),
    Column("invalidated_at", String),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    Column("last_accessed_at", String),
    Column("visibility", String, nullable=False),
    Column("owner_agent_id", String, nullable=False),
    Column("provenance", JSON),
    Column("metadata", JSON, nullable=False),
    Index("ix_memories_owner", "account_id", "user_id", "state", "created_at"),
)

# Work the vector store still owes: written in the same transaction as the
# memory, removed once Chroma has it. A crash in between leaves a row here
# for the sweeper.
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("memory_id", String, nullable=False),
    Column("created_at", String, nullable=False),
)

# The lexical index. `owner` holds an account token and an account+user token,
# so a query intersects with the caller's rows inside FTS5 instead of ranking
# every account's matches first (35 ms -> a few ms at 100k memories).
FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS memory_lex USING fts5("
    "owner, lex, tokenize='porter unicode61 remove_diacritics 2')"
)

# Document frequencies of the lexical index's terms, to skip terms too common to rank by.
FTS_VOCAB_DDL = "CREATE VIRTUAL TABLE IF NOT EXISTS memory_lex_vocab USING fts5vocab(memory_lex, 'row')"

# OpenMemory: every read of a memory (search, get, list, filter, related) by an app,
# written off the request path by `services/access_log.py`.
access_logs = Table(
    "access_logs",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String, nullable=False, unique=True),
    Column("account_id", String, nullable=False),
    Column("memory_id", String, nullable=False),
    Column("app_id", String, nullable=False),
    Column("access_type", String, nullable=False),
    Column("metadata", JSON, nullable=False),
    Column("accessed_at", String, nullable=False),
    Index("ix_access_logs_memory", "account_id", "memory_id", "accessed_at"),
    Index("ix_access_logs_app", "account_id", "app_id"),
)

# OpenMemory's categories: per user, named ("preferences", "health", ...), many per memory.
categories = Table(
    "categories",
    metadata,
    Column("id", String, primary_key=True),
    Column("account_id", String, nullable=False),
    Column("user_id", String, nullable=False),
    Column("name", String, nullable=False),
    Column("description", String),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    UniqueConstraint("account_id", "user_id", "name"),
)

memory_categories = Table(
    "memory_categories",
    metadata,
    Column("memory_id", String, primary_key=True),
    Column("category_id", String, primary_key=True),
    Index("ix_memory_categories_category", "category_id"),
)

# Server-wide settings changed at run time (OpenMemory's /api/v1/config): one JSON
# row per key, applied over the start-up settings when the runtime opens.
server_config = Table(
    "server_config",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", String, nullable=False),
)
