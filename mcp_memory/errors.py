"""Errors the services raise; each transport renders them in its own dialect.

A service never builds an HTTP response or an MCP result: it raises one of
these, and the REST shim, the dialect routes and the MCP server each turn it
into their own error shape.
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """An anticipated failure with a stable code and a message safe to show a caller."""

    status: int = 500
    code: str = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(AppError):
    """Bad arguments. `errors` keeps pydantic's per-field entries (loc, msg, type) for dialects that list them."""

    status = 400
    code = "validation_error"

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class Forbidden(AppError):
    status = 403
    code = "forbidden"


class NotFound(AppError):
    status = 404
    code = "not_found"


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"


class RateLimited(AppError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QuotaExceeded(RateLimited):
    """The account's monthly memory quota is used up; `retry_after` runs to the next month (UTC)."""

    code = "quota_exceeded"


class ContentTooLong(InvalidInput):
    """Content over a documented length limit (Memokit: CONTENT_TOO_LONG); other dialects see a validation error."""


class InvalidUserId(InvalidInput):
    """A user id that is missing where required, malformed, or not one the caller may act for (Memokit: INVALID_USER_ID)."""
