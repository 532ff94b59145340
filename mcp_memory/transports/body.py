"""Reading JSON bodies with a size cap, and the native error shape."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from mcp_memory.errors import AppError, InvalidInput, RateLimited


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """`{"error": {"code", "message"}}`, the shape omem and the REST shim share."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def retry_headers(exc: AppError) -> dict[str, str] | None:
    """`Retry-After` for a rate-limited call, so clients know when to come back."""
    return {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None


async def read_json_body(request: Request, limit: int) -> Any:
    """The parsed body (None when empty), or InvalidInput with a reason a person can act on."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise InvalidInput(f"request body is larger than {limit} bytes")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise InvalidInput(f"request body is larger than {limit} bytes")
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"request body is not valid JSON: {exc}") from None
