"""The keypad's focus ring: a thick amber frame with a dark edge around the control the keypad
is on, drawn above the window's content and letting every touch through.

Large and two-coloured so it shows on any background (a resident with low vision follows it),
and it is drawn, never styled in, so no control changes its size when the ring arrives."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

RING = 8         # px of amber
EDGE = 3         # px of near-black on each side of it


class FocusRing(QWidget):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self._follow = QTimer(self)         # the control moves (scrolling, a relayout): the ring follows
        self._follow.setInterval(200)
        self._follow.timeout.connect(self.place)
        self.hide()

    def show_on(self, widget: QWidget | None) -> None:
        self.target = widget
        if widget is None:
            self._follow.stop()
            self.hide()
            return
        self.place()
        self._follow.start()

    def place(self) -> None:
        target, window = self.target, self.parentWidget()
        if target is None or not target.isVisibleTo(window):
            self.hide()
            return
        pad = RING + 2 * EDGE
        top_left = target.mapTo(window, target.rect().topLeft())
        rect = QRect(top_left, target.size()).adjusted(-pad, -pad, pad, pad).intersected(window.rect())
        if rect != self.geometry():
            self.setGeometry(rect)
        self.show()
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.rect()
        for width, colour, inset in ((RING + 2 * EDGE, "#1A1A1A", 0), (RING, "#FFB300", EDGE)):
            pen = QPen(QColor(colour), width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            p.setPen(pen)
            half = inset + width / 2
            p.drawRect(r.adjusted(int(half), int(half), -int(half + 0.5), -int(half + 0.5)))
        p.end()
