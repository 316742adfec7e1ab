"""The application form: mostly prefilled, errors next to the field and on top.

Choices are option buttons (never a drop-down: its rows are too small to hit),
digit fields get the number pad, free text the pinyin keyboard when the flow
gives one. A field may be required only when another has a value
(邮寄地址 when 领取方式 is 邮寄送达); its label says so as soon as it applies.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import join, tr
from screens.keypads import NumberPad
from screens.widgets import BigButton, TileGrid, WrapButton, accessible, clear_layout, make_label
from screens.i18n_marks import tr_noop

# what each digit-like type accepts while typing (the app validates the whole value)
PATTERNS = {
    "phone": r"\d{0,11}",
    "number": r"\d{0,12}",
    "id_number": r"\d{0,17}[\dXx]?",
    "date": r"[\d-]{0,10}",
}
PLACEHOLDERS = {"date": tr_noop("例如 1950-01-31"), "phone": tr_noop("11 位手机号码"),
                "id_number": tr_noop("18 位证件号码")}
PAD_TYPES = {"phone", "number", "id_number", "date"}
TEXT_TYPES = {"text", "address"}


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

    def __init__(self, field: dict, value: str, display: str | None = None, parent=None):
        super().__init__(parent)
        self.field = field
        self.type = field.get("type", "text")
        self._value = value                    # a read-only value shown masked is kept here
        self._required_now = bool(field.get("required"))
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 8, 0, 8)
        col.setSpacing(8)
        self.label = make_label("", "field-label")
        col.addWidget(self.label)
        if field.get("hint"):
            col.addWidget(make_label(field["hint"], "hint"))
        self.edit: QLineEdit | None = None
        self.group: QButtonGroup | None = None
        self.combo = None                      # no drop-downs (kept for callers that look)
        options = field.get("options") or []
        shown = field.get("option_labels") or options
        spoken = f"{field['label']}。{field.get('hint', '')}"
        if self.type == "select":
            self.group = QButtonGroup(self)
            longest = max((len(o) for o in shown), default=0)
            grid = TileGrid(min_width=max(240, min(640, 28 * longest + 120)), max_columns=3)
            for opt, text in zip(options, shown):
                b = WrapButton("", "", "option")
                b.setText(text)
                b.setAccessibleName(f"{field['label']}：{text}")
                b.setAccessibleDescription(f"{field['label']}：{text}")
                b.setProperty("value", opt)
                b.setCheckable(True)
                b.setChecked(opt == value)
                b.setEnabled(not field.get("readonly"))
                self.group.addButton(b)
                grid.add(b)
            col.addWidget(grid)
        else:
            readonly = bool(field.get("readonly"))
            self.edit = QLineEdit(display if (readonly and display) else (value or ""))
            self.edit.setReadOnly(readonly)
            self.edit.setPlaceholderText(tr(PLACEHOLDERS.get(self.type, "")) if self.type in PLACEHOLDERS else "")
            if self.type in PATTERNS:
                rx = QRegularExpression(PATTERNS[self.type])
                self.edit.setValidator(QRegularExpressionValidator(rx, self.edit))
            if self.type == "date":
                self._dashes = _DateDashes(self.edit)
            accessible(self.edit, field["label"], spoken)
            self.edit.setAccessibleName(field["label"])
            self.edit.setAccessibleDescription(spoken)
            col.addWidget(self.edit)
        self.error_label = make_label("", "error")
        self.error_label.hide()
        col.addWidget(self.error_label)
        self._paint_label()

    def set_required_now(self, required: bool) -> None:
        if required != self._required_now:
            self._required_now = required
            self._paint_label()

    def _paint_label(self) -> None:
        text = self.field["label"]
        if self._required_now:
            text += tr("（必填）")
        if self.field.get("readonly"):
            text += tr("（来自证件）")
        self.label.setText(text)

    def needs_input(self) -> bool:
        """Required now, the resident's to fill in (not from the card), and still empty."""
        return self._required_now and not self.field.get("readonly") and not self.value()

    def value(self) -> str:
        if self.group is not None:
            b = self.group.checkedButton()
            return b.property("value") if b else ""
        if self.edit.isReadOnly():
            return self._value
        text = self.edit.text().strip()
        return text.upper() if self.type == "id_number" else text

    def set_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        target = self.edit
        if target is not None:
            target.setProperty("invalid", "true" if message else "false")
            target.style().unpolish(target)
            target.style().polish(target)

    def has_error(self) -> bool:
        return self.error_label.isVisible()


class FormScreen(Screen):
    name = "form"
    title = "填写信息"
    submitted = Signal(dict)
    text_input_requested = Signal(object)     # a free-text QLineEdit was touched (the flow may offer a keyboard)
    typing = Signal(bool)                     # keys opened / closed: the window gives them the room

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("请核对并填写以下信息"))
        self.summary_label = make_label("", "error")
        self.summary_label.hide()
        self.layout().insertWidget(1, self.summary_label)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(8)
        self.body.addLayout(self._rows_layout)
        self.body.addStretch(1)
        self._scroll = self.scroll
        self.keys = QWidget()                      # the number pad (or a text keyboard) under the form
        kcol = QVBoxLayout(self.keys)
        kcol.setContentsMargins(0, 0, 0, 0)
        self.pad = NumberPad(closable=True)
        self.pad.closed.connect(self.close_keys)
        kcol.addWidget(self.pad)
        self.keys.hide()
        self.layout().insertWidget(self.layout().indexOf(self.actions_widget), self.keys)
        self.text_keyboard: QWidget | None = None
        self.submit_button = BigButton(tr_noop("下一步"), tr_noop("信息填好了，进入下一步"), "primary", icon="arrow-right")
        self.submit_button.clicked.connect(self._submit)
        self.add_action(self.submit_button)
        self.rows: dict[str, FieldRow] = {}
        self._errors: dict[str, str] = {}
        self._form_wide: list[str] = []

    def set_text_keyboard(self, keyboard: QWidget) -> None:
        """A keyboard for Chinese free text (given by the flow); shown for text and address fields."""
        self.text_keyboard = keyboard
        self.keys.layout().addWidget(keyboard)
        keyboard.hide()
        keyboard.done.connect(self.close_keys)

    def set_fields(self, fields: list[dict], values: dict, display: dict | None = None) -> None:
        """`display`: what a read-only field shows instead of its value (the masked ID number)."""
        self._clear_rows()
        for field in fields:
            key = field["key"]
            row = FieldRow(field, str(values.get(key, "") or ""), (display or {}).get(key))
            if row.edit is not None:
                row.edit.installEventFilter(self)
                row.edit.textEdited.connect(lambda _t, k=key: self._edited(k))
            if row.group is not None:
                row.group.buttonClicked.connect(lambda _b, k=key: self._edited(k))
                row.group.buttonClicked.connect(lambda _b: self._show_next_to_fill())   # one choice, then the next
            self._rows_layout.addWidget(row)
            self.rows[key] = row
        self._update_conditions()
        self.show_errors({})

    def entered(self) -> None:
        # The first field the resident must fill in is in sight when the form opens
        # (the card's fields above it are checked again on the review).
        self._show_next_to_fill()

    def _show_next_to_fill(self) -> None:
        todo = next((r for r in self.rows.values() if r.needs_input()), None)
        if todo is not None:
            QTimer.singleShot(0, lambda: todo in self.rows.values() and self._scroll.ensureWidgetVisible(todo))

    def values(self) -> dict[str, str]:
        return {key: row.value() for key, row in self.rows.items()}

    def _submit(self) -> None:
        self.close_keys()
        self.submitted.emit(self.values())

    def _edited(self, key: str) -> None:
        """A changed field loses its error at once; conditions are re-read."""
        self._update_conditions()
        if key in self._errors:
            del self._errors[key]
            self.show_errors(dict(self._errors), keep_form_wide=True)

    def _update_conditions(self) -> None:
        values = self.values()
        for row in self.rows.values():
            when = row.field.get("required_when") or {}
            if when:
                row.set_required_now(all(values.get(k) == v for k, v in when.items()))

    def show_errors(self, errors: dict[str, str], keep_form_wide: bool = False) -> None:
        """Each message under its field plus a summary on top; {} clears them."""
        self._errors = {k: v for k, v in errors.items() if k in self.rows}
        if not keep_form_wide:
            self._form_wide = [msg for k, msg in errors.items() if k not in self.rows]
        for key, row in self.rows.items():
            row.set_error(self._errors.get(key))
        named = [self.rows[k].field["label"] for k in self.rows if k in self._errors]
        parts = []
        if named:
            parts.append(tr("有 {n} 项需要修改：").format(n=len(named)) + join(named))
        parts.extend(self._form_wide)
        self.summary_label.setText("\n".join(parts))
        self.summary_label.setVisible(bool(parts))
        first = next((self.rows[k] for k in self.rows if k in self._errors), None)
        if first is not None:
            self._scroll.ensureWidgetVisible(first)

    def eventFilter(self, obj, event):
        # the number pad for digit fields, the text keyboard for free text
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and isinstance(obj, QLineEdit):
            row = next((r for r in self.rows.values() if r.edit is obj), None)
            if row is not None and not obj.isReadOnly():
                self.open_keys_for(row)
        return super().eventFilter(obj, event)

    def open_keys_for(self, row: FieldRow) -> None:
        digits = row.type in PAD_TYPES
        text = row.type in TEXT_TYPES and self.text_keyboard is not None
        self.pad.set_target(row.edit if digits else None)
        self.pad.set_allow_x(row.type == "id_number")
        self.pad.setVisible(digits)
        if self.text_keyboard is not None:
            self.text_keyboard.set_target(row.edit if text else None)
            self.text_keyboard.setVisible(text)
        self._typing(digits or text)
        if digits or text:
            QTimer.singleShot(0, lambda: self._scroll.ensureWidgetVisible(row))   # after the keys took room
        if row.type in TEXT_TYPES:
            self.text_input_requested.emit(row.edit)

    def close_keys(self) -> None:
        self.pad.set_target(None)
        if self.text_keyboard is not None:
            self.text_keyboard.set_target(None)
        self._typing(False)

    def _typing(self, on: bool) -> None:
        """While keys are open they take the heading's and the 下一步 row's room (as a phone's
        keyboard covers the bottom); 收起 or 完成 brings both back."""
        if self.give_keys_the_room(self.keys, on):
            self.typing.emit(on)

    def keys_open(self) -> bool:
        return self.keys.isVisible()

    def _clear_rows(self) -> None:
        self.close_keys()
        self.rows = {}
        self._errors = {}
        self._form_wide = []
        clear_layout(self._rows_layout)

    def wipe(self) -> None:
        super().wipe()
        self._clear_rows()
        if self.text_keyboard is not None and hasattr(self.text_keyboard, "wipe"):
            self.text_keyboard.wipe()
        self.summary_label.clear()
        self.summary_label.hide()

    def spoken_hint(self) -> str:
        return tr("请核对并填写信息，带有必填的项目一定要填。填好后点下一步。")
