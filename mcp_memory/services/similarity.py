"""A similarity scale for clients that think in "threshold 0.5" terms (Memokit), over the pipeline's scores.

The retrieval pipeline's 0-1 score is a relevance blend (rank, embedding
similarity, query-term coverage), not a cosine: a plainly relevant memory
often scores 0.4-0.6 and the pipeline's own bar (`default_min_score`) is 0.3.
A client's default threshold of 0.5 read on that scale would drop plainly
relevant memories. This scale maps the pipeline's bar to 0.5, keeps 0 and 1,
and is linear in between, so "0.5" means "relevant by the server's own
standard" and higher thresholds ask for stronger matches.
"""

from __future__ import annotations

MIDPOINT = 0.5


def _bar(bar: float) -> float:
    return min(max(bar, 0.01), 0.99)


def similarity_of(score: float, bar: float) -> float:
    """A pipeline score on the similarity scale."""
    b = _bar(bar)
    if score <= b:
        value = score / b * MIDPOINT
    else:
        value = MIDPOINT + (score - b) / (1 - b) * (1 - MIDPOINT)
    return round(min(max(value, 0.0), 1.0), 6)


def score_for(similarity: float, bar: float) -> float:
    """The pipeline score a similarity threshold corresponds to (the inverse of `similarity_of`)."""
    b = _bar(bar)
    if similarity <= MIDPOINT:
        return similarity / MIDPOINT * b
    return b + (similarity - MIDPOINT) / (1 - MIDPOINT) * (1 - b)
