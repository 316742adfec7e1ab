"""What a flow is, and what it gets from the shell.

A flow is one use case (the resident's transaction, the progress query, the
technician path). It owns its screens and is the only code that moves
between them. The shell knows it only through this interface:

- `SCREENS`: the screens it owns, as (attribute, module, class); the shell
  builds them (one per event-loop turn at start-up) and sets the attributes;
- `wire()`: connect the screens' signals to the flow's handlers, once, in
  one place that reads like the flow's diagram;
- `attach()`: the devices and services are up;
- `start(at)` (`at`: where to begin, e.g. an item code), `back()` (one step
  back; False: "leave the flow"), `started()` (would leaving abandon
  something the resident began? 首页 asks first), `relabel(lang)` (redraw
  data-made screens after 中文/EN), `wipe()`, `where()` (the step name for
  staff calls and status; nothing personal).
"""
from __future__ import annotations

from PySide6.QtCore import QObject


class FlowContext:
    """The services and the navigator, and the shell's few shared actions."""

    def __init__(self, shell):
        self._shell = shell
        self.cfg = shell.cfg
        self.nav = shell.nav
        self.steps = shell.steps                  # the step indicator (screens.bars.StepBar)
        self.hub = shell.hub
        self.runner = shell.runner
        self.camera = shell.camera
        self.catalog = shell.catalog_refresh      # kiosk.catalog_refresh.CatalogRefresher
        self.prefs = shell.prefs
        self.online_changed = shell.online_now      # emitted on the UI thread
        self.say = shell.say
        self.fail = shell.fail
        self.end_session = shell.end_session
        self.start_flow = shell.start_flow
        self.call_staff = shell.call_staff
        self.staff_call_answered = shell.help.answered   # staff came (工作人员核验): the call is over
        self.metrics = shell.metrics                # kiosk.metrics.KioskMetrics
        self.offer_language = shell.offer_language   # ask once whether to go on in another language
        self.tools = shell.tools                  # 中文/EN, 长辈模式, 语音播报 (kiosk.resident_tools)

    @property
    def speaker(self):
        """The speech engine of the current language."""
        return self._shell.tools.speaker

    @property
    def services(self):
        """kiosk.services.Services (catalog, gateway, outbox); None until start-up built them."""
        return self._shell.s

    @property
    def online(self) -> bool:
        return self._shell.online

    def screen(self, name: str):
        """A screen the shell owns and every flow may show (the error screen)."""
        return getattr(self._shell, name)


class Flow(QObject):
    name = "flow"
    SCREENS: list[tuple[str, str, str]] = []

    def __init__(self, ctx: FlowContext):
        super().__init__(ctx.nav.window)
        self.ctx = ctx
        self.screens: list = []

    def add_screen(self, attr: str, screen) -> None:
        setattr(self, attr, screen)
        self.screens.append(screen)

    def owns(self, screen) -> bool:
        return any(s is screen for s in self.screens)

    def wire(self) -> None:
        """Connect screens' signals to handlers (called once the screens exist)."""

    def attach(self) -> None:
        """Devices and services are up."""

    def start(self, at: str | None = None) -> None:
        raise NotImplementedError

    def back(self) -> bool:
        return False

    def started(self) -> bool:
        return False

    def relabel(self, lang: str) -> None:
        """Redraw what this flow's screens show from data, in `lang`."""

    def wipe(self) -> None:
        """Drop everything of the visit this flow holds."""

    def where(self) -> str:
        return self.name
