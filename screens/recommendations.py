"""为您推荐 (主动服务): after identity, the kiosk may ask the platform what this resident needs now.

Two states on one screen: first the question (为您推荐 needs the platform to look at
their records; 不用了 is one tap), then up to three cards — the item, why, 办理 —
and 继续办理 for the item the resident came for. The cards are data (the reason
comes from the gateway, in the resident's language); wipe() drops them.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n_marks import tr_noop
from screens.widgets import BigButton, card, clear_layout, make_label

ASK_TEXT = tr_noop("本机可以凭您的身份信息，请政务服务平台查看您的证照和社保记录，为您推荐现在需要办理的事项"
                   "（例如证件快到期、养老金资格认证）。查询结果只显示在本屏幕上，不在本机保存，也不打印。")


class RecommendCard(QWidget):
    """One recommendation: the item's name, why, and 办理."""
    chosen = Signal(str, str)        # kind ("item" | "scene"), code

    def __init__(self, rec: dict, parent=None):
        super().__init__(parent)
        self.rec = rec
        box, col = card()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.name_label = make_label("", "subtitle")
        self.name_label.setText(rec["name"])
        self.reason_label = make_label("", "body")
        self.reason_label.setText(rec["reason"])
        row = QHBoxLayout()
        texts = QWidget()
        tcol = QVBoxLayout(texts)
        tcol.setContentsMargins(0, 0, 0, 0)
        tcol.addWidget(self.name_label)
        tcol.addWidget(self.reason_label)
        row.addWidget(texts, 1)
        self.do_button = BigButton(tr_noop("办理"), tr_noop("办理推荐的事项：{name}"), "secondary", icon="arrow-right")
        self.do_button.set_source(tr_noop("办理"), tr_noop("办理推荐的事项：{name}"), name=rec["name"])
        self.do_button.clicked.connect(lambda: self.chosen.emit(rec["kind"], rec["code"]))
        row.addWidget(self.do_button, 0, Qt.AlignVCenter)
        col.addLayout(row)


class RecommendScreen(Screen):
    name = "recommend"
    title = "为您推荐"
    consent = Signal(bool)           # 为您推荐 (True) or 不用了 (False)
    chosen = Signal(str, str)        # kind, code of a card's 办理
    continued = Signal()             # 继续办理 the item the resident came for

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("为您推荐需要办理的事项"))
        self.ask_label = make_label(ASK_TEXT, "body")
        self.body.addWidget(self.ask_label)
        self.status_label = make_label("", "notice")
        self.status_label.hide()
        self.body.addWidget(self.status_label)
        self._cards_box = QWidget()
        self._cards = QVBoxLayout(self._cards_box)
        self._cards.setContentsMargins(0, 0, 0, 0)
        self._cards.setSpacing(16)
        self.body.addWidget(self._cards_box)
        self.body.addStretch(1)
        self.cards: list[RecommendCard] = []
        self.decline_button = BigButton(tr_noop("不用了"), tr_noop("不用推荐，继续办理当前事项"), "secondary")
        self.agree_button = BigButton(tr_noop("为您推荐"), tr_noop("同意查询您的记录并推荐事项"), "primary",
                                      icon="thumb-up")
        self.continue_button = BigButton(tr_noop("继续办理本事项"), tr_noop("继续办理当前事项：{name}"), "primary",
                                         icon="arrow-right")
        self.decline_button.clicked.connect(lambda: self.consent.emit(False))
        self.agree_button.clicked.connect(lambda: self.consent.emit(True))
        self.continue_button.clicked.connect(self.continued)
        for b in (self.decline_button, self.agree_button, self.continue_button):
            self.add_action(b)
        self.ask("")

    # -- the two states ---------------------------------------------------------
    def ask(self, current_item: str) -> None:
        """The question, before anything is asked of the platform."""
        self._clear_cards()
        self.set_heading(tr_noop("为您推荐需要办理的事项"))
        self.ask_label.show()
        self._status(None)
        self.continue_button.set_source(tr_noop("继续办理本事项"), tr_noop("继续办理当前事项：{name}"), name=current_item)
        self.decline_button.show()
        self.agree_button.show()
        self.agree_button.setEnabled(True)
        self.continue_button.hide()

    def show_waiting(self) -> None:
        self.ask_label.hide()
        self.agree_button.setEnabled(False)
        self._status(tr_noop("正在为您查询，请稍候…"))

    def show_cards(self, recs: list[dict]) -> None:
        """`recs`: [{kind, code, name, reason}] in the resident's language, at most three."""
        self._clear_cards()
        self.ask_label.hide()
        self.set_heading(tr_noop("为您推荐") if recs else tr_noop("暂无为您推荐的事项"))
        self._status(None)
        for rec in recs[:3]:
            c = RecommendCard(rec)
            c.chosen.connect(self.chosen)
            self._cards.addWidget(c)
            self.cards.append(c)
        self._after_answer()

    def show_message(self, text: str, **args) -> None:
        """A calm word (a source text) instead of cards: nothing found, not reachable, not possible."""
        self.ask_label.hide()
        self._status(text, **args)
        self._after_answer()

    def _after_answer(self) -> None:
        self.decline_button.hide()
        self.agree_button.hide()
        self.continue_button.show()

    def _status(self, text: str | None, **args) -> None:
        if text:
            self.status_label.set_source(text, **args)
        else:
            self.status_label.clear()
        self.status_label.setVisible(bool(text))

    def _clear_cards(self) -> None:
        self.cards = []
        clear_layout(self._cards)

    def wipe(self) -> None:
        super().wipe()
        self.ask("")

    def spoken_hint(self) -> str:
        # The items' names only: the reasons are about the resident, not for the whole hall to hear.
        if self.cards:
            return "。".join([self.heading.text()] + [c.name_label.text() for c in self.cards])
        return f"{self.heading.text()}。{self.ask_label.text() if self.ask_label.isVisible() else ''}"
