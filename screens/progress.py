"""进度查询: type the tracking number, scan the receipt QR, or read the ID card."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.keypads import NumberPad
from screens.widgets import (
    BigButton, PreviewArea, accessible, clear_layout, make_label, make_scroll,
)


class ProgressScreen(Screen):
    name = "progress"
    title = "进度查询"
    query = Signal(str)
    scan_qr_requested = Signal()
    read_card_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        col.addWidget(make_label("查询办理进度", "title"))
        row = QHBoxLayout()
        self.scan_button = BigButton("扫描回执二维码", "把回执上的二维码对准摄像头", "secondary")
        self.card_button = BigButton("读身份证查询", "把身份证放在读卡区，查询您的办件", "secondary")
        self.scan_button.clicked.connect(self.scan_qr_requested)
        self.card_button.clicked.connect(self.read_card_requested)
        row.addWidget(self.scan_button)
        row.addWidget(self.card_button)
        col.addLayout(row)
        self.preview = PreviewArea("摄像头画面（扫描回执二维码）")
        self.preview.hide()
        col.addWidget(self.preview)
        col.addWidget(make_label("或者输入办件编号：", "body"))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("回执上的办件编号或本机受理号")
        accessible(self.number_edit, "办件编号", "输入回执上的办件编号，可以输入数字和字母")
        self.number_edit.returnPressed.connect(self._query)
        col.addWidget(self.number_edit)
        self.pad = NumberPad(allow_x=True)
        self.pad.set_target(self.number_edit)
        col.addWidget(self.pad)
        self.query_button = BigButton("查询", "查询这个编号的办理进度", "primary")
        self.query_button.clicked.connect(self._query)
        col.addWidget(self.query_button)
        self.message_label = make_label("", "notice")
        self.message_label.hide()
        col.addWidget(self.message_label)
        result = QWidget()
        rcol = QVBoxLayout(result)
        self.number_label = self.mark_personal(make_label("", "subtitle"))
        self.status_label = self.mark_personal(make_label("", "ok"))
        rcol.addWidget(self.number_label)
        rcol.addWidget(self.status_label)
        self._history = QVBoxLayout()
        rcol.addLayout(self._history)
        rcol.addStretch(1)
        col.addWidget(make_scroll(result), 1)

    def _query(self) -> None:
        text = self.number_edit.text().strip().upper()
        if text:
            self.query.emit(text)

    def preview_area(self) -> PreviewArea:
        """The container for the camera view while scanning; see show_scanning."""
        return self.preview

    def show_scanning(self, on: bool) -> None:
        self.preview.setVisible(on)

    def show_progress(self, p: dict) -> None:
        self.message_label.hide()
        self.number_label.setText(f"办件编号：{p.get('tracking_no', '')}")
        self.status_label.setText(f"当前状态：{p.get('status_label', '')}")
        self._clear_history()
        for when, text in p.get("history", []):
            self._history.addWidget(make_label(f"{when}  {text}", "body"))

    def show_message(self, zh: str) -> None:
        self.message_label.setText(zh)
        self.message_label.setVisible(bool(zh))

    def _clear_history(self) -> None:
        clear_layout(self._history)

    def wipe(self) -> None:
        super().wipe()
        self._clear_history()
        self.message_label.clear()
        self.message_label.hide()
        self.show_scanning(False)

    def spoken_hint(self) -> str:
        return "请扫描回执上的二维码，或者读身份证，或者输入办件编号查询。"
