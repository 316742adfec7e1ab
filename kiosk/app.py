"""The application shell: what every use case shares.

The locked window and its bars, the navigator, start-up and shutdown, the idle
watch, the crash screen, the residents' tools (中文/EN, 长辈模式, 语音播报,
呼叫工作人员), the online state and the services. The use cases are flows (kiosk/flows/), known
here only through kiosk.flows.Flow and loaded by name. Nothing here blocks
the UI thread for I/O.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk import flows as flow_registry
from kiosk.background import TaskRunner
from kiosk.camera_router import CameraRouter
from kiosk.catalog_refresh import CatalogRefresher
from kiosk.crash_guard import CrashGuard
from kiosk.devices.hub import DeviceHub
from kiosk.gc_policy import UiThreadGc
from kiosk.help_desk import HelpDesk
from kiosk.idle import IdleWatcher
from kiosk.boot import FirstScreen
from kiosk.main_window import CornerTaps
from kiosk.metrics import KioskMetrics
from kiosk.navigator import Navigator
from kiosk.resident_tools import ResidentTools
from kiosk.startup import ScreenBuilder, build_services
from screens.bars import BottomBar, HeaderBar, StepBar
from screens.confirm_prompt import ConfirmPrompt
from screens.i18n import set_language
from screens.idle_prompt import IdlePrompt
from screens.language_offer import LanguageOffer
from screens.theme import apply_theme
from screens.widgets import NetworkBanner

log = logging.getLogger(__name__)


class KioskApp(QObject):
    online_changed = Signal(bool)   # from the outbox thread, queued to the UI
    online_now = Signal(bool)       # the same, re-emitted on the UI thread for the flows

    ENTRY = "resident"              # the flow a tap on the attract screen starts
    SHARED_SCREENS = [("error", "screens.error", "ErrorScreen"),      # staff call, failures, crashes
                      ("thanks", "screens.thanks", "ThanksScreen")]   # after 好差评

    def __init__(self, cfg, services=None, first=None, flows=flow_registry.ALL):
        """`first`: the FirstScreen `kiosk run` showed before importing this module;
        `flows`: the names of the flows to run (a test may build one alone)."""
        super().__init__()
        self.cfg, self.s = cfg, services   # s: kiosk.services.Services (catalog, gateway, outbox)
        self.online = True
        self.runner = TaskRunner(self)
        self.hub = DeviceHub(cfg, parent=self)
        self.metrics = KioskMetrics(cfg.kiosk.id, cfg.kiosk.region)   # the fleet's view (Prometheus)
        self.camera = CameraRouter(self)
        self.catalog_refresh = CatalogRefresher(self.runner, lambda: self.s, self)
        first = first or FirstScreen(cfg, QApplication.instance())    # the window and the welcome page
        self.window, self.attract = first.window, first.attract
        self.screens: list = [self.attract]
        self._build_shell()
        self.flows = {name: flow_registry.load(name)(flow_registry.FlowContext(self)) for name in flows}
        self.crash = CrashGuard(self.help.crashed)

    def _build_shell(self) -> None:
        """The bars, the overlays, the idle watch and the technician gesture around the screens."""
        cfg, w = self.cfg, self.window
        self.header, self.steps, self.banner, self.bottombar = HeaderBar(), StepBar(), NetworkBanner(), BottomBar()
        self.header.set_hall(cfg.kiosk.hall, cfg.kiosk.hall_en)
        for bar in (self.header, self.steps, self.banner):
            w.add_top(bar)
        w.add_bottom(self.bottombar)
        self.idle_prompt, self.confirm, self.language_offer = IdlePrompt(w), ConfirmPrompt(w), LanguageOffer(w)
        self.idle = IdleWatcher(cfg.kiosk.idle_timeout_s, cfg.kiosk.idle_prompt_s, self)
        self.tools = ResidentTools(cfg, w, self.header, self.runner, lambda: self.nav.current(), self, self.bottombar)
        self.prefs, self.say = self.tools.prefs, self.tools.say
        self.nav = Navigator(w, self.header, self.steps, self.bottombar, self.idle, self.say,
                             self.metrics.screen_shown)
        self.corner = CornerTaps(w)
        self.help = HelpDesk(self)
        self.call_staff, self.fail, self.offer_language = self.help.call_staff, self.help.fail, self.language_offer.offer
        if cfg.kiosk.virtual_keyboard:
            w.follow_input_panel()
        self.attract.start_requested.connect(self.start_session)
        self.attract.item_requested.connect(self.start_session)
        self.attract.language_chosen.connect(self.tools.set_language)
        self.idle.show_on(self.idle_prompt, self.bottombar, self.say)
        self.idle.expired.connect(self.on_idle_expired)
        self.corner.triggered.connect(lambda: self.start_flow("technician"))
        self.bottombar.back.connect(self.on_back)
        self.bottombar.home.connect(self.on_home)
        self.bottombar.call_staff.connect(self.call_staff)
        self.confirm.confirmed.connect(self.end_session)
        self.language_offer.chosen.connect(self.tools.set_language)
        # 中文/EN: static texts follow by themselves; the flows redraw what came from data.
        self.tools.language_changed.connect(lambda lang: [f.relabel(lang) for f in self.flows.values()])
        self.online_changed.connect(self.on_online_changed)
        self.hub.status_changed.connect(self.metrics.device_status)

    # -- life cycle -------------------------------------------------------------
    def start(self, show: bool = True, first_tasks=()) -> None:
        """Bring everything up. With services given (tests, tools) all is built before
        returning; otherwise (`kiosk run`, the FirstScreen already painted) `first_tasks`
        and the services run on a worker lane and the screens are built one per turn."""
        app = QApplication.instance()
        apply_theme(app)
        app.installEventFilter(self.idle)
        app.installEventFilter(self.corner)
        self.crash.install()
        self.show_attract()
        if show and not self.window.isVisible():
            self.window.show_kiosk()
        specs = [(self, *spec) for spec in self.SHARED_SCREENS]
        specs += [(flow, *spec) for flow in self.flows.values() for spec in flow.SCREENS]
        builder = ScreenBuilder(specs, self._screen_built, self._screens_built)
        if self.s is not None:
            builder.build_all()
            return
        self._owns_services = True       # the real kiosk (kiosk run), not a test
        self.gc = UiThreadGc(self)
        self.gc.install()
        for task in first_tasks:
            self.runner.run("misc", task, None, self._startup_failed)
        self.runner.run("misc", lambda: build_services(self.cfg), self._services_built, self._startup_failed)
        builder.build_chunked()

    def _screen_built(self, owner, attr: str, screen) -> None:
        if owner is not self:
            owner.add_screen(attr, screen)
        setattr(self, attr, screen)     # every screen by name, for the dock and the tests
        self.window.stack.addWidget(screen)
        self.screens.append(screen)

    def _screens_built(self) -> None:
        for overlay in (self.idle_prompt, self.confirm, self.language_offer):
            overlay.raise_()
        if self.cfg.uses_emulators:
            from kiosk.demo_dock import attach_dock
            self.dock = attach_dock(self)
        self.error.done.connect(self.help.done)
        self.thanks.done.connect(self.end_session)
        for screen in self.screens:
            screen.back_requested.connect(self.on_back)
            screen.cancel_requested.connect(self.end_session)
        for flow in self.flows.values():
            flow.wire()
        self._screens_ready = True
        if self._startup_error:
            self.fail(self._startup_error)
        self._maybe_ready()

    def _services_built(self, services) -> None:
        self.s = services
        self._maybe_ready()

    def _startup_failed(self, exc: BaseException) -> None:
        log.error("start-up failed: %s: %s", type(exc).__name__, exc)
        self._startup_error = "终端暂时无法提供服务，请联系工作人员。"
        if self._screens_ready:
            self.fail(self._startup_error)

    def _maybe_ready(self) -> None:
        """Devices and services attach once both the screens and the services exist."""
        if self.ready or self.s is None or not self._screens_ready:
            return
        services = self.s
        services.outbox.device_status = self.hub.summary
        self.metrics.attach(self.hub.kinds, services.outbox)
        self.hub.start()
        self.camera.attach(self.hub.worker("camera"))
        for flow in self.flows.values():
            flow.attach()
        self.tools.reset()             # the configured language from the first welcome page on
        services.outbox.add_listener(self.online_changed.emit)
        if getattr(self, "_owns_services", False):
            services.start()
        self.online = services.outbox.online
        self.banner.set_online(self.online)
        self.header.set_online(self.online)
        self.ready = True
        self.catalog_refresh.every(self.cfg.catalog.sync_interval_s)
        log.info("kiosk %s ready", self.cfg.kiosk.id)

    ready = _screens_ready = _shut = False   # ready: services and devices attached, a session may start
    dock = _startup_error = None     # the demo device dock (emulated devices only); why start-up failed

    def shutdown(self) -> None:
        if self._shut:                 # once: systemd's stop and the window's exit may both ask
            return
        self._shut = True              # a timer still due (the thank-you's) finds nothing to do
        for event_filter in (self.idle, self.corner):
            QApplication.instance().removeEventFilter(event_filter)
        self.idle.set_active(False)
        self.crash.uninstall()
        self.hub.stop()
        self.runner.shutdown(wait=True)
        self.tools.shutdown()          # the keypad and touch filters out, every voice silent
        if self.cfg.kiosk.virtual_keyboard:
            QApplication.inputMethod().hide()     # before its QML window is torn down
        if getattr(self, "_owns_services", False):
            self.gc.uninstall()
            if self.s is not None:
                self.s.stop()
        self.camera.shutdown()
        set_language("zh")             # the translator belongs to the process, not to this kiosk
        self.window.close_for_technician()
        self.window.deleteLater()

    # -- sessions and flows -------------------------------------------------------
    def show_attract(self) -> None:
        self.nav.show(self.attract, bar=False, idle=False)

    def start_flow(self, name: str, at: str | None = None) -> None:
        flow = self.flows.get(name)
        if flow is None or not self.ready:   # not built here, or services still coming up
            return
        flow.start(at)

    def start_session(self, at: str | None = None) -> None:
        """A tap on the welcome page (`at`: a frequent item's code, to start at its guide)."""
        if not self.ready:      # the first second after start-up: services still coming up
            return
        self.tools.set_voice(self.cfg.kiosk.voice or self.tools.headset_in)   # a headset in: voice on
        self.metrics.session_started()
        self.start_flow(self.ENTRY, at or None)

    def end_session(self, farewell: str | None = None) -> None:
        """Completion, cancel, idle: wipe everything; a `farewell` (after 好差评) thanks first."""
        if self._shut:
            return
        self.hub.watch_cards(False)
        self.camera.stop(release=True)
        self.runner.forget_callbacks()
        if self.s is not None and (self.help.before_staff_call is not None or self.s.outbox.attention):
            self.runner.run("outbox", self.s.outbox.clear_staff_call)   # the resident's visit is over
        self.help.before_staff_call = None
        entry = self.flows.get(self.ENTRY)
        self.metrics.session_ended(entry.where() if entry is not None else "attract")
        for flow in self.flows.values():
            flow.wipe()
        for screen in self.screens:
            screen.wipe()
        self.idle_prompt.hide_prompt()
        self.confirm.hide()
        self.language_offer.hide()
        lang, elder, low = self.prefs.lang, self.prefs.elder, self.prefs.low
        self.tools.reset()             # 中文/EN, 长辈模式, 轮椅模式 and 语音播报 reset with the session
        if farewell:                   # the thank-you still in the visit's language and size
            self.tools.set_language(lang)
            self.tools.set_elder(elder)
            self.tools.set_wheelchair(low)
            self.thanks.show_thanks(farewell == "bad")
            self.nav.show(self.thanks, "感谢", home=False, idle=False)
        else:
            self.show_attract()
        if getattr(self, "gc", None) is not None:
            QTimer.singleShot(0, self.gc.collect)   # the wiped session's objects, on this thread

    def on_idle_expired(self) -> None:
        log.info("idle timeout: session wiped")
        self.metrics.idle_wipe(self.where())
        self.end_session()

    def _owner(self, screen):
        return next((f for f in self.flows.values() if f.owns(screen)), None)

    def where(self) -> str:
        """The step the resident is at (for staff calls): nothing personal."""
        flow = self._owner(self.nav.current()) or self.flows.get(self.ENTRY)
        return flow.where() if flow is not None else "attract"

    def on_home(self) -> None:
        """首页: asks first when it would abandon an application the resident has started."""
        before = self.help.before_staff_call          # on the staff-call page: what it came from
        flow = self._owner(before.screen if before else self.nav.current())
        if flow is not None and flow.started():
            self.confirm.ask()
            self.say(self.confirm.spoken_hint())
        else:
            self.end_session()

    def on_back(self) -> None:
        current = self.nav.current()
        if current is self.error and self.help.before_staff_call:
            self.help.done()
            return
        flow = self._owner(current)
        if flow is None or not flow.back():
            self.end_session()

    # -- online / offline ------------------------------------------------------------------
    def on_online_changed(self, online: bool) -> None:
        self.online = online
        self.banner.set_online(online)
        self.header.set_online(online)
        self.online_now.emit(online)
