"""Shown while the application is committed and sent: a busy indicator, no buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QVBoxLayout

from screens.base import Screen
from screens.widgets import accessible, make_label


class SubmittingScreen(Screen):
    name = "submitting"
    title = "正在提交"

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(48, 48, 48, 48)
        col.addStretch(1)
        self.progress_label = make_label("正在提交，请稍候…", "instruction")
        self.progress_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.progress_label)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: moves while we wait
        self.busy.setTextVisible(False)
        accessible(self.busy, "正在处理", "正在提交，请稍候")
        col.addWidget(self.busy)
        col.addWidget(make_label("请不要离开，也不要取走身份证", "hint"), 0, Qt.AlignCenter)
        col.addStretch(1)

    def show_progress(self, zh: str) -> None:
        self.progress_label.setText(zh)
        self.busy.setAccessibleDescription(zh)

    def spoken_hint(self) -> str:
        return self.progress_label.text()
