"""An on-screen keyboard that types Chinese by pinyin, for free text (户籍地址,
邮寄地址, an employer's name, 意见或建议) where Qt Virtual Keyboard (GPLv3) is off.

    kb = PinyinKeyboard()                     # candidates may come later:
    kb.set_candidates_source(engine)          # any callable letters -> [(text, consumed)]
    kb.set_target(line_edit_or_plain_text_edit)

Letters compose; the candidate bar offers words for them, each replacing the
letters it consumes, so the resident picks word by word (安静 for "anjing" of
"anjingjie", then 街). A pick stays in the composition until every letter is
converted, then it goes into the field; 删除 takes a letter back, or undoes the
last pick. Digits join the composition (17 + hao → 17号); 空格 takes the first
candidate; 中/英 and 完成 put what is composed into the field as it stands
(nothing typed is lost). In 英 the letters go straight in, for English names.

Keys: QWERTY by default, the order pinyin typists know from every phone's 26-key
keyboard; `layout="alphabetical"` gives A–Z in order (like LetterPad) for those who
never typed. Keys never take focus, so the field keeps its cursor. Targets: 64 px
(88 px in 长辈模式) outside, borders included; at most 10 keys a row, so the elder
keyboard fits 1024 px. Whatever was typed is in the composition: wipe() clears it.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from screens.pinyin_bar import EN_PUNCTUATION, STYLE, ZH_PUNCTUATION, CandidateBar, ime_button
from screens.widgets import BigButton

log = logging.getLogger(__name__)

Candidates = Callable[[str], list[tuple[str, int]]]
Target = QLineEdit | QPlainTextEdit

LAYOUTS = {
    "qwerty": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    "alphabetical": ("abcdefghij", "klmnopqrs", "tuvwxyz"),
}


class Composition:
    """What is being typed: the words picked so far and the letters not yet converted."""

    def __init__(self) -> None:
        self.picks: list[tuple[str, str]] = []     # (text, the letters it replaced)
        self.letters = ""

    def __bool__(self) -> bool:
        return bool(self.picks or self.letters)

    def shown(self) -> str:
        return "".join(t for t, _ in self.picks) + self.letters

    def pick(self, text: str, consumed: int) -> bool:
        """Replace the first `consumed` letters by `text`; True when nothing is left to convert."""
        consumed = max(1, min(consumed, len(self.letters)))
        self.picks.append((text, self.letters[:consumed]))
        self.letters = self.letters[consumed:]
        return not self.letters

    def back(self) -> None:
        if self.letters:
            self.letters = self.letters[:-1]
        elif self.picks:
            _, letters = self.picks.pop()
            self.letters = letters

    def clear(self) -> None:
        self.picks.clear()
        self.letters = ""


class PinyinKeyboard(QFrame):
    committed = Signal(str)      # text put into the target
    done = Signal()              # 完成: the keyboard hid itself

    def __init__(self, candidates: Candidates | None = None, layout: str = "qwerty",
                 parent: QWidget | None = None):
        super().__init__(parent)
        if layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {sorted(LAYOUTS)}, not {layout!r}")
        self.setObjectName("pinyinKeyboard")
        self.setFocusPolicy(Qt.NoFocus)
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self._source = candidates
        self._target: Target | None = None
        self._comp = Composition()
        self._mode = "zh"
        self._candidates: list[tuple[str, int]] = []
        self.keys: dict[str, BigButton] = {}
        self.bar = CandidateBar()
        self.bar.chosen.connect(self.choose)
        self.bar.mark.connect(self.punctuation)
        self.preedit_label, self.caps_button = self.bar.preedit_label, self.bar.caps_button
        self.prev_button, self.next_button = self.bar.prev_button, self.bar.next_button

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(self.bar)
        grid = QGridLayout()
        grid.setSpacing(8)
        outer.addLayout(grid)
        rows = ("1234567890", *LAYOUTS[layout])
        for r, row in enumerate(rows):
            col = 0
            if r == 3:
                col = self._put(grid, "mode", "中/英", "切换中文拼音或英文字母", r, col)
            for ch in row:
                key = ime_button(ch.upper() if ch.isalpha() else ch, f"输入 {ch.upper()}", "ime-key")
                key.clicked.connect(lambda _=False, c=ch: self.press(c))
                grid.addWidget(key, r, col)
                self.keys[ch] = key
                col += 1
            if r == 2:
                self._put(grid, "back", "删除", "删除最后一个字母或字", r, col, span=10 - col)
            if r == 3:
                col = self._put(grid, "space", "空格", "选第一个候选词，或输入空格", r, col)
                self._put(grid, "done", "完成", "输入完成，收起键盘", r, col)
        self.keys["mode"].clicked.connect(self.toggle_mode)
        self.keys["back"].clicked.connect(self.backspace)
        self.keys["space"].clicked.connect(self.space)
        self.keys["done"].clicked.connect(self.finish)
        self._refresh()

    def _put(self, grid: QGridLayout, name: str, label: str, description: str, row: int, col: int,
             span: int = 1) -> int:
        b = ime_button(label, description, "ime-function")
        grid.addWidget(b, row, col, 1, span)
        self.keys[name] = b
        return col + span

    # ---------- wiring ----------
    def set_candidates_source(self, candidates: Candidates | None) -> None:
        """The engine, when it is ready (None: letters wait in the composition)."""
        self._source = candidates
        self._lookup()

    def set_target(self, widget: Target | None) -> None:
        """Type into `widget` from now on; a composition for the previous one is put there first."""
        if widget is self._target:
            return
        self._commit_raw()
        self._detach()
        self._target = widget
        if widget is not None:
            widget.destroyed.connect(self._target_gone)

    def target(self) -> Target | None:
        return self._target

    def mode(self) -> str:
        """"zh" (pinyin) or "en" (letters as they are)."""
        return self._mode

    def composition(self) -> str:
        """The letters not yet converted."""
        return self._comp.letters

    def preedit(self) -> str:
        """What the bar shows of the composition: picked words, then the letters."""
        return self._comp.shown()

    def candidates(self) -> list[tuple[str, int]]:
        return list(self._candidates)

    def candidate_buttons(self) -> list[BigButton]:
        """The candidate buttons of the current page, left to right."""
        return self.bar.buttons()

    def wipe(self) -> None:
        """Forget everything typed (it can be personal) and start again in 中."""
        self._comp.clear()
        self._candidates = []
        self.bar.clear()
        self._detach()
        self._mode = "zh"
        self._refresh()

    # ---------- keys ----------
    def press(self, ch: str) -> None:
        """A letter or digit key."""
        if self._mode == "en":
            self._insert(ch.upper() if self.caps_button.isChecked() and ch.isalpha() else ch)
            return
        self._comp.letters += ch
        self._lookup()

    def punctuation(self, mark: str) -> None:
        self._commit_raw()
        self._insert(mark)

    def backspace(self) -> None:
        if self._comp:
            self._comp.back()
            self._lookup()
        elif self._target is not None and self._writable():
            if isinstance(self._target, QLineEdit):
                self._target.backspace()
            else:
                cursor = self._target.textCursor()
                cursor.deletePreviousChar()
                self._target.setTextCursor(cursor)

    def space(self) -> None:
        if self._comp.letters and self._candidates:
            self.choose(0)
        elif self._comp:
            self._commit_raw()
        else:
            self._insert(" ")

    def choose(self, index: int) -> None:
        """Pick candidate `index` of the whole list (not of the page)."""
        if not 0 <= index < len(self._candidates):
            return
        text, consumed = self._candidates[index]
        if self._comp.pick(text, consumed):
            shown = self._comp.shown()
            self._comp.clear()
            self._insert(shown)
        self._lookup()

    def toggle_mode(self) -> None:
        self._commit_raw()
        self._mode = "en" if self._mode == "zh" else "zh"
        self._refresh()

    def finish(self) -> None:
        """完成: what is composed goes into the field as it stands; the keyboard hides."""
        self._commit_raw()
        self.hide()
        self.done.emit()

    def next_page(self) -> None:
        self.bar.next_page()

    def previous_page(self) -> None:
        self.bar.previous_page()

    # ---------- inside ----------
    def _detach(self) -> None:
        if self._target is not None:
            try:
                self._target.destroyed.disconnect(self._target_gone)
            except (RuntimeError, TypeError):   # already gone
                pass
        self._target = None

    def _target_gone(self, *_):
        self._target = None
        self._comp.clear()
        self._lookup()

    def _writable(self) -> bool:
        t = self._target
        return t is not None and t.isEnabled() and not t.isReadOnly()

    def _insert(self, text: str) -> None:
        if not text or not self._writable():
            return
        if isinstance(self._target, QLineEdit):
            self._target.insert(text)
        else:
            self._target.insertPlainText(text)
        self.committed.emit(text)

    def _commit_raw(self) -> None:
        if self._comp:
            shown = self._comp.shown()
            self._comp.clear()
            self._insert(shown)
            self._lookup()

    def _lookup(self) -> None:
        letters = self._comp.letters
        self._candidates = []
        if letters and self._source is not None:
            try:
                self._candidates = [(str(t), int(c)) for t, c in self._source(letters)]
            except Exception:      # a faulty engine must not take the keyboard down
                log.warning("pinyin candidates failed; offering the letters as typed", exc_info=True)
                self._candidates = [(letters, len(letters))]
        self._refresh()

    def _refresh(self) -> None:
        zh = self._mode == "zh"
        self.keys["mode"].setAccessibleDescription("切换到英文字母" if zh else "切换到中文拼音")
        self.caps_button.setVisible(not zh)
        if not zh:
            shown = "英文"
        elif self._comp and self._source is None:
            shown = self._comp.shown() + " 输入法准备中…"
        else:
            shown = self._comp.shown() or "拼音"
        self.bar.set_preedit(shown)
        if zh and self._comp.letters:
            self.bar.show_words([t for t, _ in self._candidates])
        else:
            self.bar.show_marks(ZH_PUNCTUATION if zh else EN_PUNCTUATION)
