"""Pinyin input for the on-screen keyboard, without Qt Virtual Keyboard (GPLv3).

    from kiosk.ime import shared_engine
    engine = shared_engine()          # builds once, in a child process (~3–12 s); call it off
                                      # the UI thread (e.g. TaskRunner's "misc" lane)
    engine("daolq")                   # [("道里区", 5), ...]: (text, letters consumed)

`PinyinEngine` is a plain callable `candidates(letters) -> list[(text, consumed)]`,
what screens.pinyin_keyboard.PinyinKeyboard takes. `segment` splits letters into
syllables. Plain Python: this package never imports PySide6.
"""
from __future__ import annotations

import threading

from kiosk.ime.engine import PinyinEngine
from kiosk.ime.syllables import segment

__all__ = ["PinyinEngine", "segment", "shared_engine"]

_lock = threading.Lock()
_engine: PinyinEngine | None = None


def shared_engine() -> PinyinEngine:
    """The process's one engine, built on first call in a child process (blocking: seconds;
    kiosk.ime.build says why a child). Thread-safe: a second caller waits for the first
    one's build instead of building again."""
    global _engine
    with _lock:
        if _engine is None:
            from kiosk.ime.build import build_engine
            _engine = build_engine()
        return _engine
