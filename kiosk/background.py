"""Run blocking work off the UI thread and post the result back (Anki's aqt style).

Each lane is a single-purpose executor: "outbox" has one thread (one writer owns
the queue connection), "network" a few, "voice" one (starting the speech engine
must not wait behind a PIN check or a catalog build on "misc"). The callback runs on the UI thread.
"""
from __future__ import annotations

import itertools
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

LANES = {"outbox": 1, "network": 2, "misc": 1, "voice": 1}


class TaskRunner(QObject):
    # Emitted from worker threads; Qt queues it to the runner's (UI) thread.
    _finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pools = {name: ThreadPoolExecutor(n, thread_name_prefix=f"kiosk-{name}")
                       for name, n in LANES.items()}
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._ids = itertools.count(1)
        self._finished.connect(self._deliver)
        self._closed = False

    def run(self, lane: str, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> int:
        if self._closed:
            raise RuntimeError("task runner is shut down")
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)

        def work():
            try:
                result = fn()
            except BaseException as exc:  # delivered to on_error on the UI thread
                self._finished.emit(task_id, None, exc)
            else:
                self._finished.emit(task_id, result, None)

        self._pools[lane].submit(work)
        return task_id

    def _deliver(self, task_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error = self._callbacks.pop(task_id, (None, None))
        if error is not None:
            if on_error is None:
                raise error  # reaches the application's exception guard
            on_error(error)
        elif on_done is not None:
            on_done(result)

    def forget_callbacks(self) -> None:
        """A wipe: results that arrive later must not touch the new session."""
        self._callbacks = {k: (None, lambda e: None) for k in self._callbacks}

    @property
    def closed(self) -> bool:
        """Shut down: a late timer's work has nowhere to run."""
        return self._closed

    def shutdown(self, wait: bool = True) -> None:
        self._closed = True
        for pool in self._pools.values():
            pool.shutdown(wait=wait, cancel_futures=True)
