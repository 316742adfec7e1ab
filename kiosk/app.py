"""The application: builds the window and the services, and runs the resident's flow.

Screens show and emit; the Transaction (kiosk/session.py) decides; devices run
on the DeviceHub's threads; the outbox and the network run on TaskRunner lanes.
Nothing here blocks the UI thread for I/O.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk import viewmodels as vm
from kiosk.background import TaskRunner
from kiosk.crash_guard import CrashGuard
from kiosk.devices.hub import DeviceHub
from kiosk.gc_policy import UiThreadGc
from kiosk.idle import IdleWatcher
from kiosk.main_window import CornerTaps, KioskWindow
from kiosk.metrics import KioskMetrics
from kiosk.session import Refused, Step, Transaction
from kiosk.technician import TechnicianGate
from kiosk.voice import TEST_SENTENCE, Coach, Speaker
from screens.attract import AttractScreen
from screens.idle_prompt import IdlePrompt
from screens.theme import apply_theme, set_elder_mode
from screens.widgets import NetworkBanner, TopBar

log = logging.getLogger(__name__)

TITLES = {Step.HOME: "请选择办理事项", Step.ITEM: "办事指南", Step.IDENTITY: "验证身份",
          Step.FACE: "人脸核验", Step.FORM: "填写信息", Step.MATERIALS: "拍摄材料",
          Step.REVIEW: "核对并提交", Step.COMMIT: "正在提交", Step.RESULT: "已受理",
          Step.RATING: "服务评价"}


# Which identity method on the identity screen each card device serves.
METHOD_OF_DEVICE = {"id_reader": "id_card", "smartcard": "social_card"}

SCREEN_OF_STEP = {Step.ATTRACT: "attract", Step.HOME: "home", Step.ITEM: "guide",
                  Step.IDENTITY: "identity", Step.FACE: "face", Step.FORM: "form",
                  Step.MATERIALS: "materials", Step.REVIEW: "review", Step.COMMIT: "submitting",
                  Step.RESULT: "result", Step.RATING: "rating"}


class KioskApp(QObject):
    online_changed = Signal(bool)   # from the outbox thread, queued to the UI
    # Intents to device workers; queued into their threads by Qt.
    _print_request = Signal(object)
    _print_test = Signal()
    _reprint = Signal(str)
    _camera_start = Signal(str)
    _camera_stop = Signal()
    _camera_capture = Signal()

    def __init__(self, cfg, services=None, first=None):
        """`first`: the FirstScreen `kiosk run` showed before importing this module."""
        super().__init__()
        self.cfg = cfg
        self.s = services            # kiosk.services.Services: catalog, gateway, outbox
        self.online = True
        self.runner = TaskRunner(self)
        self.tx = Transaction()
        self.hub = DeviceHub(cfg, parent=self)
        self.metrics = KioskMetrics(cfg.kiosk.id, cfg.kiosk.region)   # the fleet's view (issue 15)
        self.gate = TechnicianGate(cfg.kiosk.technician_pin_hash, Path(cfg.kiosk.data_dir) / "audit.log")
        self.speaker = Speaker(cfg.voice.command)
        self.face_coach = Coach()            # which face-check prompts are said aloud
        self._last_printed: dict | None = None
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
        self.crash = CrashGuard(self._on_crash)

    # -- construction ---------------------------------------------------------
    def _build_shell(self) -> None:
        """The bars, the idle watch and the technician gesture around the screens."""
        cfg = self.cfg
        self.topbar = TopBar()
        self.topbar.hide()           # the attract screen has no bar; shown by show_screen
        self.banner = NetworkBanner()
        self.window.add_top(self.topbar)
        self.window.add_top(self.banner)
        self.idle_prompt = IdlePrompt(self.window)
        self.idle = IdleWatcher(cfg.kiosk.idle_timeout_s, cfg.kiosk.idle_prompt_s, self)
        self.corner = CornerTaps(self.window)
        if cfg.kiosk.virtual_keyboard:
            self.window.follow_input_panel()
        self.dock = None
        self.camera_view = None
        self.attract.start_requested.connect(self.start_session)
        self.idle.prompt.connect(self.idle_prompt.show_countdown)
        self.idle.tick.connect(self.idle_prompt.set_remaining)
        self.idle.resumed.connect(self.idle_prompt.hide_prompt)
        self.idle.expired.connect(self.on_idle_expired)
        self.idle_prompt.still_here.connect(self.idle.reset)
        self.corner.triggered.connect(self.open_technician)
        self.topbar.back.connect(self.on_back)
        self.topbar.home.connect(self.end_session)
        self.topbar.call_staff.connect(self.call_staff)
        self.topbar.elder_toggled.connect(self.set_elder)
        self.topbar.voice_toggled.connect(self.set_voice)
        self.topbar.set_voice(False, self.speaker.enabled)
        self.idle.prompt.connect(lambda _s: self.say(self.idle_prompt.spoken_hint()))
        self.hub.card_read.connect(self.on_card_read)
        self.hub.card_error.connect(self.on_card_error)
        self.hub.status_changed.connect(self.on_device_status)
        self.hub.status_changed.connect(self.metrics.device_status)
        self.online_changed.connect(self.on_online_changed)

    # attribute, module, class: every screen but attract, in stack order.
    SCREENS = [("home", "screens.home", "HomeScreen"), ("guide", "screens.item_guide", "ItemGuideScreen"),
               ("identity", "screens.identity", "IdentityScreen"),
               ("face", "screens.face_check", "FaceCheckScreen"), ("form", "screens.form", "FormScreen"),
               ("materials", "screens.materials", "MaterialsScreen"),
               ("review", "screens.review", "ReviewScreen"),
               ("submitting", "screens.submitting", "SubmittingScreen"),
               ("result", "screens.result", "ResultScreen"), ("rating", "screens.rating", "RatingScreen"),
               ("progress", "screens.progress", "ProgressScreen"), ("error", "screens.error", "ErrorScreen"),
               ("pin", "screens.technician", "PinDialogScreen"),
               ("maintenance", "screens.technician", "MaintenanceScreen")]

    def _build_screens(self, chunked: bool) -> None:
        """Every other screen. Chunked: one per event-loop turn, so the attract
        screen stays responsive (each costs 5–40 ms with the theme applied)."""
        import importlib
        pending = list(self.SCREENS)

        def build_next() -> None:
            attr, module, cls = pending.pop(0)
            screen = getattr(importlib.import_module(module), cls)()
            setattr(self, attr, screen)
            self.window.stack.addWidget(screen)
            self.screens.append(screen)
            if pending and chunked:
                QTimer.singleShot(0, build_next)
            elif pending:
                build_next()
            else:
                self._screens_built()
        build_next()

    def _screens_built(self) -> None:
        self.idle_prompt.raise_()
        if self.cfg.uses_emulators:
            from kiosk.demo_dock import attach_dock
            self.dock = attach_dock(self)
        self._wire_screens()
        self._screens_ready = True
        if self._startup_error:
            self.fail(self._startup_error)
        self._maybe_ready()

    def _wire_screens(self) -> None:
        a = self
        a.home.search_changed.connect(a.on_search)
        a.home.category_chosen.connect(a.on_category)
        a.home.item_chosen.connect(a.on_item_chosen)
        a.home.progress_requested.connect(a.open_progress)
        a.guide.proceed.connect(a.on_proceed)
        a.identity.method_chosen.connect(a.on_identity_method)
        a.face.retry_requested.connect(a.start_face_check)
        a.face.staff_help_requested.connect(a.call_staff)
        a.face.continue_requested.connect(a.after_face)
        a.form.submitted.connect(a.on_form_submitted)
        a.materials.capture_requested.connect(a.on_capture)
        a.materials.retake_requested.connect(a.on_retake)
        a.materials.done.connect(a.on_materials_done)
        a.review.confirmed.connect(a.on_confirmed)
        a.result.done.connect(a.on_result_done)
        a.rating.rated.connect(a.on_rated)
        a.rating.skipped.connect(a.end_session)
        a.progress.query.connect(a.on_progress_query)
        a.progress.read_card_requested.connect(a.on_progress_card)
        a.progress.scan_qr_requested.connect(a.on_progress_scan)
        a.error.done.connect(a.on_error_done)
        for screen in a.screens:
            screen.back_requested.connect(a.on_back)
            screen.cancel_requested.connect(a.end_session)
        a.pin.pin_entered.connect(a.on_pin)
        a.pin.cancelled.connect(a.end_session)
        a.maintenance.action.connect(a.on_maintenance_action)

    # -- life cycle -------------------------------------------------------------
    def start(self, show: bool = True, first_tasks=()) -> None:
        """Attach to the application and bring everything up.

        With services given (tests, tools), everything is built before returning.
        Otherwise (`kiosk run`, where the FirstScreen is already painted)
        `first_tasks` (opening the log file) and the slow part — catalog and
        pinyin index, gateway, outbox, device libraries (OpenCV, escpos) — run
        on a worker lane, and the other screens are built one per event-loop
        turn, so the attract screen stays responsive.
        """
        app = QApplication.instance()
        apply_theme(app)
        app.installEventFilter(self.idle)
        app.installEventFilter(self.corner)
        self.crash.install()
        self.show_step(Step.ATTRACT)
        if show and not self.window.isVisible():
            self.window.show_kiosk()
        if self.s is not None:
            self._build_screens(chunked=False)
            return
        self._owns_services = True       # the real kiosk (kiosk run), not a test
        self.gc = UiThreadGc(self)
        self.gc.install()
        for task in first_tasks:
            self.runner.run("misc", task, None, self._startup_failed)
        self.runner.run("misc", self._build_services, self._services_built, self._startup_failed)
        self._build_screens(chunked=True)

    def _services_built(self, services) -> None:
        self.s = services
        self._maybe_ready()

    def _build_services(self):
        """Worker lane: everything slow that the first screen does not need."""
        import importlib

        from kiosk.devices.hub import FACTORIES, configured_kinds
        from kiosk.services import Services
        for kind in configured_kinds(self.cfg):      # import device libraries off the UI thread
            importlib.import_module(FACTORIES[kind][0])
        return Services(self.cfg)

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
        self._connect_camera()
        services.outbox.add_listener(self.online_changed.emit)
        if getattr(self, "_owns_services", False):
            services.start()
        self.online = services.outbox.online
        self.banner.set_online(self.online)
        self.ready = True
        if self.cfg.catalog.sync_interval_s > 0:
            self._catalog_timer = QTimer(self)
            self._catalog_timer.timeout.connect(self.sync_catalog)
            self._catalog_timer.start(self.cfg.catalog.sync_interval_s * 1000)
            QTimer.singleShot(0, self.sync_catalog)
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
        if self.camera_view is not None:
            self.camera_view.setParent(None)
            self.camera_view.deleteLater()
        self.window.close_for_technician()
        self.window.deleteLater()

    # -- navigation -------------------------------------------------------------
    def _screen_for(self, step: Step):
        return getattr(self, SCREEN_OF_STEP[step])

    def show_screen(self, screen, title: str = "") -> None:
        current = self.window.stack.currentWidget()
        if current is not screen and current is not None:
            current.left()
        self.window.stack.setCurrentWidget(screen)
        on_attract = screen is self.attract
        self.topbar.setVisible(not on_attract)
        self.topbar.set_title(title)
        self.topbar.set_back_visible(self.tx.step in (Step.ITEM, Step.IDENTITY, Step.FACE, Step.FORM,
                                                      Step.MATERIALS, Step.REVIEW)
                                     and screen is not self.error)
        technician = screen is getattr(self, "pin", None) or screen is getattr(self, "maintenance", None)
        self.topbar.set_resident_tools(not technician)
        self.idle.set_active(not on_attract and screen is not self.maintenance)
        screen.entered()
        self.metrics.screen_shown(self.tx.step.value, screen)
        if not on_attract and hasattr(screen, "spoken_hint"):   # technician screens have none
            self.say(screen.spoken_hint())

    def show_step(self, step: Step) -> None:
        self.show_screen(self._screen_for(step), TITLES.get(step, ""))

    def start_session(self) -> None:
        if not self.ready:      # the first second after start-up: services still coming up
            return
        self.tx.start()
        self.metrics.session_started()
        self.set_voice(self.cfg.kiosk.voice)
        self.on_search("")
        self.home.set_categories(self.s.catalog.categories())
        self.show_step(Step.HOME)

    def end_session(self) -> None:
        """Completion, cancel, idle timeout: wipe everything, back to attract."""
        self.hub.watch_cards(False)
        self._camera("stop_preview")
        self.runner.forget_callbacks()
        self.metrics.session_ended(self.tx.step.value)
        if self.s is not None and (self._before_staff_call is not None or self.s.outbox.attention):
            outbox = self.s.outbox
            self.runner.run("outbox", outbox.clear_staff_call)   # the resident's visit is over
        self._before_staff_call = None
        self.tx.wipe()
        for screen in self.screens:
            screen.wipe()
        self.idle_prompt.hide_prompt()
        self.set_elder(False)          # accessibility settings reset with the session
        self.topbar.set_elder(False)
        self.set_voice(False)          # silence on the attract screen; the default returns at start
        self.show_step(Step.ATTRACT)
        if getattr(self, "gc", None) is not None:
            QTimer.singleShot(0, self.gc.collect)   # the wiped session's objects, on this thread

    def on_idle_expired(self) -> None:
        log.info("idle timeout: session wiped")
        self.metrics.idle_wipe(self.tx.step.value)
        self.end_session()

    def on_back(self) -> None:
        if self.window.stack.currentWidget() is self.error and self._before_staff_call:
            self.on_error_done()
            return
        if self.window.stack.currentWidget() in (self.progress, self.error):
            self.end_session()
            return
        before = self.tx.step
        step = self.tx.back()
        if step == before:
            return
        if before == Step.IDENTITY or before == Step.FACE:
            self.hub.watch_cards(False)
            self._camera("stop_preview")
        if step == Step.IDENTITY:
            self.enter_identity()
        else:
            self.show_step(step)

    def set_elder(self, on: bool) -> None:
        self.tx.session.elder_mode = on
        set_elder_mode(self.window, on)

    # -- spoken guidance ------------------------------------------------------------
    def set_voice(self, on: bool) -> None:
        """The resident's 语音播报 switch (and the session default from kiosk.toml)."""
        on = on and self.speaker.enabled
        self.tx.session.voice = on
        self.topbar.set_voice(on, self.speaker.enabled)
        if on:
            current = self.window.stack.currentWidget()
            if current is not self.attract and hasattr(current, "spoken_hint"):
                self.say(current.spoken_hint())
        else:
            self.runner.run("voice", self.speaker.stop)

    def say(self, text: str) -> None:
        """Speak `text` if this session wants spoken guidance (the engine starts off the UI thread)."""
        if self.tx.session.voice and text:
            speaker = self.speaker
            self.runner.run("voice", lambda: speaker.say(text))

    def call_staff(self) -> None:
        """呼叫工作人员: the hall's platform hears it through the heartbeat; the resident
        waits on a calm screen and can go back to exactly where they were."""
        current = self.window.stack.currentWidget()
        if current is not self.error:
            self._before_staff_call = (current, self.topbar.title_label.text())
        step = self.tx.step.value
        log.info("resident asked for staff help at step %s", step)
        self.metrics.staff_called(step)
        if self.s is not None:
            outbox = self.s.outbox
            self.runner.run("outbox", lambda: outbox.call_staff(step),
                            None, lambda exc: log.warning("staff call not queued: %s", type(exc).__name__))
        self.error.show_staff_called()
        self.show_screen(self.error, "呼叫工作人员")

    _before_staff_call = None     # (screen, title) while the staff-call screen is up

    def on_error_done(self) -> None:
        """The error screen's button: after a staff call, back to the same screen; otherwise home."""
        before, self._before_staff_call = self._before_staff_call, None
        if before is None:
            self.end_session()
            return
        screen, title = before
        self.show_screen(screen, title)

    def fail(self, zh: str) -> None:
        self._before_staff_call = None       # its button goes home, not back
        self.error.show_error(zh)
        self.show_screen(self.error, "暂时无法办理")

    def _on_crash(self, exc: BaseException) -> None:
        # Deferred: never re-enter the code that just failed.
        QTimer.singleShot(0, self._recover_from_crash)

    def _recover_from_crash(self) -> None:
        try:
            self.end_session()
        finally:
            self.error.show_error("暂时无法办理，请联系工作人员。")
            self.show_screen(self.error, "暂时无法办理")

    # -- home and guide ---------------------------------------------------------
    def on_search(self, query: str) -> None:
        items = self.s.catalog.search(query) if query.strip() else self.s.catalog.items()
        self.home.set_items([vm.item_row(i, self.online) for i in items])

    def on_category(self, category: str) -> None:
        items = [i for i in self.s.catalog.items() if i.category == category]
        self.home.set_items([vm.item_row(i, self.online) for i in items])

    def on_item_chosen(self, code: str) -> None:
        item = self.s.catalog.get(code)
        if item is None:
            return
        self.tx.choose_item(item, self.online)
        self.metrics.item_chosen(code)
        self.guide.show_item(vm.item_guide(item))
        refused = self.tx.refusal(self.online)
        self.guide.set_refused(refused.zh if refused else None)
        self.show_step(Step.ITEM)

    def on_proceed(self) -> None:
        try:
            self.tx.proceed(self.online)
        except Refused as r:
            self.guide.set_refused(r.zh)
            return
        self.enter_identity()

    # -- identity ---------------------------------------------------------------
    def enter_identity(self) -> None:
        methods = self.tx.identity_methods()
        self.identity.set_methods(methods)
        self.identity.show_waiting("id_card" if "id_card" in methods else methods[0])
        for kind, st in self.hub.statuses.items():
            method = METHOD_OF_DEVICE.get(kind)
            if method:
                self.identity.set_device_state(method, st.ok, st.message_zh)
        self.show_step(Step.IDENTITY)
        self.hub.watch_cards(True)

    def on_identity_method(self, method: str) -> None:
        self.identity.show_waiting(method)
        if method == "app_qr":
            self._put_camera(self.identity.preview_widget())
            self._camera("start_preview", "qr")
        else:
            self._camera("stop_preview")

    def on_card_read(self, kind: str, record) -> None:
        if self.window.stack.currentWidget() is self.progress:
            self.hub.watch_cards(False)
            self._query_progress_by_identity(record)
            return
        if self.tx.step != Step.IDENTITY:
            return
        self._accept_identity(record)

    def _accept_identity(self, record) -> None:
        try:
            step = self.tx.identity_presented(record)
        except Refused as r:
            self._tell_identity(r.zh)
            return
        self.hub.watch_cards(False)
        self._camera("stop_preview")
        if step == Step.FACE:
            self.start_face_check()
        else:
            self.enter_form()

    def _tell_identity(self, zh: str) -> None:
        """A refusal or read error on the identity screen: shown, and spoken if wanted."""
        self.identity.show_message(zh)
        self.say(zh)

    def on_card_error(self, kind: str, error) -> None:
        if self.tx.step == Step.IDENTITY:
            self._tell_identity(getattr(error, "zh", "") or "读卡失败，请重新放置证件。")

    def on_device_status(self, kind: str, status) -> None:
        method = METHOD_OF_DEVICE.get(kind)
        if method:
            self.identity.set_device_state(method, status.ok, status.message_zh)
        if self.window.stack.currentWidget() is self.maintenance:
            self.maintenance.set_devices(self.hub.summary())

    # -- face check ---------------------------------------------------------------
    def start_face_check(self) -> None:
        self.face.reset()
        self.face_coach.reset()
        self._put_camera(self.face.preview_area())
        self.show_step(Step.FACE)
        self._camera("start_preview", "face")

    def on_face_captured(self, jpeg: bytes, quality: dict) -> None:
        if self.tx.step != Step.FACE:
            return
        self._camera("stop_preview")
        self.face.set_prompt("正在核验，请稍候…")
        ident = self.tx.session.identity
        id_number, name = ident.id_number, ident.name
        gateway = self.s.gateway

        holder = [jpeg]   # the only reference, dropped as soon as the call returns

        def verify():
            try:
                return gateway.verify_identity(id_number, name, holder[0])
            finally:
                holder.clear()
        self.runner.run("network", verify, self._on_face_verified, self._on_face_verify_failed)

    def _on_face_verified(self, answer: dict) -> None:
        self.metrics.face_checked("match" if answer.get("match") else "mismatch")
        try:
            self.tx.face_result(bool(answer.get("match")))
        except Refused as r:
            self.face.show_result(False, r.zh)
            return
        self.face.show_result(True, "核验通过")
        QTimer.singleShot(800, self.after_face)

    def _on_face_verify_failed(self, exc: BaseException) -> None:
        log.warning("face verification call failed: %s", type(exc).__name__)
        self.metrics.face_checked("error")
        self.face.show_result(False, "暂时无法核验人脸，您可以重试，或请工作人员协助办理。")

    def after_face(self) -> None:
        if self.tx.step == Step.FORM:
            self.enter_form()

    # -- form and materials ----------------------------------------------------------
    def enter_form(self) -> None:
        from kiosk.catalog.forms import prefill
        item = self.tx.session.item
        values = prefill(item, self.tx.session.identity)
        values.update(self.tx.session.form)
        self.form.set_fields(vm.form_fields(item), values)
        self.show_step(Step.FORM)

    def on_form_submitted(self, values: dict) -> None:
        from kiosk.catalog.forms import validate_form
        errors = validate_form(self.tx.session.item, values)
        step = self.tx.form_done(values, errors)
        if errors:
            self.form.show_errors({e.key: e.message_zh for e in errors})
            return
        if step == Step.MATERIALS:
            self.materials.set_materials(vm.materials(self.tx.session.item))
            self._put_camera(self.materials.preview_area())
            self.show_step(Step.MATERIALS)
            self._camera("start_preview", "document")
        else:
            self.enter_review()

    def on_capture(self, key: str) -> None:
        self._pending_material = key
        self._camera("capture_document")

    def on_document_captured(self, jpeg: bytes, thumbnail) -> None:
        key = getattr(self, "_pending_material", None)
        if self.tx.step != Step.MATERIALS or key is None:
            return
        self.tx.add_page(key, jpeg)
        self.materials.add_page(key, thumbnail)

    def on_retake(self, key: str, index: int) -> None:
        self.tx.remove_page(key, index)
        self.materials.remove_page(key, index)

    def on_materials_done(self) -> None:
        try:
            self.tx.materials_done()
        except Refused as r:
            self.fail(r.zh)
            return
        self._camera("stop_preview")
        self.enter_review()

    def enter_review(self) -> None:
        s = self.tx.session
        self.review.show_summary(vm.review_summary(s.item, s.identity, s.form, s.materials, self.online))
        self.show_step(Step.REVIEW)

    # -- commit, delivery, receipt ----------------------------------------------------
    def on_confirmed(self) -> None:
        from kiosk.submission import applicant_group, build_submission
        self.tx.confirm()
        self.submitting.show_progress("正在保存您的申请，请稍候…")
        self.show_step(Step.COMMIT)
        s = self.tx.session
        cfg, outbox = self.cfg, self.s.outbox
        item, identity, form = s.item, s.identity, dict(s.form)
        pages = [{"key": key, "content_type": "image/jpeg", "data": p.jpeg}
                 for key, ps in s.materials.items() for p in ps]

        def commit():
            body = build_submission(cfg, item, identity, form, pages)
            return outbox.submit(body, applicant_group(identity, cfg))
        self.runner.run("outbox", commit, self._on_committed, self._on_commit_failed)

    def _on_commit_failed(self, exc: BaseException) -> None:
        log.error("commit failed: %s", type(exc).__name__)
        self.fail("暂时无法保存您的申请，请联系工作人员。您的信息未提交。")

    def _on_committed(self, local_id: str) -> None:
        outbox = self.s.outbox
        # The QR on the receipt carries the idempotency key: opaque, and the
        # gateway answers progress queries by it even before a tracking number exists.
        receipt_key = outbox.outbox.idempotency_key(local_id)
        self.tx.committed(local_id, receipt_key)      # durable: now we may say 已受理
        self.metrics.committed()
        self.submitting.show_progress("申请已保存，正在提交…")
        wait_s = self.cfg.gateway.wait_tracking_s
        self.runner.run("network", lambda: outbox.wait_delivered(local_id, wait_s),
                        self._on_delivery_wait_over, lambda exc: self._on_delivery_wait_over(None))

    def _on_delivery_wait_over(self, tracking_no: str | None) -> None:
        if self.tx.step != Step.RESULT:
            return
        self.tx.delivered(tracking_no)
        self.submitting.show_progress("正在打印回执…")
        if self.hub.worker("printer") is None:
            self._show_result(None)
            return
        self._print_request.emit(self._receipt_data())

    def _receipt_data(self):
        from kiosk.receipt_session import receipt_data_for
        s = self.tx.session
        return receipt_data_for(self.cfg, s.item, s.identity, s.local_id, s.tracking_no, s.receipt_key,
                                sum(len(p) for p in s.materials.values()))

    def _on_printed(self, outcome: dict) -> None:
        self._last_printed = outcome
        if self.tx.step == Step.RESULT and self.window.stack.currentWidget() is self.submitting:
            self._show_result(outcome)

    def _show_result(self, printed: dict | None) -> None:
        s = self.tx.session
        self.result.show_result(vm.result(s.item, s.identity, s.local_id, s.tracking_no,
                                          s.receipt_key, printed))
        self.show_step(Step.RESULT)

    def on_result_done(self) -> None:
        self.tx.result_seen()
        self.show_step(Step.RATING)

    def on_rated(self, rating: dict) -> None:
        from kiosk.evaluation import build_evaluation
        from kiosk.submission import applicant_group
        s = self.tx.session
        body = build_evaluation(self.cfg, s.item, s.tracking_no or s.receipt_key, rating)
        identity, cfg, outbox = s.identity, self.cfg, self.s.outbox
        # The group key comes from the key file: read it on the outbox lane, not here.
        self.runner.run("outbox", lambda: outbox.rate(body, applicant_group(identity, cfg)), None,
                        lambda exc: log.error("rating not queued: %s", type(exc).__name__))
        self.end_session()

    # -- progress query ------------------------------------------------------------------
    def open_progress(self) -> None:
        self.show_screen(self.progress, "进度查询")

    def on_progress_card(self) -> None:
        self._camera("stop_preview")
        self.progress.show_message("请将身份证放在读卡区")
        self.hub.watch_cards(True)

    def on_progress_scan(self) -> None:
        self.hub.watch_cards(False)
        self._put_camera(self.progress.preview_area())
        self.progress.show_scanning(True)
        self.progress.show_message("请把回执上的二维码对准摄像头")
        self._camera("start_preview", "qr")

    def on_progress_query(self, ident: str) -> None:
        gateway = self.s.gateway
        self.progress.show_message("正在查询…")
        self.runner.run("network", lambda: gateway.progress(ident), self._on_progress,
                        lambda exc: self.progress.show_message("未查到该办件，或网络暂时不可用。"))

    def _on_progress(self, answer: dict) -> None:
        from kiosk.progress_view import progress_view
        self.progress.show_progress(progress_view(answer))

    def _query_progress_by_identity(self, record) -> None:
        from kiosk.submission import applicant_group
        cfg, outbox = self.cfg, self.s.outbox

        def found(entries: list[str]) -> None:
            if not entries:
                self.progress.show_message("本机没有查到您的办件记录。")
            else:
                self.on_progress_query(entries[-1])
        # Key file and database reads: on the outbox lane, never on the UI thread.
        self.runner.run("outbox", lambda: outbox.receipts_for_group(applicant_group(record, cfg)), found,
                        lambda exc: self.progress.show_message("暂时无法查询，请稍后再试。"))

    # -- technician ---------------------------------------------------------------------
    def open_technician(self) -> None:
        if not self.ready:
            return
        self.pin.wipe()
        self.show_screen(self.pin, "技术维护")

    def on_pin(self, pin: str) -> None:
        # pbkdf2 (~0.1 s) and the fsynced audit line: off the UI thread. The misc lane has
        # one thread, so attempts are checked in order and the lockout counts them all.
        gate = self.gate
        self.runner.run("misc", lambda: (gate.try_pin(pin), gate.locked), self._on_pin_checked)

    def _on_pin_checked(self, result: tuple[bool, bool]) -> None:
        ok, locked = result
        if ok:
            self.refresh_maintenance()
            self.show_screen(self.maintenance, "技术维护")
        elif locked:
            self.pin.show_error("错误次数过多，已锁定 5 分钟。")
        else:
            self.pin.show_error("PIN 不正确，请重试。")

    def refresh_maintenance(self) -> None:
        self.maintenance.set_devices(self.hub.summary())
        self.maintenance.set_catalog_version(str(self.s.catalog.version))
        self.runner.run("outbox", self.s.outbox.status, self.maintenance.set_queue,
                        lambda exc: log.warning("queue status failed: %s", type(exc).__name__))
        printer = self.hub.worker("printer")
        recent = printer.recent_receipts() if printer is not None else []
        if recent:
            # "What was printed": the exact bytes rendered (already masked), off the UI thread.
            data = printer.receipt_bytes(recent[0]["job_id"])
            self.runner.run("misc", lambda: _preview_image(data, self.cfg),
                            self.maintenance.set_printed_preview,
                            lambda exc: log.warning("receipt preview failed: %s", type(exc).__name__))

    def on_maintenance_action(self, action: str) -> None:
        audit = self.gate.audit
        self.runner.run("misc", lambda: audit.write(f"maintenance:{action}"))   # fsync: not here
        if action == "exit_kiosk":
            # exit(), not quit(): Qt 6's quit() first asks every window to close,
            # and the locked-down window refuses.
            QApplication.instance().exit(0)
        elif action == "back_to_service":
            self.end_session()
        elif action == "refresh":
            self.refresh_maintenance()
        elif action == "sync_queue":
            self.s.outbox.wake()
            self.refresh_maintenance()
        elif action == "retry_needs_staff":
            self.runner.run("outbox", lambda: self.s.outbox.outbox.retry_now(all_needs_staff=True),
                            lambda _: (self.s.outbox.wake(), self.refresh_maintenance()))
        elif action == "sync_catalog":
            self.sync_catalog(then=self.refresh_maintenance)
        elif action == "test_voice":       # the speaker, whatever the session's switch says
            speaker = self.speaker
            self.runner.run("voice", lambda: speaker.say(TEST_SENTENCE))
        elif action == "test_print":
            self._print_test.emit()
        elif action == "reprint_last" and self._last_printed:
            self._reprint.emit(self._last_printed.get("job_id", ""))

    # -- catalog ----------------------------------------------------------------------------
    def sync_catalog(self, then=None) -> None:
        """Network lane: fetch and validate; the new catalog is swapped in here, on the UI thread."""
        def done(result) -> None:
            self.s.catalog = result.catalog
            log.info("catalog sync: %s", "ok" if result.ok else "kept the current catalog for some regions")
            if then:
                then()
        self.runner.run("network", self.s.sync_catalog, done,
                        lambda exc: log.warning("catalog sync failed: %s", type(exc).__name__))

    # -- online / offline ------------------------------------------------------------------
    def on_online_changed(self, online: bool) -> None:
        self.online = online
        self.banner.set_online(online)
        if self.tx.step == Step.HOME:
            self.on_search("")
        elif self.tx.step == Step.ITEM:
            refused = self.tx.refusal(online)
            self.guide.set_refused(refused.zh if refused else None)

    # -- camera plumbing -------------------------------------------------------------------
    def _connect_camera(self) -> None:
        cam = self.hub.worker("camera")
        printer = self.hub.worker("printer")
        if printer is not None:
            self._print_request.connect(printer.print_receipt)
            printer.printed.connect(self._on_printed)
            if hasattr(printer, "print_test"):
                self._print_test.connect(printer.print_test)
            self._reprint.connect(printer.reprint)
        if cam is None:
            return
        from kiosk.devices.camera_worker import connect_view
        from screens.camera_view import CameraView
        self.camera_view = CameraView()
        connect_view(cam, self.camera_view)
        cam.face_captured.connect(self.on_face_captured)
        cam.qr_decoded.connect(self.on_qr_decoded)
        cam.document_captured.connect(self.on_document_captured)
        cam.frame_ready.connect(self._on_frame_analysis)
        self._camera_start.connect(cam.start_preview)
        self._camera_stop.connect(cam.stop_preview)
        self._camera_capture.connect(cam.capture_document)

    def _camera(self, cmd: str, arg: str = "") -> None:
        if self.hub.worker("camera") is None:
            return
        if cmd == "start_preview":
            self._camera_start.emit(arg)
        elif cmd == "stop_preview":
            self._camera_stop.emit()
        elif cmd == "capture_document":
            self._camera_capture.emit()

    def _put_camera(self, area) -> None:
        if self.camera_view is not None:
            area.set_view(self.camera_view)

    def _on_frame_analysis(self, image, analysis: dict) -> None:
        if self.tx.step == Step.FACE and analysis.get("prompt_zh"):
            self.face.set_prompt(analysis["prompt_zh"])
            if self.tx.session.voice:
                self.say(self.face_coach.offer(analysis["prompt_zh"]) or "")

    def on_qr_decoded(self, payload: str) -> None:
        if self.window.stack.currentWidget() is self.progress:
            self._camera("stop_preview")
            self.progress.show_scanning(False)
            self.on_progress_query(payload)
            return
        if self.tx.step != Step.IDENTITY:
            return
        from kiosk.identity_qr import parse_app_qr
        try:
            record = parse_app_qr(payload)
        except ValueError:
            self._tell_identity("无法识别此二维码，请出示政务 App 的身份码。")
            return
        self._accept_identity(record)


def _preview_image(data: bytes, cfg):
    """The receipt's bytes rendered as a QImage (drivers.printer.preview draws with Pillow)."""
    from PySide6.QtGui import QImage

    from drivers.printer import PrinterProfile
    from drivers.printer.preview import render_bytes
    img = render_bytes(data, PrinterProfile.from_config(cfg.devices.printer)).convert("RGB")
    raw = img.tobytes()
    return QImage(raw, img.width, img.height, img.width * 3, QImage.Format.Format_RGB888).copy()
