"""Which screen is up, and what the bars around it show.

Flows move between their own screens through this one object. It tells the
screen it leaves and the one it enters, sets the bars (the step indicator,
返回 and 首页, the residents' tools), keeps the idle watch where a resident is,
and reads the new screen's instruction aloud (when the resident wants voice).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Shown:
    """One screen as it was shown: enough to show it again exactly (after a staff call)."""
    screen: Any
    title: str = ""           # the window title (screen readers); each screen shows its own heading
    back: bool = False        # 返回 in the bottom bar
    resident: bool = True     # the residents' tools: 中文/EN, 长辈模式, 语音播报, 呼叫工作人员
    idle: bool = True         # the idle watch runs (a resident may walk away)
    bar: bool = True          # the header and the bottom bar at all (not on the welcome page)
    step: int | None = None   # the step indicator's current step; None hides it
    home: bool = True         # 首页 in the bottom bar


class Navigator:
    def __init__(self, window, header, steps, bottom, idle, say: Callable[[str], None],
                 shown: Callable[[Any], None] = lambda screen: None):
        """`shown(screen)`: told of every screen shown (metrics; systemd's STATUS=)."""
        self.window, self.header, self.steps, self.bottom = window, header, steps, bottom
        self.idle, self._say, self._shown = idle, say, shown
        self.shown: Shown | None = None

    def current(self):
        return self.window.stack.currentWidget()

    def show(self, screen, title: str = "", **how) -> None:
        self.show_again(Shown(screen, title, **how))

    def set_typing(self, on: bool) -> None:
        """On-screen keys are open on the current screen: the step indicator and the bottom bar
        give them their room until they close (shown again as the screen was shown)."""
        if self.shown is None:
            return
        self.steps.setVisible(not on and self.shown.bar and self.shown.step is not None)
        self.bottom.setVisible(not on and self.shown.bar)

    def show_again(self, shown: Shown) -> None:
        current = self.current()
        if current is not shown.screen and current is not None:
            current.left()
        self.window.stack.setCurrentWidget(shown.screen)
        self.header.setVisible(shown.bar)
        self.bottom.setVisible(shown.bar)
        self.steps.set_current(shown.step if shown.bar else None)
        self.bottom.set_back_visible(shown.back)
        self.bottom.set_home_visible(shown.home)
        self.bottom.set_staff_visible(shown.resident)
        self.header.set_resident_tools(shown.resident)
        self.idle.set_active(shown.bar and shown.idle)
        self.shown = shown
        shown.screen.entered()
        self._shown(shown.screen)
        if shown.bar and hasattr(shown.screen, "spoken_hint"):   # technician screens have none
            self._say(shown.screen.spoken_hint())
