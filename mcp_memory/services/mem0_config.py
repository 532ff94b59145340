"""OpenMemory's (mem0's) config blocks, and how they map onto our settings.

mem0 names a provider and a bare model (`{"provider": "ollama", "config":
{"model": "qwen2.5", "ollama_base_url": ...}}`); we run everything through
litellm, whose model names carry the provider as a prefix (`ollama/qwen2.5`).
The bundled ONNX model and the hashing embedder are ours, named `onnx` and
`hashing`. No LLM configured shows as provider `null`: extraction then uses
our rules.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mcp_memory.config import EmbedderSettings, LLMSettings, mask_secret

MASK = mask_secret("literal")  # what a literal secret looks like in a view; sent back, it means "keep it"
ONNX_MODEL = "all-MiniLM-L6-v2"
ONNX_DIMS = 384

# mem0 provider -> litellm model prefix; `litellm` takes the model name as litellm spells it.
LLM_PREFIXES = {
    "openai": "openai", "ollama": "ollama", "anthropic": "anthropic", "groq": "groq", "together": "together_ai",
    "mistral": "mistral", "deepseek": "deepseek", "xai": "xai", "gemini": "gemini", "google": "gemini",
    "azure_openai": "azure", "lmstudio": "lm_studio", "litellm": "",
}
EMBEDDER_PREFIXES = {
    "openai": "openai", "ollama": "ollama", "gemini": "gemini", "google": "gemini", "together": "together_ai",
    "mistral": "mistral", "azure_openai": "azure", "huggingface": "huggingface", "voyageai": "voyage",
    "litellm": "",
}

LLMProviderName = Literal[
    "openai", "ollama", "anthropic", "groq", "together", "mistral", "deepseek", "xai", "gemini", "google",
    "azure_openai", "lmstudio", "litellm"]
EmbedderProviderName = Literal[
    "onnx", "hashing", "openai", "ollama", "gemini", "google", "together", "mistral", "azure_openai", "huggingface",
    "voyageai", "litellm"]

_Url = Field(default=None, max_length=2000)


class LLMConfig(BaseModel):
    """mem0's `llm.config`; keys we do not use are ignored, as mem0's OpenMemory does."""

    model_config = ConfigDict(extra="ignore")

    model: str | None = Field(default=None, min_length=1, max_length=300)
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    api_key: str | None = Field(default=None, max_length=2000, description='A key, "env:NAME", or "***" to keep.')
    ollama_base_url: str | None = _Url
    openai_base_url: str | None = _Url


class LLMProvider(BaseModel):
    """`provider` null (with no model) means no LLM: smart ingest extracts facts by rules."""

    provider: LLMProviderName | None
    config: LLMConfig = Field(default_factory=LLMConfig)


class EmbedderConfig(BaseModel):
    model_config = ConfigDict(extra="ignore")

    model: str | None = Field(default=None, min_length=1, max_length=300)
    api_key: str | None = Field(default=None, max_length=2000, description='A key, "env:NAME", or "***" to keep.')
    ollama_base_url: str | None = _Url
    openai_base_url: str | None = _Url
    embedding_dims: int | None = Field(default=None, ge=1, le=65_536)


class EmbedderProvider(BaseModel):
    provider: EmbedderProviderName
    config: EmbedderConfig = Field(default_factory=EmbedderConfig)


class VectorStoreProvider(BaseModel):
    """Stored and shown, never used: vectors always live in the embedded Chroma."""

    provider: str = Field(min_length=1, max_length=100)
    config: dict[str, Any] = Field(default_factory=dict)


class OpenMemoryConfig(BaseModel):
    model_config = ConfigDict(extra="ignore")

    custom_instructions: str | None = Field(default=None, max_length=20_000)


class Mem0Config(BaseModel):
    """Blocks left out (or null) stay as they are."""

    model_config = ConfigDict(extra="ignore")

    llm: LLMProvider | None = None
    embedder: EmbedderProvider | None = None
    vector_store: VectorStoreProvider | None = None


# -- ours -> mem0 ---------------------------------------------------------------------


def _split(model: str, prefixes: dict[str, str]) -> tuple[str, str]:
    """`ollama/qwen2.5` -> ("ollama", "qwen2.5"); a prefix mem0 has no name for -> ("litellm", full name)."""
    prefix, _, rest = model.partition("/")
    for provider, known in prefixes.items():
        if known and known == prefix and rest:
            return provider, rest
    return "litellm", model


def _urls(provider: str | None, api_base: str | None) -> dict[str, str | None]:
    ollama = provider == "ollama"
    return {"ollama_base_url": api_base if ollama else None, "openai_base_url": None if ollama else api_base}


def llm_view(settings: LLMSettings) -> dict[str, Any]:
    provider, model = _split(settings.model, LLM_PREFIXES) if settings.model else (None, None)
    return {"provider": provider, "config": {
        "model": model, "temperature": settings.temperature, "max_tokens": settings.max_tokens,
        "api_key": mask_secret(settings.api_key), **_urls(provider, settings.api_base)}}


def embedder_view(settings: EmbedderSettings) -> dict[str, Any]:
    if settings.kind == "onnx":
        provider, model, dims = "onnx", ONNX_MODEL, ONNX_DIMS
    elif settings.kind == "hashing":
        provider, model, dims = "hashing", "hashing", settings.dims or 384
    else:
        provider, model = _split(settings.model or "", EMBEDDER_PREFIXES)
        dims = settings.dims
    return {"provider": provider, "config": {
        "model": model, "api_key": mask_secret(settings.api_key), **_urls(provider, settings.api_base),
        "embedding_dims": dims}}


# -- mem0 -> ours ---------------------------------------------------------------------


def _secret(sent: str | None, stored: str | None) -> str | None:
    return stored if sent == MASK else sent


def llm_settings(block: LLMProvider, current: LLMSettings) -> LLMSettings:
    """`current` with the block applied; unset temperature and max_tokens keep their values.

    Raises ValueError for a block that names no model, or a model with no provider.
    """
    cfg = block.config
    if block.provider is None:
        if cfg.model:
            raise ValueError("mem0.llm.provider is required with a model")
        return current.model_copy(update={"model": None, "api_base": None, "api_key": None})
    if not cfg.model:
        raise ValueError("mem0.llm.config.model is required")
    prefix = LLM_PREFIXES[block.provider]
    model = f"{prefix}/{cfg.model}" if prefix and not cfg.model.startswith(f"{prefix}/") else cfg.model
    base = cfg.ollama_base_url if block.provider == "ollama" else cfg.openai_base_url
    update: dict[str, Any] = {"model": model, "api_base": base, "api_key": _secret(cfg.api_key, current.api_key)}
    if cfg.temperature is not None:
        update["temperature"] = cfg.temperature
    if cfg.max_tokens is not None:
        update["max_tokens"] = cfg.max_tokens
    return current.model_copy(update=update)


def embedder_settings(block: EmbedderProvider, current: EmbedderSettings) -> EmbedderSettings:
    """The embedder settings the block asks for; ValueError when it cannot be what it says."""
    cfg = block.config
    if block.provider == "onnx":
        if cfg.model not in (None, ONNX_MODEL):
            raise ValueError(f"the bundled ONNX embedder is {ONNX_MODEL}, not {cfg.model}")
        if cfg.embedding_dims not in (None, ONNX_DIMS):
            raise ValueError(f"{ONNX_MODEL} returns {ONNX_DIMS} dims, not {cfg.embedding_dims}")
        return EmbedderSettings(kind="onnx", batch_size=current.batch_size)
    if block.provider == "hashing":
        return EmbedderSettings(kind="hashing", dims=cfg.embedding_dims or 384, batch_size=current.batch_size)
    if not cfg.model:
        raise ValueError("mem0.embedder.config.model is required")
    prefix = EMBEDDER_PREFIXES[block.provider]
    model = f"{prefix}/{cfg.model}" if prefix and not cfg.model.startswith(f"{prefix}/") else cfg.model
    return EmbedderSettings(
        kind="litellm", model=model, batch_size=current.batch_size, dims=cfg.embedding_dims,
        api_base=cfg.ollama_base_url if block.provider == "ollama" else cfg.openai_base_url,
        api_key=_secret(cfg.api_key, current.api_key),
    )
