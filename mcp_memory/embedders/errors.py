"""The one error embedders raise, so callers need not know provider exceptions."""

from __future__ import annotations


class EmbeddingError(RuntimeError):
    """Embedding failed; the message names the model and cause but never a secret."""
