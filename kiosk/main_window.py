"""The locked-down kiosk window: frameless, on top, full screen, no way out but the technician path."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

# Keys that would leave or disturb the kiosk; swallowed.
_BLOCKED_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Close, Qt.Key.Key_Q, Qt.Key.Key_W}


class KioskWindow(QWidget):
    """Header, step bar and banner on top, the screen stack (with the demo dock in its
    own column beside it), the bottom bar below.

    The window is exactly the screen (full screen) or exactly `size` (windowed) and
    never grows: its layout sets no minimum (SetNoConstraint) and the screens
    scroll inside themselves."""

    def __init__(self, fullscreen: bool = True, size: tuple[int, int] = (1280, 900)):
        super().__init__()
        self.setObjectName("kioskWindow")
        self.setWindowTitle("政务服务自助终端")
        self.fullscreen = fullscreen
        self.windowed_size = size
        if fullscreen:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self._allow_close = False
        self.stack = QStackedWidget(self)
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._column = QVBoxLayout(self)
        self._column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._top = QVBoxLayout()
        self._top.setSpacing(0)
        self._middle = QHBoxLayout()
        self._middle.setSpacing(0)
        self._middle.addWidget(self.stack, 1)
        self._column.addLayout(self._top)
        self._column.addLayout(self._middle, 1)

    LOW_SHARE = 0.4       # 轮椅模式: the top 40 % of a portrait screen stays empty

    def set_low_position(self, on: bool) -> None:
        """轮椅模式: on a portrait screen the header, the screen and the bottom bar move into the
        lower 60 %, in reach of a seated resident; the window keeps its size."""
        on = on and self.height() > self.width()
        if self._low is None:
            self._low = QWidget(self)
            self._low.setObjectName("lowPositionSpace")
            self._column.insertWidget(0, self._low)
        top = int(self.height() * self.LOW_SHARE) if on else 0
        self._low.setFixedHeight(top)
        self._low.setVisible(on)
        self.setProperty("lowTop", top)          # the prompts over the window cover only this part
        for overlay in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if overlay.isVisible() and hasattr(overlay, "cover"):
                overlay.cover()

    _low: QWidget | None = None

    def add_top(self, widget: QWidget) -> None:
        """Widgets above the stack (header, step bar, banner), in order."""
        self._top.addWidget(widget)

    def add_side(self, widget: QWidget) -> None:
        """A column beside the stack (the demo dock): it takes its own room, never covers a screen."""
        self._middle.addWidget(widget)

    def add_bottom(self, widget: QWidget) -> None:
        self._column.addWidget(widget)

    def follow_input_panel(self) -> None:
        """With an on-screen keyboard (kiosk/input_method.py): shrink the content above it
        and keep the focused field in view, so the keyboard never hides what is typed."""
        QGuiApplication.inputMethod().keyboardRectangleChanged.connect(self._input_panel_moved)
        QGuiApplication.inputMethod().visibleChanged.connect(self._input_panel_moved)

    def _input_panel_moved(self) -> None:
        im = QGuiApplication.inputMethod()
        covered = 0
        if im.isVisible():      # the rectangle is in the focus window's coordinates: ours
            covered = max(0, self.height() - int(im.keyboardRectangle().top()))
        self._column.setContentsMargins(0, 0, 0, covered)
        if covered:
            QTimer.singleShot(0, self._scroll_focus_into_view)   # after the layout has shrunk

    def _scroll_focus_into_view(self) -> None:
        focus = self.focusWidget()
        area = focus.parentWidget() if focus is not None else None
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(focus)

    def show_kiosk(self) -> None:
        if self.fullscreen:
            screen = self.screen() or QGuiApplication.primaryScreen()
            # Without a window manager showFullScreen() alone leaves a small window.
            self.setFixedSize(screen.geometry().size())
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.setFixedSize(*self.windowed_size)
            self.show()

    # -- lockdown -------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        if self._allow_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in _BLOCKED_KEYS:
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        # Esc and Alt+F4 can arrive as shortcut overrides before keyPressEvent.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _BLOCKED_KEYS:
            event.accept()
            return True
        return super().event(event)

    def close_for_technician(self) -> None:
        """The only exit: called after a successful technician PIN."""
        self._allow_close = True
        self.close()


class CornerTaps(QObject):
    """The hidden technician gesture: N taps in the top-left corner within a few seconds."""

    triggered = Signal()

    def __init__(self, window: QWidget, taps: int = 5, within_s: float = 3.0, size: int = 90,
                 clock=time.monotonic):
        super().__init__(window)
        self.window = window
        self.taps, self.within_s, self.size, self.clock = taps, within_s, size, clock
        self._times: list[float] = []

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonPress and self.window.isVisible():
            pos = self.window.mapFromGlobal(event.globalPosition().toPoint())
            if 0 <= pos.x() < self.size and 0 <= pos.y() < self.size:
                self.tap()
        return False

    def tap(self) -> None:
        now = self.clock()
        self._times = [t for t in self._times if now - t <= self.within_s] + [now]
        if len(self._times) >= self.taps:
            self._times.clear()
            self.triggered.emit()

    @staticmethod
    def corner_point() -> QPoint:
        return QPoint(10, 10)
