"""Technician path: the PIN dialog (Chinese + English); the maintenance screen is in screens/maintenance.py."""
from __future__ import annotations

import math
import time

from PySide6.QtCore import QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

from screens.base import Screen
from screens.keypads import NumberPad
from screens.widgets import BigButton, accessible, make_label


class PinDialogScreen(Screen):
    name = "technician_pin"
    title = "维护模式 Maintenance"
    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, heading="请输入维护密码 Enter technician PIN")
        col = self.body
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.Password)
        self.pin_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        accessible(self.pin_edit, "维护密码 PIN", "只能输入数字 digits only")
        self.pin_edit.returnPressed.connect(self._ok)
        col.addWidget(self.pin_edit)
        self.error_label = make_label("", "error")
        self.error_label.hide()
        col.addWidget(self.error_label)
        self.pad = NumberPad(allow_x=False)
        self.pad.set_target(self.pin_edit)
        col.addWidget(self.pad)
        self.ok_button = BigButton("确定 OK", "确认密码 confirm PIN", "primary")
        self.cancel_button = BigButton("取消 Cancel", "返回服务界面 back to service", "secondary")
        self.ok_button.clicked.connect(self._ok)
        self.cancel_button.clicked.connect(self._cancel)
        col.addStretch(1)
        self.add_action(self.cancel_button)
        self.add_action(self.ok_button)
        self._locked_until = 0.0
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._tick_lockout)

    def show_lockout(self, seconds: float) -> None:
        """Too many wrong PINs: a countdown to when PINs are accepted again (0: not locked)."""
        self._locked_until = time.monotonic() + max(0.0, seconds)
        if seconds > 0:
            self._lock_timer.start()
        self._tick_lockout()

    def lockout_left(self) -> int:
        return max(0, math.ceil(self._locked_until - time.monotonic()))

    def _tick_lockout(self) -> None:
        left = self.lockout_left()
        self.ok_button.setEnabled(left == 0)
        if left == 0:
            self._lock_timer.stop()
            if self.error_label.property("lockout"):
                self.show_error("")
            return
        self._show_lockout_text(left)
        self.error_label.setProperty("lockout", True)

    def _show_lockout_text(self, left: int) -> None:
        self.show_error(f"错误次数过多，已锁定，请 {left // 60}:{left % 60:02d} 后重试\n"
                        f"Too many wrong PINs: locked, try again in {left // 60}:{left % 60:02d}")

    def _ok(self) -> None:
        pin = self.pin_edit.text()
        self.pin_edit.clear()  # never keep a PIN in a widget longer than needed
        if pin:
            self.pin_entered.emit(pin)

    def _cancel(self) -> None:
        self.wipe()
        self.cancelled.emit()

    def show_error(self, zh: str) -> None:
        self.error_label.setProperty("lockout", False)
        self.error_label.setText(zh)
        self.error_label.setVisible(bool(zh))

    def wipe(self) -> None:
        super().wipe()
        self.show_error("")
        self._tick_lockout()          # a lockout outlives a wipe; its countdown shows again


from screens.maintenance import ACTIONS, MaintenanceScreen  # noqa: E402,F401  (moved; old import path)
