"""omem, the native API at `/v1` (seed 002): route table and response views.

Errors are `{"error": {"code", "message"}}` with 400 `validation_error`,
401 `unauthorized`, 404 `not_found`, 429 `rate_limited`, 500 `internal_error`.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mcp_memory.errors import AppError, InvalidInput
from mcp_memory.models import Memory
from mcp_memory.transports.body import error_response, retry_headers
from mcp_memory.transports.dialect import Binding, Dialect, Parts, merged_arguments

# The 28 documented fields; user, app and free metadata are ours, not omem's.
EXTRA_FIELDS = {"user_id", "app_name", "metadata"}


def memory_view(memory: Memory | dict[str, Any]) -> dict[str, Any]:
    data = memory.model_dump(mode="json") if isinstance(memory, Memory) else memory
    return {k: v for k, v in data.items() if k not in EXTRA_FIELDS}


def render_error(exc: AppError) -> Response:
    message = exc.message
    if isinstance(exc, InvalidInput) and not message.startswith("validation error"):
        message = f"validation error: {message}"
    if exc.status >= 500:
        message = "internal error"
    return error_response(exc.status, exc.code, message, retry_headers(exc))


def _search_args(parts: Parts) -> dict[str, Any]:
    args = merged_arguments(parts)
    if "q" not in args or not str(args["q"]).strip():
        raise InvalidInput("q cannot be empty")
    args["query"] = args.pop("q")
    args.setdefault("limit", 20)
    return args


def _id_args(parts: Parts) -> dict[str, Any]:
    args = merged_arguments(parts)
    args["memory_id"] = args.pop("id")
    return args


def _confirmed(parts: Parts) -> dict[str, Any]:
    if parts.headers.get("x-confirm") != "delete-all":
        raise InvalidInput("the X-Confirm: delete-all header is required to delete all memories")
    return {}


def _create_view(out: Any) -> Any:
    if out.memory is not None:
        return memory_view(out.memory)
    return {"task_id": out.task_id, "stored_count": out.stored_count}


def _search_view(out: Any) -> Any:
    data = out.model_dump(mode="json")
    return {"results": [{"memory": memory_view(r["memory"]), "score": r["score"]} for r in data["results"]],
            "trace": data["trace"]}


def _list_view(out: Any) -> Any:
    data = out.model_dump(mode="json")
    data["memories"] = [memory_view(m) for m in data["memories"]]
    return data


def _without_none(out: Any) -> Any:
    return out.model_dump(mode="json", exclude_none=True)


OMEM = Dialect(
    name="omem",
    render_error=render_error,
    bindings=[
        Binding("POST", "/v1/tenants", "create_tenant", public=True),
        Binding("GET", "/v1/memories/search", "search_memory", arguments=_search_args, view=_search_view),
        Binding("POST", "/v1/memories/batch-delete", "delete_memories", view=_without_none),
        Binding("DELETE", "/v1/memories/all", "delete_all_memories", arguments=_confirmed,
                view=lambda out: {"deleted": out.deleted, "sessions_cleared": out.sessions_cleared}),
        Binding("POST", "/v1/memories", "create_memory", view=_create_view,
                status_of=lambda out: 201 if out.memory is not None else 202),
        Binding("GET", "/v1/memories", "list_memories", view=_list_view),
        Binding("GET", "/v1/memories/{id}", "get_memory", arguments=_id_args, view=memory_view),
        Binding("PUT", "/v1/memories/{id}", "update_memory", arguments=_id_args, view=memory_view),
        Binding("DELETE", "/v1/memories/{id}", "delete_memory", arguments=_id_args),
        Binding("GET", "/v1/profile", "get_profile"),
        Binding("GET", "/v1/stats/config", "stats_config"),
        Binding("GET", "/v1/stats/decay", "stats_decay"),
        Binding("GET", "/v1/tasks/{task_id}", "get_task"),
        Binding("POST", "/v1/tasks/{task_id}/retry", "retry_task"),
    ],
)
