"""Run under an X server: the kiosk window with a form, Qt Virtual Keyboard switched on the
way `kiosk run` does it; touch the lowest text field and report what the keyboard did (JSON)."""
import json
import sys

from kiosk.input_method import use_virtual_keyboard

use_virtual_keyboard("zh_CN")

from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.main_window import KioskWindow  # noqa: E402
from screens.form import FormScreen  # noqa: E402
from screens.theme import apply_theme  # noqa: E402

app = QApplication(sys.argv[:1])
apply_theme(app)
window = KioskWindow(fullscreen=True)
form = FormScreen()
window.stack.addWidget(form)
fields = [{"key": f"f{i}", "label": f"字段{i}", "type": "text"} for i in range(7)]
fields.append({"key": "employer", "label": "用人单位名称", "type": "text", "required": True})
form.set_fields(fields, {})
window.follow_input_panel()
window.show_kiosk()
edit = form.rows["employer"].edit


def touch():
    window.activateWindow()
    form._scroll.ensureWidgetVisible(edit)
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    QTimer.singleShot(2500, report)


def report():
    im = QGuiApplication.inputMethod()
    rect = im.keyboardRectangle()
    bottom = edit.mapTo(window, QPoint(0, edit.height())).y()
    print(json.dumps({"visible": im.isVisible(), "locale": im.locale().name(),
                      "keyboard_top": rect.top(), "keyboard_height": rect.height(),
                      "window_height": window.height(),
                      "bottom_margin": window.layout().contentsMargins().bottom(),
                      "field_bottom": bottom, "focused": edit.hasFocus()}), flush=True)
    im.hide()
    window.close_for_technician()
    window.deleteLater()
    QTimer.singleShot(200, lambda: app.exit(0))


QTimer.singleShot(500, touch)
app.exec()
