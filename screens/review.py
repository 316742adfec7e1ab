"""Confirm everything, in full, and agree to the personal-information notice.

The one screen that shows the full name and ID number (the moment of
confirmation). Materials with fewer pages than asked for are said here too.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QVBoxLayout

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.widgets import BigButton, Columns, accessible, card, clear_layout, make_label

CONSENT_TEXT = tr_noop(
    "个人信息处理告知\n"
    "1. 收集哪些信息：您的身份证件信息、您填写的内容、材料照片；需要刷脸的事项会用到您的照片。\n"
    "2. 用来做什么：只用于办理您选择的这个事项。\n"
    "3. 交给谁：办理这个事项的政务服务部门。\n"
    "4. 怎样保存：网络断开时在本机加密暂存，提交成功后立即删除；"
    "刷脸照片只用于本次核验，本机不保存。\n"
    "5. 您的权利：可以向工作人员查询、更正您的信息，也可以不同意，改到窗口办理。"
)
CONSENT_BOX = tr_noop("我已阅读并同意《个人信息处理告知》")


class ConsentBox(QCheckBox):
    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self.setText(tr(CONSENT_BOX))


class ReviewScreen(Screen):
    name = "review"
    title = "确认信息"
    confirmed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("请确认以下信息"))
        self.columns = Columns()
        who, wcol = card()
        self.item_label = make_label("", "subtitle")
        self.official_label = make_label("", "official")
        self.where_label = make_label("", "hint")
        self.name_label = self.mark_personal(make_label("", "personal"))
        self.id_label = self.mark_personal(make_label("", "personal"))
        self.scene_label = make_label("", "body")       # 一件事一次办: every item of the visit, listed
        self.scene_label.hide()
        for w in (self.item_label, self.official_label, self.where_label, self.scene_label, self.name_label,
                  self.id_label):
            wcol.addWidget(w)
        self._fields = QGridLayout()
        self._fields.setHorizontalSpacing(16)
        self._fields.setVerticalSpacing(8)
        wcol.addLayout(self._fields)
        wcol.addStretch(1)
        self.columns.add(who, 3)
        side, scol = card()
        scol.addWidget(make_label(tr_noop("材料"), "subtitle"))
        self._materials = QVBoxLayout()
        scol.addLayout(self._materials)
        self.offline_label = make_label("", "notice")
        self.offline_label.hide()
        scol.addWidget(self.offline_label)
        scol.addStretch(1)
        self.columns.add(side, 2)
        self.body.addWidget(self.columns)
        self.consent_text = make_label(CONSENT_TEXT, "body")
        self.consent_text.hide()
        self.body.addWidget(self.consent_text)
        self.consent_check = ConsentBox(tr(CONSENT_BOX))
        accessible(self.consent_check, tr_noop("同意个人信息处理告知"), tr_noop("勾选表示您同意个人信息处理告知"))
        self.consent_check.toggled.connect(self._consent_changed)
        self.body.addStretch(1)
        self._consent_fixed = True
        self.add_above_actions(self.consent_check)   # beside 确认提交, which waits for it
        self.view_consent_button = BigButton(tr_noop("查看告知内容"), tr_noop("显示个人信息处理告知的全文"), "secondary",
                                             icon="file-text")
        self.view_consent_button.clicked.connect(self._toggle_consent_text)
        self.confirm_button = BigButton(tr_noop("确认提交"), tr_noop("信息无误，确认提交申请"), "primary", icon="check")
        self.confirm_button.clicked.connect(self.confirmed)
        self.add_action(self.view_consent_button, 0)
        self.add_action(self.confirm_button, 2)
        self._consent_changed(False)

    def show_summary(self, s: dict) -> None:
        self.item_label.setText(s.get("item_name", ""))
        self.official_label.setText(s.get("official_name", ""))
        self.official_label.setVisible(bool(s.get("official_name")))
        self.where_label.setText(" · ".join(p for p in (s.get("region_name"), s.get("mode_label")) if p))
        self.name_label.setText(tr("申请人：{name}").format(name=s.get("applicant_name", "")))
        self.id_label.setText(tr("证件号码：{id}").format(id=s.get("applicant_id", "")))  # in full: confirmation
        names = s.get("scene_items") or []
        self.scene_label.setText(tr("本次一并办理 {n} 个事项：").format(n=len(names)) + "".join(
            f"\n{n}. {name}" for n, name in enumerate(names, 1)) if names else "")
        self.scene_label.setVisible(bool(names))
        self._clear_details()
        for i, (label, value) in enumerate(s.get("fields", [])):
            name = make_label("", "field-label")
            name.setText(tr("{label}：").format(label=label))
            shown = self.mark_personal(make_label("", "value"))
            shown.setText(str(value))
            self._fields.addWidget(name, i, 0)
            self._fields.addWidget(shown, i, 1)
        self._fields.setColumnStretch(1, 1)
        materials = s.get("materials", [])
        if not materials:
            self._materials.addWidget(make_label(tr_noop("本事项无需提交材料"), "body"))
        for m in materials:
            label, pages = m[0], m[1]
            wanted = m[2] if len(m) > 2 else 0
            line = make_label("", "body" if not wanted or pages >= wanted else "error")
            text = tr("• {label}：{n} 页").format(label=label, n=pages)
            if wanted and pages < wanted:
                text += tr("（应为 {want} 页）").format(want=wanted)
            line.setText(text)
            self._materials.addWidget(line)
        note = s.get("offline_note")
        if note:
            self.offline_label.set_source(note)
        else:
            self.offline_label.clear()
        self.offline_label.setVisible(bool(note))
        self.consent_check.setChecked(False)

    # Where there is room the consent box stays in sight above 确认提交, which waits
    # for it; on a short screen (768 px in 长辈模式, offline banner shown) it goes
    # to the end of the scrolling body so the summary keeps room to be read.
    MIN_BODY = 200

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_consent()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self._place_consent)

    def _place_consent(self) -> None:
        spacing = self.layout().spacing()
        margins = self.layout().contentsMargins()
        fixed = (self.heading.sizeHint().height() + self.consent_check.sizeHint().height()
                 + self.actions_widget.sizeHint().height() + 3 * spacing + margins.top() + margins.bottom())
        keep_fixed = self.height() - fixed >= self.MIN_BODY
        if keep_fixed == self._consent_fixed:
            return
        self._consent_fixed = keep_fixed
        self.consent_check.parentWidget().layout().removeWidget(self.consent_check)
        if keep_fixed:
            self.add_above_actions(self.consent_check)
        else:
            self.body.insertWidget(self.body.count() - 1, self.consent_check)   # before the stretch

    def _consent_changed(self, on: bool) -> None:
        self.confirm_button.setEnabled(on)

    def _toggle_consent_text(self) -> None:
        show = not self.consent_text.isVisible()
        self.consent_text.setVisible(show)
        self.view_consent_button.set_source(tr_noop("收起告知内容") if show else tr_noop("查看告知内容"))
        if show:
            self.scroll_to(self.consent_text)

    def _clear_details(self) -> None:
        clear_layout(self._fields)
        clear_layout(self._materials)
        self._personal_labels = [self.name_label, self.id_label]

    def wipe(self) -> None:
        super().wipe()
        self._clear_details()
        for w in (self.item_label, self.official_label, self.where_label, self.offline_label):
            w.clear()
        self.consent_check.setChecked(False)
        self.consent_text.hide()
        self.view_consent_button.set_source(tr_noop("查看告知内容"))

    def spoken_hint(self) -> str:
        return tr("请确认信息无误，阅读并勾选个人信息处理告知，然后点确认提交。")
