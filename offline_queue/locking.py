"""Who has the outbox open: a shared flock per open store, an exclusive one to repair it.

Every `Outbox` holds a shared lock on `<db>.lock` for as long as it is open, so
the file is never swapped under a live connection (a put into a file that was
just moved aside would be a silent loss). Repairing a damaged file, or
compacting the journal, needs the lock exclusively: only while no other store
has the file open. The kernel drops the locks of a killed process.
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class OutboxBusy(RuntimeError):
    """Another process is repairing the outbox (or holds it) for longer than we would wait."""


class OutboxLock:
    def __init__(self, db_path: str | os.PathLike):
        self.path = Path(str(db_path) + ".lock")
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        self.mode: int | None = None

    def _take(self, mode: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        pause = 0.005
        while True:
            try:
                fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
                self.mode = mode
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(pause)
                pause = min(pause * 2, 0.1)

    def try_exclusive(self) -> bool:
        return self._take(fcntl.LOCK_EX, 0)

    def exclusive(self, timeout: float) -> bool:
        return self._take(fcntl.LOCK_EX, timeout)

    def shared(self, timeout: float = 120.0) -> None:
        """Converting from exclusive is not atomic on Linux; callers reopen their connections after."""
        if not self._take(fcntl.LOCK_SH, timeout):
            raise OutboxBusy(f"{self.path}: the outbox stayed locked for {timeout:.0f} s (a repair in "
                             f"another process?) / 发件箱被其他进程长时间占用（可能正在修复）")

    def release(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self.mode = None

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)   # drops the lock
            self._fd = -1
            self.mode = None
