"""What a control says when it is touched or reached by the keypad: its role or state and
its accessible name, then its description ("按钮，下一步。信息填好了，进入下一步").

A text field says whether it is filled, never what it holds (a hall is a public room)."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from screens.i18n import language, tr, tr_noop

BUTTON = tr_noop("按钮，{name}")
CHECKED = tr_noop("已选择，{name}")
UNCHECKED = tr_noop("未选择，{name}")
TICKED = tr_noop("已勾选，{name}")
UNTICKED = tr_noop("未勾选，{name}")
FIELD_FILLED = tr_noop("输入框，{name}，已填写")
FIELD_EMPTY = tr_noop("输入框，{name}，未填写")
DIMMED = tr_noop("{what}，暂不可用")
CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit)


def control_of(widget: QWidget | None) -> QWidget | None:
    """The control `widget` belongs to (a touch lands on a button's label or a field's viewport)."""
    while widget is not None and not isinstance(widget, CONTROLS):
        widget = widget.parentWidget()
    return widget


def name_of(widget: QWidget) -> str:
    name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
    return " ".join(name.split())


def describe(widget: QWidget) -> str:
    name = name_of(widget)
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        filled = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        what = tr(FIELD_FILLED if filled else FIELD_EMPTY).format(name=name)
    elif isinstance(widget, QCheckBox):
        what = tr(TICKED if widget.isChecked() else UNTICKED).format(name=name)
    elif isinstance(widget, QAbstractButton) and widget.isCheckable():
        what = tr(CHECKED if widget.isChecked() else UNCHECKED).format(name=name)
    else:
        what = tr(BUTTON).format(name=name)
    if not widget.isEnabled():
        what = tr(DIMMED).format(what=what)
    desc = " ".join(widget.accessibleDescription().split())
    if desc and desc != name:
        what += (". " if language() == "en" else "。") + desc
    return what
