"""Icons (assets/icons: Tabler Icons, MIT) painted in the colour of the control.

The SVGs draw with `currentColor`; each (name, colour, size) is rendered once
and kept.
"""
from __future__ import annotations

import functools
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "assets" / "icons"


@functools.lru_cache(maxsize=512)
def _svg(name: str) -> bytes:
    return (ICON_DIR / f"{name}.svg").read_bytes()


@functools.lru_cache(maxsize=512)
def icon_pixmap(name: str, colour: str = "#0B4F9C", size: int = 40, stroke: float = 2.0):
    """A QPixmap of icon `name` (file stem in assets/icons) at `size` px."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer
    data = _svg(name).replace(b"currentColor", colour.encode()).replace(
        b'stroke-width="2"', f'stroke-width="{stroke:g}"'.encode())
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
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
