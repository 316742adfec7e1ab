"""The application form: mostly prefilled, errors next to the field and on top."""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QButtonGroup, QComboBox, QLineEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.keypads import NumberPad
from screens.widgets import (
    BigButton, accessible, clear_layout, make_label, make_scroll,
)

# what each digit-like type accepts while typing (the app validates the whole value)
PATTERNS = {
    "phone": r"\d{0,11}",
    "number": r"\d{0,12}",
    "id_number": r"\d{0,17}[\dXx]?",
    "date": r"[\d-]{0,10}",
}
PLACEHOLDERS = {"date": "例如 1950-01-31", "phone": "11 位手机号码", "id_number": "18 位证件号码"}
PAD_TYPES = {"phone", "number", "id_number", "date"}
MAX_OPTION_BUTTONS = 4  # more options than this become a drop-down list


class _DateDashes:
    """Keeps a date field as YYYY-MM-DD while digits are typed or deleted."""

    def __init__(self, edit: QLineEdit):
        self.edit, self.last = edit, ""
        edit.textChanged.connect(self.changed)

    def changed(self, text: str) -> None:
        digits = re.sub(r"\D", "", text)[:8]
        parts = [digits[:4], digits[4:6], digits[6:8]]
        formatted = "-".join(p for p in parts if p)
        if len(text) > len(self.last) and len(digits) in (4, 6):
            formatted += "-"  # typed the year or month: the dash comes by itself
        self.last = formatted
        if formatted != text:
            self.edit.setText(formatted)


class FieldRow(QWidget):
    """Label, hint, the editor and its error line for one field."""

    def __init__(self, field: dict, value: str, parent=None):
        super().__init__(parent)
        self.field = field
        self.type = field.get("type", "text")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 8, 0, 8)
        label = field["label"] + ("（必填）" if field.get("required") else "")
        if field.get("readonly"):
            label += "（来自证件）"
        self.label = make_label(label, "subtitle")
        col.addWidget(self.label)
        if field.get("hint"):
            col.addWidget(make_label(field["hint"], "hint"))
        self.edit: QLineEdit | None = None
        self.combo: QComboBox | None = None
        self.group: QButtonGroup | None = None
        options = field.get("options") or []
        spoken = f"{field['label']}。{field.get('hint', '')}"
        if self.type == "select" and len(options) <= MAX_OPTION_BUTTONS:
            self.group = QButtonGroup(self)
            for opt in options:
                b = BigButton(opt, f"{field['label']}：{opt}", "option")
                b.setCheckable(True)
                b.setChecked(opt == value)
                b.setEnabled(not field.get("readonly"))
                self.group.addButton(b)
                col.addWidget(b)
        elif self.type == "select":
            self.combo = QComboBox()
            self.combo.addItems(options)
            self.combo.setCurrentIndex(options.index(value) if value in options else -1)
            self.combo.setEnabled(not field.get("readonly"))
            accessible(self.combo, field["label"], spoken)
            col.addWidget(self.combo)
        else:
            self.edit = QLineEdit(value or "")
            self.edit.setReadOnly(bool(field.get("readonly")))
            self.edit.setPlaceholderText(PLACEHOLDERS.get(self.type, ""))
            if self.type in PATTERNS:
                rx = QRegularExpression(PATTERNS[self.type])
                self.edit.setValidator(QRegularExpressionValidator(rx, self.edit))
            if self.type == "date":
                self._dashes = _DateDashes(self.edit)
            accessible(self.edit, field["label"], spoken)
            col.addWidget(self.edit)
        self.error_label = make_label("", "error")
        self.error_label.hide()
        col.addWidget(self.error_label)

    def value(self) -> str:
        if self.group is not None:
            b = self.group.checkedButton()
            return b.text() if b else ""
        if self.combo is not None:
            return self.combo.currentText() if self.combo.currentIndex() >= 0 else ""
        text = self.edit.text().strip()
        return text.upper() if self.type == "id_number" else text

    def set_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        target = self.edit or self.combo
        if target is not None:
            target.setProperty("invalid", "true" if message else "false")
            target.style().unpolish(target)
            target.style().polish(target)


class FormScreen(Screen):
    name = "form"
    title = "填写信息"
    submitted = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        col.addWidget(make_label("请核对并填写以下信息", "title"))
        self.summary_label = make_label("", "error")
        self.summary_label.hide()
        col.addWidget(self.summary_label)
        body = QWidget()
        self._rows_layout = QVBoxLayout(body)
        self._scroll = make_scroll(body)
        col.addWidget(self._scroll, 1)
        self.pad = NumberPad()
        self.pad.hide()
        col.addWidget(self.pad)
        self.submit_button = BigButton("下一步", "信息填好了，进入下一步", "primary")
        self.submit_button.clicked.connect(lambda: self.submitted.emit(self.values()))
        col.addWidget(self.submit_button)
        self.rows: dict[str, FieldRow] = {}

    def set_fields(self, fields: list[dict], values: dict) -> None:
        self._clear_rows()
        for field in fields:
            row = FieldRow(field, str(values.get(field["key"], "") or ""))
            if row.edit is not None:
                row.edit.installEventFilter(self)
            self._rows_layout.addWidget(row)
            self.rows[field["key"]] = row
        self._rows_layout.addStretch(1)
        self.show_errors({})

    def values(self) -> dict[str, str]:
        return {key: row.value() for key, row in self.rows.items()}

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field plus a summary on top; {} clears them."""
        for key, row in self.rows.items():
            row.set_error(errors.get(key))
        named = [self.rows[k].field["label"] for k in self.rows if k in errors]
        extra = [msg for k, msg in errors.items() if k not in self.rows]  # form-wide messages
        parts = []
        if named:
            parts.append(f"有 {len(named)} 项需要修改：" + "、".join(named))
        parts.extend(extra)
        self.summary_label.setText("\n".join(parts))
        self.summary_label.setVisible(bool(parts))
        first = next((self.rows[k] for k in self.rows if k in errors), None)
        if first is not None:
            self._scroll.ensureWidgetVisible(first)

    def eventFilter(self, obj, event):
        # show the number pad for digit fields, hide it for the others
        if event.type() == QEvent.FocusIn and isinstance(obj, QLineEdit):
            row = next((r for r in self.rows.values() if r.edit is obj), None)
            digits = row is not None and row.type in PAD_TYPES and not obj.isReadOnly()
            self.pad.set_target(obj if digits else None)
            self.pad.set_allow_x(bool(row) and row.type == "id_number")
            self.pad.setVisible(digits)
        return super().eventFilter(obj, event)

    def _clear_rows(self) -> None:
        self.pad.set_target(None)
        self.pad.hide()
        self.rows = {}
        clear_layout(self._rows_layout)

    def wipe(self) -> None:
        super().wipe()
        self._clear_rows()
        self.summary_label.clear()
        self.summary_label.hide()

    def spoken_hint(self) -> str:
        return "请核对并填写信息，带有必填的项目一定要填。填好后点下一步。"
