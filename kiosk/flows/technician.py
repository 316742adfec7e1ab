"""The technician path: five corner taps ─► PIN (lockout) ─► maintenance actions.

Every action is written to the audit log (fsynced, off the UI thread)."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.device_tests import DeviceTests
from kiosk.flows.base import Flow
from kiosk.technician import TechnicianGate
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)


class TechnicianFlow(Flow):
    name = "technician"
    SCREENS = [("pin", "screens.technician", "PinDialogScreen"),
               ("maintenance", "screens.maintenance", "MaintenanceScreen")]

    _reprint = Signal(str)               # → the receipt printer's thread

    def __init__(self, ctx):
        super().__init__(ctx)
        cfg = ctx.cfg
        self.gate = TechnicianGate(cfg.kiosk.technician_pin_hash, Path(cfg.kiosk.data_dir) / "audit.log")
        self._last_printed: dict | None = None
        self.tests = DeviceTests(ctx, self._test_result, lambda: self._camera_area(), self)

    def wire(self) -> None:
        self.pin.pin_entered.connect(self.on_pin)
        self.pin.cancelled.connect(self.ctx.end_session)
        self.maintenance.action.connect(self.on_action)
        self.maintenance.retry_entry.connect(self.on_retry_entry)
        self.ctx.hub.status_changed.connect(self.on_device_status)
        self.tests.wire()

    def attach(self) -> None:
        printer = self.ctx.hub.worker("printer")
        if printer is not None:
            printer.printed.connect(self._on_printed)
            self._reprint.connect(printer.reprint)
        self.tests.attach()

    def start(self, at: str | None = None) -> None:
        self.pin.wipe()
        self._show(self.pin)
        gate = self.gate          # the lockout file is read on the misc lane, as PIN checks are
        self.ctx.runner.run("misc", gate.lock_remaining_s, self.pin.show_lockout)

    def wipe(self) -> None:
        self.tests.stop()

    def _show(self, screen) -> None:
        # Technician screens: no residents' tools; no idle wipe while a technician works.
        self.ctx.nav.show(screen, "技术维护", resident=False, idle=screen is not self.maintenance)

    # -- PIN ----------------------------------------------------------------------------
    def on_pin(self, pin: str) -> None:
        # pbkdf2 (~0.1 s) and the fsynced audit line: off the UI thread. The misc lane has
        # one thread, so attempts are checked in order and the lockout counts them all.
        gate = self.gate
        self.ctx.runner.run("misc", lambda: (gate.try_pin(pin), gate.lock_remaining_s()), self._on_pin_checked)

    def _on_pin_checked(self, result: tuple[bool, float]) -> None:
        ok, locked_s = result
        if ok:
            self.open_maintenance()
        elif locked_s > 0:
            self.pin.show_lockout(locked_s)
        else:
            self.pin.show_error(tr_noop("PIN 不正确，请重试。"))

    # -- maintenance ----------------------------------------------------------------------
    def open_maintenance(self) -> None:
        self.refresh()
        self._show(self.maintenance)

    def devices(self) -> list[dict]:
        speaker = self.ctx.speaker
        voice = {"kind": "voice", "label": "扬声器 speaker", "state": "ready" if speaker.available() else "off",
                 "message_zh": "" if speaker.enabled else "未配置", "message_en": " ".join(speaker.argv[:1])}
        return self.ctx.hub.summary() + [voice]

    def refresh(self) -> None:
        """Every figure from its source, each on the lane that owns it (none on this thread)."""
        if self.ctx.runner.closed:         # a refresh timer that outlived the kiosk's shutdown
            return
        from kiosk import maintenance as m
        s, runner, cfg, screen = self.ctx.services, self.ctx.runner, self.ctx.cfg, self.maintenance
        if runner.closed:          # a refresh timer due after the kiosk shut down
            return
        screen.set_devices(self.devices())
        screen.set_catalog_version(str(s.catalog.version))
        warn = lambda what: lambda exc: log.warning("%s failed: %s", what, type(exc).__name__)  # noqa: E731
        runner.run("misc", lambda: m.about(cfg), screen.set_about, warn("kiosk facts"))
        runner.run("outbox", lambda: m.queue_view(s.outbox), lambda v: screen.set_queue(v["status"], v["entries"]),
                   warn("queue status"))
        runner.run("network", lambda: m.gateway_checks(cfg, s.gateway), screen.set_gateways, warn("gateway check"))
        runner.run("misc", lambda: m.logs(cfg), screen.set_logs, warn("log tail"))
        printer = self.ctx.hub.worker("printer")
        last = printer.last_printed() if printer is not None else None
        screen.set_last_printed(last)
        if last:
            # "What was printed": the exact bytes rendered (already masked), off the UI thread.
            data = printer.receipt_bytes(last["job_id"])
            runner.run("misc", lambda: _preview_image(data, cfg), screen.set_printed_preview,
                       warn("receipt preview"))

    def on_action(self, action: str) -> None:
        audit, s, runner = self.gate.audit, self.ctx.services, self.ctx.runner
        runner.run("misc", lambda: audit.write(f"maintenance:{action}"))   # fsync: not here
        if self.tests.run(action):
            return
        if action == "exit_kiosk":
            # exit(), not quit(): Qt 6's quit() first asks every window to close,
            # and the locked-down window refuses.
            QApplication.instance().exit(0)
        elif action == "back_to_service":
            self.ctx.end_session()
        elif action == "refresh":
            self.refresh()
        elif action == "sync_queue":
            s.outbox.wake()
            QTimer.singleShot(1000, self.refresh)      # what the sender did meanwhile
        elif action == "retry_needs_staff":
            runner.run("outbox", lambda: s.outbox.outbox.retry_now(all_needs_staff=True),
                       lambda _: (s.outbox.wake(), self.refresh()))
        elif action == "sync_catalog":
            self.ctx.catalog.sync(then=self.refresh)
        elif action == "reprint_last" and self._last_printed:
            self._reprint.emit(self._last_printed.get("job_id", ""))

    def on_retry_entry(self, local_id: str) -> None:
        """One entry due now (needs_staff or backed off), then the sender wakes."""
        audit, s = self.gate.audit, self.ctx.services
        self.ctx.runner.run("misc", lambda: audit.write("maintenance:retry_entry", entry=local_id))
        self.ctx.runner.run("outbox", lambda: s.outbox.outbox.retry_now(local_id),
                            lambda _: (s.outbox.wake(), QTimer.singleShot(1000, self.refresh)),
                            lambda exc: log.warning("retry of %s failed: %s", local_id, type(exc).__name__))

    def on_device_status(self, kind: str, status) -> None:
        if self.ctx.nav.current() is self.maintenance:
            self.maintenance.set_devices(self.devices())

    def _test_result(self, key: str, ok, text: str) -> None:
        self.maintenance.set_test_result(key, ok, text)
        if key == "test_camera":
            self.maintenance.camera_preview.setVisible(ok is not False)
        if ok is not None:
            audit = self.gate.audit
            self.ctx.runner.run("misc", lambda: audit.write(f"device_test:{key}", ok=bool(ok)))

    def _camera_area(self):
        self.maintenance.camera_preview.show()
        return self.maintenance.camera_preview

    def _on_printed(self, outcome: dict) -> None:
        if not str(outcome.get("job_id", "")).startswith("T"):      # receipts, not test pages
            self._last_printed = outcome
        if self.ctx.nav.current() is self.maintenance and outcome.get("ok"):
            self.refresh()


def _preview_image(data: bytes, cfg):
    """The receipt's bytes rendered as a QImage (drivers.printer.preview draws with Pillow)."""
    from PySide6.QtGui import QImage

    from drivers.printer import PrinterProfile
    from drivers.printer.preview import render_bytes
    img = render_bytes(data, PrinterProfile.from_config(cfg.devices.printer)).convert("RGB")
    raw = img.tobytes()
    return QImage(raw, img.width, img.height, img.width * 3, QImage.Format.Format_RGB888).copy()
