"""Report the first paint of a widget (start-up benchmark and smoke tests).

With KIOSK_FIRST_PAINT_EXIT=1 in the environment, `kiosk run` prints
`first-paint <unix time>` when the first screen has been painted, then quits.
With KIOSK_FIRST_PAINT_EXIT=modules it also prints, one per line, the Python
modules that were loaded at that moment (what the first screen waited for).
"""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

ENV = "KIOSK_FIRST_PAINT_EXIT"


class _FirstPaint(QObject):
    def __init__(self, widget, callback, deferred: bool):
        super().__init__(widget)
        self._callback = callback
        self._deferred = deferred
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            obj.removeEventFilter(self)
            painted_at = time.time()
            if self._deferred:
                # After the paint returns, so the frame is on screen before more work starts.
                QTimer.singleShot(0, lambda: callback(painted_at))
            else:
                callback(painted_at)
        return False


def on_first_paint(widget, callback, deferred: bool = True) -> None:
    """Call `callback(painted_at)` once, right after `widget` is first painted
    (on the next event-loop turn; with deferred=False, during the paint)."""
    _FirstPaint(widget, callback, deferred)


def _report(painted_at: float, modules: bool) -> None:
    lines = [f"first-paint {painted_at:.6f}"]
    if modules:
        lines += sorted(sys.modules)
    print("\n".join(lines), flush=True)
    # exit(), not quit(): quit() would be refused by the locked window.
    QTimer.singleShot(0, lambda: QApplication.instance().exit(0))


def watch_if_asked(widget) -> None:
    mode = os.environ.get(ENV)
    if mode:
        on_first_paint(widget, lambda t: _report(t, mode == "modules"), deferred=False)
