"""On-screen keys for a kiosk with no keyboard: digits (phone and ID numbers) and
the 26 letters of pinyin initials (searching "hjzm" finds 户籍证明).

With `set_target(line_edit)` a pad types into that field itself; the signals
are there for anyone else who wants the keys. The keys never take the focus,
so the field keeps its cursor.
"""
from __future__ import annotations

import string

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from screens.widgets import BigButton


class KeyPad(QWidget):
    key_pressed = Signal(str)
    backspace_pressed = Signal()

    def __init__(self, keys: list[tuple[str, str]], columns: int, object_name: str,
                 parent: QWidget | None = None):
        """`keys`: (label, text typed) in reading order; 删除 comes last."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self._target: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setSpacing(8)
        self.buttons: dict[str, BigButton] = {}
        for i, (label, typed) in enumerate(keys):
            b = BigButton(label, f"输入 {label}", "key")
            b.clicked.connect(lambda _=False, k=typed: self._press(k))
            grid.addWidget(b, i // columns, i % columns)
            self.buttons[label] = b
        back = BigButton("删除", "删除最后一个字", "key")
        back.clicked.connect(self._backspace)
        n = len(keys)
        grid.addWidget(back, n // columns, n % columns, 1, max(1, columns - n % columns))
        self.buttons["back"] = back
        for b in self.buttons.values():
            b.setFocusPolicy(Qt.NoFocus)

    def set_target(self, edit: QLineEdit | None) -> None:
        self._target = edit

    def target(self) -> QLineEdit | None:
        return self._target

    def _press(self, key: str) -> None:
        if self._target is not None and not self._target.isReadOnly():
            self._target.insert(key)
        self.key_pressed.emit(key)

    def _backspace(self) -> None:
        if self._target is not None and not self._target.isReadOnly():
            self._target.backspace()
        self.backspace_pressed.emit()


class NumberPad(KeyPad):
    """Digits, and X for the last character of an ID number."""

    def __init__(self, allow_x: bool = True, parent: QWidget | None = None):
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0"]
        super().__init__([(k, k) for k in keys], 3, "numberPad", parent)
        self.set_allow_x(allow_x)

    def set_allow_x(self, allow: bool) -> None:
        self.buttons["X"].setEnabled(allow)
        self.buttons["X"].setVisible(allow)


class LetterPad(KeyPad):
    """A–Z in alphabetical order (easier to find than QWERTY for someone who never
    typed), typing lowercase pinyin initials."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__([(c, c.lower()) for c in string.ascii_uppercase], 9, "letterPad", parent)
