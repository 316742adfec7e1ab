"""Confirm everything, in full, and agree to the personal-information notice."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QVBoxLayout, QWidget

from screens.base import Screen
from screens.widgets import BigButton, accessible, clear_layout, make_label, make_scroll

CONSENT_TEXT = (
    "个人信息处理告知\n"
    "1. 收集哪些信息：您的身份证件信息、您填写的内容、材料照片；需要刷脸的事项会用到您的照片。\n"
    "2. 用来做什么：只用于办理您选择的这个事项。\n"
    "3. 交给谁：办理这个事项的政务服务部门。\n"
    "4. 怎样保存：网络断开时在本机加密暂存，提交成功后立即删除；"
    "刷脸照片只用于本次核验，本机不保存。\n"
    "5. 您的权利：可以向工作人员查询、更正您的信息，也可以不同意，改到窗口办理。"
)


class ReviewScreen(Screen):
    name = "review"
    title = "确认信息"
    confirmed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        col.addWidget(make_label("请确认以下信息", "title"))
        body = QWidget()
        bcol = QVBoxLayout(body)
        self.item_label = make_label("", "subtitle")
        self.where_label = make_label("", "body")
        self.name_label = self.mark_personal(make_label("", "personal"))
        self.id_label = self.mark_personal(make_label("", "personal"))
        for w in (self.item_label, self.where_label, self.name_label, self.id_label):
            bcol.addWidget(w)
        self._fields = QFormLayout()
        bcol.addLayout(self._fields)
        bcol.addWidget(make_label("材料：", "subtitle"))
        self._materials = QVBoxLayout()
        bcol.addLayout(self._materials)
        self.offline_label = make_label("", "notice")
        self.offline_label.hide()
        bcol.addWidget(self.offline_label)
        self.consent_text = make_label(CONSENT_TEXT, "body")
        self.consent_text.hide()
        bcol.addWidget(self.consent_text)
        bcol.addStretch(1)
        self._scroll = make_scroll(body)
        col.addWidget(self._scroll, 1)
        self.consent_check = QCheckBox("我已阅读并同意《个人信息处理告知》")
        accessible(self.consent_check, "同意个人信息处理告知", "勾选表示您同意个人信息处理告知")
        self.consent_check.toggled.connect(self._consent_changed)
        col.addWidget(self.consent_check)
        self.view_consent_button = BigButton("查看告知内容", "显示个人信息处理告知的全文", "secondary")
        self.view_consent_button.clicked.connect(self._toggle_consent_text)
        col.addWidget(self.view_consent_button)
        self.confirm_button = BigButton("确认提交", "信息无误，确认提交申请", "primary")
        self.confirm_button.clicked.connect(self.confirmed)
        col.addWidget(self.confirm_button)
        self._consent_changed(False)

    def show_summary(self, s: dict) -> None:
        self.item_label.setText(s.get("item_name", ""))
        self.where_label.setText(" · ".join(p for p in (s.get("region_name"), s.get("mode_label")) if p))
        self.name_label.setText(f"申请人：{s.get('applicant_name', '')}")
        self.id_label.setText(f"证件号码：{s.get('applicant_id', '')}")  # in full: confirmation
        self._clear_details()
        for label, value in s.get("fields", []):
            self._fields.addRow(make_label(f"{label}：", "body"), make_label(str(value), "personal"))
        for label, pages in s.get("materials", []):
            self._materials.addWidget(make_label(f"• {label}：{pages} 页", "body"))
        note = s.get("offline_note")
        self.offline_label.setText(note or "")
        self.offline_label.setVisible(bool(note))
        self.consent_check.setChecked(False)

    def _consent_changed(self, on: bool) -> None:
        self.confirm_button.setEnabled(on)

    def _toggle_consent_text(self) -> None:
        show = not self.consent_text.isVisible()
        self.consent_text.setVisible(show)
        self.view_consent_button.setText("收起告知内容" if show else "查看告知内容")
        if show:
            self._scroll.ensureWidgetVisible(self.consent_text)

    def _clear_details(self) -> None:
        while self._fields.rowCount():
            self._fields.removeRow(0)  # deletes the labels at once
        clear_layout(self._materials)

    def wipe(self) -> None:
        super().wipe()
        self._clear_details()
        for w in (self.item_label, self.where_label, self.offline_label):
            w.clear()
        self.consent_check.setChecked(False)
        self.consent_text.hide()
        self.view_consent_button.setText("查看告知内容")

    def spoken_hint(self) -> str:
        return "请确认信息无误，阅读并勾选个人信息处理告知，然后点确认提交。"
