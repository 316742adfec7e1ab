"""Technician path: the PIN dialog and the maintenance screen (Chinese + English)."""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit

from screens.base import Screen
from screens.keypads import NumberPad
from screens.widgets import BigButton, TileGrid, accessible, clear_layout, make_label


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

    def _ok(self) -> None:
        pin = self.pin_edit.text()
        self.pin_edit.clear()  # never keep a PIN in a widget longer than needed
        if pin:
            self.pin_entered.emit(pin)

    def _cancel(self) -> None:
        self.wipe()
        self.cancelled.emit()

    def show_error(self, zh: str) -> None:
        self.error_label.setText(zh)
        self.error_label.setVisible(bool(zh))

    def wipe(self) -> None:
        super().wipe()
        self.show_error("")


ACTIONS = [  # (action, label)
    ("test_print", "测试打印 Test print"),
    ("test_print_a4", "测试打印（A4） Test print A4"),
    ("reprint_last", "补打上一张回执 Reprint last"),
    ("retry_needs_staff", "重试待人工处理 Retry needs-staff"),
    ("sync_queue", "立即同步队列 Sync queue"),
    ("sync_catalog", "同步事项目录 Sync catalog"),
    ("test_voice", "测试语音 Test voice"),
    ("refresh", "刷新 Refresh"),
    ("back_to_service", "返回服务 Back to service"),
    ("exit_kiosk", "退出终端 Exit kiosk"),
]
QUEUE_FIELDS = [
    ("pending", "待发送 pending"), ("in_flight", "发送中 in flight"),
    ("needs_staff", "待人工 needs staff"), ("delivered", "已送达 delivered"),
    ("oldest_pending_s", "最久等待(秒) oldest pending (s)"), ("last_error", "最近错误 last error"),
    ("damage", "队列损坏 outbox damage"),
]


class MaintenanceScreen(Screen):
    name = "maintenance"
    title = "维护 Maintenance"
    action = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent, heading="维护 Maintenance")
        self.setObjectName("maintenance")
        bcol = self.body
        grid = TileGrid(min_width=300, max_columns=4)
        self.action_buttons: dict[str, BigButton] = {}
        for key, label in ACTIONS:
            b = BigButton(label, label, "danger" if key == "exit_kiosk" else "secondary")
            b.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            grid.add(b)
            self.action_buttons[key] = b
        bcol.addWidget(grid)
        bcol.addWidget(make_label("设备 Devices", "subtitle"))
        self._devices = QGridLayout()
        bcol.addLayout(self._devices)
        bcol.addWidget(make_label("离线队列 Offline queue", "subtitle"))
        queue_grid = QGridLayout()
        self.queue_labels: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(QUEUE_FIELDS):
            queue_grid.addWidget(make_label(label, "tech"), i, 0)
            self.queue_labels[key] = make_label("-", "tech")
            queue_grid.addWidget(self.queue_labels[key], i, 1)
        bcol.addLayout(queue_grid)
        self.catalog_label = make_label("事项目录版本 Catalog version: -", "tech")
        bcol.addWidget(self.catalog_label)
        bcol.addWidget(make_label("上一张打印 Last printed", "subtitle"))
        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignLeft)
        accessible(self.preview_label, "打印预览 print preview")
        bcol.addWidget(self.preview_label)
        self.set_printed_preview(None)
        bcol.addStretch(1)

    def set_devices(self, devices: list[dict]) -> None:
        clear_layout(self._devices)
        for i, d in enumerate(devices):
            self._devices.addWidget(make_label(d.get("label", d.get("kind", "")), "tech"), i, 0)
            self._devices.addWidget(make_label(str(d.get("state", "")), "tech"), i, 1)
            msg = " / ".join(m for m in (d.get("message_zh"), d.get("message_en")) if m)
            self._devices.addWidget(make_label(msg, "tech"), i, 2)

    def set_queue(self, q: dict) -> None:
        for key, label in self.queue_labels.items():
            value = q.get(key)
            label.setText("-" if value in (None, "") else str(value))

    def set_catalog_version(self, version: str) -> None:
        self.catalog_label.setText(f"事项目录版本 Catalog version: {version}")

    def set_printed_preview(self, image: QImage | None) -> None:
        """The last receipt as printed (masked data only); None clears it."""
        if image is None or image.isNull():
            self.preview_label.clear()
            self.preview_label.setText("无 none")
        else:
            self.preview_label.setPixmap(QPixmap.fromImage(image).scaledToWidth(
                min(image.width(), 576), Qt.SmoothTransformation))
