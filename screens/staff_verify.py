"""工作人员核验: the hall staff confirm, on the kiosk, the identity of a resident who refused the face.

`StaffVerifyPanel` sits on the staff-call page and on the face consent's other ways while the
visit is held for staff: a staff-only button (or, where the kiosk has no staff PIN, a line
saying staff will help at a window). `StaffPinScreen` is the technician's PIN page (the same
number pad and lockout countdown) with the staff's words, in the resident's language.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from screens.i18n import tr_noop
from screens.technician import PinDialogScreen
from screens.widgets import BigButton, WrapButton, accessible, make_label

VERIFY = tr_noop("工作人员核验通过（工作人员操作）")
VERIFY_HOW = tr_noop("工作人员核对证件后点这里，输入工作人员密码")
AT_WINDOW = tr_noop("本机不能由工作人员现场核验身份，工作人员来后会带您到窗口办理。")
PIN_HEADING = tr_noop("工作人员核验：请输入工作人员密码")
PIN_NAME, PIN_HOW = tr_noop("工作人员密码"), tr_noop("只能输入数字")
WRONG_PIN = tr_noop("密码不正确，请重试。")
LOCKED = tr_noop("密码错误次数过多，已锁定，请 {time} 后重试")
PASSED = tr_noop("工作人员已核验您的身份，请继续办理。")


class StaffVerifyPanel(QWidget):
    """The staff-only control while a visit waits for 工作人员核验; hidden otherwise."""

    requested = Signal()

    def __init__(self, parent=None, wrap: bool = False):
        """`wrap`: the button's words go onto two lines where the panel is narrow (the camera
        page's side column) rather than being cut."""
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.button = (WrapButton if wrap else BigButton)(VERIFY, VERIFY_HOW, "staff", icon="headset")
        self.button.clicked.connect(self.requested)
        self.at_window_label = make_label(AT_WINDOW, "instruction")
        col.addWidget(self.button)
        col.addWidget(self.at_window_label)
        self.withdraw()

    def offer(self, available: bool) -> None:
        """The visit waits for staff: the button where staff can verify here, else the window."""
        self.show()
        self.button.setVisible(available)
        self.at_window_label.setVisible(not available)

    def withdraw(self) -> None:
        self.hide()

    def offered(self) -> bool:
        return not self.isHidden()

    def text(self) -> str:
        """What is offered, for the page's spoken hint."""
        if self.isHidden():
            return ""
        return self.button.text() if not self.button.isHidden() else self.at_window_label.text()


class StaffPinScreen(PinDialogScreen):
    """The hall staff's PIN for 工作人员核验 (translated: the resident reads it too)."""

    name = "staff_pin"
    title = "工作人员核验"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.set_heading(PIN_HEADING)
        self.ok_button.set_source(tr_noop("确定"), tr_noop("确认工作人员密码"))
        self.cancel_button.set_source(tr_noop("取消"), tr_noop("返回其他验证方式"))
        self.passed_label = make_label(PASSED, "ok")
        self.passed_label.hide()
        self.body.insertWidget(self.body.indexOf(self.error_label) + 1, self.passed_label)
        self._name_edit()

    def _name_edit(self) -> None:
        accessible(self.pin_edit, PIN_NAME, PIN_HOW)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._name_edit()
        super().changeEvent(event)

    def show_error(self, zh: str, **args) -> None:
        """`zh`: a source text, translated here."""
        self.error_label.setProperty("lockout", False)
        if zh:
            self.error_label.set_source(zh, **args)
        else:
            self.error_label.clear()
        self.error_label.setVisible(bool(zh))

    def _show_lockout_text(self, left: int) -> None:
        self.show_error(LOCKED, time=f"{left // 60}:{left % 60:02d}")

    def show_passed(self) -> None:
        """The right PIN: the resident reads that staff confirmed them, then the form follows."""
        self.show_error("")
        self.passed_label.show()
        self.ok_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.pad.setEnabled(False)

    def wipe(self) -> None:
        super().wipe()
        self.passed_label.hide()
        self.cancel_button.setEnabled(True)
        self.pad.setEnabled(True)

    def spoken_hint(self) -> str:
        return self.passed_label.text() if self.passed_label.isVisibleTo(self) else self.heading.text()
