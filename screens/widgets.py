"""Shared touch widgets: labels and big buttons that speak both languages, the
network banner, a countdown, the camera preview container, responsive columns.

Sizes come from assets/theme.qss; the minimum sizes set here keep touch
targets >= 64 px even if the theme is missing. Labels and buttons made here
hold a source text (Chinese) and show it in the current language, again after
every language switch (screens.i18n).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QBoxLayout, QFrame, QLabel, QLineEdit, QPushButton, QScrollArea,
    QSizePolicy, QVBoxLayout, QWidget,
)
from shiboken6 import Shiboken

from screens.i18n import tr, tr_noop

TOUCH_MIN = 64  # px, the smallest touch target


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control the name and description a screen reader/voice speaks (translated)."""
    widget.setAccessibleName(tr(name))
    widget.setAccessibleDescription(tr(description or name))
    return widget


class Translated:
    """Mixin for a QLabel or button whose text is a source text shown in the current
    language. `set_source(text, **args)` sets it ("{n} 秒" with n=5); plain
    `setText` shows data as it is (names, numbers) and is never translated."""

    _src: str | None = None
    _src_args: dict = {}
    _desc: str | None = None

    def set_source(self, source: str | None, description: str | None = None, **args) -> None:
        self._src, self._src_args = source, args
        if description is not None:
            self._desc = description
        self._retranslate()

    def source(self) -> str | None:
        return self._src

    def _retranslate(self) -> None:
        if self._src is None:
            return
        text = tr(self._src)
        if self._src_args:
            text = text.format(**self._src_args)
        QLabel.setText(self, text) if isinstance(self, QLabel) else QAbstractButton.setText(self, text)
        self.setAccessibleName(text.replace("\n", " "))
        if self._desc is not None:
            desc = tr(self._desc)
            self.setAccessibleDescription(desc.format(**self._src_args) if self._src_args else desc)
        elif isinstance(self, QLabel):
            self.setAccessibleDescription(text.replace("\n", " "))

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name): data, shown as it is
        self._src = None
        super().setText(text)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class Label(Translated, QLabel):
    def clear(self) -> None:
        """Forget the source and its arguments too: a wiped label must not come back
        with a resident's data at the next language switch."""
        self._src, self._src_args = None, {}
        super().clear()
        self.setAccessibleName("")
        self.setAccessibleDescription("")


def make_label(text: str = "", role: str = "body", wrap: bool = True) -> Label:
    """A label styled by role (title, subtitle, body, hint, error, ok, notice, info...).
    `text` is a source text, translated; use setText() for data."""
    label = Label()
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.PlainText)  # resident data is never interpreted as HTML
    if text:
        label.set_source(text)
    return label


def make_scroll(content: QWidget) -> QScrollArea:
    """A vertical scroll area that scrolls with a finger on a touch screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.NoFrame)
    area.setWidget(content)
    # Its scroll bar would ask for ~126 px; a short screen (1024×768 in 长辈模式) may give less.
    area.setMinimumHeight(TOUCH_MIN)
    # Finger scrolling, grabbed late: QScroller's first use builds ~75 Python enums, which
    # the welcome page's first paint need not wait for (start-up benchmark).
    from screens.touch_scroll import grab_soon
    grab_soon(area)
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
            if isinstance(w, Translated):
                w._src, w._src_args = None, {}
            QAbstractButton.setText(w, "")
            w.setIcon(QIcon())
        w.setAccessibleName("")
        w.setAccessibleDescription("")


def take_item(layout, index: int):
    """Take the item at `index` out of `layout` and free it; returns its widget (or None).

    PySide6 leaves the QLayoutItem that takeAt() hands over owned by C++ and nobody
    deletes it: ~100 bytes for every widget of every list rebuilt, 20 KB a transaction
    in the soak (heaptrack). A nested layout's item is the layout itself, a child of
    the widget that holds it: it is left to that widget (Python may still hold it)."""
    item = layout.takeAt(index)
    widget = item.widget()
    if item.layout() is None:
        Shiboken.delete(item)
    return widget


def clear_layout(layout) -> None:
    """Scrub and delete every widget in a layout (used to rebuild lists and to wipe)."""
    while layout.count():
        inner = layout.itemAt(0).layout()
        widget = take_item(layout, 0)
        if inner is not None:
            clear_layout(inner)
        elif widget is not None:
            scrub(widget)
            widget.hide()
            widget.deleteLater()


ICON_COLOURS = {"primary": "#FFFFFF", "danger": "#FFFFFF", "staff": "#111111", "header": "#FFFFFF",
                "toggle": "#1A1A1A", "option": "#1A1A1A", "list": "#0B4F9C", "tile": "#0B4F9C",
                "level": "#1A1A1A"}
CHECKED_COLOURS = {"header": "#0B4F9C", "toggle": "#0B4F9C", "option": "#0B3A70", "level": "#FFFFFF"}


class BigButton(Translated, QPushButton):
    """A large touch button. role: primary, secondary, danger, staff, option, list, tile, key...

    `text` and `description` are source texts (translated). `icon` names an
    assets/icons file. A checkable button shows a tick when on and an empty box
    when off, so its state never rests on colour alone."""

    def __init__(self, text: str, description: str = "", role: str = "primary",
                 parent: QWidget | None = None, icon: str = "", icon_size: int = 40):
        super().__init__(parent)
        self.setProperty("role", role)
        self.setMinimumHeight(TOUCH_MIN)
        self.setMinimumWidth(TOUCH_MIN)
        self.setAutoDefault(False)
        self.setCursor(Qt.PointingHandCursor)
        self._icon_name, self._icon_size = icon, icon_size
        self._desc = description or text
        self.set_source(text, description or text)
        if icon:
            self._paint_icon()
        self.toggled.connect(lambda _on: self._paint_icon())

    def setCheckable(self, on: bool) -> None:  # noqa: N802
        super().setCheckable(on)
        self._paint_icon()

    def set_icon_name(self, name: str) -> None:
        self._icon_name = name
        self._paint_icon()

    def _paint_icon(self) -> None:
        name = self._icon_name
        role = self.property("role") or "primary"
        colour = ICON_COLOURS.get(role, "#0B4F9C")
        if self.isCheckable():
            name = "square-check" if self.isChecked() else "square"
            if self.isChecked():
                colour = CHECKED_COLOURS.get(role, colour)
        if not name:
            return
        from screens.icons import icon
        self.setIcon(icon(name, colour, self._icon_size))
        self.setIconSize(QSize(self._icon_size, self._icon_size))


class NetworkBanner(Label):
    """Hidden while online; a plain line while offline, saying what offline means here."""

    OFFLINE_TEXT = tr_noop("网络已断开：可以继续办理，申请保存在本机，联网后自动提交（需联网的事项除外）")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("networkBanner")
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.set_source(self.OFFLINE_TEXT)
        self._online = True
        self.hide()

    def set_online(self, online: bool) -> None:
        self._online = online
        self.setVisible(not online)

    def is_online(self) -> bool:
        return self._online


class CountdownLabel(Label):
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
        self.set_source(self._template, n=self._remaining)

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
        self.setMinimumSize(266, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
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


class Columns(QWidget):
    """Side by side on a landscape screen, stacked on a portrait one.

    The direction follows the window's shape (not this widget's own, which the
    direction itself changes), so the same screen reads well on a 1920×1080 wall
    terminal and a 1080×1920 floor terminal."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 24):
        super().__init__(parent)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)

    def add(self, widget: QWidget, stretch: int = 1) -> QWidget:
        self._box.addWidget(widget, stretch)
        return widget

    def set_stretch(self, widget: QWidget, stretch: int) -> None:
        self._box.setStretchFactor(widget, stretch)

    def is_side_by_side(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event) -> None:  # noqa: N802
        win = self.window()
        wide = win.width() > win.height()
        want = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._box.direction() != want:
            self._box.setDirection(want)
        super().resizeEvent(event)


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A white rounded panel and its column."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    col = QVBoxLayout(frame)
    col.setContentsMargins(24, 24, 24, 24)
    col.setSpacing(16)
    return frame, col


class TileGrid(QWidget):
    """Buttons in as many columns as fit (each at least `min_width` wide, at most
    `max_columns`), re-laid out when the width changes: no row ever overflows."""

    def __init__(self, min_width: int = 240, max_columns: int = 6, spacing: int = 16,
                 parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtWidgets import QGridLayout
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._min_width, self._max_columns = min_width, max_columns
        self._widgets: list[QWidget] = []
        self._columns = 0

    def add(self, widget: QWidget) -> QWidget:
        self._widgets.append(widget)
        self._columns = 0
        self._relayout()
        return widget

    def clear(self) -> None:
        clear_layout(self._grid)
        self._widgets = []
        self._columns = 0

    def widgets(self) -> list[QWidget]:
        return list(self._widgets)

    def columns(self) -> int:
        return self._columns

    def _fit(self, width: int) -> int:
        spacing = self._grid.spacing()
        scale = 1.4 if (self.window().property("elder") == "true") else 1.0
        widest = max([self._min_width * scale] + [w.sizeHint().width() for w in self._widgets])
        fit = max(1, int((width + spacing) // (widest + spacing)))
        return max(1, min(fit, self._max_columns, len(self._widgets) or 1))

    def _relayout(self) -> None:
        width = self.width() if self.isVisible() else (self.parentWidget().width() if self.parentWidget() else 1024)
        columns = self._fit(width)
        if columns == self._columns:
            return
        self._columns = columns
        for w in self._widgets:
            self._grid.removeWidget(w)
        for i, w in enumerate(self._widgets):
            self._grid.addWidget(w, i // columns, i % columns)
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)

    # One column is the least width it needs (it reflows when given less than its
    # current rows want); its height is what the current rows take.
    def minimumSizeHint(self):  # noqa: N802
        widest = max([w.minimumSizeHint().width() for w in self._widgets] or [0])
        return QSize(widest, self._grid.minimumSize().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def event(self, event) -> bool:
        # A tile's size hint changed (长辈模式's larger type, another language) with no change
        # of width: the columns that fit are counted again, or wide tiles would overlap.
        if event.type() == QEvent.Type.LayoutRequest:
            self._relayout()
        return super().event(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._columns = 0
            self._relayout()


class WrapButton(BigButton):
    """A big button whose text wraps onto more lines when the button is narrow (item
    names, choices): it never cuts a name short and never widens its row.

    The text lives in a word-wrapped label inside (mouse events pass through it);
    `text()`/`setText()` read and write that label."""

    def __init__(self, text: str = "", description: str = "", role: str = "list",
                 parent: QWidget | None = None, icon: str = "", icon_size: int = 40):
        from PySide6.QtWidgets import QHBoxLayout
        super().__init__("", description, role, parent, icon="", icon_size=icon_size)
        self._icon_label = QLabel()
        self._icon_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label = make_label("", "button-text")
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(16)
        row.addWidget(self._icon_label)
        row.addWidget(self._label, 1)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)     # grows to the wrapped text
        self.setSizePolicy(policy)
        self._icon_label.setVisible(bool(icon))
        if icon:
            self.set_icon_name(icon)
        if text:
            self.set_source(text, description or text)
        self.toggled.connect(self._mark)

    def text(self) -> str:  # noqa: D102 (the label holds it)
        return self._label.text() if hasattr(self, "_label") else super().text()

    def setText(self, text: str) -> None:  # noqa: N802
        self._src = None
        if hasattr(self, "_label"):
            self._label.setText(text)
            self.updateGeometry()

    def _retranslate(self) -> None:
        if self._src is None or not hasattr(self, "_label"):
            return
        text = tr(self._src).format(**self._src_args) if self._src_args else tr(self._src)
        self._label.setText(text)
        self.setAccessibleName(text.replace("\n", " "))
        if self._desc is not None:
            self.setAccessibleDescription(tr(self._desc))
        self.updateGeometry()

    def _paint_icon(self) -> None:
        if not hasattr(self, "_icon_label"):
            return
        name, role = self._icon_name, self.property("role") or "list"
        colour = ICON_COLOURS.get(role, "#0B4F9C")
        if self.isCheckable():
            name = "square-check" if self.isChecked() else "square"
            colour = CHECKED_COLOURS.get(role, colour) if self.isChecked() else colour
        if name:
            from screens.icons import icon_pixmap
            self._icon_label.setPixmap(icon_pixmap(name, colour, self._icon_size))
            self._icon_label.setFixedSize(self._icon_size, self._icon_size)
            self._icon_label.show()

    def _mark(self, on: bool) -> None:
        self._label.setProperty("checked", "true" if on else "false")
        self._label.style().unpolish(self._label)
        self._label.style().polish(self._label)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        # Qt's style sheets ignore an ancestor's :disabled, so the label is told itself.
        if event.type() == QEvent.Type.EnabledChange and hasattr(self, "_label"):
            self._label.setProperty("off", "false" if self.isEnabled() else "true")
            self._label.style().unpolish(self._label)
            self._label.style().polish(self._label)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return max(self.minimumHeight(), self.layout().heightForWidth(width))

    def sizeHint(self):  # noqa: N802
        hint = self.layout().sizeHint()
        return QSize(min(hint.width(), 480), max(self.minimumHeight(), hint.height()))

    def minimumSizeHint(self):  # noqa: N802
        return QSize(max(self.minimumWidth(), 160), self.minimumHeight())
