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


class FirstPaint(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # After the paint returns, so the frame is really drawn.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.time():.6f}", flush=True)
        sys.stdout.flush()
        QApplication.instance().exit(0)   # quit() would be refused by the locked window


def watch_if_asked(widget) -> None:
    if os.environ.get(ENV):
        FirstPaint(widget)
