"""已受理 (or not), the tracking number, the receipt or its QR, 请取走身份证."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout

from screens.base import Screen
from screens.qr_picture import qr_pixmap
from screens.widgets import BigButton, accessible, make_label

TAKE_CARD = "请取走身份证、社保卡等随身物品"


class ResultScreen(Screen):
    name = "result"
    title = "办理结果"
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        self.headline_label = make_label("", "title")
        self.headline_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.headline_label)
        self.greeting_label = self.mark_personal(make_label("", "body"))
        self.number_label = self.mark_personal(make_label("", "personal"))
        self.queued_label = make_label("", "notice")
        self.printer_label = make_label("", "body")
        for w in (self.greeting_label, self.number_label, self.queued_label, self.printer_label):
            col.addWidget(w)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignCenter)
        accessible(self.qr_label, "回执二维码", "用手机拍下这个二维码，以后可以查询办理进度")
        col.addWidget(self.qr_label)
        self.photo_label = make_label("请用手机拍照留存，以后可以扫码查询进度", "instruction")
        self.photo_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.photo_label)
        col.addStretch(1)
        self.card_label = make_label(TAKE_CARD, "instruction")
        self.card_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.card_label)
        self.done_button = BigButton("完成", "办理结束，进入服务评价", "primary")
        self.done_button.clicked.connect(self.done)
        col.addWidget(self.done_button)
        self.wipe()

    def show_result(self, r: dict) -> None:
        accepted = bool(r.get("accepted"))
        item = r.get("item_name", "")
        self.headline_label.setText("已受理" if accepted else "未能受理")
        who = r.get("masked_name", "")
        self.greeting_label.setText(
            f"{who}，您申请的“{item}”已受理。" if accepted
            else f"{who}，您申请的“{item}”没有提交成功，请联系工作人员。")
        if r.get("tracking_no"):
            self.number_label.setText(f"办件编号：{r['tracking_no']}")
        else:
            self.number_label.setText(f"本机受理号：{r.get('local_no', '')}")
        note = r.get("queued_note_zh") if r.get("queued") else ""
        self.queued_label.setText(note or "")
        self.queued_label.setVisible(bool(note))
        printer_ok = bool(r.get("printer_ok"))
        self.printer_label.setText("回执已打印，请取走回执。" if printer_ok
                                   else (r.get("printer_message_zh") or "回执暂时无法打印。"))
        show_qr = not printer_ok and bool(r.get("qr_payload"))
        if show_qr:  # the receipt could not be printed: the QR is the resident's copy
            self.qr_label.setPixmap(qr_pixmap(r["qr_payload"], 320))
        else:
            self.qr_label.clear()
        self.qr_label.setVisible(show_qr)
        self.photo_label.setVisible(show_qr)
        self.card_label.setText(TAKE_CARD)

    def wipe(self) -> None:
        super().wipe()
        for w in (self.headline_label, self.queued_label, self.printer_label):
            w.clear()
        self.qr_label.clear()
        self.qr_label.hide()
        self.photo_label.hide()
        self.queued_label.hide()

    def spoken_hint(self) -> str:
        return f"{self.headline_label.text()}。{self.printer_label.text()}{TAKE_CARD}"
