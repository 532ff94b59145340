"""Memokit at `/memokit/v1` (seed 004): route table and camelCase views.

Errors are `{"error": {"code", "message"}}` with Memokit's upper-case codes.
"""

from __future__ import annotations

from starlette.responses import Response

from mcp_memory.errors import AppError
from mcp_memory.transports.body import error_response, retry_headers
from mcp_memory.transports.dialect import Dialect


def render_error(exc: AppError) -> Response:
    message = "internal error" if exc.status >= 500 else exc.message
    return error_response(exc.status, exc.code.upper(), message, retry_headers(exc))


MEMOKIT = Dialect(name="memokit", render_error=render_error, bindings=[])
