"""Continue in English? Offered when a foreign permanent resident ID card is read.

Written in both languages at once (the resident may read only one of them)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from screens.overlay import Overlay
from screens.widgets import BigButton, accessible, make_label
from screens.i18n_marks import tr_noop


class LanguageOffer(Overlay):
    chosen = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent, "languageOffer")
        accessible(self, tr_noop("Language / 语言"))
        title = make_label("", "title")
        title.setText("Continue in English?\n继续使用中文吗？")
        title.setAlignment(Qt.AlignCenter)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.english_button = BigButton("", "", "primary")
        self.english_button.setText("English")
        self.english_button.setAccessibleName("English")
        self.english_button.setAccessibleDescription("Continue in English / 用英文继续")
        self.chinese_button = BigButton("", "", "secondary")
        self.chinese_button.setText("中文")
        self.chinese_button.setAccessibleName("中文")
        self.chinese_button.setAccessibleDescription("继续使用中文 / Continue in Chinese")
        row.addWidget(self.chinese_button)
        row.addWidget(self.english_button)
        self.english_button.clicked.connect(lambda: self._choose("en"))
        self.chinese_button.clicked.connect(lambda: self._choose("zh"))
        self.column.addWidget(title)
        self.column.addLayout(row)

    def offer(self, lang: str = "en") -> None:
        self.cover()

    def _choose(self, lang: str) -> None:
        self.hide()
        self.chosen.emit(lang)
