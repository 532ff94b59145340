"""A deterministic bag-of-words embedder with no model.

For tests and tiny machines: same text gives the same vector in every process
(blake2b, not Python's salted `hash()`), texts sharing words score higher
cosine than unrelated ones. CJK text has no spaces, so it contributes single
characters and overlapping character pairs instead of words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Han, Hiragana, Katakana, Hangul: scripts written without spaces between words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; CJK runs become single chars plus character pairs."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        pos = 0
        for run in _CJK.finditer(word):
            if run.start() > pos:
                out.append(word[pos : run.start()])
            chars = run.group()
            out.extend(chars)
            out.extend(chars[i : i + 2] for i in range(len(chars) - 1))
            pos = run.end()
        if pos < len(word):
            out.append(word[pos:])
    return out


class HashingEmbedder:
    """Signed feature hashing of tokens into `dims` buckets, L2-normalised."""

    multilingual = False

    def __init__(self, dims: int = 384) -> None:
        if dims < 1:
            raise ValueError("dims must be positive")
        self.dims = dims
        self.model_id = f"hashing-{dims}"
        self.name = f"hashing bag-of-words ({dims} dims)"

    def _bucket(self, token: str) -> tuple[int, float]:
        value = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
        return (value >> 1) % self.dims, (1.0 if value & 1 else -1.0)

    def embed_one(self, text: str) -> list[float]:
        """One unit vector, never all zeros (cosine distance would be NaN)."""
        vec = np.zeros(self.dims, dtype=np.float64)
        for token in tokens(text):
            index, sign = self._bucket(token)
            vec[index] += sign
        norm = float(np.linalg.norm(vec))
        if norm == 0:  # no tokens, or signed counts cancelled out: fall back to the empty token
            index, sign = self._bucket("")
            vec[index], norm = sign, 1.0
        return (vec / norm).tolist()

    def embed_sync(self, texts: Sequence[str]) -> list[list[float]]:
        return [self.embed_one(t) for t in texts]

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Cheap enough to run on the event loop."""
        return self.embed_sync(texts)
