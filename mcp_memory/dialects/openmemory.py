"""OpenMemory at `/api/v1` (seed 000): route table and response views.

Errors follow OpenMemory (FastAPI): 422 `{"detail": [{"loc", "msg", "type"}]}`
for bad input, `{"detail": "..."}` for the rest (404 "Memory not found",
403 for a paused app). Collection routes answer with and without their
trailing slash, as FastAPI's redirect would.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from mcp_memory.dialects.openmemory_config import CONFIG_BINDINGS
from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.transports.body import retry_headers
from mcp_memory.transports.dialect import Binding, Dialect

MEMORIES = "/api/v1/memories"
APPS = "/api/v1/apps"


def _detail(exc: InvalidInput) -> list[dict[str, Any]]:
    """FastAPI's entries: pydantic's per-field problems under `body`, or the one message when there are none."""
    if not exc.errors:
        return [{"loc": ["body"], "msg": exc.message, "type": "value_error"}]
    return [{**e, "loc": ["body", *e["loc"]]} for e in exc.errors]


def render_error(exc: AppError) -> Response:
    if isinstance(exc, InvalidInput):
        return JSONResponse({"detail": _detail(exc)}, status_code=422)
    message = "internal error" if exc.status >= 500 else exc.message
    return JSONResponse({"detail": message}, status_code=exc.status, headers=retry_headers(exc))


def _both(method: str, path: str, operation: str, **kwargs: Any) -> list[Binding]:
    """The route with and without its trailing slash."""
    return [Binding(method, path.rstrip("/") + "/", operation, **kwargs),
            Binding(method, path.rstrip("/"), operation, **kwargs)]


def _created(out: Any) -> Any:
    return out.memory.model_dump(mode="json") if out.memory is not None else {"message": out.message}


OPENMEMORY = Dialect(
    name="openmemory",
    render_error=render_error,
    bindings=[
        *_both("POST", f"{MEMORIES}/", "openmemory_create_memory", view=_created),
        *_both("DELETE", f"{MEMORIES}/", "openmemory_delete_memories"),
        Binding("GET", f"{MEMORIES}/categories", "openmemory_categories"),
        Binding("POST", f"{MEMORIES}/filter", "openmemory_filter_memories"),  # page/size: body or query
        Binding("POST", f"{MEMORIES}/actions/pause", "openmemory_pause_memories"),
        Binding("GET", f"{MEMORIES}/{{memory_id}}/access-log", "openmemory_access_log"),
        Binding("GET", f"{MEMORIES}/{{memory_id}}/related", "openmemory_related_memories"),
        Binding("GET", f"{MEMORIES}/{{memory_id}}", "openmemory_get_memory"),
        Binding("PUT", f"{MEMORIES}/{{memory_id}}", "openmemory_update_memory"),
        *_both("GET", f"{APPS}/", "openmemory_list_apps"),
        Binding("GET", f"{APPS}/{{app_id}}/memories", "openmemory_app_memories"),
        Binding("GET", f"{APPS}/{{app_id}}/accessed", "openmemory_app_accessed"),
        Binding("GET", f"{APPS}/{{app_id}}", "openmemory_get_app"),
        Binding("PUT", f"{APPS}/{{app_id}}", "openmemory_update_app"),
        *_both("GET", "/api/v1/stats/", "openmemory_stats"),
        *CONFIG_BINDINGS,
    ],
)
