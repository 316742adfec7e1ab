"""Python's cyclic garbage collector runs on the UI thread only (Anki's aqt does the same).

Left automatic, a collection can start in whichever thread allocates — a device
or network worker — and destroy a QObject that belongs to the UI thread there,
which Qt reports ("Timers cannot be stopped from another thread") or worse.
So the kiosk turns automatic collection off and collects on the UI thread: after
each session's wipe (a quiet moment) and once a minute.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 60_000


class UiThreadGc(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)

    def install(self) -> None:
        gc.disable()
        self._timer.start(INTERVAL_MS)

    def uninstall(self) -> None:
        self._timer.stop()
        gc.enable()

    @staticmethod
    def collect() -> None:
        gc.collect()
