"""The on-screen keyboard for free text (an employer's name, an address): Qt Virtual
Keyboard with its Pinyin layout, when [kiosk] virtual_keyboard = true.

Qt picks its input method when the QApplication is made, so `use_virtual_keyboard`
runs before that. The keyboard is its own window over the bottom of the screen;
KioskWindow.follow_input_panel keeps the focused field above it.
Off by default: Qt Virtual Keyboard is licensed GPLv3 or commercially.
"""
from __future__ import annotations

import os


def use_virtual_keyboard(language: str) -> None:
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    # The keyboard's layout follows the default locale: zh_CN is Pinyin (with English on its
    # language key). Imported here: QLocale's enums cost start-up time for kiosks without it.
    from PySide6.QtCore import QLocale
    QLocale.setDefault(QLocale(language))
