"""Which screen is up, and what the bars around it show.

Flows move between their own screens through this one object. It tells the
screen it leaves and the one it enters, sets the top bar (title, 返回, the
residents' tools), keeps the idle watch where a resident is, and reads the
new screen's instruction aloud (when the resident wants voice).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Shown:
    """One screen as it was shown: enough to show it again exactly (after a staff call)."""
    screen: Any
    title: str = ""
    back: bool = False        # 返回 in the top bar
    resident: bool = True     # the residents' tools: 长辈模式, 语音播报, 呼叫工作人员
    idle: bool = True         # the idle watch runs (a resident may walk away)
    bar: bool = True          # the top bar at all (not on the attract screen)


class Navigator:
    def __init__(self, window, topbar, idle, say: Callable[[str], None],
                 shown: Callable[[Any], None] = lambda screen: None):
        """`shown(screen)`: told of every screen shown (metrics; systemd's STATUS=)."""
        self.window, self.topbar, self.idle, self._say, self._shown = window, topbar, idle, say, shown
        self.shown: Shown | None = None

    def current(self):
        return self.window.stack.currentWidget()

    def show(self, screen, title: str = "", *, back: bool = False, resident: bool = True,
             idle: bool = True, bar: bool = True) -> None:
        self.show_again(Shown(screen, title, back, resident, idle, bar))

    def show_again(self, shown: Shown) -> None:
        current = self.current()
        if current is not shown.screen and current is not None:
            current.left()
        self.window.stack.setCurrentWidget(shown.screen)
        self.topbar.setVisible(shown.bar)
        self.topbar.set_title(shown.title)
        self.topbar.set_back_visible(shown.back)
        self.topbar.set_resident_tools(shown.resident)
        self.idle.set_active(shown.bar and shown.idle)
        self.shown = shown
        shown.screen.entered()
        self._shown(shown.screen)
        if shown.bar and hasattr(shown.screen, "spoken_hint"):   # technician screens have none
            self._say(shown.screen.spoken_hint())
