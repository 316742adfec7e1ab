"""放弃本次办理？ Asked before 首页 abandons an application the resident has started."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from screens.overlay import Overlay
from screens.widgets import BigButton, accessible, make_label
from screens.i18n_marks import tr_noop


class ConfirmPrompt(Overlay):
    confirmed = Signal()       # leave: the session is wiped
    cancelled = Signal()       # stay where you were

    def __init__(self, parent: QWidget):
        super().__init__(parent, "confirmPrompt")
        accessible(self, tr_noop("放弃本次办理"), tr_noop("回到首页会清除您已填写的信息"))
        self.title_label = make_label(tr_noop("要放弃本次办理吗？"), "title")
        self.title_label.setAlignment(Qt.AlignCenter)
        self.text_label = make_label(tr_noop("回到首页会清除您已经填写的信息和拍摄的材料。"), "body")
        row = QHBoxLayout()
        row.setSpacing(24)
        self.stay_button = BigButton(tr_noop("继续办理"), tr_noop("留在这里，继续办理"), "primary")
        self.leave_button = BigButton(tr_noop("放弃并回首页"), tr_noop("清除信息，回到首页"), "secondary")
        row.addWidget(self.leave_button)
        row.addWidget(self.stay_button)
        self.stay_button.clicked.connect(self._stay)
        self.leave_button.clicked.connect(self._leave)
        self.column.addWidget(self.title_label)
        self.column.addWidget(self.text_label)
        self.column.addLayout(row)

    def ask(self) -> None:
        self.cover()
        self.stay_button.setFocus()

    def _stay(self) -> None:
        self.hide()
        self.cancelled.emit()

    def _leave(self) -> None:
        self.hide()
        self.confirmed.emit()

    def spoken_hint(self) -> str:
        return f"{self.title_label.text()}{self.text_label.text()}"


