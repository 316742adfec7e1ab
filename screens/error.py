"""A calm dead end with one way out: 暂时无法办理, or 已呼叫工作人员."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout

from screens.base import Screen
from screens.widgets import BigButton, make_label

DEFAULT_TITLE = "暂时无法办理，请联系工作人员"
STAFF_TITLE = "已呼叫工作人员，请稍候"
STAFF_DETAIL = "工作人员马上过来帮您，请在这里稍等。"


class ErrorScreen(Screen):
    name = "error"
    title = "提示"
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(48, 48, 48, 48)
        col.addStretch(1)
        self.title_label = make_label(DEFAULT_TITLE, "title")
        self.title_label.setAlignment(Qt.AlignCenter)
        self.detail_label = make_label("", "body")
        self.detail_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.title_label)
        col.addWidget(self.detail_label)
        col.addStretch(1)
        self.done_button = BigButton("返回首页", "回到首页", "primary")
        self.done_button.clicked.connect(self.done)
        col.addWidget(self.done_button)

    def show_error(self, detail_zh: str | None = None, title_zh: str | None = None,
                   button_zh: str = "返回首页") -> None:
        self.title_label.setText(title_zh or DEFAULT_TITLE)
        self.detail_label.setText(detail_zh or "")
        self.detail_label.setVisible(bool(detail_zh))
        self.done_button.setText(button_zh)
        self.done_button.setAccessibleName(button_zh)

    def show_staff_called(self, detail_zh: str | None = None) -> None:
        """The 呼叫工作人员 confirmation; the button goes back to what the resident was doing."""
        self.show_error(detail_zh or STAFF_DETAIL, STAFF_TITLE, "好的")

    def wipe(self) -> None:
        super().wipe()
        self.show_error()

    def spoken_hint(self) -> str:
        return f"{self.title_label.text()}。{self.detail_label.text()}"
