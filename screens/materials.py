"""Photograph the materials with the document camera, page by page."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.base import Screen
from screens.widgets import (
    BigButton, PreviewArea, clear_layout, make_label, make_scroll, scrub,
)

THUMB = 120  # px, the long side of a page thumbnail


class MaterialRow(QWidget):
    """One material: its name, 拍照, and the pages taken (tap a page to retake it)."""

    def __init__(self, material: dict, screen: "MaterialsScreen"):
        super().__init__()
        self.material = material
        self.key = material["key"]
        self._screen = screen
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 8, 0, 8)
        need = "必需" if material.get("required") else "可选"
        pages = material.get("pages")
        pages_txt = f"，约 {pages} 页" if pages else ""
        col.addWidget(make_label(f"{material['label']}（{need}{pages_txt}）", "subtitle"))
        self.count_label = make_label("", "hint")
        col.addWidget(self.count_label)
        self.thumbs = QHBoxLayout()
        self.thumbs.setAlignment(Qt.AlignLeft)
        col.addLayout(self.thumbs)
        self.capture_button = BigButton("拍照", f"拍摄{material['label']}的一页", "secondary")
        self.capture_button.clicked.connect(lambda: screen.capture_requested.emit(self.key))
        col.addWidget(self.capture_button)
        self.license_button = None
        self.license_used = ""             # 免证办: a licence stands for this material
        if material.get("accept_licenses"):
            self.license_button = BigButton("使用电子证照", f"用电子证照代替拍摄{material['label']}", "secondary")
            self.license_button.clicked.connect(lambda: screen.license_requested.emit(self.key))
            col.addWidget(self.license_button)
        self.page_buttons: list[BigButton] = []
        self._refresh()

    def use_license(self, text: str) -> None:
        for i in reversed(range(len(self.page_buttons))):
            self.remove_page(i)
        self.license_used = text
        self._refresh()

    @property
    def satisfied(self) -> bool:
        return bool(self.license_used) or self.page_count() > 0

    def add_page(self, thumbnail: QImage) -> None:
        b = BigButton("重拍", "", "option")
        pix = QPixmap.fromImage(thumbnail).scaled(THUMB, THUMB, Qt.KeepAspectRatio,
                                                  Qt.SmoothTransformation)
        b.setIcon(QIcon(pix))
        b.setIconSize(pix.size())
        b.clicked.connect(lambda: self._screen.retake_requested.emit(
            self.key, self.page_buttons.index(b)))
        self.page_buttons.append(b)
        self.thumbs.addWidget(b)
        self._refresh()

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

    def _refresh(self) -> None:
        n = len(self.page_buttons)
        self.count_label.setText(self.license_used or (f"已拍 {n} 页" if n else "还没有拍"))
        for i, b in enumerate(self.page_buttons):
            b.setText(f"第{i + 1}页 重拍")
            b.setAccessibleName(f"{self.material['label']} 第{i + 1}页")
            b.setAccessibleDescription(f"重拍{self.material['label']}第{i + 1}页")
        self.capture_button.setText("再拍一页" if n else "拍照")


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
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        col.addWidget(make_label("请把材料平放在拍摄区，然后点拍照", "title"))
        self.preview = PreviewArea("高拍仪画面")
        self.preview.setMinimumSize(480, 320)
        col.addWidget(self.preview, 1)
        body = QWidget()
        self._rows_layout = QVBoxLayout(body)
        col.addWidget(make_scroll(body), 1)
        from screens.license_panel import LicensePanel
        self.license_panel = LicensePanel()
        self.license_panel.consent.connect(self.license_consent)
        self.license_panel.chosen.connect(self.license_chosen)
        col.addWidget(self.license_panel)
        self.missing_label = make_label("", "hint")
        col.addWidget(self.missing_label)
        self.done_button = BigButton("材料拍好了，下一步", "所有必需材料都已拍摄，进入下一步", "primary")
        self.done_button.clicked.connect(self.done)
        col.addWidget(self.done_button)
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

    def set_license_used(self, key: str, text: str) -> None:
        self.rows[key].use_license(text)
        self.license_panel.clear()
        self._update_done()

    def _update_done(self) -> None:
        missing = [r.material["label"] for r in self.rows.values()
                   if r.material.get("required") and not r.satisfied]
        self.done_button.setEnabled(not missing)
        self.missing_label.setText("还需要拍：" + "、".join(missing) if missing else "")
        self.missing_label.setVisible(bool(missing))

    def wipe(self) -> None:
        super().wipe()
        clear_layout(self._rows_layout)  # the page photos are personal
        self.rows = {}
        self.license_panel.clear()
        self._update_done()

    def spoken_hint(self) -> str:
        return "请把材料平放在拍摄区，然后点拍照。每一页拍一次。"
