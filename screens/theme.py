"""The touch theme (assets/theme.qss) and elder mode.

Elder mode is a dynamic property `elder="true"` on the top window; the QSS
has larger sizes under `QWidget[elder="true"]`. Qt only re-reads dynamic
properties on polish, so switching re-polishes the whole tree.
"""
from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

THEME_PATH = Path(__file__).resolve().parent.parent / "assets" / "theme.qss"
# As in theme.qss. "Kiosk Sans SC" is Noto Sans CJK SC cut to GB 2312 and our own texts by
# scripts/ui_font.py (set-up): ~9 MB less resident memory than the full font; a character
# outside it (a rare one in a name) comes from the full Noto Sans CJK SC, next in the list.
FONT_FAMILIES = ["Kiosk Sans SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "sans-serif"]
UI_FONT_DIR = THEME_PATH.parent / "fonts"


ICON_DIR = THEME_PATH.parent / "icons"


@functools.lru_cache(maxsize=1)
def theme_text() -> str:
    """The QSS text, read once (the first screen and the application both apply it);
    `@ICONS@` becomes the icon folder (QSS urls are not relative to the file)."""
    return THEME_PATH.read_text(encoding="utf-8").replace("@ICONS@", ICON_DIR.as_posix())


@functools.lru_cache(maxsize=1)
def register_ui_font() -> list[str]:
    """Add the set-up's cut of Noto Sans CJK SC to Qt's fonts (~5 ms); the families added.
    Nothing when it was not built: the next family in the list draws."""
    families = []
    for path in sorted(UI_FONT_DIR.glob("KioskSansSC-*.otf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))


def apply_theme(app: QApplication) -> None:
    register_ui_font()                 # before the style sheet names it
    # The style sheet gives the screens their font; the application's default font is for what it
    # does not reach: text a widget paints itself and text measured with QFontMetrics. Without
    # it that text was measured and drawn in fontconfig's own choice for Chinese (WenQuanYi),
    # not in the font the label beside it shows, and that font's pages stayed in memory.
    font = app.font()
    if font.families() != FONT_FAMILIES:
        font.setFamilies(FONT_FAMILIES)
        app.setFont(font)
    text = theme_text()
    if app.styleSheet() != text:      # setting it again would re-polish every widget
        app.setStyleSheet(text)


def set_elder_mode(window: QWidget, on: bool) -> None:
    """Turn elder mode on/off for `window` and everything inside it."""
    window.setProperty("elder", "true" if on else "false")
    repolish(window)


def is_elder_mode(window: QWidget) -> bool:
    return window.property("elder") == "true"


def repolish(root: QWidget) -> None:
    for w in [root, *root.findChildren(QWidget)]:
        style = w.style()
        style.unpolish(w)
        style.polish(w)
        w.updateGeometry()
