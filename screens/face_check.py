"""人证核验: the camera view, one message at a time, and always another way (staff).

The message area shows exactly one thing: the live prompt while looking,
"正在核验" while the gateway compares, or the result. Prompts from the
camera never overwrite a verification in progress or a result.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.staff_verify import StaffVerifyPanel
from screens.widgets import BigButton, Columns, PreviewArea, make_label

CAMERA_NOTICE = tr_noop("摄像头已开启，仅用于本次核验，本机不保存您的照片。")
LOOKING = tr_noop("请摘下帽子和口罩，正对摄像头，保持不动")
VERIFYING = tr_noop("正在核验，请稍候…")


class FaceCheckScreen(Screen):
    name = "face_check"
    title = "刷脸核验"
    retry_requested = Signal()
    staff_help_requested = Signal()
    continue_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("请正对摄像头"))
        self.notice_label = make_label(CAMERA_NOTICE, "info")
        self.body.addWidget(self.notice_label)
        self.columns = Columns()
        self.preview = PreviewArea("摄像头画面")
        self.preview.setMinimumSize(266, 200)
        self.columns.add(self.preview, 1)
        side = QWidget()
        scol = QVBoxLayout(side)
        scol.setContentsMargins(0, 0, 0, 0)
        self.message_label = make_label("", "instruction")
        self.message_label.setAlignment(Qt.AlignCenter)
        scol.addWidget(self.message_label, 1)
        self.columns.add(side, 1)
        self.body.addWidget(self.columns, 1)
        self.staff_button = BigButton(tr_noop("请工作人员协助核验"), tr_noop("不刷脸，请工作人员帮您核验身份"), "secondary",
                                      icon="headset")
        self.retry_button = BigButton(tr_noop("再试一次"), tr_noop("重新进行刷脸核验"), "secondary", icon="refresh")
        self.continue_button = BigButton(tr_noop("继续"), tr_noop("核验通过，继续办理"), "primary", icon="arrow-right")
        self.continue_button.clicked.connect(self.continue_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        self.staff_button.clicked.connect(self.staff_help_requested)
        self.add_action(self.staff_button)
        # Once staff were called: their control in its place (two lines where the row is narrow).
        self.staff_verify = StaffVerifyPanel(wrap=True)
        self.add_action(self.staff_verify)
        self.add_action(self.retry_button)
        self.add_action(self.continue_button)
        self._state = "looking"
        self.reset()

    def preview_area(self) -> PreviewArea:
        """The container for the camera view; see PreviewArea.set_view."""
        return self.preview

    def reset(self) -> None:
        """Back to 'looking': the prompt shown, no result, only the staff way offered."""
        self._state = "looking"
        self._show(LOOKING, "instruction")
        self.continue_button.hide()
        self.retry_button.hide()

    def entered(self) -> None:
        self.reset()  # every visit starts fresh: no result left from the last try
        self.scroll_home()   # the camera notice first, not where a result was scrolled to

    def state(self) -> str:
        return self._state

    def set_prompt(self, text: str) -> None:
        """A live prompt from the camera (a source text); ignored once a check runs or ended."""
        if self._state == "looking":
            self._show(text, "instruction")

    def show_verifying(self) -> None:
        self._state = "verifying"
        self._show(VERIFYING, "instruction")
        self.retry_button.hide()

    def show_result(self, ok: bool, message: str) -> None:
        self._state = "passed" if ok else "failed"
        self._show(message, "result-ok" if ok else "result-fail")
        self.continue_button.setVisible(ok)
        self.retry_button.setVisible(not ok)
        self.scroll_to(self.message_label)     # a short window (长辈模式, 768 px) shows the result

    def _show(self, text: str, role: str) -> None:
        if self.message_label.property("role") != role:
            self.message_label.setProperty("role", role)
            self.message_label.style().unpolish(self.message_label)
            self.message_label.style().polish(self.message_label)
        self.message_label.set_source(text)

    def offer_staff_verify(self, available: bool) -> None:
        """Staff were called for this visit: back here after the call page's 好的, the staff's
        工作人员核验通过 (or the window line) in the place of 请工作人员协助核验."""
        self.staff_verify.offer(available)
        self.staff_button.hide()

    def withdraw_staff_verify(self) -> None:
        self.staff_verify.withdraw()
        self.staff_button.show()

    def wipe(self) -> None:
        super().wipe()
        self.withdraw_staff_verify()
        self.reset()

    def spoken_hint(self) -> str:
        return f"{tr(CAMERA_NOTICE)}{self.message_label.text()}{self.staff_verify.text()}"
