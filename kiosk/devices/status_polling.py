"""What both printer workers do with each status reading: tell the hub on change, poll again.

A healthy printer is asked every POLL_READY_MS (paper runs out between jobs); an
unreachable one with growing backoff. Runs on the worker's own thread.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

POLL_READY_MS = 30_000
BACKOFF_MS = (2_000, 5_000, 10_000, 30_000, 60_000)


def note_status(worker, st, what: str, unreachable: bool) -> None:
    """`st` has device_status(), printable, reason_en/zh; `worker` has last_status,
    _last_device_status, _failures, _timer and the status_checked/status_changed signals."""
    worker.last_status = st
    worker.status_checked.emit(st)
    ds = st.device_status()
    if ds != worker._last_device_status:
        worker._last_device_status = ds
        if not st.printable:
            log.warning("%s: %s / %s", what, st.reason_en, st.reason_zh)
        worker.status_changed.emit(ds)
    if worker._timer is None:
        return
    if unreachable:
        delay = BACKOFF_MS[min(worker._failures, len(BACKOFF_MS) - 1)]
        worker._failures += 1
    else:
        delay, worker._failures = POLL_READY_MS, 0
    worker._timer.start(delay)
