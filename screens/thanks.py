"""感谢您的评价: a short thank-you after 好差评 (the session is already wiped);
it goes back to the welcome page by itself, or at a touch."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal

from screens.base import Screen
from screens.widgets import BigButton, card, make_label
from screens.i18n_marks import tr_noop

SHOW_S = 5


class ThanksScreen(Screen):
    name = "thanks"
    title = "感谢"
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.body.addStretch(1)
        box, col = card()
        self.title_label = make_label(tr_noop("感谢您的评价"), "title")
        self.title_label.setAlignment(Qt.AlignCenter)
        self.detail_label = make_label("", "body")
        self.detail_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.title_label)
        col.addWidget(self.detail_label)
        self.body.addWidget(box)
        self.body.addStretch(1)
        self.done_button = BigButton(tr_noop("返回首页"), tr_noop("回到首页"), "primary", icon="home")
        self.done_button.clicked.connect(self.done)
        self.add_action(self.done_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.done)

    def show_thanks(self, bad: bool) -> None:
        self.title_label.set_source(tr_noop("感谢您的评价"))
        self.detail_label.set_source(tr_noop("我们会尽快改进，工作人员可能会联系您了解情况。") if bad
                                     else tr_noop("祝您生活愉快，欢迎再次使用。"))

    def entered(self) -> None:
        self._timer.start(SHOW_S * 1000)

    def left(self) -> None:
        self._timer.stop()

    def spoken_hint(self) -> str:
        return f"{self.title_label.text()}。{self.detail_label.text()}"


