"""Checks of issue 16 on the live window, used at every stop of the screen tour
(tests/test_screen_layout.py), so that no second tour costs CI its time:

- no control left mute: every visible, enabled control has an accessible name and
  description (what explore-by-touch and the keypad say);
- every control is reachable by the keypad (kiosk.keypad.controls);
- 轮椅模式 at 1080×1920: every control and every text shown lies in the lower 60 % of the
  window, where a seated resident reaches.
"""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.keypad import controls
from screens.spoken import CONTROLS, name_of
from tests.screen_tour import pump
from tests.ui_audit import _technician, _visible, shown_rect

NO_TOP_BAR = ("attract", "pin", "maintenance")     # no resident tools there: no 轮椅模式 either


def shown(app) -> list[QWidget]:
    return [w for w in _visible(app.window) if not _technician(w) and w.objectName() != "focusRing"
            and not shown_rect(w, app.window).isEmpty()]


def _label(w: QWidget) -> str:
    return f"{type(w).__name__}({name_of(w) if isinstance(w, QAbstractButton) else ''})"


def speech_problems(app, stop: str) -> list[str]:
    """Mute controls and controls the keypad cannot reach."""
    if stop in ("pin", "maintenance"):
        return []
    now = shown(app)
    problems = [f"{_label(w)} has no accessible name or description" for w in now
                if isinstance(w, CONTROLS) and w.isEnabled() and not (name_of(w) and w.accessibleDescription().strip())]
    reach = set(controls(app.window, app.header, app.bottombar))
    problems += [f"{_label(w)} is not reachable by the keypad" for w in now
                 if isinstance(w, CONTROLS) and w.isEnabled() and w not in reach]
    return problems


def wheelchair_problems(app, stop: str) -> list[str]:
    """轮椅模式 on (one touch in the top bar), then everything shown must be in the lower 60 %.
    Returns the problems and leaves 轮椅模式 off again."""
    if stop in NO_TOP_BAR:
        return []
    if not app.header.access.wheelchair_button.isVisible():
        return ["no 轮椅模式 in the top bar"]
    app.tools.set_wheelchair(True)
    pump(40)
    floor = int(app.window.height() * 0.4)
    problems = [f"{_label(w)} at y={shown_rect(w, app.window).top()} is above the lower 60 % in 轮椅模式"
                for w in shown(app) if (isinstance(w, CONTROLS) or isinstance(w, QLabel) and w.text().strip())
                and shown_rect(w, app.window).top() < floor]
    app.tools.set_wheelchair(False)
    pump(20)
    return problems


def high_without_wheelchair(app) -> bool:
    """Some control sits in the top 40 % now (so the 轮椅模式 check can fail)."""
    floor = int(app.window.height() * 0.4)
    return any(shown_rect(w, app.window).top() < floor for w in shown(app) if isinstance(w, CONTROLS))
