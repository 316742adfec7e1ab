"""The first thing `kiosk run` shows: the locked window with the attract screen.

It is built before the controller (kiosk/app.py), the transaction, the device
hub and the worker lanes are even imported, so the screen appears as soon as
Qt can paint it (start-up benchmark, issue 2). KioskApp then adopts the window
and the attract screen; a tap before it is ready does nothing.
"""
from __future__ import annotations

from kiosk.first_paint import on_first_paint, watch_if_asked
from kiosk.main_window import KioskWindow
from screens import touch_scroll
from screens.attract import AttractScreen
from screens.theme import apply_theme


class FirstScreen:
    def __init__(self, cfg, app):
        apply_theme(app)          # before the first polish: styling later would polish twice
        touch_scroll.hold()       # finger scrolling grabbed once the first paint is on screen
        self.window = KioskWindow(fullscreen=cfg.kiosk.fullscreen, size=cfg.window_size)
        self.attract = AttractScreen()
        self.attract.set_hall(cfg.kiosk.hall, cfg.kiosk.hall_en)
        self.window.stack.addWidget(self.attract)
        watch_if_asked(self.attract)
        on_first_paint(self.attract, lambda _t: touch_scroll.release())
        # A window closed unpainted (started hidden, or quit at once) must not leave the hold
        # to the next kiosk built in this process (tests, tools).
        self.attract.destroyed.connect(lambda *_: touch_scroll.release())

    def show(self) -> None:
        self.window.show_kiosk()

    def close(self) -> None:
        """Quit before KioskApp took over (SIGTERM in the first moments)."""
        self.window.close_for_technician()
        self.window.deleteLater()
