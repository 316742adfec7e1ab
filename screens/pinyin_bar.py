"""The candidate bar of the pinyin keyboard: the composition on the left, then as many
candidates (or punctuation marks) as the width holds, paged with ◀ ▶; 大写 in English.

It never asks for more width than it is given: the window must not grow, however
long a candidate is. Buttons never take focus. Sizes: see STYLE.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from screens.widgets import BigButton

ZH_PUNCTUATION = ("，", "。", "、", "？", "！", "：", "（", "）", "-", "#")
EN_PUNCTUATION = (",", ".", "-", "'", "/", "#", "@", "(", ")")
PAGE_MIN = 3            # candidates on a page when the bar has no width yet
CANDIDATE_PADDING = 2 * 14 + 2 * 3 + 2    # STYLE's padding and border, and a pixel's slack each side

# Outer sizes independent of the theme's padding: QSS min-height/width are the content
# box, so 58 + 2 × 3 px border = 64 (82 + 6 = 88 in elder mode; candidates 30 + 2 × 14
# padding + 6 = 64, 54 + 34 = 88). Colours and fonts come from the theme.
STYLE = """
QPushButton[role="ime-key"], QPushButton[role="ime-function"] {
    padding: 0px; min-height: 58px; min-width: 58px; border-width: 3px;
}
QPushButton[role="ime-candidate"] { padding: 0px 14px; min-height: 58px; min-width: 30px; border-width: 3px; }
QPushButton[role="ime-key"] { font-weight: bold; background: #F2F6FB; color: #111111; }
QPushButton[role="ime-candidate"] { color: #111111; }
QPushButton[role="ime-function"] { background: #FFFFFF; color: #0B4F9C; }
QPushButton[role="ime-function"]:checked { background: #111111; color: #FFFFFF; }
QWidget[elder="true"] QPushButton[role="ime-key"],
QWidget[elder="true"] QPushButton[role="ime-function"] { min-height: 82px; min-width: 82px; }
QWidget[elder="true"] QPushButton[role="ime-candidate"] { min-height: 82px; min-width: 54px; }
QWidget[elder="true"] QPushButton[role="ime-function"] { font-size: 34px; }
QLabel#pinyinPreedit { font-size: 28px; color: #0B4F9C; padding: 0px 8px; }
QWidget[elder="true"] QLabel#pinyinPreedit { font-size: 34px; }
"""


def ime_button(label: str, description: str, role: str) -> BigButton:
    b = BigButton(label, description, role)
    b.setFocusPolicy(Qt.NoFocus)
    b.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    return b


class CandidateBar(QWidget):
    chosen = Signal(int)        # a candidate: its index in the whole list given to show_words
    mark = Signal(str)          # a punctuation mark

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.NoFocus)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(8)
        self.preedit_label = QLabel()
        self.preedit_label.setObjectName("pinyinPreedit")
        self.preedit_label.setTextFormat(Qt.PlainText)
        self.preedit_label.setMinimumWidth(1)
        bar.addWidget(self.preedit_label)
        # The strip takes the width left and never asks for more; its buttons are chosen
        # to fit it, again at every resize.
        self._strip = _Strip(self._fill)
        self._slots = QHBoxLayout(self._strip)
        self._slots.setContentsMargins(0, 0, 0, 0)
        self._slots.setSpacing(8)
        self._slots.addStretch(1)
        bar.addWidget(self._strip, 1)
        self._pool: list[BigButton] = []
        self.caps_button = ime_button("大写", "英文字母大写", "ime-function")
        self.caps_button.setCheckable(True)
        self.prev_button = ime_button("◀", "上一页候选词", "ime-function")
        self.next_button = ime_button("▶", "下一页候选词", "ime-function")
        for b in (self.caps_button, self.prev_button, self.next_button):
            b.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
            bar.addWidget(b)
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self._items: list[str] = []
        self._words = False               # candidates (True) or punctuation marks
        self._page_starts = [0]           # where each page seen so far begins; last = current
        self._preedit = ""

    def show_words(self, texts: list[str]) -> None:
        self._items, self._words, self._page_starts = list(texts), True, [0]
        self._fill()

    def show_marks(self, marks) -> None:
        self._items, self._words, self._page_starts = list(marks), False, [0]
        self._fill()

    def set_preedit(self, text: str) -> None:
        """The composition, its end kept when it is long (the end is what is being typed). A
        fixed quarter of the width, so typing never moves the candidates."""
        self._preedit = text
        room = max(120, self.width() // 4)
        if self.preedit_label.width() != room:
            self.preedit_label.setFixedWidth(room)
        self.preedit_label.setText(self.preedit_label.fontMetrics().elidedText(text, Qt.ElideLeft, room - 16))
        self.preedit_label.setAccessibleName(text)

    def buttons(self) -> list[BigButton]:
        """The buttons of the current page, left to right."""
        return [b for b in self._pool if not b.isHidden()]

    def next_page(self) -> None:
        shown = len(self.buttons())
        start = self._page_starts[-1] + shown
        if self._words and shown and start < len(self._items):
            self._page_starts.append(start)
            self._fill()

    def previous_page(self) -> None:
        if len(self._page_starts) > 1:
            self._page_starts.pop()
            self._fill()

    def clear(self) -> None:
        self._items, self._page_starts = [], [0]
        for b in self._pool:
            b.setText("")
            b.setAccessibleName("")
            b.setAccessibleDescription("")
        self.preedit_label.clear()
        self.preedit_label.setAccessibleName("")
        self.caps_button.setChecked(False)

    def _fill(self) -> None:
        words = self._words
        self.prev_button.setVisible(words)
        self.next_button.setVisible(words)
        room = self._strip.width() if self.isVisible() and self._strip.width() > 1 else None
        shown = used = 0
        first = self._slot(0)
        first.ensurePolished()
        metrics, least = first.fontMetrics(), first.minimumSizeHint().height()  # square at least
        for text in self._items[self._page_starts[-1]:]:
            if room is None and shown >= PAGE_MIN:
                break
            need = max(least, metrics.horizontalAdvance(text) + CANDIDATE_PADDING) + (8 if shown else 0)
            if shown and room is not None and used + need > room:
                break
            b = self._slot(shown)
            if b.text() != text:
                b.setText(text)
                b.setAccessibleName(text)
            b.setAccessibleDescription("选这个词" if words else "输入标点")
            if b.isHidden():
                b.show()
            used += need
            shown += 1
        for b in self._pool[shown:]:
            if not b.isHidden() or b.text():
                b.hide()
                b.setText("")
                b.setAccessibleName("")
        self.prev_button.setEnabled(len(self._page_starts) > 1)
        self.next_button.setEnabled(words and self._page_starts[-1] + shown < len(self._items))

    def _slot(self, i: int) -> BigButton:
        while len(self._pool) <= i:
            b = ime_button("", "", "ime-candidate")
            b.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
            n = len(self._pool)
            b.clicked.connect(lambda _=False, k=n: self._clicked(k))
            self._slots.insertWidget(n, b)
            b.hide()
            self._pool.append(b)
        return self._pool[i]

    def _clicked(self, k: int) -> None:
        if self._words:
            self.chosen.emit(self._page_starts[-1] + k)
        else:
            self.mark.emit(self._pool[k].text())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.set_preedit(self._preedit)
        # setFixedWidth above resizes the label with its old height; the row's is the right one.
        if self.preedit_label.height() != self.height():
            self.preedit_label.resize(self.preedit_label.width(), self.height())


class _Strip(QWidget):
    """A row whose width is what the layout gives it; tells its owner when that changes."""

    def __init__(self, on_resize: Callable[[], None]):
        super().__init__()
        self._on_resize = on_resize
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setFocusPolicy(Qt.NoFocus)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._on_resize()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._on_resize()
