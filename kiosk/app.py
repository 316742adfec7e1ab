"""The application shell: what every use case shares.

The locked window and the navigator, start-up and shutdown, the idle watch,
the crash screen, the top bar's tools (长辈模式, 语音播报, 呼叫工作人员), the
online state and the services. The use cases are flows (kiosk/flows/), known
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
from kiosk.idle import IdleWatcher
from kiosk.main_window import CornerTaps, KioskWindow
from kiosk.metrics import KioskMetrics
from kiosk.navigator import Navigator
from kiosk.resident_tools import ResidentTools
from kiosk.startup import ScreenBuilder, build_services
from kiosk.voice import Speaker
from screens.attract import AttractScreen
from screens.idle_prompt import IdlePrompt
from screens.theme import apply_theme
from screens.widgets import NetworkBanner, TopBar

log = logging.getLogger(__name__)


class KioskApp(QObject):
    online_changed = Signal(bool)   # from the outbox thread, queued to the UI
    online_now = Signal(bool)       # the same, re-emitted on the UI thread for the flows

    ENTRY = "resident"              # the flow a tap on the attract screen starts
    SHARED_SCREENS = [("error", "screens.error", "ErrorScreen")]   # staff call, failures, crashes

    def __init__(self, cfg, services=None, first=None, flows=flow_registry.ALL):
        """`first`: the FirstScreen `kiosk run` showed before importing this module;
        `flows`: the names of the flows to run (a test may build one alone)."""
        super().__init__()
        self.cfg = cfg
        self.s = services            # kiosk.services.Services: catalog, gateway, outbox
        self.online = True
        self.runner = TaskRunner(self)
        self.hub = DeviceHub(cfg, parent=self)
        self.metrics = KioskMetrics(cfg.kiosk.id, cfg.kiosk.region)   # the fleet's view (Prometheus)
        self.camera = CameraRouter(self)
        self.speaker = Speaker(cfg.voice.command)
        self.catalog_refresh = CatalogRefresher(self.runner, lambda: self.s, self)
        self._startup_error: str | None = None
        if first is None:
            self.window = KioskWindow(fullscreen=cfg.kiosk.fullscreen)
            self.attract = AttractScreen()
            self.attract.set_hall(cfg.kiosk.hall)
            self.window.stack.addWidget(self.attract)
        else:
            self.window, self.attract = first.window, first.attract
        self.screens: list = [self.attract]
        self._build_shell()
        self.flows = {name: flow_registry.load(name)(flow_registry.FlowContext(self)) for name in flows}
        self.crash = CrashGuard(self._on_crash)

    def _build_shell(self) -> None:
        """The bars, the idle watch and the technician gesture around the screens."""
        cfg = self.cfg
        self.topbar = TopBar()
        self.topbar.hide()           # the attract screen has no bar
        self.banner = NetworkBanner()
        self.window.add_top(self.topbar)
        self.window.add_top(self.banner)
        self.idle_prompt = IdlePrompt(self.window)
        self.idle = IdleWatcher(cfg.kiosk.idle_timeout_s, cfg.kiosk.idle_prompt_s, self)
        self.tools = ResidentTools(self.window, self.topbar, self.speaker, self.runner,
                                   lambda: self.nav.current(), self)
        self.prefs, self.say = self.tools.prefs, self.tools.say
        self.nav = Navigator(self.window, self.topbar, self.idle, self.say, self.metrics.screen_shown)
        self.corner = CornerTaps(self.window)
        if cfg.kiosk.virtual_keyboard:
            self.window.follow_input_panel()
        self.dock = None
        self.attract.start_requested.connect(self.start_session)
        self.idle.prompt.connect(self.idle_prompt.show_countdown)
        self.idle.tick.connect(self.idle_prompt.set_remaining)
        self.idle.resumed.connect(self.idle_prompt.hide_prompt)
        self.idle.expired.connect(self.on_idle_expired)
        self.idle_prompt.still_here.connect(self.idle.reset)
        self.idle.prompt.connect(lambda _s: self.say(self.idle_prompt.spoken_hint()))
        self.corner.triggered.connect(lambda: self.start_flow("technician"))
        self.topbar.back.connect(self.on_back)
        self.topbar.home.connect(self.end_session)
        self.topbar.call_staff.connect(self.call_staff)
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
        self.idle_prompt.raise_()
        if self.cfg.uses_emulators:
            from kiosk.demo_dock import attach_dock
            self.dock = attach_dock(self)
        self.error.done.connect(self.on_error_done)
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
        services.outbox.add_listener(self.online_changed.emit)
        if getattr(self, "_owns_services", False):
            services.start()
        self.online = services.outbox.online
        self.banner.set_online(self.online)
        self.ready = True
        self.catalog_refresh.every(self.cfg.catalog.sync_interval_s)
        log.info("kiosk %s ready", self.cfg.kiosk.id)

    ready = False             # services and devices attached: a session may start
    _screens_ready = False

    def shutdown(self) -> None:
        app = QApplication.instance()
        app.removeEventFilter(self.idle)
        app.removeEventFilter(self.corner)
        self.idle.set_active(False)
        self.crash.uninstall()
        self.hub.stop()
        self.runner.shutdown(wait=True)
        self.speaker.stop()
        if self.cfg.kiosk.virtual_keyboard:
            from PySide6.QtGui import QGuiApplication
            QGuiApplication.inputMethod().hide()     # before its QML window is torn down
        if getattr(self, "_owns_services", False):
            self.gc.uninstall()
            if self.s is not None:
                self.s.stop()
        self.camera.shutdown()
        self.window.close_for_technician()
        self.window.deleteLater()

    # -- sessions and flows -------------------------------------------------------
    def show_attract(self) -> None:
        self.nav.show(self.attract, bar=False, idle=False)

    def start_flow(self, name: str) -> None:
        flow = self.flows.get(name)
        if flow is None or not self.ready:   # not built here, or services still coming up
            return
        flow.start()

    def start_session(self) -> None:
        if not self.ready:      # the first second after start-up: services still coming up
            return
        self.tools.set_voice(self.cfg.kiosk.voice)
        self.metrics.session_started()
        self.start_flow(self.ENTRY)

    def end_session(self) -> None:
        """Completion, cancel, idle timeout: wipe everything, back to attract."""
        self.hub.watch_cards(False)
        self.camera.stop()
        self.runner.forget_callbacks()
        if self.s is not None and (self._before_staff_call is not None or self.s.outbox.attention):
            self.runner.run("outbox", self.s.outbox.clear_staff_call)   # the resident's visit is over
        self._before_staff_call = None
        self.metrics.session_ended(self._step())
        for flow in self.flows.values():
            flow.wipe()
        for screen in self.screens:
            screen.wipe()
        self.idle_prompt.hide_prompt()
        self.tools.reset()             # 长辈模式 and 语音播报 reset with the session
        self.show_attract()
        if getattr(self, "gc", None) is not None:
            QTimer.singleShot(0, self.gc.collect)   # the wiped session's objects, on this thread

    def on_idle_expired(self) -> None:
        log.info("idle timeout: session wiped")
        self.metrics.idle_wipe(self._step())
        self.end_session()

    def _step(self) -> str:
        """The resident's step (metrics: where a transaction stopped)."""
        entry = self.flows.get(self.ENTRY)
        return entry.where() if entry is not None else "attract"

    def _owner(self, screen):
        return next((f for f in self.flows.values() if f.owns(screen)), None)

    def on_back(self) -> None:
        current = self.nav.current()
        if current is self.error and self._before_staff_call:
            self.on_error_done()
            return
        flow = self._owner(current)
        if flow is None or not flow.back():
            self.end_session()

    # -- help: staff calls, failures, crashes -------------------------------------------
    def call_staff(self) -> None:
        """呼叫工作人员: the hall's platform hears it through the heartbeat; the resident
        waits on a calm screen and can go back to exactly where they were."""
        current = self.nav.current()
        if current is not self.error:
            self._before_staff_call = self.nav.shown
        flow = self._owner(current) or self.flows.get(self.ENTRY)
        step = flow.where() if flow is not None else "attract"
        log.info("resident asked for staff help at step %s", step)
        self.metrics.staff_called(step)
        if self.s is not None:
            outbox = self.s.outbox
            self.runner.run("outbox", lambda: outbox.call_staff(step),
                            None, lambda exc: log.warning("staff call not queued: %s", type(exc).__name__))
        self.error.show_staff_called()
        self.nav.show(self.error, "呼叫工作人员")

    _before_staff_call = None     # navigator.Shown while the staff-call screen is up

    def on_error_done(self) -> None:
        """The error screen's button: after a staff call, back to the same screen; otherwise home."""
        before, self._before_staff_call = self._before_staff_call, None
        if before is None:
            self.end_session()
        else:
            self.nav.show_again(before)

    def fail(self, zh: str) -> None:
        self._before_staff_call = None       # its button goes home, not back
        self.error.show_error(zh)
        self.nav.show(self.error, "暂时无法办理")

    def _on_crash(self, exc: BaseException) -> None:
        # Deferred: never re-enter the code that just failed.
        QTimer.singleShot(0, self._recover_from_crash)

    def _recover_from_crash(self) -> None:
        try:
            self.end_session()
        finally:
            self.error.show_error("暂时无法办理，请联系工作人员。")
            self.nav.show(self.error, "暂时无法办理")

    # -- online / offline ------------------------------------------------------------------
    def on_online_changed(self, online: bool) -> None:
        self.online = online
        self.banner.set_online(online)
        self.online_now.emit(online)
