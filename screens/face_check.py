"""人证核验: the camera view, one big prompt, and always another way (staff)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from screens.base import Screen
from screens.widgets import BigButton, PreviewArea, make_label

CAMERA_NOTICE = "摄像头已开启，仅用于本次核验，本机不保存您的照片。"


class FaceCheckScreen(Screen):
    name = "face_check"
    title = "刷脸核验"
    retry_requested = Signal()
    staff_help_requested = Signal()
    continue_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        col.addWidget(make_label("请正对摄像头", "title"))
        self.notice_label = make_label(CAMERA_NOTICE, "notice")
        col.addWidget(self.notice_label)
        self.preview = PreviewArea("摄像头画面")
        self.preview.setMinimumSize(480, 360)
        col.addWidget(self.preview, 1)
        self.prompt_label = make_label("", "instruction")
        self.prompt_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.prompt_label)
        self.result_label = make_label("", "result-ok")
        self.result_label.setAlignment(Qt.AlignCenter)
        self.result_label.hide()
        col.addWidget(self.result_label)
        self.continue_button = BigButton("继续", "核验通过，继续办理", "primary")
        self.retry_button = BigButton("再试一次", "重新进行刷脸核验", "secondary")
        self.staff_button = BigButton("请工作人员协助核验", "不刷脸，请工作人员帮您核验身份", "secondary")
        self.continue_button.clicked.connect(self.continue_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        self.staff_button.clicked.connect(self.staff_help_requested)
        col.addWidget(self.continue_button)
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addWidget(self.staff_button)
        col.addLayout(row)
        self.reset()

    def preview_area(self) -> PreviewArea:
        """The container for the camera view; see PreviewArea.set_view."""
        return self.preview

    def reset(self) -> None:
        """Back to 'looking': prompt shown, no result, only the staff way offered."""
        self.set_prompt("请摘下帽子和口罩，正对摄像头，保持不动")
        self.result_label.clear()
        self.result_label.hide()
        self.continue_button.hide()
        self.retry_button.hide()

    def entered(self) -> None:
        self.reset()  # every visit starts fresh: no result left from the last try

    def set_prompt(self, zh: str) -> None:
        self.prompt_label.setText(zh)

    def show_result(self, ok: bool, message_zh: str) -> None:
        self.result_label.setProperty("role", "result-ok" if ok else "result-fail")
        self.result_label.style().unpolish(self.result_label)
        self.result_label.style().polish(self.result_label)
        self.result_label.setText(message_zh)
        self.result_label.show()
        self.continue_button.setVisible(ok)
        self.retry_button.setVisible(not ok)

    def wipe(self) -> None:
        super().wipe()
        self.reset()

    def spoken_hint(self) -> str:
        return f"{CAMERA_NOTICE}{self.prompt_label.text()}"
