"""Readings of this process and machine that every benchmark prints."""

from __future__ import annotations

import resource
from pathlib import Path


def rss_now_mb() -> float:
    """Resident set size now (Linux /proc), in MB; NaN where /proc is unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
