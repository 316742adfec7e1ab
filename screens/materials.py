"""Photograph the materials with the document camera, page by page.

A material is done when it has as many pages as it asks for (居民身份证正反面:
2); a page the flow refuses (a face instead of a document) is said under its
material and not kept.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import join, tr
from screens.widgets import BigButton, Columns, PreviewArea, card, clear_layout, make_label, scrub
from screens.i18n_marks import tr_noop

THUMB = 96  # px, the long side of a page thumbnail


class MaterialRow(QWidget):
    """One material: its name, 拍照, and the pages taken (tap a page to retake it)."""

    def __init__(self, material: dict, screen: "MaterialsScreen"):
        super().__init__()
        self.material = material
        self.key = material["key"]
        self.wanted = int(material.get("pages") or 1)
        self._screen = screen
        frame, col = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        need = tr("必需") if material.get("required") else tr("可选")
        title = make_label("", "subtitle")
        title.setText(f"{material['label']}（{need}）")
        col.addWidget(title)
        self.count_label = make_label("", "hint")
        col.addWidget(self.count_label)
        self.refused_label = make_label("", "error")
        self.refused_label.hide()
        col.addWidget(self.refused_label)
        self.thumbs = QHBoxLayout()
        self.thumbs.setAlignment(Qt.AlignLeft)
        self.thumbs.setSpacing(16)
        col.addLayout(self.thumbs)
        self.capture_button = BigButton(tr_noop("拍照"), "", "secondary", icon="camera")
        self.capture_button.clicked.connect(lambda: screen.capture_requested.emit(self.key))
        col.addWidget(self.capture_button)
        self.license_button = None
        self.license_used: tuple = ()      # 免证办: (source text, its arguments) of the licence used
        if material.get("accept_licenses"):
            self.license_button = BigButton(tr_noop("使用电子证照"), tr_noop("用电子证照代替拍摄"), "secondary",
                                            icon="file-certificate")
            self.license_button.clicked.connect(lambda: screen.license_requested.emit(self.key))
            col.addWidget(self.license_button)
        self.page_buttons: list[BigButton] = []
        self._refresh()

    def use_license(self, text: str, **args) -> None:
        for i in reversed(range(len(self.page_buttons))):
            self.remove_page(i)
        self.license_used = (text, args)
        self._refresh()

    @property
    def satisfied(self) -> bool:
        return bool(self.license_used) or self.complete()

    def add_page(self, thumbnail: QImage) -> None:
        self.refused_label.hide()
        b = BigButton("", "", "option")
        pix = QPixmap.fromImage(thumbnail).scaled(THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        b.setIcon(QIcon(pix))
        b.setIconSize(pix.size())
        b.clicked.connect(lambda: self._screen.retake_requested.emit(self.key, self.page_buttons.index(b)))
        self.page_buttons.append(b)
        self.thumbs.addWidget(b)
        self._refresh()

    def refuse_page(self, message: str) -> None:
        self.refused_label.set_source(message)
        self.refused_label.show()

    def remove_page(self, index: int) -> None:
        if 0 <= index < len(self.page_buttons):
            b = self.page_buttons.pop(index)
            self.thumbs.removeWidget(b)
            scrub(b)  # the thumbnail is a photo of a personal document
            b.hide()
            b.deleteLater()
            self._refresh()

    def page_count(self) -> int:
        return len(self.page_buttons)

    def complete(self) -> bool:
        return self.page_count() >= self.wanted

    def _refresh(self) -> None:
        n, label = len(self.page_buttons), self.material["label"]
        if self.license_used:
            self.count_label.set_source(self.license_used[0], **self.license_used[1])
        else:
            self.count_label.set_source(tr_noop("需要 {want} 页，已拍 {n} 页"), want=self.wanted, n=n)
        for i, b in enumerate(self.page_buttons):
            b.set_source(tr_noop("第{i}页 重拍"), tr_noop("重拍{label}第{i}页"), i=i + 1, label=label)
        self.capture_button.set_source(tr_noop("拍下一页") if 0 < n < self.wanted else tr_noop("再拍一页") if n
                                       else tr_noop("拍照"),
                                       tr_noop("拍摄{label}的一页"), label=label)


class MaterialsScreen(Screen):
    name = "materials"
    title = "拍摄材料"
    capture_requested = Signal(str)
    retake_requested = Signal(str, int)
    done = Signal()
    license_requested = Signal(str)        # material key: 使用电子证照
    license_consent = Signal(bool)         # the separate consent to fetch licences
    license_chosen = Signal(str, str)      # material key, licence id

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("请把材料平放在拍摄区，然后点拍照"))
        self.columns = Columns()
        self.preview = PreviewArea("高拍仪画面")
        self.preview.setMinimumSize(266, 200)
        self.columns.add(self.preview, 1)
        rows = QWidget()
        self._rows_layout = QVBoxLayout(rows)
        self._rows_layout.setContentsMargins(0, 0, 8, 0)
        self._rows_layout.setSpacing(16)
        self.columns.add(rows, 1)
        self.body.addWidget(self.columns, 1)
        from screens.license_panel import LicensePanel
        self.license_panel = LicensePanel()
        self.license_panel.consent.connect(self.license_consent)
        self.license_panel.chosen.connect(self.license_chosen)
        self.body.addWidget(self.license_panel)
        self.missing_label = make_label("", "hint")
        self.body.addWidget(self.missing_label)
        self.done_button = BigButton(tr_noop("材料拍好了，下一步"), tr_noop("所有必需材料都已拍摄，进入下一步"), "primary",
                                     icon="arrow-right")
        self.done_button.clicked.connect(self.done)
        self.add_action(self.done_button)
        self.rows: dict[str, MaterialRow] = {}
        self._update_done()

    def set_materials(self, materials: list[dict]) -> None:
        clear_layout(self._rows_layout)
        self.rows = {}
        for m in materials:
            row = MaterialRow(m, self)
            self._rows_layout.addWidget(row)
            self.rows[m["key"]] = row
        self._rows_layout.addStretch(1)
        self._update_done()

    def preview_area(self) -> PreviewArea:
        """The container for the document camera view; see PreviewArea.set_view."""
        return self.preview

    def add_page(self, key: str, thumbnail: QImage) -> None:
        self.rows[key].add_page(thumbnail)
        self._update_done()

    def refuse_page(self, key: str, message: str) -> None:
        """A photo that is not this material (a source text says why)."""
        self.rows[key].refuse_page(message)

    def remove_page(self, key: str, index: int) -> None:
        self.rows[key].remove_page(index)
        self._update_done()

    def page_counts(self) -> dict[str, int]:
        return {k: r.page_count() for k, r in self.rows.items()}

    # -- 免证办 ---------------------------------------------------------------------
    def show_license_consent(self, text: str) -> None:
        self.license_panel.ask_consent(text)

    def show_license_message(self, text: str) -> None:
        self.license_panel.say(text)

    def show_licenses(self, key: str, choices: list[dict]) -> None:
        self.license_panel.offer(key, choices)

    def set_license_used(self, key: str, text: str, **args) -> None:
        """A licence stands for material `key`; `text` (a source text) says which."""
        self.rows[key].use_license(text, **args)
        self.license_panel.clear()
        self._update_done()

    def _update_done(self) -> None:
        missing = [r for r in self.rows.values() if r.material.get("required") and not r.satisfied]
        self.done_button.setEnabled(not missing)
        if missing:
            self.missing_label.set_source(tr_noop("还需要拍：{names}"), names=join(
                tr("{label}（还差 {n} 页）").format(label=r.material["label"], n=r.wanted - r.page_count())
                for r in missing))
        else:
            self.missing_label.clear()
        self.missing_label.setVisible(bool(missing))

    def wipe(self) -> None:
        super().wipe()
        clear_layout(self._rows_layout)  # the page photos are personal
        self.rows = {}
        self.license_panel.clear()
        self._update_done()

    def spoken_hint(self) -> str:
        return tr("请把材料平放在拍摄区，然后点拍照。每一页拍一次。")
