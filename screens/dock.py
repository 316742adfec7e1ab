"""The demo device dock (like vxsuite's dev dock): drive the emulators by hand.

Shown only with emulated devices. It emits intents; the application passes
them to the emulators, so what the demo shows is what hardware would do.
It takes its own column at the window's right edge (never covering a
screen); collapsed it is a narrow tab.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFrame, QGridLayout, QHBoxLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget,
)

from screens.widgets import BigButton, accessible, make_label

TAB_WIDTH = 56
TAB_HEIGHT = 200
PANEL_WIDTH = 400
DEFAULT_QR = "demo-qr"

# (section, [(action, label)]) for the buttons that carry no argument
BUTTONS = [
    ("摄像头 Camera", [("camera_face", "人脸 face"), ("camera_document", "证件 document"),
                       ("camera_empty", "空 empty")]),
    ("网络 Network", [("network_down", "断网 down"), ("network_up", "联网 up")]),
    ("打印机 Printer", [("printer_ok", "正常 ok"), ("printer_paper_out", "缺纸 paper out"),
                        ("printer_near_end", "纸将尽 near end"),
                        ("printer_cover_open", "开盖 cover open")]),
    ("A4 打印机 A4 printer", [("a4_ok", "正常 ok"), ("a4_media-empty", "缺纸 paper out"),
                             ("a4_jam", "卡纸 jam (next job)"), ("a4_offline", "离线 offline")]),
]


def _dock_button(text: str, description: str) -> BigButton:
    b = BigButton(text, description, "dock")
    b.setMinimumHeight(40)
    return b


class DemoDock(QFrame):
    dock_action = Signal(str, str)  # (action, argument)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoDock")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.tab_button = _dock_button("模\n拟\n设\n备", "展开或收起演示用的设备模拟面板")
        self.tab_button.setFixedWidth(TAB_WIDTH)
        self.tab_button.clicked.connect(lambda: self.set_collapsed(not self._collapsed))
        row.addWidget(self.tab_button)
        self.panel = QWidget()
        self.panel.setFixedWidth(PANEL_WIDTH)
        col = QVBoxLayout(self.panel)
        col.addWidget(make_label("证件 Card"))
        self.card_combo = QComboBox()
        accessible(self.card_combo, "样例证件 sample card")
        col.addWidget(self.card_combo)
        cards = QHBoxLayout()
        self.present_button = _dock_button("放卡 present", "把选中的样例证件放到读卡器上")
        self.remove_button = _dock_button("取卡 remove", "从读卡器上拿走证件")
        self.present_button.clicked.connect(
            lambda: self.dock_action.emit("present_card", self.card_combo.currentData() or ""))
        self.remove_button.clicked.connect(lambda: self.dock_action.emit("remove_card", ""))
        cards.addWidget(self.present_button)
        cards.addWidget(self.remove_button)
        col.addLayout(cards)
        self.buttons: dict[str, BigButton] = {}
        for section, actions in BUTTONS:
            col.addWidget(make_label(section))
            grid = QGridLayout()
            for i, (action, label) in enumerate(actions):
                b = _dock_button(label, f"模拟：{label}")
                b.clicked.connect(lambda _=False, a=action: self.dock_action.emit(a, ""))
                grid.addWidget(b, i // 2, i % 2)
                self.buttons[action] = b
            col.addLayout(grid)
            if section.startswith("摄像头"):
                self.qr_edit = QLineEdit()
                self.qr_edit.setPlaceholderText(f"二维码内容 QR payload（默认 {DEFAULT_QR}）")
                accessible(self.qr_edit, "二维码内容 QR payload")
                col.addWidget(self.qr_edit)
                qr = _dock_button("出示二维码 show QR", "让摄像头看到一个二维码")
                qr.clicked.connect(lambda: self.dock_action.emit(
                    "camera_qr", self.qr_edit.text().strip() or DEFAULT_QR))
                col.addWidget(qr)
                self.buttons["camera_qr"] = qr
        col.addStretch(1)
        # The long placeholder and card names must not widen the panel past its edge.
        for w in (self.card_combo, self.qr_edit, *self.panel.findChildren(BigButton)):
            w.setSizePolicy(QSizePolicy.Policy.Ignored, w.sizePolicy().verticalPolicy())
        row.addWidget(self.panel)
        self._collapsed = False
        self.set_collapsed(True)

    def set_cards(self, cards: list[tuple[str, str]]) -> None:
        self.card_combo.clear()
        for label, key in cards:
            self.card_combo.addItem(label, key)

    def set_collapsed(self, collapsed: bool) -> None:
        self._collapsed = collapsed
        self.panel.setVisible(not collapsed)
        self.setFixedWidth(TAB_WIDTH + (0 if collapsed else PANEL_WIDTH))

    def is_collapsed(self) -> bool:
        return self._collapsed
