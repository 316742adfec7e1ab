"""The start page: a calm welcome; touching anywhere starts."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout

from screens.base import Screen
from screens.widgets import BigButton, accessible, make_label

BRING_ZH = "请带好：本人身份证（或社保卡、手机上的电子身份证），以及需要提交的材料原件。"


class AttractScreen(Screen):
    name = "attract"
    title = "欢迎"
    start_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        accessible(self, "欢迎页", "请触摸屏幕开始办理")
        col = QVBoxLayout(self)
        col.setContentsMargins(48, 48, 48, 48)
        col.addStretch(2)
        self.hall_label = make_label("", "subtitle")
        self.welcome_label = make_label("欢迎使用政务服务自助终端", "title")
        self.touch_label = make_label("请触摸屏幕开始办理", "instruction")
        self.bring_label = make_label(BRING_ZH, "notice")
        self.start_button = BigButton("开始办理", "触摸这里开始办理业务", "primary")
        self.start_button.clicked.connect(self.start_requested)
        for w in (self.hall_label, self.welcome_label, self.touch_label):
            w.setAlignment(Qt.AlignCenter)
            col.addWidget(w)
        col.addStretch(1)
        col.addWidget(self.bring_label)
        col.addStretch(1)
        col.addWidget(self.start_button)
        col.addStretch(2)

    def set_hall(self, name: str) -> None:
        self.hall_label.setText(name)

    def spoken_hint(self) -> str:
        return f"欢迎使用政务服务自助终端。请触摸屏幕开始办理。{BRING_ZH}"

    def mouseReleaseEvent(self, event):  # a tap anywhere (labels pass taps up to here)
        if event.button() == Qt.LeftButton:
            self.start_requested.emit()
        super().mouseReleaseEvent(event)
