"""The base of every screen: shows state, emits intents, wipes itself.

Screens never touch a driver, a socket or the database. The application
(kiosk/flows) calls their methods with plain data and listens to their signals.

Every screen has the same three parts, so that it fits any display from
1024×768 up and never makes the window grow: a heading (the instruction), a
body that scrolls inside the screen, and a row of actions (the primary one
last) that never scrolls away.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QTextEdit, QVBoxLayout, QWidget,
)


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

    def __init__(self, parent: QWidget | None = None, scroll: bool = True, heading: str = ""):
        super().__init__(parent)
        from screens.widgets import make_label, make_scroll
        self.setObjectName(self.name)
        # Small minimum: the window is the size of the screen, and the content scrolls.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._personal_labels: list[QLabel] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        outer.setSpacing(16)
        self.heading = make_label(heading, "title")
        self.heading.setVisible(bool(heading))
        outer.addWidget(self.heading)
        self.body_widget = QWidget()
        self.body_widget.setObjectName("screenBody")
        self.body = QVBoxLayout(self.body_widget)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(16)
        self.scroll = make_scroll(self.body_widget) if scroll else None
        outer.addWidget(self.scroll or self.body_widget, 1)
        self.actions_widget = QWidget()
        self.actions_widget.setObjectName("screenActions")
        self.actions = QHBoxLayout(self.actions_widget)
        self.actions.setContentsMargins(0, 0, 0, 0)
        self.actions.setSpacing(16)
        self.actions_widget.hide()        # shown by add_action
        outer.addWidget(self.actions_widget)
        self._outer = outer

    def set_heading(self, source: str, **args) -> None:
        self.heading.set_source(source, **args)
        self.heading.setVisible(bool(source))

    def add_action(self, button: QWidget, stretch: int = 1) -> QWidget:
        """A button in the fixed action row (add the primary one last: it sits at the right)."""
        self.actions.addWidget(button, stretch)
        self.actions_widget.show()
        return button

    def add_above_actions(self, widget: QWidget) -> QWidget:
        """A widget fixed just above the action row: what the primary action waits for
        (the consent box on the review) must never be scrolled out of sight."""
        self._outer.insertWidget(self._outer.indexOf(self.actions_widget), widget)
        return widget

    def give_keys_the_room(self, keys: QWidget, on: bool) -> bool:
        """On-screen keys (a number pad, a keyboard) under the body take the heading's and the
        action row's room while open, as a phone's keyboard covers the bottom. True when
        they opened or closed."""
        changed = on != keys.isVisible()
        keys.setVisible(on)
        side = 8 if on else 32           # the keys get the screen's whole width (1024 px in 长辈模式)
        self.layout().setContentsMargins(side, 16, side, 16)
        self.heading.setVisible(not on)
        self.actions_widget.setVisible(not on)
        return changed

    def scroll_to(self, widget: QWidget) -> None:
        if self.scroll is not None:
            self.scroll.ensureWidgetVisible(widget)

    def scroll_home(self) -> None:
        """Back to the top of the page: the next resident starts where the page starts."""
        if self.scroll is not None:
            self.scroll.verticalScrollBar().setValue(0)

    def mark_personal(self, label: QLabel) -> QLabel:
        """Remember a label that can show personal data, so wipe() clears it."""
        self._personal_labels.append(label)
        return label

    def entered(self) -> None:
        """Called by the navigator when this screen becomes visible."""

    def left(self) -> None:
        """Called by the navigator when another screen replaces this one."""

    def wipe(self) -> None:
        self.scroll_home()
        for label in self._personal_labels:
            label.clear()
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for edit in self.findChildren(QTextEdit) + self.findChildren(QPlainTextEdit):
            edit.clear()
