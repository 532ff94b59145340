"""Run a job every so often until asked to stop: the sweeper and the tier job share this."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import anyio

logger = logging.getLogger(__name__)


async def every(interval_seconds: float, stop: anyio.Event, job: Callable[[], Awaitable[object]], name: str) -> None:
    """Wait `interval_seconds`, run `job`, repeat; return as soon as `stop` is set. A failing run is logged."""
    while True:
        with anyio.move_on_after(interval_seconds):
            await stop.wait()
        if stop.is_set():
            return
        try:
            result = await job()
            if result:
                logger.info("%s: %s", name, result)
        except Exception:
            logger.exception("%s failed; will run again in %.0fs", name, interval_seconds)
