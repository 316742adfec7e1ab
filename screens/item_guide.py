"""申报须知 of one item: where it is handled, materials, fee, time limit."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from screens.base import Screen
from screens.widgets import BigButton, clear_layout, make_label, make_scroll


def material_line(m: dict) -> str:
    need = "必需" if m.get("required") else "可选"
    pages = m.get("pages")
    pages_txt = f"，约 {pages} 页" if pages else ""
    return f"• {m['label']}（{need}{pages_txt}）"


class ItemGuideScreen(Screen):
    name = "item_guide"
    title = "办事须知"
    proceed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        self.name_label = make_label("", "title")
        col.addWidget(self.name_label)
        body = QWidget()
        self._body = QVBoxLayout(body)
        self._body.setSpacing(12)
        self.where_label = make_label("", "subtitle")
        self.identity_label = make_label("", "body")
        self.guide_label = make_label("", "body")
        self.fee_label = make_label("", "body")
        self.time_label = make_label("", "body")
        for w in (self.where_label, self.identity_label, self.guide_label,
                  self.fee_label, self.time_label):
            self._body.addWidget(w)
        self._body.addWidget(make_label("需要准备的材料：", "subtitle"))
        self._materials = QVBoxLayout()
        self._body.addLayout(self._materials)
        self._body.addStretch(1)
        col.addWidget(make_scroll(body), 1)
        self.refused_label = make_label("", "notice")
        self.refused_label.hide()
        col.addWidget(self.refused_label)
        self.proceed_button = BigButton("开始办理", "开始办理这个事项", "primary")
        self.proceed_button.clicked.connect(self.proceed)
        col.addWidget(self.proceed_button)

    def show_item(self, item: dict) -> None:
        self.name_label.setText(item.get("name", ""))
        parts = [item.get("region_name"), item.get("department"), item.get("mode_label")]
        self.where_label.setText(" · ".join(p for p in parts if p))
        ident = item.get("identity_label")
        self.identity_label.setText(f"身份核验：{ident}" if ident else "")
        self.guide_label.setText(item.get("guide", ""))
        self.fee_label.setText(f"收费：{item.get('fee') or '不收费'}")
        limit = item.get("time_limit")
        self.time_label.setText(f"办理时限：{limit}" if limit else "")
        clear_layout(self._materials)
        materials = item.get("materials") or []
        if not materials:
            self._materials.addWidget(make_label("无需提交材料", "body"))
        for m in materials:
            self._materials.addWidget(make_label(material_line(m), "body"))
        self.set_refused(None)

    def set_refused(self, message_zh: str | None) -> None:
        """Offline-deny: show the polite message and disable 开始办理 (None undoes it)."""
        self.refused_label.setText(message_zh or "")
        self.refused_label.setVisible(bool(message_zh))
        self.proceed_button.setEnabled(not message_zh)

    def spoken_hint(self) -> str:
        return f"{self.name_label.text()}。请看办事须知，准备好材料后点开始办理。"
