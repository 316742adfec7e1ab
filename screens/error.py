"""A calm page with one way out: 暂时无法办理, or 已呼叫工作人员."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from screens.base import Screen
from screens.i18n import tr_noop
from screens.staff_verify import StaffVerifyPanel
from screens.widgets import BigButton, card, make_label

DEFAULT_TITLE = tr_noop("暂时无法办理，请联系工作人员")
STAFF_TITLE = tr_noop("已呼叫工作人员，请稍候")
STAFF_DETAIL = tr_noop("工作人员马上过来帮您，请在这里稍等。")


class ErrorScreen(Screen):
    name = "error"
    title = "提示"
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.body.addStretch(1)
        box, col = card()
        self.title_label = make_label(DEFAULT_TITLE, "title")
        self.title_label.setAlignment(Qt.AlignCenter)
        self.detail_label = make_label("", "body")
        self.detail_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.title_label)
        col.addWidget(self.detail_label)
        self.body.addWidget(box)
        self.staff_verify = StaffVerifyPanel()      # 工作人员核验, while a visit waits for it
        self.body.addWidget(self.staff_verify)
        self.body.addStretch(1)
        self.done_button = BigButton(tr_noop("返回首页"), tr_noop("回到首页"), "primary")
        self.done_button.clicked.connect(self.done)
        self.add_action(self.done_button)

    def show_error(self, detail: str | None = None, title: str | None = None,
                   button: str = tr_noop("返回首页"), **args) -> None:
        """Source texts (translated here); `args` fill the detail's {placeholders}."""
        self.title_label.set_source(title or DEFAULT_TITLE)
        if detail:
            self.detail_label.set_source(detail, **args)
        else:
            self.detail_label.clear()
        self.detail_label.setVisible(bool(detail))
        self.done_button.set_source(button, button)
        self.staff_verify.withdraw()

    def show_staff_called(self, detail: str | None = None) -> None:
        """The 呼叫工作人员 confirmation; the button goes back to what the resident was doing."""
        self.show_error(detail or STAFF_DETAIL, STAFF_TITLE, tr_noop("好的"))

    def wipe(self) -> None:
        super().wipe()
        self.show_error()

    def spoken_hint(self) -> str:
        return f"{self.title_label.text()}。{self.detail_label.text()}{self.staff_verify.text()}"


