"""Prove who you are: ID card, social-security card or the app's QR code."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import join, tr, tr_noop
from screens.widgets import Columns, PreviewArea, WrapButton, accessible, card, clear_layout, make_label

METHODS = {
    # method: (button text, spoken description, waiting instruction, icon)
    "id_card": (tr_noop("刷身份证"), tr_noop("把身份证放在读卡区"), tr_noop("请将身份证放在读卡区"), "id"),
    "social_card": (tr_noop("插社保卡"), tr_noop("把社保卡插入卡槽"), tr_noop("请将社保卡芯片朝上插入卡槽"),
                    "credit-card"),
    "app_qr": (tr_noop("手机扫码（电子身份证）"), tr_noop("打开手机上的电子身份证二维码，对准摄像头"),
               tr_noop("请打开手机上的电子身份证二维码，对准摄像头"), "qrcode"),
}


class InstructionPicture(QWidget):
    """A simple drawing of what to do: card on the reader, card into the slot.
    (For the app QR the live camera view itself shows what to do.)"""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.method = ""
        self.setMinimumSize(320, 220)
        accessible(self, tr_noop("操作示意图"))

    def set_method(self, method: str) -> None:
        self.method = method
        self.setVisible(bool(method))
        self.update()

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        cx = w / 2
        blue, dark = QColor("#0B4F9C"), QColor("#111111")
        p.setPen(QPen(dark, 4))
        f = QFont(self.font())
        f.setPixelSize(24)
        p.setFont(f)
        if self.method == "id_card":
            p.setBrush(QColor("#DDDDDD"))
            p.drawRoundedRect(QRectF(cx - 150, h - 80, 300, 60), 10, 10)  # the reader
            p.drawText(QRectF(cx - 150, h - 80, 300, 60), Qt.AlignCenter, tr("读卡区"))
            p.setBrush(blue)
            p.drawRoundedRect(QRectF(cx - 100, h - 190, 200, 120), 12, 12)  # the card
            p.setPen(QPen(QColor("white"), 2))
            p.drawText(QRectF(cx - 100, h - 190, 200, 120), Qt.AlignCenter, tr("身份证"))
        elif self.method == "social_card":
            p.setBrush(QColor("#DDDDDD"))
            p.drawRect(QRectF(cx - 140, h - 60, 280, 40))  # the slot
            p.drawText(QRectF(cx - 140, h - 60, 280, 40), Qt.AlignCenter, tr("卡槽"))
            p.setBrush(blue)
            p.drawRoundedRect(QRectF(cx - 80, 20, 160, 130), 10, 10)
            p.setPen(QPen(QColor("white"), 2))
            p.drawText(QRectF(cx - 80, 20, 160, 130), Qt.AlignCenter, tr("社保卡\n芯片朝上"))
            p.setPen(QPen(dark, 6))
            p.drawLine(int(cx), 155, int(cx), h - 70)  # arrow down into the slot
            p.drawLine(int(cx) - 16, h - 90, int(cx), h - 70)
            p.drawLine(int(cx) + 16, h - 90, int(cx), h - 70)
        p.end()


class IdentityScreen(Screen):
    name = "identity"
    title = "身份核验"
    method_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("请选择一种方式证明您的身份"))
        self.columns = Columns()
        ways = QWidget()
        self._methods = QVBoxLayout(ways)
        self._methods.setContentsMargins(0, 0, 0, 0)
        self._methods.setSpacing(16)
        self.columns.add(ways, 2)
        show, scol = card()
        self.instruction_label = make_label("", "instruction")
        self.instruction_label.setAlignment(Qt.AlignCenter)
        scol.addWidget(self.instruction_label)
        self.picture = InstructionPicture()
        self.picture.hide()
        scol.addWidget(self.picture, 1)
        self.preview = PreviewArea("摄像头画面（用于扫描二维码）")
        self.preview.setMinimumSize(266, 200)
        self.preview.hide()
        scol.addWidget(self.preview, 2)
        self.message_label = make_label("", "notice")
        self.message_label.hide()
        scol.addWidget(self.message_label)
        self.columns.add(show, 3)
        self.body.addWidget(self.columns)
        self.body.addStretch(1)
        self.method_buttons: dict[str, BigButton] = {}
        self.state_labels: dict[str, object] = {}
        self._device_states: dict[str, tuple[bool, str]] = {}  # kept across set_methods

    def set_methods(self, methods: list[str]) -> None:
        clear_layout(self._methods)
        self.method_buttons, self.state_labels = {}, {}
        for m in methods:
            text, spoken, _, icon_name = METHODS[m]
            b = WrapButton(text, spoken, "option", icon=icon_name, icon_size=48)
            b.setMinimumHeight(96)
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, mm=m: self._choose(mm))
            state = make_label("", "error")
            state.hide()
            self._methods.addWidget(b)
            self._methods.addWidget(state)
            self.method_buttons[m], self.state_labels[m] = b, state
            if m in self._device_states:
                self._apply_state(m, *self._device_states[m])
        self._methods.addStretch(1)
        self.show_waiting(None)

    def _choose(self, method: str) -> None:
        self.show_waiting(method)
        self.method_chosen.emit(method)

    def show_waiting(self, method: str | None) -> None:
        """Show what to do for `method` (None: nothing chosen yet). The chosen way is
        marked by a thicker frame and bold text, and named in the instruction."""
        for m, b in self.method_buttons.items():
            b.setChecked(m == method)
        if method:
            self.instruction_label.set_source(METHODS[method][2])
        else:
            self.instruction_label.set_source(tr_noop("请选择左边的一种方式") if self.columns.is_side_by_side()
                                              else tr_noop("请选择上面的一种方式"))
        self.picture.set_method("" if method == "app_qr" else (method or ""))
        self.preview.setVisible(method == "app_qr")
        self.message_label.hide()

    def show_message(self, text: str, **args) -> None:
        """A refusal or read error (a source text, translated here)."""
        if text:
            self.message_label.set_source(text, **args)
        else:
            self.message_label.clear()
        self.message_label.setVisible(bool(text))

    def set_device_state(self, method: str, ok: bool, text_zh: str = "") -> None:
        """A method whose device is not working is disabled and says why."""
        self._device_states[method] = (ok, text_zh)
        if method in self.method_buttons:
            self._apply_state(method, ok, text_zh)

    def _apply_state(self, method: str, ok: bool, text_zh: str) -> None:
        self.method_buttons[method].setEnabled(ok)
        label = self.state_labels[method]
        if ok:
            label.clear()
        else:
            label.set_source(text_zh or "设备暂时不可用，请选择其他方式")
        label.setVisible(not ok)

    def preview_widget(self) -> PreviewArea:
        """The container for the camera view (app_qr); see PreviewArea.set_view."""
        return self.preview

    def wipe(self) -> None:
        super().wipe()
        self.show_waiting(None)
        self.message_label.clear()

    def spoken_hint(self) -> str:
        if self.instruction_label.source() in (None, "请选择左边的一种方式", "请选择上面的一种方式"):
            return tr("请选择一种方式证明您的身份：") + join(tr(METHODS[m][0]) for m in self.method_buttons)
        return self.instruction_label.text()
