"""Explore by touch, and the instruction said again after silence (with 语音播报 on).

As phone screen readers do: the first touch on a control says what it is and its state
("按钮，下一步", "已选择，窗口领取") and moves the keypad's ring there; a second touch on
the same control within 2 s activates it. 语音播报 itself answers the first touch, so a
resident who switched voice on by mistake turns it off with one touch. After 15 s
without a touch or a key the screen's instruction is said again (and again every 15 s).
An application-wide event filter: no screen knows about it.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer

from screens.spoken import control_of, describe

DOUBLE_S = 2.0
REPEAT_MS = 15000
PRESS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
RELEASE = QEvent.Type.MouseButtonRelease
INPUT = (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin)


class TouchReader(QObject):
    def __init__(self, tools, window, keypad, exempt=(), clock=time.monotonic):
        super().__init__(tools)
        self.tools, self.window, self.keypad, self.clock = tools, window, keypad, clock
        self.exempt = tuple(exempt)          # controls a first touch activates (语音播报)
        self._armed, self._armed_at = None, 0.0
        self._swallowing = None
        self.repeat = QTimer(self)
        self.repeat.setInterval(REPEAT_MS)
        self.repeat.timeout.connect(self._repeat)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind in INPUT and self.tools.prefs.voice:
            self.repeat.start()                   # any input: the silence starts again
        if kind not in PRESS and kind != RELEASE:
            return False
        if kind == RELEASE:
            if self._swallowing is not None and control_of(obj) is self._swallowing:
                self._swallowing = None
                return True
            return False
        if not self.tools.prefs.voice or not hasattr(obj, "window") or obj.window() is not self.window:
            return False
        control = control_of(obj)
        if control is None or control in self.exempt or self.keypad.ring.isAncestorOf(control):
            return False
        now = self.clock()
        if control is self._armed and now - self._armed_at <= DOUBLE_S:
            self._armed = None                    # the second touch: let it through
            return False
        self._armed, self._armed_at = control, now
        self._swallowing = control
        self.keypad.focus(control, speak=False)
        self.tools.say(describe(control))
        return True

    def voice_changed(self, on: bool) -> None:
        self._armed = None
        if on:
            self.repeat.start()
        else:
            self.repeat.stop()

    def _repeat(self) -> None:
        if not self.tools.prefs.voice:
            self.repeat.stop()
            return
        self.tools.say_current()
