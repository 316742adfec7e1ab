"""申报须知 of one item: where it is handled, how identity is checked, materials, fee, time limit."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout

from screens.base import Screen
from screens.i18n import tr
from screens.widgets import BigButton, Columns, card, clear_layout, make_label
from screens.i18n_marks import tr_noop


def material_line(m: dict) -> str:
    need = tr("必需") if m.get("required") else tr("可选")
    pages = m.get("pages")
    pages_txt = tr("，约 {n} 页").format(n=pages) if pages else ""
    return "• " + tr("{label}（{need}{pages}）").format(label=m["label"], need=need, pages=pages_txt)


class ItemGuideScreen(Screen):
    name = "item_guide"
    title = "办事须知"
    proceed = Signal()
    scene_item_toggled = Signal(str, bool)     # 一件事一次办: an optional item left out or taken back

    def __init__(self, parent=None):
        super().__init__(parent)
        self.official_label = make_label("", "official")
        self.official_label.hide()
        self.body.addWidget(self.official_label)
        self.refused_label = make_label("", "notice")
        self.refused_label.hide()
        self.body.addWidget(self.refused_label)
        self.columns = Columns()
        about, acol = card()
        self.where_label = make_label("", "subtitle")
        self.identity_label = make_label("", "body")
        self.guide_label = make_label("", "body")
        self.fee_label = make_label("", "body")
        self.time_label = make_label("", "body")
        for w in (self.where_label, self.identity_label, self.guide_label, self.fee_label, self.time_label):
            acol.addWidget(w)
        acol.addStretch(1)
        need, self._materials = card()
        self._materials.addWidget(make_label(tr_noop("需要准备的材料"), "subtitle"))
        self._material_list = self._materials
        self._materials.addStretch(1)          # the lines sit under the heading, not spread out
        self.columns.add(about, 3)
        self.columns.add(need, 2)
        self.scene_card, scol = card()            # 一件事一次办: the items of this visit, first in sight
        scol.addWidget(make_label(tr_noop("本次一并办理的事项（可选事项可以不办）"), "subtitle"))
        self._scene_rows = QVBoxLayout()
        scol.addLayout(self._scene_rows)
        self.scene_card.hide()
        self.body.addWidget(self.scene_card)
        self.body.addWidget(self.columns)
        self.scene_buttons: dict[str, BigButton] = {}
        self.body.addStretch(1)
        self.proceed_button = BigButton(tr_noop("开始办理"), tr_noop("开始办理这个事项"), "primary", icon="arrow-right")
        self.proceed_button.clicked.connect(self.proceed)
        self.add_action(self.proceed_button)
        self._material_labels: list = []

    def show_item(self, item: dict) -> None:
        self.set_heading("{name}", name=item.get("name", ""))
        official = item.get("official_name", "")
        self.official_label.setText(official)
        self.official_label.setVisible(bool(official))
        parts = [item.get("region_name"), item.get("department"), item.get("mode_label")]
        self.where_label.setText(" · ".join(p for p in parts if p))
        ident = item.get("identity_label")
        self.identity_label.setText(tr("身份核验：{how}").format(how=ident) if ident else "")
        self.identity_label.setVisible(bool(ident))
        self.guide_label.setText(item.get("guide", ""))
        self.fee_label.setText(tr("收费：{fee}").format(fee=item.get("fee") or tr("不收费")))
        limit = item.get("time_limit")
        self.time_label.setText(tr("办理时限：{limit}").format(limit=limit) if limit else "")
        self.time_label.setVisible(bool(limit))
        for label in self._material_labels:
            self._material_list.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._material_labels = []
        materials = item.get("materials") or []
        lines = [material_line(m) for m in materials] or [tr("无需提交材料")]
        for line in lines:
            label = make_label("", "body")
            label.setText(line)
            self._material_list.insertWidget(self._material_list.count() - 1, label)
            self._material_labels.append(label)
        self.set_refused(None)

    def show_scene_items(self, items: list[dict]) -> None:
        """The scene's items as ticks: [{code, name, optional, chosen}]; a required one cannot be untied.
        An empty list hides the card (a single item)."""
        clear_layout(self._scene_rows)
        self.scene_buttons = {}
        for it in items:
            b = BigButton("", "", "option")
            b.setCheckable(True)
            b.setChecked(it["chosen"])
            b.setText(tr("{name}（可选）").format(name=it["name"]) if it["optional"]
                      else tr("{name}（必办）").format(name=it["name"]))
            b.setAccessibleName(it["name"])
            b.setEnabled(it["optional"])
            b.toggled.connect(lambda on, c=it["code"]: self.scene_item_toggled.emit(c, on))
            self._scene_rows.addWidget(b)
            self.scene_buttons[it["code"]] = b
        self.scene_card.setVisible(bool(items))

    def set_refused(self, message: str | None) -> None:
        """Offline-deny: show the polite message and disable 开始办理 (None undoes it).
        `message` is a source text (translated here)."""
        if message:
            self.refused_label.set_source(message)
        else:
            self.refused_label.clear()
        self.refused_label.setVisible(bool(message))
        self.proceed_button.setEnabled(not message)

    def wipe(self) -> None:
        super().wipe()
        self.set_heading("")
        self.official_label.clear()
        self.show_scene_items([])

    def spoken_hint(self) -> str:
        return tr("{name}。请看办事须知，准备好材料后点开始办理。").format(name=self.heading.text())
