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
    left = Signal(int)        # seconds to the wipe in the last COUNTDOWN_S; -1: not counting
    COUNTDOWN_S = 30          # the bottom bar shows the wipe coming this long before it

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
        self._last_left = -1

    def show_on(self, prompt, bottombar, say) -> None:
        """The countdown on the idle prompt (spoken) and, in its last seconds, in the bottom bar."""
        self.prompt.connect(prompt.show_countdown)
        self.prompt.connect(lambda _s: say(prompt.spoken_hint()))
        self.tick.connect(prompt.set_remaining)
        self.resumed.connect(prompt.hide_prompt)
        self.left.connect(lambda n: bottombar.set_countdown(n if n >= 0 else None))
        prompt.still_here.connect(self.reset)

    def set_active(self, active: bool) -> None:
        """Active only while a resident is in a transaction (not on the attract screen)."""
        self.reset()
        if active:
            self._timer.start()
        else:
            self._timer.stop()
            self._say_left(-1)
            if self._prompting:
                self._prompting = False
                self.resumed.emit()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def reset(self) -> None:
        self._since.restart()
        self._say_left(-1)
        if self._prompting:
            self._prompting = False
            self.resumed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in INPUT_EVENTS and self.active:
            # Input while prompting only counts through the "我还在" button or any touch.
            self.reset()
        return False  # never eat the event

    def _say_left(self, secs: int) -> None:
        if secs != self._last_left:
            self._last_left = secs
            self.left.emit(secs)

    def _check(self) -> None:
        elapsed = self._since.elapsed()
        total_left_ms = self.timeout_ms + self.prompt_s * 1000 - elapsed
        if total_left_ms <= self.COUNTDOWN_S * 1000:
            self._say_left(max(0, (total_left_ms + 999) // 1000))
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
