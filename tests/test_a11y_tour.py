"""Every screen, one tour (issue 16, points 1 and 3): no control left mute, and 轮椅模式 at
1080×1920 brings the instruction, the content and every action into the lower 60 %.

At each stop of tests/screen_tour.py, at 1080×1920: every visible, enabled control has an
accessible name and description (what explore-by-touch and the keypad say); then 轮椅模式
is switched on and every control and every text shown lies in the lower 60 % of the
window (the part a seated resident reaches), and the keypad can reach every control."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.keypad import controls
from screens.spoken import CONTROLS, name_of
from tests.screen_tour import STOPS, pump, tour
from tests.ui_audit import _technician, _visible, shown_rect

W, H = 1080, 1920
RESIDENT_STOPS = [s for s in STOPS if s not in ("attract", "pin", "maintenance")]   # no top bar there


def _shown(app) -> list[QWidget]:
    return [w for w in _visible(app.window) if not _technician(w) and w.objectName() != "focusRing"
            and not shown_rect(w, app.window).isEmpty()]


def test_every_control_speaks_and_wheelchair_mode_keeps_everything_low(qtbot, make_kiosk):
    app = make_kiosk({"kiosk.window_size": f"{W}x{H}"})
    mute, high, unreachable, seen = [], [], [], []
    low_anyway = 0         # stops whose controls are all low without 轮椅模式 (so the check can fail)
    for stop in tour(app):
        seen.append(stop)
        if stop in ("pin", "maintenance"):
            continue
        app.window.setFixedSize(W, H)
        pump(30)
        shown = _shown(app)
        for w in shown:
            if isinstance(w, CONTROLS) and w.isEnabled() and not (name_of(w) and w.accessibleDescription().strip()):
                mute.append(f"{stop}: {type(w).__name__}({getattr(w, 'text', lambda: '')()!r})")
        if stop not in RESIDENT_STOPS:
            continue
        assert app.header.access.wheelchair_button.isVisible(), stop      # one touch in the top bar
        floor = int(H * 0.4)
        low_anyway += all(shown_rect(w, app.window).top() >= floor for w in _shown(app) if isinstance(w, CONTROLS))
        app.tools.set_wheelchair(True)
        pump(30)
        shown = _shown(app)
        for w in shown:
            text = isinstance(w, QLabel) and w.text().strip() or isinstance(w, CONTROLS)
            if text and shown_rect(w, app.window).top() < floor:
                high.append(f"{stop}: {type(w).__name__}({name_of(w) if isinstance(w, QAbstractButton) else ''}) "
                            f"at y={shown_rect(w, app.window).top()}")
        reach = set(controls(app.window, app.header, app.bottombar))
        unreachable += [f"{stop}: {name_of(w)}" for w in shown if isinstance(w, CONTROLS) and w.isEnabled()
                        and w not in reach]
        app.tools.set_wheelchair(False)
    assert seen == STOPS and low_anyway < len(RESIDENT_STOPS) // 4     # a prompt alone may sit low anyway
    assert not (mute or high or unreachable), "\n".join(
        ["controls without a name or description:", *mute[:30], "above the lower 60 % in 轮椅模式:", *high[:30],
         "not reachable by the keypad:", *unreachable[:30]])
