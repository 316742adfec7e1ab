"""Chinese and English on screen, with Qt's own translation tooling.

The source texts are Chinese. `scripts/i18n.py update` runs pyside6-lupdate
over screens/ and kiosk/ (every `tr("…")` and `tr_noop("…")`, one context)
into assets/i18n/kiosk_en.ts, where the English lives; the set-up builds
kiosk_en.qm with pyside6-lrelease. `set_language("en")` installs it: Qt sends
every widget a LanguageChange, and the controls made in screens.widgets
(Label, BigButton) turn their source text into the new language by themselves.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "assets" / "i18n"
LANGUAGES = ("zh", "en")
_state = {"lang": "zh", "translator": None}


def tr(text: str) -> str:
    """`text` (a Chinese source text) in the current language."""
    return QCoreApplication.translate("", text) if text else text


def language() -> str:
    return _state["lang"]


def join(items) -> str:
    """A list in running text: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return (", " if _state["lang"] == "en" else "、").join(items)


def qm_path(lang: str) -> Path:
    return I18N_DIR / f"kiosk_{lang}.qm"


def set_language(lang: str) -> bool:
    """Switch every screen to `lang` ("zh" or "en"); False when its .qm is missing
    (the screens then stay Chinese, and a warning names the file)."""
    app = QCoreApplication.instance()
    if lang == _state["lang"] or app is None:
        return True
    old = _state["translator"]
    if lang == "zh":
        if old is not None:
            app.removeTranslator(old)
        _state.update(lang="zh", translator=None)
        return True
    translator = QTranslator(app)
    path = qm_path(lang)
    if not translator.load(str(path)):
        log.warning("no translation file %s (run scripts/setup.sh); staying in Chinese", path)
        return False
    if old is not None:
        app.removeTranslator(old)
    app.installTranslator(translator)       # sends LanguageChange to every widget
    _state.update(lang=lang, translator=translator)
    return True


__all__ = ["LANGUAGES", "join", "language", "qm_path", "set_language", "tr", "tr_noop"]
