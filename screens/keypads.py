"""On-screen keys for a kiosk with no keyboard: digits (phone and ID numbers) and
the 26 letters of pinyin initials (searching "hjzm" finds 户籍证明).

With `set_target(line_edit)` a pad types into that field itself; the signals
are there for anyone else who wants the keys. The keys never take the focus,
so the field keeps its cursor.
"""
from __future__ import annotations

import string

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from screens.widgets import BigButton
from screens.i18n_marks import tr_noop


class KeyPad(QWidget):
    key_pressed = Signal(str)
    backspace_pressed = Signal()
    closed = Signal()                 # 收起 (a pad that can close itself)

    def __init__(self, keys: list[tuple[str, str]], columns: int, object_name: str,
                 parent: QWidget | None = None, closable: bool = False):
        """`keys`: (label, text typed) in reading order; 删除 (and 收起) come last.
        `columns`: the preferred number of columns; fewer where the keys would not fit."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self._target: QLineEdit | None = None
        self._grid = QGridLayout(self)
        self._grid.setSpacing(10)        # ≥ 8 px between keys, after the grid's rounding
        self._columns, self._laid_out = columns, 0
        self.buttons: dict[str, BigButton] = {}
        for label, typed in keys:
            b = BigButton("", "", "key")
            b.set_source("{k}", tr_noop("输入 {k}"), k=label)
            b.clicked.connect(lambda _=False, k=typed: self._press(k))
            self.buttons[label] = b
        self._keys = list(self.buttons.values())
        back = BigButton(tr_noop("删除"), tr_noop("删除最后一个字"), "key")
        back.clicked.connect(self._backspace)
        self.buttons["back"] = back
        self._wide = [back]
        if closable:
            done = BigButton(tr_noop("收起"), tr_noop("输入完成，收起按键"), "key")
            done.clicked.connect(self.closed)
            self.buttons["close"] = done
            self._wide.append(done)
        for b in self.buttons.values():
            b.setFocusPolicy(Qt.NoFocus)
        self._lay_out(columns)

    def _lay_out(self, columns: int) -> None:
        """Keys in reading order, `columns` a row; 删除 and 收起 two cells each where they fit."""
        if columns == self._laid_out:
            return
        self._laid_out = columns
        for b in self.buttons.values():
            self._grid.removeWidget(b)
        cell = 0
        for b in self._keys:
            self._grid.addWidget(b, cell // columns, cell % columns)
            cell += 1
        for b in self._wide:
            span = 2 if columns >= 4 else 1
            if cell % columns + span > columns:
                cell += columns - cell % columns
            self._grid.addWidget(b, cell // columns, cell % columns, 1, span)
            cell += span
        for c in range(max(columns, self._grid.columnCount())):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)

    MIN_COLUMNS = 3

    def _fit(self, width: int) -> int:
        key = max(max(b.minimumWidth(), b.minimumSizeHint().width()) for b in self._keys) + self._grid.spacing()
        return min(self._columns, max(self.MIN_COLUMNS, (width + self._grid.spacing()) // max(1, key)))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._lay_out(self._fit(self.width()))

    # As narrow as three keys a row (it reflows when given less); as tall as its rows now.
    def minimumSizeHint(self):  # noqa: N802
        key = max(b.minimumWidth() for b in self._keys)
        width = self.MIN_COLUMNS * key + (self.MIN_COLUMNS - 1) * self._grid.spacing()
        return QSize(width, self._grid.minimumSize().height())

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

    def __init__(self, allow_x: bool = True, parent: QWidget | None = None, closable: bool = False):
        # Four columns: 1-2-3-4 / 5-6-7-8 / 9-0-X-删除 (+ 收起): three rows, not five.
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "X"]
        super().__init__([(k, k) for k in keys], 4, "numberPad", parent, closable)
        self.set_allow_x(allow_x)

    def set_allow_x(self, allow: bool) -> None:
        self.buttons["X"].setEnabled(allow)
        self.buttons["X"].setVisible(allow)


class AlnumPad(KeyPad):
    """Digits and A–Z (local receipt numbers carry letters), typing upper case."""

    def __init__(self, parent: QWidget | None = None):
        keys = list("1234567890") + list(string.ascii_uppercase)
        super().__init__([(c, c) for c in keys], 10, "alnumPad", parent)


class LetterPad(KeyPad):
    """A–Z in alphabetical order (easier to find than QWERTY for someone who never
    typed), typing lowercase pinyin initials."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__([(c, c.lower()) for c in string.ascii_uppercase], 9, "letterPad", parent)
