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


class LLMSettings(BaseModel):
    """The language model used for smart ingest. No `model`: no LLM, heuristic extraction instead.

    `model` is a litellm model name: `openai/gpt-4o-mini`, `openai/qwen-plus` with
    `api_base` DashScope's compatible-mode URL, `ollama/qwen2.5` with `api_base`
    http://127.0.0.1:11434, ...
    """

    model: str | None = None
    api_base: str | None = None
    api_key: str | None = Field(default=None, description='A key, or "env:NAME" to read it from the environment.')
    temperature: float = Field(default=0.1, ge=0, le=2)
    max_tokens: int = Field(default=2000, ge=1)
    timeout_seconds: float = Field(default=60.0, gt=0)
    max_facts: int = Field(default=20, ge=1, le=200, description="At most this many facts per ingest.")
    max_attempts: int = Field(default=4, ge=1, description="Tries of an ingest task before it fails.")
    retry_base_seconds: float = Field(default=2.0, ge=0, description="Backoff: base x 2^attempt seconds.")
    custom_instructions: str | None = Field(
        default=None, description="Extraction instructions for ingests that bring none (OpenMemory's config).")


STAGES = (
    "parallel_search", "rrf_fusion", "rrf_normalize", "min_score_filter", "topk_cap", "cross_encoder_rerank",
    "bm25_floor", "decay_boost", "importance_weight", "length_normalization", "hard_cutoff", "mmr_diversity",
)


class RetrievalSettings(BaseModel):
    """The 12-stage retrieval pipeline's knobs (omem's `retrieval` block, and the rest)."""

    use_vector: bool = True
    use_lexical: bool = True
    disabled_stages: list[str] = Field(default_factory=list, description="Stages to skip, by name.")
    overfetch: int = Field(default=5, ge=1, description="Each retriever fetches limit x this.")
    min_candidates: int = Field(default=50, ge=1)
    rrf_k: int = Field(default=60, ge=1)
    vector_weight: float = Field(default=0.7, ge=0)
    bm25_weight: float = Field(default=0.3, ge=0)
    cjk_vector_weight: float = Field(
        default=0.2, ge=0, description="Vector weight for CJK queries when the embedder is English-only.")
    cjk_vector_trust: float = Field(
        default=0.3, ge=0, le=1, description="How much of its similarity such a query's vector match counts as evidence.")
    evidence_blend: bool = Field(
        default=True, description="rrf_normalize mixes match evidence into the rank score; off: rank alone.")
    lexical_coverage_gate: float = Field(
        default=2.0, ge=0, description="A lexical hit counts in the fusion by the share of query terms it holds to "
                                       "this power (0: every hit counts fully). Not for CJK queries.")
    literal_information_terms: float = Field(
        default=1.6, ge=0, description="How many index-unique terms' worth of information (idf) a lexical match "
                                       "needs to count fully as evidence (0: off). Not for CJK queries.")
    pinned_boost: float = Field(default=0.0, ge=0, description="Added to a pinned memory's fused score, 0-1 scale.")
    default_min_score: float = Field(default=0.3, ge=0, le=1)
    topk_multiplier: int = Field(default=3, ge=1)
    rerank_model: str | None = Field(default=None, description="litellm rerank model, e.g. cohere/rerank-v3.5.")
    rerank_api_base: str | None = None
    rerank_api_key: str | None = None
    rerank_weight: float = Field(default=0.6, ge=0, le=1)
    rerank_timeout_seconds: float = 5.0
    bm25_floor_threshold: float = Field(default=0.75, ge=0, le=1, description="Lexical strength counted as strong.")
    bm25_floor_ratio: float = Field(default=0.9, ge=0, le=1, description="Share of its score a strong match keeps.")
    decay_weight: float = Field(default=0.1, ge=0, le=1)
    importance_weight: float = Field(default=0.1, ge=0, le=1)
    length_anchor_chars: int = Field(default=800, ge=1)
    length_penalty: float = Field(default=0.1, ge=0)
    hard_min_score: float = Field(default=0.2, ge=0, le=1)
    mmr_lambda: float = Field(default=0.75, ge=0, le=1)
    duplicate_similarity: float = Field(default=0.9, ge=0, le=1)

    @classmethod
    def preset(cls, name: str) -> "RetrievalSettings":
        """Ablations for benchmarks: "vector", "lexical", "rrf" (fusion only) or "full"."""
        after_fusion = [s for s in STAGES if s not in ("parallel_search", "rrf_fusion", "rrf_normalize")]
        plain = {"disabled_stages": after_fusion, "lexical_coverage_gate": 0.0, "literal_information_terms": 0.0}
        if name == "vector":
            return cls(use_lexical=False, **plain)
        if name == "lexical":
            return cls(use_vector=False, **plain)
        if name == "rrf":
            return cls(evidence_blend=False, **plain)
        if name == "full":
            return cls()
        raise ValueError(f"unknown preset {name!r}")


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
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    admission_preset: Literal["balanced", "conservative", "high_recall"] = "balanced"
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server; embedded when unset.")
    database_url: str | None = Field(default=None, description="SQLAlchemy async URL; SQLite in data_dir when unset.")
    sweep_interval_seconds: float = 30.0
    tier_interval_seconds: float = Field(default=3600.0, gt=0, description="How often the tier job runs.")
    admin_key: str | None = Field(
        default=None, description='A key (or "env:NAME") that may change the server configuration when keys are '
                                  "required; it acts for the default account.")
    rate_limit_per_minute: int = Field(default=1200, description="Requests per minute per API key; 0 turns it off.")
    max_body_bytes: int = 1_048_576
    max_content_chars: int = 100_000
    monthly_memory_quota: int | None = Field(
        default=None, ge=0, description="Memories an account may create per calendar month (UTC); unset: no quota.")
    monthly_memory_quota_overrides: dict[str, int] = Field(
        default_factory=dict, description="Per-account quotas by account id, overriding monthly_memory_quota.")

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


def mask_secret(value: str | None) -> str | None:
    """What a settings view may show: `env:NAME` references as they are, literal secrets never."""
    if value is None or value.startswith("env:"):
        return value
    return "***"


def resolve_secret(value: str | None) -> str | None:
    """Turn an `env:NAME` reference into the variable's value; leave other values alone."""
    if value is not None and value.startswith("env:"):
        return os.environ.get(value[4:])
    return value
