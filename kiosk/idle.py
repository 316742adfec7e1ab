"""Idle timeout: any input resets it; after the timeout a visible countdown, then expiry.

An application-wide event filter sees every input event without eating it.
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.KeyPress, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel, QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    prompt = Signal(int)      # seconds of countdown: show "还在吗？"
    tick = Signal(int)        # seconds left in the countdown
    expired = Signal()        # wipe and go back to attract
    resumed = Signal()        # input during the countdown: hide the prompt

    def __init__(self, timeout_s: int, prompt_s: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timeout_ms = timeout_s * 1000
        self.prompt_s = prompt_s
        self._since = QElapsedTimer()
        self._since.start()
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._check)
        self._prompting = False
        self._last_tick = -1

    def set_active(self, active: bool) -> None:
        """Active only while a resident is in a transaction (not on the attract screen)."""
        self.reset()
        if active:
            self._timer.start()
        else:
            self._timer.stop()
            if self._prompting:
                self._prompting = False
                self.resumed.emit()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def reset(self) -> None:
        self._since.restart()
        if self._prompting:
            self._prompting = False
            self.resumed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in INPUT_EVENTS and self.active:
            # Input while prompting only counts through the "我还在" button or any touch.
            self.reset()
        return False  # never eat the event

    def _check(self) -> None:
        elapsed = self._since.elapsed()
        if elapsed < self.timeout_ms:
            return
        left_ms = self.timeout_ms + self.prompt_s * 1000 - elapsed
        if not self._prompting:
            self._prompting = True
            self._last_tick = self.prompt_s
            self.prompt.emit(self.prompt_s)
        if left_ms <= 0:
            self._prompting = False
            self._timer.stop()
            self.expired.emit()
            return
        secs = (left_ms + 999) // 1000
        if secs != self._last_tick:
            self._last_tick = secs
            self.tick.emit(secs)
