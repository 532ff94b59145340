"""The LLM gateway: litellm, imported in one place, and structured JSON completions.

Imported bare, litellm fetches a model price list from the internet (and
retries for seconds when offline) and prints help banners to stdout, which
would corrupt MCP's stdio transport. Everything that needs litellm calls
`litellm_module()`, which switches both off first. The import costs ~2 s, so
it happens only when a provider is actually configured.
"""

from __future__ import annotations

import json
import os
from functools import cache
from types import ModuleType
from typing import Any

import anyio

from mcp_memory.config import LLMSettings, resolve_secret


@cache
def litellm_module() -> ModuleType:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    return litellm


class LLMError(Exception):
    """A failed completion; `retryable` says whether trying again later may help."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def _classify(exc: Exception) -> LLMError:
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    transient = name in {"RateLimitError", "Timeout", "APIConnectionError", "ServiceUnavailableError",
                         "InternalServerError", "TimeoutError", "BadGatewayError"}
    if status is not None and (status == 429 or status >= 500):
        transient = True
    reason = {429: "rate limited by the provider"}.get(status or 0, f"{name}{f' (HTTP {status})' if status else ''}")
    return LLMError(f"LLM call failed: {reason}", retryable=transient)


async def complete_json(
    settings: LLMSettings, system: str, user: str, schema: dict[str, Any], name: str = "result",
    mock_response: str | None = None,
) -> dict[str, Any]:
    """Ask for an object matching `schema`; raise `LLMError` on any failure, including malformed output."""
    if not settings.model:
        raise LLMError("no LLM is configured", retryable=False)
    litellm = litellm_module()
    extra: dict[str, Any] = {"mock_response": mock_response} if mock_response is not None else {}
    try:
        with anyio.fail_after(settings.timeout_seconds + 5):
            response = await litellm.acompletion(
                model=settings.model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                api_base=settings.api_base,
                api_key=resolve_secret(settings.api_key),
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
                timeout=settings.timeout_seconds,
                response_format={"type": "json_schema",
                                 "json_schema": {"name": name, "schema": schema, "strict": False}},
                num_retries=0,
                **extra,
            )
    except TimeoutError:
        raise LLMError("LLM call failed: timed out", retryable=True) from None
    except Exception as exc:
        raise _classify(exc) from None
    text = response.choices[0].message.content or ""
    try:
        data = json.loads(_strip_fences(text))
    except json.JSONDecodeError:
        raise LLMError("LLM returned output that is not JSON", retryable=True) from None
    if not isinstance(data, dict):
        raise LLMError("LLM returned JSON that is not an object", retryable=True)
    return data


def _strip_fences(text: str) -> str:
    """Some models wrap JSON in a Markdown code fence despite being asked not to."""
    text = text.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text.strip()
