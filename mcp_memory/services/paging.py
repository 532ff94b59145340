"""The paging shapes OpenMemory's list routes share (memories, apps, access log).

They live here rather than in `tools/`, where every module is loaded as a
module of operations.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


def page_field() -> Any:
    """`page`, counted from 1, as every OpenMemory list takes it."""
    return Field(default=1, ge=1, le=1_000_000)


def page_size_field(default: int = 10) -> Any:
    """`page_size` (`size` on some routes): OpenMemory caps a page at 100."""
    return Field(default=default, ge=1, le=100)


class Paged(BaseModel):
    """The head of OpenMemory's app and access-log pages; each adds its list after these fields."""

    total: int
    page: int
    page_size: int
