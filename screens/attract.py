"""The welcome page: the hall, the time, what can be done here, and one large start.

Touching anywhere starts; a frequent item starts straight at its guide.
Built before the rest of the application (the first paint), so it stays
light: the frequent items and the regions served arrive later.
"""
from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout

from screens.base import Screen
from screens.i18n import join, language, tr, tr_noop
from screens.widgets import BigButton, Columns, TileGrid, WrapButton, accessible, card, make_label

BRING_ZH = tr_noop("请带好本人身份证（或社保卡、手机上的电子身份证），以及需要提交的材料原件。")


class AttractScreen(Screen):
    name = "attract"
    title = "欢迎"
    start_requested = Signal()
    item_requested = Signal(str)       # a frequent item's code
    language_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        accessible(self, tr_noop("欢迎页"), tr_noop("请触摸屏幕开始办理"))
        self.layout().setContentsMargins(0, 0, 0, 0)
        strip = QFrame()
        strip.setObjectName("header")
        srow = QHBoxLayout(strip)
        srow.setContentsMargins(32, 16, 24, 16)
        self.hall_label = make_label("", "hall")
        self.clock_label = make_label("", "clock", wrap=False)
        self.lang_button = BigButton("English", tr_noop("切换到英文"), "header")
        self.lang_button.clicked.connect(
            lambda: self.language_chosen.emit("zh" if language() == "en" else "en"))
        srow.addWidget(self.hall_label, 1)
        srow.addWidget(self.clock_label)
        srow.addWidget(self.lang_button)
        self.layout().insertWidget(0, strip)
        col = self.body
        col.setContentsMargins(48, 24, 48, 24)
        col.setSpacing(24)
        col.addStretch(1)
        self.welcome_label = make_label(tr_noop("欢迎使用政务服务自助终端"), "display")
        self.welcome_label.setAlignment(Qt.AlignCenter)
        self.scope_label = make_label("", "subtitle")
        self.scope_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.welcome_label)
        col.addWidget(self.scope_label)
        self.columns = Columns()
        frequent, self._frequent = card()
        self._frequent.addWidget(make_label(tr_noop("常用事项"), "subtitle"))
        self._frequent_list = TileGrid(min_width=340, max_columns=2)
        self._frequent.addWidget(self._frequent_list)
        self._frequent.addStretch(1)
        self.frequent_card = frequent
        frequent.hide()                       # until the catalog has arrived
        bring, bcol = card()
        bcol.addWidget(make_label(tr_noop("办理前请准备"), "subtitle"))
        self.bring_label = make_label(BRING_ZH, "body")
        bcol.addWidget(self.bring_label)
        bcol.addStretch(1)
        self.columns.add(frequent, 3)
        self.columns.add(bring, 2)
        col.addWidget(self.columns)
        col.addStretch(1)
        self.touch_label = make_label(tr_noop("请触摸屏幕任意位置开始"), "hint")
        self.touch_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.touch_label)
        # The large start never scrolls away: it is the screen's fixed action.
        self.start_button = BigButton(tr_noop("开始办理"), tr_noop("触摸这里开始办理业务"), "primary", icon="player-play")
        self.start_button.setMinimumHeight(104)
        self.start_button.clicked.connect(self.start_requested)
        self.actions.setContentsMargins(48, 0, 48, 16)
        self.add_action(self.start_button)
        self.frequent_buttons: dict[str, BigButton] = {}
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self._regions: list[str] = []
        self._tick()
        self.set_regions([])

    def set_hall(self, name: str, name_en: str = "") -> None:
        self._hall = (name, name_en or name)
        self.hall_label.setText(self._hall[language() == "en"])

    _hall = ("", "")

    def set_regions(self, names: list[str]) -> None:
        """The other regions whose items are handled here (跨省通办), in the current language."""
        self._regions = list(names)
        if names:
            self.scope_label.set_source(tr_noop("可办理本地事项，以及{regions}的跨省通办事项"), regions=join(names))
        else:
            self.scope_label.set_source(tr_noop("可办理社保、医保、公积金、户籍等常用事项"))

    def set_frequent(self, items: list[dict]) -> None:
        """Up to six frequent items: {"code", "name"} in the current language."""
        self._frequent_list.clear()
        self.frequent_buttons = {}
        for item in items[:6]:
            b = WrapButton("", "", "option", icon=item.get("icon", "file-text"))
            b.setText(item["name"])
            b.setAccessibleName(item["name"])
            b.setAccessibleDescription(tr("办理{name}").format(name=item["name"]))
            b.clicked.connect(lambda _=False, c=item["code"]: self.item_requested.emit(c))
            self._frequent_list.add(b)
            self.frequent_buttons[item["code"]] = b
        self.frequent_card.setVisible(bool(items))

    def _tick(self) -> None:
        now = QDateTime.currentDateTime()
        text = now.toString("yyyy-MM-dd  HH:mm")
        if self.clock_label.text() != text:
            self.clock_label.setText(text)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            english = language() == "en"
            self.hall_label.setText(self._hall[english])
            self.lang_button.set_source(tr_noop("中文") if english else tr_noop("English"),
                                        tr_noop("切换到中文") if english else tr_noop("切换到英文"))

    def spoken_hint(self) -> str:
        return tr("欢迎使用政务服务自助终端。请触摸屏幕开始办理。") + tr(BRING_ZH)

    def mouseReleaseEvent(self, event):  # a tap anywhere (labels pass taps up to here)
        if event.button() == Qt.LeftButton:
            self.start_requested.emit()
        super().mouseReleaseEvent(event)

