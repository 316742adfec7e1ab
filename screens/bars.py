"""The bars around every resident screen.

HeaderBar: the hall's name, date and time, the network state, 中文/EN,
长辈模式 and 语音播报. StepBar: where the resident is in the transaction
(选择事项 · 验证身份 · 填写信息 · 上传材料 · 核对提交 · 完成). BottomBar: 返回,
首页, the idle countdown in its last 30 s, and 呼叫工作人员. They never scroll
away: the screens between them scroll inside themselves.
"""
from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from screens.i18n import language, tr, tr_noop
from screens.widgets import BigButton, Label, make_label

WEEKDAYS = [tr_noop("星期一"), tr_noop("星期二"), tr_noop("星期三"), tr_noop("星期四"),
            tr_noop("星期五"), tr_noop("星期六"), tr_noop("星期日")]
STATE_NAMES = {"done": tr_noop("已完成"), "current": tr_noop("当前步骤"), "todo": tr_noop("未开始")}
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _icon_label(name: str, colour: str, size: int) -> QLabel:
    from screens.icons import icon_pixmap
    label = QLabel()
    label.setPixmap(icon_pixmap(name, colour, size))
    label.setFixedSize(size, size)
    return label


class HeaderBar(QFrame):
    elder_toggled = Signal(bool)
    voice_toggled = Signal(bool)
    language_chosen = Signal(str)      # "zh" or "en"

    def __init__(self, parent: QWidget | None = None, clock=QDateTime.currentDateTime):
        super().__init__(parent)
        self.setObjectName("header")
        self._clock = clock
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 16, 8)
        row.setSpacing(16)
        self.hall_icon = _icon_label("building-bank", "#FFFFFF", 40)
        row.addWidget(self.hall_icon)
        self.hall_label = make_label("", "hall")      # wraps onto two lines where the row is short
        self.hall_label.installEventFilter(self)
        row.addWidget(self.hall_label, 1)
        self.net_icon = QLabel()
        self.net_icon.setFixedSize(32, 32)
        self.net_label = make_label("", "net", wrap=False)
        row.addWidget(self.net_icon)
        row.addWidget(self.net_label)
        self.clock_label = make_label("", "clock", wrap=False)
        row.addWidget(self.clock_label)
        self.lang_button = BigButton("EN", tr_noop("切换到英文"), "header")
        self.elder_button = BigButton(tr_noop("长辈模式"), tr_noop("放大字体和按钮"), "header", icon_size=28)
        self.elder_button.setCheckable(True)
        self.voice_button = BigButton(tr_noop("语音播报"), tr_noop("把屏幕上的提示读出来"), "header", icon_size=28)
        self.voice_button.setCheckable(True)
        from screens.access_bar import AccessTools
        self.access = AccessTools()          # 轮椅模式 (portrait), 音量 and 语速 (while voice is on)
        for b in (self.lang_button, self.elder_button, self.access, self.voice_button):
            row.addWidget(b)
        self.lang_button.clicked.connect(lambda: self.language_chosen.emit("zh" if language() == "en" else "en"))
        self.elder_button.toggled.connect(self.elder_toggled)
        self.voice_button.toggled.connect(self.voice_toggled)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._online = True
        self._voice_available = True
        self._compact = False
        self.set_online(True)
        self.set_language_shown("zh")

    _resident_tools = True
    _hall = ("", "")

    # -- what the shell sets ------------------------------------------------------
    def set_hall(self, name: str, name_en: str = "") -> None:
        self._hall = (name, name_en or name)
        self.hall_label.setText(self._hall[language() == "en"])
        self._fit_row()

    def set_online(self, online: bool) -> None:
        from screens.icons import icon_pixmap
        self._online = online
        self.net_icon.setPixmap(icon_pixmap("wifi" if online else "wifi-off", "#FFFFFF", 32))
        self.net_label.set_source(tr_noop("网络正常") if online else tr_noop("网络中断"))

    def set_language_shown(self, lang: str) -> None:
        """The button offers the other language, named in that language."""
        if lang == "en":
            self.lang_button.set_source(tr_noop("中文"), tr_noop("切换到中文"))
        else:
            self.lang_button.set_source("EN", tr_noop("切换到英文"))
        self.hall_label.setText(self._hall[lang == "en"])
        self._fit_row()
        self._tick()

    def set_resident_tools(self, visible: bool) -> None:
        """中文/EN, 长辈模式 and 语音播报 are for residents; technician screens hide them."""
        self._resident_tools = visible
        self.lang_button.setVisible(visible)
        self.elder_button.setVisible(visible)
        self.access.setVisible(visible and (self.access._portrait or self.access._voice))
        self.voice_button.setVisible(visible and self._voice_available)

    def set_elder(self, on: bool) -> None:
        """Show the elder state without emitting elder_toggled (e.g. reset at session end)."""
        self.elder_button.blockSignals(True)
        self.elder_button.setChecked(on)
        self.elder_button.blockSignals(False)
        self.elder_button._paint_icon()

    def set_voice(self, on: bool, available: bool = True) -> None:
        """Show the voice state without emitting voice_toggled; hidden when no engine is configured."""
        self._voice_available = available
        self.voice_button.setVisible(available and self._resident_tools)
        self.voice_button.blockSignals(True)
        self.voice_button.setChecked(on)
        self.voice_button.blockSignals(False)
        self.voice_button._paint_icon()
        self.access.set_voice(on and available)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        # A row does not follow a wrapped label's height: the hall's name asks for its lines.
        if obj is self.hall_label and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange,
                                                        QEvent.Type.StyleChange):
            label = self.hall_label
            if label.width() >= 50 and label.text():
                room = QRect(0, 0, label.contentsRect().width(), 10000)
                need = label.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, label.text()).height()
                if need != label.minimumHeight():
                    label.setMinimumHeight(need)
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        window = self.window()
        self.access.set_portrait(window.height() > window.width())
        self._fit_row()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_row()             # 长辈模式's larger type

    def _fit_row(self) -> None:
        # Short of room (1024 px, 长辈模式): the time without the date, the network as its icon.
        fm = self.clock_label.fontMetrics()
        row = self.layout()
        margins = row.contentsMargins()
        hall = self.hall_label.fontMetrics().horizontalAdvance(self.hall_label.text() or "政务服务中心")
        shown = [w for w in (self.lang_button, self.elder_button, self.access, self.voice_button)
                 if w.isVisibleTo(self)]
        wants = sum(w.sizeHint().width() for w in shown) + fm.horizontalAdvance("12月31日 星期三  00:00") \
            + self.net_label.sizeHint().width() + hall \
            + self.hall_icon.sizeHint().width() + self.net_icon.sizeHint().width() \
            + row.spacing() * (len(shown) + 4) + margins.left() + margins.right() + 8
        compact = wants > self.width()
        # Shorter still (portrait, 长辈模式, 轮椅模式 shown): the hall's name goes rather than stand
        # one character a line and make the header tall.
        others = wants - hall - self.net_label.sizeHint().width() - self.hall_icon.sizeHint().width() \
            - fm.horizontalAdvance("12月31日 星期三  00:00") + fm.horizontalAdvance("00:00")
        room = self.width() - others
        roomy = not compact or room >= 5 * self.hall_label.fontMetrics().height()
        self.hall_label.setVisible(roomy)
        self.clock_label.setVisible(roomy or room >= fm.horizontalAdvance("00:00") + row.spacing())
        if compact != self._compact:
            self._compact = compact
            self.net_label.setVisible(not compact)
            self.hall_icon.setVisible(not compact)
            self._tick()

    def _tick(self) -> None:
        now = self._clock()
        d, t = now.date(), now.time()
        if self._compact:
            text = t.toString("HH:mm")
        elif language() == "en":
            text = f"{tr(WEEKDAYS[d.dayOfWeek() - 1])} {d.day()} {MONTHS_EN[d.month() - 1]}  {t.toString('HH:mm')}"
        else:
            text = f"{d.month()}月{d.day()}日 {tr(WEEKDAYS[d.dayOfWeek() - 1])}  {t.toString('HH:mm')}"
        if self.clock_label.text() != text:
            self.clock_label.setText(text)


class StepBar(QFrame):
    """The steps of the transaction; the done ones carry a tick, the current one is
    bold and underlined. Where the names do not fit, only the current one is named."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stepBar")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(24, 4, 24, 4)
        self._row.setSpacing(8)
        self._labels: list[Label] = []
        self._steps: list[str] = []
        self._current = -1
        self._compact = False
        self.hide()

    def set_steps(self, steps: list[str]) -> None:
        """Source texts of the steps, in order (the same list stays for a whole visit)."""
        if steps == self._steps:
            return
        for label in self._labels:
            self._row.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._steps = list(steps)
        self._labels = []
        for i, _ in enumerate(steps):
            label = make_label("", "", wrap=False)
            label.setAlignment(Qt.AlignCenter)
            self._labels.append(label)
            self._row.addWidget(label, 1)
        self._paint()

    def set_current(self, index: int | None) -> None:
        """Show the bar at step `index` (0-based); None hides it."""
        self.setVisible(index is not None and bool(self._steps))
        self._current = -1 if index is None else index
        self._paint()

    def current(self) -> int:
        return self._current

    def _paint(self) -> None:
        for i, (label, step) in enumerate(zip(self._labels, self._steps)):
            state = "done" if i < self._current else "current" if i == self._current else "todo"
            mark = "✓" if state == "done" else str(i + 1)
            label.setText(mark if self._compact and state != "current" else f"{mark} {tr(step)}")
            label.setAccessibleName(f"{i + 1} {tr(step)}")
            label.setAccessibleDescription(tr(STATE_NAMES[state]))
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._labels:
            return
        fm = self._labels[0].fontMetrics()
        need = sum(fm.horizontalAdvance(f"{i + 1} {tr(s)}") + 32 for i, s in enumerate(self._steps))
        compact = need > self.width() - 48
        if compact != self._compact:
            self._compact = compact
            self._paint()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self._paint()


class BottomBar(QFrame):
    back = Signal()
    home = Signal()
    call_staff = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bottomBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(16)
        self.back_button = BigButton(tr_noop("返回"), tr_noop("回到上一步"), "bar", icon="arrow-left")
        self.home_button = BigButton(tr_noop("首页"), tr_noop("回到首页"), "bar", icon="home")
        self.countdown_label = make_label("", "countdown-bar")
        self.countdown_label.setAlignment(Qt.AlignCenter)
        self.countdown_label.hide()
        self.staff_button = BigButton(tr_noop("呼叫工作人员"), tr_noop("请工作人员过来帮助您"), "staff", icon="headset")
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addWidget(self.countdown_label, 1)
        row.addStretch(0)
        row.addWidget(self.staff_button)
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
        self.staff_button.clicked.connect(self.call_staff)

    def set_back_visible(self, visible: bool) -> None:
        self.back_button.setVisible(visible)

    def set_home_visible(self, visible: bool) -> None:
        self.home_button.setVisible(visible)

    def set_staff_visible(self, visible: bool) -> None:
        self.staff_button.setVisible(visible)

    def set_countdown(self, seconds: int | None) -> None:
        """The idle countdown in its last seconds (None hides it)."""
        if seconds is None:
            self.countdown_label.hide()
            return
        self.countdown_label.set_source(tr_noop("{n} 秒后回到首页"), n=seconds)
        self.countdown_label.show()
