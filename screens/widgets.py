"""Shared touch widgets: big buttons, the top bar, the network banner, a
number pad, a countdown, the camera preview container and a QR picture.

Sizes come from assets/theme.qss; the minimum sizes set here keep touch
targets >= 64 px even if the theme is missing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QScrollArea, QScroller, QVBoxLayout, QWidget,
)

TOUCH_MIN = 64  # px, the smallest touch target


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control the name and description a screen reader/voice speaks."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description or name)
    return widget


def make_label(text: str = "", role: str = "body", wrap: bool = True) -> QLabel:
    """A label styled by role: title, subtitle, body, hint, error, ok, notice."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.PlainText)  # resident data is never interpreted as HTML
    return label


def make_scroll(content: QWidget) -> QScrollArea:
    """A vertical scroll area that scrolls with a finger on a touch screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.NoFrame)
    area.setWidget(content)
    # TouchGesture (not LeftMouseButton) so mouse clicks stay plain clicks.
    QScroller.grabGesture(area.viewport(), QScroller.TouchGesture)
    return area


def scrub(widget: QWidget) -> None:
    """Blank every text and picture in `widget` and its children right now
    (deleteLater runs later; a wipe must not wait for it)."""
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, QLabel):
            w.clear()
        elif isinstance(w, QLineEdit):
            w.clear()
        elif isinstance(w, QAbstractButton):
            from PySide6.QtGui import QIcon   # ~2 ms to resolve; not before the first paint
            w.setText("")
            w.setIcon(QIcon())
        w.setAccessibleName("")
        w.setAccessibleDescription("")


def clear_layout(layout) -> None:
    """Scrub and delete every widget in a layout (used to rebuild lists and to wipe)."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            scrub(item.widget())
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class BigButton(QPushButton):
    """A large touch button. role: primary, secondary, danger, staff, option, list."""

    def __init__(self, text: str, description: str = "", role: str = "primary",
                 parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setProperty("role", role)
        self.setMinimumHeight(TOUCH_MIN)
        self.setMinimumWidth(TOUCH_MIN)
        self.setAutoDefault(False)
        self.setCursor(Qt.PointingHandCursor)
        accessible(self, text.replace("\n", " "), description)


class TopBar(QFrame):
    """Title, 返回, 首页, an always-visible 呼叫工作人员, and the 长辈模式 and 语音播报 toggles."""

    back = Signal()
    home = Signal()
    call_staff = Signal()
    elder_toggled = Signal(bool)
    voice_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("topBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        self.back_button = BigButton("返回", "回到上一步", "secondary")
        self.home_button = BigButton("首页", "回到首页，重新选择事项", "secondary")
        self.title_label = make_label("", "bar-title", wrap=False)
        self.elder_button = BigButton("长辈模式", "放大字体和按钮", "toggle")
        self.elder_button.setCheckable(True)
        self.voice_button = BigButton("语音播报", "把屏幕上的提示读出来", "toggle")
        self.voice_button.setCheckable(True)
        self.staff_button = BigButton("呼叫工作人员", "请工作人员过来帮助您", "staff")
        for w in (self.back_button, self.home_button):
            row.addWidget(w)
        row.addWidget(self.title_label, 1)
        row.addWidget(self.elder_button)
        row.addWidget(self.voice_button)
        row.addWidget(self.staff_button)
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
        self.staff_button.clicked.connect(self.call_staff)
        self.elder_button.toggled.connect(self.elder_toggled)
        self.voice_button.toggled.connect(self.voice_toggled)

    _voice_available = True
    _resident_tools = True

    def set_resident_tools(self, visible: bool) -> None:
        """长辈模式, 语音播报 and 呼叫工作人员 are for residents; technician screens hide them."""
        self._resident_tools = visible
        self.elder_button.setVisible(visible)
        self.voice_button.setVisible(visible and self._voice_available)
        self.staff_button.setVisible(visible)

    def set_title(self, text: str) -> None:
        self.title_label.setText(text)

    def set_back_visible(self, visible: bool) -> None:
        self.back_button.setVisible(visible)

    def set_home_visible(self, visible: bool) -> None:
        self.home_button.setVisible(visible)

    def set_elder(self, on: bool) -> None:
        """Show the elder state without emitting elder_toggled (e.g. reset at session end)."""
        self.elder_button.blockSignals(True)
        self.elder_button.setChecked(on)
        self.elder_button.blockSignals(False)

    def set_voice(self, on: bool, available: bool = True) -> None:
        """Show the voice state without emitting voice_toggled; hidden when no engine is configured."""
        self._voice_available = available
        self.voice_button.setVisible(available and self._resident_tools)
        self.voice_button.blockSignals(True)
        self.voice_button.setChecked(on)
        self.voice_button.blockSignals(False)


class NetworkBanner(QLabel):
    """Hidden while online; a plain red line while offline."""

    OFFLINE_TEXT = "网络已断开，业务将在恢复后自动提交"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.OFFLINE_TEXT, parent)
        self.setObjectName("networkBanner")
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        accessible(self, "网络状态", self.OFFLINE_TEXT)
        self._online = True
        self.hide()

    def set_online(self, online: bool) -> None:
        self._online = online
        self.setVisible(not online)

    def is_online(self) -> bool:
        return self._online


class CountdownLabel(QLabel):
    """A big "N 秒" number. Either the owner sets it (`set_remaining`) or it
    counts down by itself after `start(seconds)` and emits `expired`."""

    expired = Signal()

    def __init__(self, template: str = "{n} 秒", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "countdown")
        self.setAlignment(Qt.AlignCenter)
        self._template = template
        self._remaining = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    def set_remaining(self, n: int) -> None:
        self._remaining = max(0, int(n))
        self.setText(self._template.format(n=self._remaining))
        self.setAccessibleName(self.text())

    def remaining(self) -> int:
        return self._remaining

    def start(self, seconds: int) -> None:
        self.set_remaining(seconds)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        self.set_remaining(self._remaining - 1)
        if self._remaining == 0:
            self._timer.stop()
            self.expired.emit()


class PreviewArea(QFrame):
    """A place for the camera view the application puts in (`set_view`)."""

    def __init__(self, placeholder: str = "摄像头画面", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewArea")
        self.setMinimumSize(320, 240)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = make_label(placeholder, "hint")
        self._placeholder.setAlignment(Qt.AlignCenter)
        self._layout.addWidget(self._placeholder)
        self._view: QWidget | None = None

    def set_view(self, view: QWidget | None) -> None:
        """Put `view` inside (re-parented); None takes it out and shows the placeholder."""
        if self._view is not None:
            self._layout.removeWidget(self._view)
            self._view.setParent(None)
            self._view.hide()  # explicitly: or a pending layout show makes it a window
        self._view = view
        self._placeholder.setVisible(view is None)
        if view is not None:
            self._layout.addWidget(view)
            view.show()

    def view(self) -> QWidget | None:
        return self._view
