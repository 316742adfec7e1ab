"""The base of every screen: shows state, emits intents, wipes itself.

Screens never touch a driver, a socket or the database. The application
(kiosk/app) calls their methods with plain data and listens to their signals.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTextEdit, QWidget, QPlainTextEdit


class Screen(QWidget):
    """One screen of the kiosk.

    `back_requested` and `cancel_requested` are the two intents every screen
    may emit (the navigator decides what they mean). `wipe()` must leave no
    personal data in any child widget; the default clears every text field
    and every label marked personal with `mark_personal(label)`.
    """

    name = "screen"
    back_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(self.name)
        self._personal_labels: list[QLabel] = []

    def mark_personal(self, label: QLabel) -> QLabel:
        """Remember a label that can show personal data, so wipe() clears it."""
        self._personal_labels.append(label)
        return label

    def entered(self) -> None:
        """Called by the navigator when this screen becomes visible."""

    def left(self) -> None:
        """Called by the navigator when another screen replaces this one."""

    def wipe(self) -> None:
        for label in self._personal_labels:
            label.clear()
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for edit in self.findChildren(QTextEdit) + self.findChildren(QPlainTextEdit):
            edit.clear()
