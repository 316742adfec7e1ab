"""Shown while the application is committed and sent: a busy indicator, no buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

from screens.base import Screen
from screens.widgets import accessible, card, make_label
from screens.i18n_marks import tr_noop


class SubmittingScreen(Screen):
    name = "submitting"
    title = "正在提交"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.body.addStretch(1)
        box, col = card()
        self.progress_label = make_label(tr_noop("正在提交，请稍候…"), "instruction")
        self.progress_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.progress_label)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: moves while we wait
        self.busy.setTextVisible(False)
        accessible(self.busy, tr_noop("正在处理"), tr_noop("正在提交，请稍候"))
        col.addWidget(self.busy)
        hint = make_label(tr_noop("请不要离开，也不要取走身份证"), "hint")
        hint.setAlignment(Qt.AlignCenter)
        col.addWidget(hint)
        self.body.addWidget(box)
        self.body.addStretch(1)

    def show_progress(self, text: str) -> None:
        """A source text (translated here)."""
        self.progress_label.set_source(text)
        self.busy.setAccessibleDescription(self.progress_label.text())

    def spoken_hint(self) -> str:
        return self.progress_label.text()
