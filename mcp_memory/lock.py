"""One process per data directory.

Two processes writing one Chroma path corrupt it silently, so the process
that opens the stores holds an exclusive `flock` on `<data_dir>/owner.lock`
and writes into it where it can be reached (`url`). A second process reads
that and forwards to the owner instead of opening the stores.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


@dataclass
class Owner:
    pid: int
    mode: str
    url: str | None


class DataDirLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "owner.lock"
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def publish(self, mode: str, url: str | None) -> None:
        """Tell would-be second processes who owns the directory and where to reach it."""
        assert self._file is not None, "publish before acquire"
        self._file.seek(0)
        self._file.truncate()
        self._file.write(json.dumps({"pid": os.getpid(), "mode": mode, "url": url}))
        self._file.flush()
        os.fsync(self._file.fileno())

    def owner(self) -> Owner | None:
        """Who holds the lock, as it announced itself; None if unreadable or not yet announced."""
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return None
        if "pid" not in data:
            return None
        return Owner(pid=int(data["pid"]), mode=str(data.get("mode", "")), url=data.get("url"))

    def release(self) -> None:
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
