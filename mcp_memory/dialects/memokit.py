"""Memokit at `/memokit/v1` (seed 004): route table and camelCase views.

Errors are `{"error": {"code", "message"}}` with Memokit's upper-case codes:
400 VALIDATION_ERROR / CONTENT_TOO_LONG / INVALID_USER_ID, 401 UNAUTHORIZED,
404 MEMORY_NOT_FOUND, 429 RATE_LIMITED / QUOTA_EXCEEDED (with Retry-After).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from starlette.responses import Response

from mcp_memory.errors import AppError, ContentTooLong, InvalidInput, InvalidUserId, NotFound
from mcp_memory.models import Memory
from mcp_memory.transports.body import error_response, retry_headers
from mcp_memory.transports.dialect import Binding, Dialect, Parts, merged_arguments

MAX_CONTENT_CHARS = 10_000
MAX_LIMIT = 100

# Memokit's documented request fields, under the operations' names.
_FIELDS = {"content": "content", "userId": "user_id", "agentId": "agent_id", "tags": "tags", "metadata": "metadata",
           "query": "query", "limit": "limit", "threshold": "threshold", "page": "page"}


def render_error(exc: AppError) -> Response:
    if isinstance(exc, NotFound):
        code = "MEMORY_NOT_FOUND"
    elif isinstance(exc, ContentTooLong):
        code = "CONTENT_TOO_LONG"
    elif isinstance(exc, InvalidUserId):
        code = "INVALID_USER_ID"
    else:
        code = exc.code.upper()
    message = "internal error" if exc.status >= 500 else exc.message
    return error_response(exc.status, code, message, retry_headers(exc))


def _time(value: str) -> str:
    """Stored ISO times as Memokit shows them: "2024-01-15T10:30:00Z"."""
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def memory_view(memory: Memory | dict[str, Any], *, metadata: bool = True) -> dict[str, Any]:
    """A memory in Memokit's shape; `agentId` is left out when there is none, as in the document's examples."""
    m = memory if isinstance(memory, Memory) else Memory.model_validate(memory)
    out: dict[str, Any] = {"id": m.id, "content": m.content, "userId": m.user_id}
    if m.agent_id:
        out["agentId"] = m.agent_id
    out["tags"] = list(m.tags)
    if metadata:
        out["metadata"] = dict(m.metadata)
    out["createdAt"] = _time(m.created_at)
    out["updatedAt"] = _time(m.updated_at)
    return out


def _renamed(parts: Parts) -> dict[str, Any]:
    """Memokit's documented fields only, under the operations' names (anything else is ignored, not forwarded)."""
    args = merged_arguments(parts)
    if args.get("userId") is not None and not isinstance(args["userId"], str):
        raise InvalidUserId("userId must be a string")  # its content is checked where it is used
    return {_FIELDS[k]: v for k, v in args.items() if k in _FIELDS}


def _with_defaults(args: dict[str, Any], **defaults: Any) -> dict[str, Any]:
    """Documented defaults, also for fields sent as null."""
    return {**args, **{k: v for k, v in defaults.items() if args.get(k) is None}}


def _create_args(parts: Parts) -> dict[str, Any]:
    args = _renamed(parts)
    if args.get("user_id") is None:
        raise InvalidUserId("userId is required")
    content = args.get("content")
    if isinstance(content, str) and len(content) > MAX_CONTENT_CHARS:
        raise ContentTooLong(f"content is {len(content)} characters; the limit is {MAX_CONTENT_CHARS}")
    if content is None:
        raise InvalidInput("content is required")
    return args


def _search_args(parts: Parts) -> dict[str, Any]:
    return _with_defaults(_renamed(parts), limit=10, threshold=0.5)


def _list_args(parts: Parts) -> dict[str, Any]:
    args = {k: v for k, v in _renamed(parts).items() if k in ("user_id", "agent_id", "tags", "page", "limit")}
    args = _with_defaults(args, page=1, limit=20)
    if str(args["limit"]).isdigit() and int(args["limit"]) > MAX_LIMIT:
        raise InvalidInput(f"limit must be at most {MAX_LIMIT}")
    return args


def _id_args(parts: Parts) -> dict[str, Any]:
    return {"memory_id": parts.path["id"]}


def _search_view(out: Any) -> Any:
    results = []
    for r in out.results:
        item = memory_view(r.memory, metadata=False)
        item.pop("updatedAt")
        item["score"] = round(r.score, 4)
        results.append({k: item[k] for k in ("id", "content", "score", "userId", "agentId", "tags", "createdAt")
                        if k in item})
    return {"results": results}


def _list_view(out: Any) -> Any:
    total_pages = (out.total_count + out.limit - 1) // out.limit
    return {
        "items": [memory_view(m, metadata=False) for m in out.memories],
        "pagination": {"page": out.offset // out.limit + 1, "limit": out.limit, "total": out.total_count,
                       "totalPages": total_pages},
    }


MEMOKIT = Dialect(
    name="memokit",
    render_error=render_error,
    bindings=[
        Binding("POST", "/memokit/v1/memories/search", "search_memory", arguments=_search_args, view=_search_view),
        Binding("POST", "/memokit/v1/memories", "create_memory", status=201, arguments=_create_args,
                view=lambda out: memory_view(out.memory)),
        Binding("GET", "/memokit/v1/memories", "list_memories", arguments=_list_args, view=_list_view),
        Binding("GET", "/memokit/v1/memories/{id}", "get_memory", view=memory_view,
                arguments=lambda parts: {**_id_args(parts), "include_deleted": False}),
        Binding("DELETE", "/memokit/v1/memories/{id}", "purge_memory", arguments=_id_args),
    ],
)
