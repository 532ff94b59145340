"""OpenMemory at `/api/v1` (seed 000): route table and response views.

Errors follow OpenMemory (FastAPI): 422 `{"detail": [...]}` for bad input,
`{"detail": "..."}` for the rest.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from mcp_memory.dialects.openmemory_config import CONFIG_BINDINGS
from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.transports.body import retry_headers
from mcp_memory.transports.dialect import Dialect


def render_error(exc: AppError) -> Response:
    if isinstance(exc, InvalidInput):
        detail = [{"loc": ["body"], "msg": exc.message, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=422)
    message = "internal error" if exc.status >= 500 else exc.message
    return JSONResponse({"detail": message}, status_code=exc.status, headers=retry_headers(exc))


OPENMEMORY = Dialect(
    name="openmemory",
    render_error=render_error,
    bindings=[
        *CONFIG_BINDINGS,
    ],
)
