"""Drive the real kiosk widgets like a resident would (clicks and typing), for UI tests."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox, QLabel,
                               QLineEdit, QPlainTextEdit, QTextEdit, QWidget)


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]


def click_text(qtbot, root: QWidget, text: str, touches: int = 1) -> QAbstractButton:
    """Click the visible, enabled button whose text contains `text`. With 语音播报 on pass
    touches=2: explore-by-touch names a control at the first touch and activates it at the second."""
    def find():
        return [b for b in visible_buttons(root) if text in b.text().replace("\n", " ")]
    # New rows are shown on the next event-loop turn (QLayout queues the show).
    try:
        qtbot.waitUntil(lambda: bool(find()), timeout=5000)
    except Exception:
        pass
    matches = find()
    assert matches, f"no visible button with {text!r}; have {[b.text() for b in visible_buttons(root)]}"
    for _ in range(touches):
        qtbot.mouseClick(matches[0], Qt.MouseButton.LeftButton)
    return matches[0]


def touches(app) -> int:
    """How many touches activate a control now: two with 语音播报 on (explore-by-touch)."""
    return 2 if app.prefs.voice else 1


def all_texts(root: QWidget) -> list[str]:
    """Every text a widget tree shows or holds (labels, edits, buttons, combos, tooltips)."""
    out: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            out.append(w.toPlainText())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        out += [w.toolTip(), w.accessibleName(), w.accessibleDescription()]
    return [t for t in out if t]


def fill_empty_required(qtbot, form_screen, values: dict[str, str], touches: int = 1) -> None:
    """Type `values` into the form's line edits by field key (FieldRow.edit); `touches` as in click_text."""
    for key, value in values.items():
        row = form_screen.rows[key]
        if getattr(row, "edit", None) is not None:
            row.edit.clear()
            qtbot.keyClicks(row.edit, value)
        elif getattr(row, "combo", None) is not None:
            row.combo.setCurrentText(value)
        else:
            for b in row.findChildren(QAbstractButton):
                if b.text() == value:
                    for _ in range(touches):
                        qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
                    break
            else:
                raise AssertionError(f"no input for field {key}")


def tick(qtbot, box: QCheckBox) -> None:
    if not box.isChecked():
        box.setChecked(True)
    QApplication.processEvents()


def leave(qtbot, app) -> None:
    """首页, as a resident who means it: the kiosk asks first when an application was
    started (放弃本次办理？), and the resident confirms."""
    from PySide6.QtCore import Qt
    n = touches(app)
    for _ in range(n):
        qtbot.mouseClick(app.bottombar.home_button, Qt.MouseButton.LeftButton)
    if app.confirm.isVisible():
        for _ in range(n):
            qtbot.mouseClick(app.confirm.leave_button, Qt.MouseButton.LeftButton)
