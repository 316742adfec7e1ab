"""A card over the whole window with what is behind it dimmed (还在吗？, 放弃本次办理？)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


class Overlay(QWidget):
    def __init__(self, parent: QWidget, object_name: str):
        super().__init__(parent)
        self.setObjectName(object_name)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("idleCard")
        self.card.setMaximumWidth(900)
        self.column = QVBoxLayout(self.card)
        self.column.setContentsMargins(40, 40, 40, 40)
        self.column.setSpacing(24)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        """Show over the whole parent, on top (in 轮椅模式 over its lower part, where the
        window's content is: the parent's "lowTop" property)."""
        top = int(self.parentWidget().property("lowTop") or 0)
        self.setGeometry(self.parentWidget().rect().adjusted(0, top, 0, 0))
        width = min(900, max(320, self.parentWidget().width() - 64))
        self.card.setFixedWidth(width)
        self.card.setMinimumHeight(self.card.heightForWidth(width))   # its wrapped title, whole
        self.raise_()
        self.show()

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.cover()                  # keep covering the window
        return False

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 170))  # dim what is behind
        p.end()
