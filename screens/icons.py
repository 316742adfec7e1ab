"""Icons (assets/icons: Tabler Icons, MIT) painted in the colour of the control.

The SVGs draw with `currentColor`; each (name, colour, size) is rendered once
and kept. The welcome page's icons are also rendered to PNG by the set-up
(`python -m screens.icons`, into assets/icons/rendered/): the first screen then
loads a PNG instead of loading QtSvg and rendering (start-up benchmark, issue 11).
A missing or unreadable PNG falls back to the SVG.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "assets" / "icons"
RENDERED_DIR = ICON_DIR / "rendered"
# (name, colour, size) painted before the first paint: the attract screen's 开始办理.
FIRST_SCREEN = [("player-play", "#FFFFFF", 40)]


def _rendered_path(name: str, colour: str, size: int, stroke: float, ratio: float) -> Path:
    return RENDERED_DIR / f"{name}-{colour.lstrip('#').upper()}-{size}-{stroke:g}@{ratio:g}x.png"


@functools.lru_cache(maxsize=512)
def _svg(name: str) -> bytes:
    return (ICON_DIR / f"{name}.svg").read_bytes()


@functools.lru_cache(maxsize=512)
def icon_pixmap(name: str, colour: str = "#0B4F9C", size: int = 40, stroke: float = 2.0):
    """A QPixmap of icon `name` (file stem in assets/icons) at `size` px."""
    from PySide6.QtGui import QGuiApplication, QPixmap
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
    rendered = _rendered_path(name, colour, size, stroke, ratio)
    if rendered.is_file():
        pix = QPixmap(str(rendered))
        if not pix.isNull() and pix.width() == int(size * ratio):
            pix.setDevicePixelRatio(ratio)
            return pix
    return _render_svg(name, colour, size, stroke, ratio)


def _render_svg(name: str, colour: str, size: int, stroke: float, ratio: float):
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer
    data = _svg(name).replace(b"currentColor", colour.encode()).replace(
        b'stroke-width="2"', f'stroke-width="{stroke:g}"'.encode())
    pix = QPixmap(int(size * ratio), int(size * ratio))
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    QSvgRenderer(QByteArray(data)).render(painter)
    painter.end()
    pix.setDevicePixelRatio(ratio)
    return pix


def icon(name: str, colour: str = "#0B4F9C", size: int = 40):
    from PySide6.QtGui import QIcon
    return QIcon(icon_pixmap(name, colour, size))


def prerender(ratio: float = 1.0) -> list[Path]:
    """Render FIRST_SCREEN to PNG (the set-up runs this; a QGuiApplication must exist)."""
    RENDERED_DIR.mkdir(exist_ok=True)
    written = []
    for name, colour, size in FIRST_SCREEN:
        path = _rendered_path(name, colour, size, 2.0, ratio)
        if not _render_svg(name, colour, size, 2.0, ratio).save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


if __name__ == "__main__":       # scripts/setup.sh: python -m screens.icons
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    _app = QGuiApplication(sys.argv[:1])
    for written in prerender():
        print(f"icons: {written.relative_to(ICON_DIR.parent.parent)}")
