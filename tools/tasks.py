"""Background tasks (smart ingest): follow one, retry a failed one."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from mcp_memory.errors import NotFound
from mcp_memory.registry import REGISTRY, Ctx


class TaskIdIn(BaseModel):
    task_id: str = Field(min_length=1, max_length=200)


class TaskOut(BaseModel):
    id: str
    kind: str
    status: str = Field(description="pending, running, completed or failed")
    attempts: int
    result: dict[str, Any] | None = None
    error: str | None = Field(default=None, description="Why the last attempt failed, if it did.")
    created_at: str
    updated_at: str


def _view(task: dict[str, Any]) -> TaskOut:
    return TaskOut(id=task["id"], kind=task["kind"], status=task["status"], attempts=task["attempts"],
                   result=task["result"], error=task["error"], created_at=task["created_at"],
                   updated_at=task["updated_at"])


@REGISTRY.operation(title="Get task", read_only=True, idempotent=True, mcp=False)
async def get_task(ctx: Ctx, args: TaskIdIn) -> TaskOut:
    """The state of a background task, e.g. the ingest started by posting messages."""
    task = await ctx.runtime.tasks.get(ctx.caller.account_id, args.task_id)
    if task is None:
        raise NotFound(f"not found: task {args.task_id}")
    return _view(task)


@REGISTRY.operation(title="Retry task", mcp=False)
async def retry_task(ctx: Ctx, args: TaskIdIn) -> TaskOut:
    """Run a failed task again from the start (its raw input was kept)."""
    return _view(await ctx.runtime.ingestor.retry(ctx.caller, args.task_id))
