"""Settings, from `MCP_MEMORY_*` environment variables and CLI flags.

Everything has a default that works on a laptop with no network: the data
lives in `~/.mcp-memory`, the server binds 127.0.0.1:8765 and embeds with the
bundled ONNX model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbedderSettings(BaseModel):
    """Which embedder turns text into vectors.

    `onnx` is the bundled all-MiniLM-L6-v2 int8 model (offline, 384 dims);
    `hashing` is a deterministic bag-of-words hasher for fast tests;
    `litellm` reaches any embedding provider litellm knows (`model` names it,
    e.g. `openai/text-embedding-3-small` or `ollama/nomic-embed-text`).
    """

    kind: Literal["onnx", "hashing", "litellm"] = "onnx"
    model: str | None = None
    api_base: str | None = None
    api_key: str | None = Field(default=None, description='A key, or "env:NAME" to read it from the environment.')
    dims: int | None = None
    batch_size: int = 32


class Settings(BaseSettings):
    """The server's configuration; one instance per process."""

    model_config = SettingsConfigDict(env_prefix="MCP_MEMORY_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(default_factory=lambda: Path.home() / ".mcp-memory")
    host: str = "127.0.0.1"
    port: int = 8765
    auth: Literal["local", "required"] = "local"
    insecure_no_auth: bool = False
    log_level: str = "INFO"
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings)
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server; embedded when unset.")
    database_url: str | None = Field(default=None, description="SQLAlchemy async URL; SQLite in data_dir when unset.")
    sweep_interval_seconds: float = 30.0
    rate_limit_per_minute: int = Field(default=1200, description="Requests per minute per API key; 0 turns it off.")
    max_body_bytes: int = 1_048_576
    max_content_chars: int = 100_000

    @property
    def requires_keys(self) -> bool:
        """Keys are needed when asked for, and whenever the server listens beyond loopback."""
        if self.auth == "required":
            return True
        return self.host not in ("127.0.0.1", "localhost", "::1") and not self.insecure_no_auth

    @property
    def ledger_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'ledger.sqlite3'}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"


def resolve_secret(value: str | None) -> str | None:
    """Turn an `env:NAME` reference into the variable's value; leave other values alone."""
    if value is not None and value.startswith("env:"):
        return os.environ.get(value[4:])
    return value
