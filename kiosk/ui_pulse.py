"""A timer on the UI thread's event loop: how late it runs, and systemd's watchdog.

Each tick measures how much later than asked the loop ran it (the UI lag
histogram) and, at the watchdog's pace, sends WATCHDOG=1. Because the ping
comes from this loop and nowhere else, a frozen UI thread stops it and
systemd restarts the kiosk, while a busy worker thread does not (the loop
keeps turning). Two or four wake-ups a second: nothing on idle CPU.
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer

DEFAULT_INTERVAL_MS = 500


class UiPulse(QObject):
    def __init__(self, on_lag: Callable[[float], None], notifier=None, parent: QObject | None = None):
        super().__init__(parent)
        self._on_lag = on_lag
        self._notifier = notifier
        every = notifier.watchdog_interval_s if notifier is not None else 0.0
        self._ping_every = every
        # Tick at least four times per watchdog ping, so one late tick does not miss it.
        self.interval_ms = DEFAULT_INTERVAL_MS if not every else max(20, min(DEFAULT_INTERVAL_MS,
                                                                               int(every * 250)))
        self._last_ping = 0.0
        self._since = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)   # a coarse timer's slack would read as lag
        self._timer.setInterval(self.interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._since.start()
        self._timer.start()
        self._ping()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        elapsed_ms = self._since.restart()
        self._on_lag(max(0, elapsed_ms - self.interval_ms) / 1000.0)
        self._ping()

    def _ping(self) -> None:
        if not self._ping_every:
            return
        now = time.monotonic()
        if now - self._last_ping >= self._ping_every:
            self._last_ping = now
            self._notifier.watchdog()
