"""还在吗？ An overlay over the whole window with a big countdown.

The application owns the timer and calls set_remaining(n) each second; this
widget only shows the number and emits `still_here`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from screens.i18n import tr
from screens.overlay import Overlay
from screens.widgets import BigButton, CountdownLabel, accessible, make_label
from screens.i18n_marks import tr_noop


class IdlePrompt(Overlay):
    still_here = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent, "idlePrompt")
        accessible(self, tr_noop("还在吗"), tr_noop("长时间没有操作，即将回到首页"))
        self.title_label = make_label(tr_noop("还在吗？"), "title")
        self.title_label.setAlignment(Qt.AlignCenter)
        self.text_label = make_label(tr_noop("长时间没有操作。时间到后将回到首页，并清除您填写的信息。"), "body")
        self.countdown = CountdownLabel("{n} 秒")
        self.still_button = BigButton(tr_noop("我还在"), tr_noop("继续办理"), "primary")
        self.still_button.clicked.connect(self.still_here)
        for w in (self.title_label, self.text_label, self.countdown, self.still_button):
            self.column.addWidget(w)

    def show_countdown(self, seconds: int) -> None:
        self.set_remaining(seconds)
        self.cover()
        self.still_button.setFocus()

    def set_remaining(self, n: int) -> None:
        self.countdown.set_remaining(n)
        self.still_button.setAccessibleDescription(tr("还剩 {n} 秒，点这里继续办理").format(n=n))

    def remaining(self) -> int:
        return self.countdown.remaining()

    def hide_prompt(self) -> None:
        self.hide()

    def spoken_hint(self) -> str:
        return tr("还在吗？还剩 {n} 秒。如果还要继续办理，请点我还在。").format(n=self.remaining())
