"""Checks on the live window, as a resident would see it.

`fit_problems`: the window is exactly the size asked for, no widget lies
outside its parent (a squeezed layout pushes widgets out or over each other),
no label or button cuts its text. `elder_problems`: the MIIT elder-friendly
numbers of DESIGN.md's Screens, on every visible widget: text px, target px
and the gaps between targets, contrast computed from the rendered window and
the widget's palette, line spacing, and state never shown by colour alone.
Both return a list of readable problems (empty: all good).
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractScrollArea, QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QWidget,
)

TECHNICIAN = ("technician_pin", "maintenance", "demoDock")


def _visible(window: QWidget) -> list[QWidget]:
    """What a resident sees: with a prompt over the window (还在吗？, 放弃本次办理？) only the
    prompt; what is dimmed behind it is not for now."""
    from screens.overlay import Overlay
    shown = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window) and w.width() > 0]
    overlay = next((w for w in shown if isinstance(w, Overlay)), None)
    if overlay is not None:
        shown = [w for w in shown if overlay.isAncestorOf(w)]
    return shown


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
        text = w.text().replace("\n", " ")[:30]
    return f"{type(w).__name__}({w.objectName() or w.property('role') or ''}{':' + text if text else ''})"


def _in_scroll_content(w: QWidget) -> bool:
    """The content widget of a scroll area may be larger than its viewport: that is scrolling."""
    parent = w.parentWidget()
    return parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea) \
        and parent is parent.parentWidget().viewport()


def _technician(w: QWidget) -> bool:
    while w is not None:
        if w.objectName() in TECHNICIAN:
            return True
        w = w.parentWidget()
    return False


def window_rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def shown_rect(w: QWidget, window: QWidget) -> QRect:
    """The part of `w` a resident can see: clipped by every ancestor (a scroll area's viewport)."""
    rect = window_rect(w, window)
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(window_rect(parent, window))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def _clipped_text(w: QWidget) -> str | None:
    if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
        rect = w.contentsRect()
        if w.wordWrap():
            need = w.heightForWidth(rect.width() + w.contentsMargins().left() + w.contentsMargins().right())
            if need > w.height() + 2:
                return f"needs {need} px of height, has {w.height()}"
        else:
            fm = w.fontMetrics()
            widest = max(fm.horizontalAdvance(line) for line in w.text().split("\n"))
            if widest > rect.width() + 1:
                return f"needs {widest} px of width, has {rect.width()}"
    if isinstance(w, QPushButton) and w.text() and w.layout() is None:   # (WrapButton: its label is checked)
        # The button's own size hint is its text, icon, padding and border as styled.
        hint = w.sizeHint()
        if w.width() < hint.width() - 1:
            return f"needs {hint.width()} px of width, has {w.width()}"
        if w.height() < hint.height() - 1:
            return f"needs {hint.height()} px of height, has {w.height()}"
    return None


def fit_problems(window: QWidget, size: tuple[int, int]) -> list[str]:
    problems = []
    if (window.width(), window.height()) != tuple(size):
        problems.append(f"window is {window.width()}x{window.height()}, not {size[0]}x{size[1]}")
    for w in _visible(window):
        parent = w.parentWidget()
        if parent is None or w.isWindow():
            continue
        if _in_scroll_content(w):
            if w.width() > parent.width() + 1:      # nothing scrolls sideways: wider is cut off
                problems.append(f"{_name(w)} is {w.width()} px wide in a {parent.width()} px scroll area")
        elif not parent.rect().adjusted(-1, -1, 1, 1).contains(w.geometry()):
            g = w.geometry()
            problems.append(f"{_name(w)} at {g.x()},{g.y()} {g.width()}x{g.height()} lies outside "
                            f"{_name(parent)} ({parent.width()}x{parent.height()})")
        clipped = _clipped_text(w)
        if clipped:
            problems.append(f"{_name(w)} cuts its text: {clipped}")
    return problems


# -- the elder-friendly numbers ---------------------------------------------------------
def luminance(c: QColor) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def as_array(image: QImage):
    """The rendered window as an (h, w) array of 0xRRGGBB ints (numpy: fast counting)."""
    import numpy as np
    img = image.convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(img.constBits(), dtype=np.uint32, count=img.width() * img.height())
    return arr.reshape(img.height(), img.width()) & 0xFFFFFF


def _colour_counts(pixels, rect: QRect) -> list[tuple[int, int]]:
    """(colour, count) in `rect`, most common first."""
    import numpy as np
    h, w = pixels.shape
    x0, y0 = max(0, rect.left()), max(0, rect.top())
    x1, y1 = min(w, rect.right() + 1), min(h, rect.bottom() + 1)
    if x1 <= x0 or y1 <= y0:
        return []
    colours, counts = np.unique(pixels[y0:y1, x0:x1], return_counts=True)
    order = np.argsort(-counts)
    return [(int(colours[i]), int(counts[i])) for i in order]


def _qcolour(rgb: int) -> QColor:
    return QColor((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255)


def dominant_colour(pixels, rect: QRect) -> QColor:
    """The most common colour in `rect` of the rendered window (the background behind the text)."""
    counts = _colour_counts(pixels, rect)
    return _qcolour(counts[0][0]) if counts else QColor("white")


def rendered_colours(pixels, rect: QRect) -> tuple[QColor, QColor]:
    """(background, text) as drawn: the most common colour, and the most common colour
    that stands apart from it (contrast > 1.5: the text's ink, not its anti-aliased edge).
    The caller passes the area inside any border."""
    counts = _colour_counts(pixels, rect)
    if not counts:
        return QColor("white"), QColor("black")
    bg = _qcolour(counts[0][0])
    for rgb, _n in counts[1:]:
        ink = _qcolour(rgb)
        if contrast(ink, bg) > 1.5:
            return bg, ink
    return bg, bg


def _has_icon_label(w: QWidget) -> bool:
    return any(not c.pixmap().isNull() for c in w.findChildren(QLabel) if c.isVisibleTo(w))


def _targets(window: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit)
    return [w for w in _visible(window) if isinstance(w, kinds) and w.isEnabled() and not _technician(w)]


def elder_problems(window: QWidget, elder: bool) -> list[str]:
    body_min, title_min, target_min = (32, 48, 88) if elder else (24, 36, 64)
    problems = []
    image = as_array(window.grab().toImage())
    for w in _visible(window):
        if _technician(w):
            continue
        text = w.text() if isinstance(w, (QLabel, QAbstractButton, QLineEdit)) else ""
        if isinstance(w, QLabel) and not w.pixmap().isNull():
            text = ""
        shown = shown_rect(w, window)
        if shown.height() * 2 < w.height() or shown.width() * 2 < w.width():
            continue                    # scrolled (mostly) out of view: checked when it is in view
        if text.strip():
            px = w.font().pixelSize()
            role = w.property("role") or ""
            need = title_min if role in ("title", "display") else body_min
            if px < need:
                problems.append(f"{_name(w)}: text {px} px < {need} px")
            inset = 6 if isinstance(w, QAbstractButton) else 3      # inside any border
            bg, fg = rendered_colours(image, shown.adjusted(inset, inset, -inset, -inset))
            ratio = contrast(fg, bg)
            need_ratio = 3.0 if px >= 32 else 4.5
            if ratio < need_ratio:
                problems.append(f"{_name(w)}: contrast {ratio:.2f}:1 < {need_ratio}:1 "
                                f"({fg.name()} on {bg.name()})")
            if isinstance(w, QLabel) and w.wordWrap():
                spacing = QFontMetricsF(w.font()).lineSpacing() / max(1, px)
                if spacing < 1.3:
                    problems.append(f"{_name(w)}: line spacing {spacing:.2f} < 1.3")
        if isinstance(w, QLineEdit) and w.placeholderText() and not w.text():
            ph = w.palette().color(QPalette.ColorRole.PlaceholderText)
            bg = dominant_colour(image, shown.adjusted(4, 4, -4, -4))
            if contrast(ph, bg) < 4.5:
                problems.append(f"{_name(w)}: placeholder contrast {contrast(ph, bg):.2f}:1 < 4.5:1")
        if isinstance(w, QAbstractButton) and w.isCheckable() and not isinstance(w, QCheckBox) \
                and w.icon().isNull() and not _has_icon_label(w):
            problems.append(f"{_name(w)}: a toggle without a tick or box (colour would be the only cue)")
    targets = [w for w in _targets(window) if not shown_rect(w, window).isEmpty()]
    for w in targets:
        r = window_rect(w, window)
        if r.height() < target_min or r.width() < target_min:
            problems.append(f"{_name(w)}: target {r.width()}x{r.height()} < {target_min} px")
    rects = [(w, shown_rect(w, window)) for w in targets]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            dx = max(rb.left() - ra.right() - 1, ra.left() - rb.right() - 1)
            dy = max(rb.top() - ra.bottom() - 1, ra.top() - rb.bottom() - 1)
            gap = max(dx, dy)
            if gap < 8:
                problems.append(f"{_name(a)} and {_name(b)}: {gap} px apart < 8 px")
    return problems
