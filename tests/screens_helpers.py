"""Shared helpers for the screen tests: show a widget, walk its texts."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)

from screens.theme import register_ui_font, theme_text

# fictitious resident data (GB 11643 check digit is right; nobody real)
NAME = "张三丰"
MASKED_NAME = "张*丰"
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
TRACKING = "T2026112600001"
PERSONAL = [NAME, MASKED_NAME, ID_NUMBER, PHONE, TRACKING]


def show(qtbot, widget: QWidget, themed: bool = True, size=(1080, 1600)) -> QWidget:
    qtbot.addWidget(widget)
    if themed:
        register_ui_font()                  # the screens' font, as apply_theme adds it
        widget.setStyleSheet(theme_text())  # per widget: other tests keep a plain app
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def all_texts(root: QWidget) -> list[str]:
    """Every string a child widget shows or speaks."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        texts += [w.accessibleName(), w.accessibleDescription(), w.toolTip(), w.windowTitle()]
        if isinstance(w, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
    return texts


def personal_left(root: QWidget) -> list[str]:
    return [t for t in all_texts(root) for p in PERSONAL if p in t]


def controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTextEdit)
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds)]


def button_with_text(root: QWidget, text: str) -> QAbstractButton:
    found = [b for b in root.findChildren(QAbstractButton) if b.text() == text]
    assert len(found) == 1, f"{len(found)} buttons say {text!r}"
    return found[0]
