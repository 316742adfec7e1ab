"""Report the first paint of a widget (start-up benchmark and smoke tests).

With KIOSK_FIRST_PAINT_EXIT=1 in the environment, `kiosk run` prints
`first-paint <unix time>` when the first screen has been painted, then quits.
"""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

ENV = "KIOSK_FIRST_PAINT_EXIT"


class _FirstPaint(QObject):
    def __init__(self, widget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            obj.removeEventFilter(self)
            painted_at = time.time()
            # Run after the paint returns, so the frame is on screen before more work starts.
            QTimer.singleShot(0, lambda: callback(painted_at))
        return False


def on_first_paint(widget, callback) -> None:
    """Call `callback(painted_at)` once, on the event loop, right after `widget` is first painted."""
    _FirstPaint(widget, callback)


def _report_and_exit(painted_at: float) -> None:
    print(f"first-paint {painted_at:.6f}", flush=True)
    sys.stdout.flush()
    QApplication.instance().exit(0)   # quit() would be refused by the locked window


def watch_if_asked(widget) -> None:
    if os.environ.get(ENV):
        on_first_paint(widget, _report_and_exit)
