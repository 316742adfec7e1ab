"""The outcome, said honestly: 已受理 with the official number, or 已保存 with the
kiosk's own number when the application waits for the network; the receipt
or, when it could not be printed, its QR code to photograph; 请取走身份证."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.qr_picture import qr_pixmap
from screens.widgets import BigButton, Columns, accessible, card, make_label

TAKE_CARD = tr_noop("请取走身份证、社保卡等随身物品")


class ResultScreen(Screen):
    name = "result"
    title = "办理结果"
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = Columns()
        info, icol = card()
        self.greeting_label = self.mark_personal(make_label("", "body"))
        self.number_label = self.mark_personal(make_label("", "personal"))
        self.queued_label = make_label("", "notice")
        self.printer_label = make_label("", "body")
        self.scene_label = make_label("", "body")      # 一件事一次办: each item's number, or 需人工处理
        self.scene_label.hide()
        for w in (self.greeting_label, self.number_label, self.scene_label, self.queued_label, self.printer_label):
            icol.addWidget(w)
        icol.addStretch(1)
        self.columns.add(info, 3)
        qr, qcol = card()
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignCenter)
        accessible(self.qr_label, tr_noop("回执二维码"), tr_noop("用手机拍下这个二维码，以后可以查询办理进度"))
        qcol.addWidget(self.qr_label)
        self.photo_label = make_label(tr_noop("请用手机拍照留存，以后可以扫码查询进度"), "hint")
        self.photo_label.setAlignment(Qt.AlignCenter)
        qcol.addWidget(self.photo_label)
        self.qr_card = qr
        self.columns.add(qr, 2)
        self.body.addWidget(self.columns)
        self.card_label = make_label(TAKE_CARD, "instruction")
        self.card_label.setAlignment(Qt.AlignCenter)
        self.body.addWidget(self.card_label)
        self.body.addStretch(1)
        self.done_button = BigButton(tr_noop("完成"), tr_noop("办理结束，进入服务评价"), "primary", icon="check")
        self.done_button.clicked.connect(self.done)
        self.add_action(self.done_button)
        self.wipe()

    def show_result(self, r: dict) -> None:
        item, who = r.get("item_name", ""), r.get("masked_name", "")
        delivered = bool(r.get("tracking_no"))
        if not r.get("accepted"):
            self.set_heading(tr_noop("未能受理"))
            self.greeting_label.setText(tr("{who}，您申请的“{item}”没有提交成功，请联系工作人员。")
                                        .format(who=who, item=item))
        elif delivered:
            self.set_heading(tr_noop("已受理"))
            self.greeting_label.setText(tr("{who}，您申请的“{item}”已受理。").format(who=who, item=item))
        else:
            self.set_heading(tr_noop("已保存，联网后自动提交") if not r.get("online", False)
                             else tr_noop("已保存，正在提交"))
            self.greeting_label.setText(tr("{who}，您申请的“{item}”已在本机加密保存。").format(who=who, item=item))
        if delivered:
            self.number_label.setText(tr("办件编号：{no}").format(no=r["tracking_no"]))
        else:
            self.number_label.setText(tr("本机受理号：{no}").format(no=r.get("local_no", "")))
        lines = []
        for it in r.get("scene_items") or []:
            if it.get("needs_staff"):
                lines.append(tr("{name}：未能受理，需工作人员处理（本机受理号 {no}）").format(name=it["name"], no=it["local_no"]))
            elif it.get("tracking_no"):
                lines.append(tr("{name}：办件编号 {no}").format(name=it["name"], no=it["tracking_no"]))
            else:
                lines.append(tr("{name}：待提交（本机受理号 {no}）").format(name=it["name"], no=it["local_no"]))
        self.scene_label.setText("\n".join(lines))
        self.scene_label.setVisible(bool(lines))
        if lines:          # a scene: each item says its own number; no one number stands for all
            self.number_label.setText(tr("本次一并办理 {n} 个事项：").format(n=len(lines)))
            if any(it.get("needs_staff") for it in r["scene_items"]):
                self.set_heading(tr_noop("部分事项需工作人员处理"))
        note = r.get("queued_note", r.get("queued_note_zh")) if r.get("queued") else ""
        if note:
            self.queued_label.set_source(note)
        else:
            self.queued_label.clear()
        self.queued_label.setVisible(bool(note))
        printer_ok = bool(r.get("printer_ok"))
        self.printer_label.set_source(tr_noop("回执已打印，请取走回执。") if printer_ok
                                      else (r.get("printer_message") or r.get("printer_message_zh")
                                            or tr_noop("回执暂时无法打印。")))
        show_qr = not printer_ok and bool(r.get("qr_payload"))
        if show_qr:  # the receipt could not be printed: the QR is the resident's copy
            self.qr_label.setPixmap(qr_pixmap(r["qr_payload"], 280))
        else:
            self.qr_label.clear()
        self.qr_card.setVisible(show_qr)

    def wipe(self) -> None:
        super().wipe()
        self.set_heading("")
        for w in (self.queued_label, self.printer_label, self.scene_label):
            w.clear()
        self.scene_label.hide()
        self.qr_label.clear()
        self.qr_card.hide()
        self.queued_label.hide()

    def spoken_hint(self) -> str:
        return f"{self.heading.text()}。{self.printer_label.text()}{tr(TAKE_CARD)}"
