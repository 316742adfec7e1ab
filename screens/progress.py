"""进度查询: scan the receipt's QR code, read the ID card, or type the number (digits and letters).

The result has room: the item's name, the number, the state, and its history.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.keypads import AlnumPad
from screens.widgets import (
    BigButton, Columns, PreviewArea, TileGrid, accessible, card, clear_layout, make_label,
)


class ProgressScreen(Screen):
    name = "progress"
    title = "进度查询"
    query = Signal(str)
    scan_qr_requested = Signal()
    read_card_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("查询办理进度"))
        self.columns = Columns()
        ask = QWidget()
        acol = QVBoxLayout(ask)
        acol.setContentsMargins(0, 0, 0, 0)
        acol.setSpacing(16)
        ways = TileGrid(min_width=300, max_columns=2)
        self.scan_button = BigButton(tr_noop("扫描回执二维码"), tr_noop("把回执上的二维码对准摄像头"), "secondary", icon="qrcode")
        self.card_button = BigButton(tr_noop("读身份证查询"), tr_noop("把身份证放在读卡区，查询您的办件"), "secondary", icon="id")
        self.scan_button.clicked.connect(self.scan_qr_requested)
        self.card_button.clicked.connect(self.read_card_requested)
        ways.add(self.scan_button)
        ways.add(self.card_button)
        acol.addWidget(ways)
        self.preview = PreviewArea("摄像头画面（扫描回执二维码）")
        self.preview.setMinimumSize(266, 200)
        self.preview.hide()
        acol.addWidget(self.preview)
        acol.addWidget(make_label(tr_noop("或者输入办件编号（回执上的编号或本机受理号）："), "body"))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(tr("例如 T2026120500042"))
        accessible(self.number_edit, tr_noop("办件编号"), tr_noop("输入回执上的办件编号，可以输入数字和字母"))
        self.number_edit.returnPressed.connect(self._query)
        acol.addWidget(self.number_edit)
        self.pad = AlnumPad()
        self.pad.set_target(self.number_edit)
        acol.addWidget(self.pad)
        self.columns.add(ask, 3)
        answer, rcol = card()
        self.message_label = make_label("", "notice")
        self.message_label.hide()
        rcol.addWidget(self.message_label)
        self.item_label = self.mark_personal(make_label("", "subtitle"))
        self.number_label = self.mark_personal(make_label("", "body"))
        self.status_label = self.mark_personal(make_label("", "ok"))
        for w in (self.item_label, self.number_label, self.status_label):
            rcol.addWidget(w)
        self._history = QVBoxLayout()
        rcol.addLayout(self._history)
        rcol.addStretch(1)
        self.answer_card = answer
        answer.hide()
        self.columns.add(answer, 2)
        self.body.addWidget(self.columns)
        self.body.addStretch(1)
        self.query_button = BigButton(tr_noop("查询"), tr_noop("查询这个编号的办理进度"), "primary", icon="search")
        self.query_button.clicked.connect(self._query)
        self.add_action(self.query_button)

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
        self.answer_card.show()
        self.item_label.setText(p.get("item_name", ""))
        self.item_label.setVisible(bool(p.get("item_name")))
        self.number_label.setText(tr("办件编号：{no}").format(no=p.get("tracking_no", "")))
        self.status_label.setText(tr("当前状态：{state}").format(state=p.get("status_label", "")))
        self._clear_history()
        for when, text in p.get("history", []):
            line = make_label("", "body")
            line.setText(f"{when}  {text}")
            self._history.addWidget(line)
        self.scroll_to(self.answer_card)

    def show_scene(self, p: dict) -> None:
        """一件事一次办: the scene and each item's number and state; an item that needs staff says so."""
        self.message_label.hide()
        self.answer_card.show()
        self.item_label.setText(p.get("scene_name", ""))
        self.item_label.setVisible(True)
        items = p.get("items", [])
        self.number_label.setText(tr("本次一并办理 {n} 个事项：").format(n=len(items)))
        staff = [name for name, _, _, needs in items if needs]
        self.status_label.setText(tr("需工作人员处理：{names}").format(names="、".join(staff)) if staff
                                  else tr("各事项均已提交"))
        self._clear_history()
        for name, number, status, needs in items:
            line = make_label("", "error" if needs else "body")
            line.setText(tr("{name}：{status}（编号 {no}）").format(name=name, status=status, no=number))
            self._history.addWidget(line)
        self.scroll_to(self.answer_card)

    def show_message(self, text: str, **args) -> None:
        """A source text (translated here): 正在查询…, not found, read your card…"""
        if text:
            self.message_label.set_source(text, **args)
            self.answer_card.show()
            for w in (self.item_label, self.number_label, self.status_label):
                w.clear()
            self._clear_history()
        else:
            self.message_label.clear()
        self.message_label.setVisible(bool(text))

    def _clear_history(self) -> None:
        clear_layout(self._history)

    def wipe(self) -> None:
        super().wipe()
        self._clear_history()
        self.message_label.clear()
        self.message_label.hide()
        self.answer_card.hide()
        self.show_scanning(False)

    def spoken_hint(self) -> str:
        return tr("请扫描回执上的二维码，或者读身份证，或者输入办件编号查询。")
