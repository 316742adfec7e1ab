"""The technician path: five corner taps ─► PIN (lockout) ─► maintenance actions.

Every action is written to the audit log (fsynced, off the UI thread)."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication

from kiosk.flows.base import Flow
from kiosk.technician import TechnicianGate
from kiosk.voice import TEST_SENTENCE

log = logging.getLogger(__name__)


class TechnicianFlow(Flow):
    name = "technician"
    SCREENS = [("pin", "screens.technician", "PinDialogScreen"),
               ("maintenance", "screens.technician", "MaintenanceScreen")]

    _print_test = Signal()               # → the receipt printer's thread
    _reprint = Signal(str)

    def __init__(self, ctx):
        super().__init__(ctx)
        cfg = ctx.cfg
        self.gate = TechnicianGate(cfg.kiosk.technician_pin_hash, Path(cfg.kiosk.data_dir) / "audit.log")
        self._last_printed: dict | None = None

    def wire(self) -> None:
        self.pin.pin_entered.connect(self.on_pin)
        self.pin.cancelled.connect(self.ctx.end_session)
        self.maintenance.action.connect(self.on_action)
        self.ctx.hub.status_changed.connect(self.on_device_status)

    def attach(self) -> None:
        printer = self.ctx.hub.worker("printer")
        if printer is not None:
            printer.printed.connect(self._on_printed)
            if hasattr(printer, "print_test"):
                self._print_test.connect(printer.print_test)
            self._reprint.connect(printer.reprint)

    def start(self) -> None:
        self.pin.wipe()
        self._show(self.pin)

    def _show(self, screen) -> None:
        # Technician screens: no residents' tools; no idle wipe while a technician works.
        self.ctx.nav.show(screen, "技术维护", resident=False, idle=screen is not self.maintenance)

    # -- PIN ----------------------------------------------------------------------------
    def on_pin(self, pin: str) -> None:
        # pbkdf2 (~0.1 s) and the fsynced audit line: off the UI thread. The misc lane has
        # one thread, so attempts are checked in order and the lockout counts them all.
        gate = self.gate
        self.ctx.runner.run("misc", lambda: (gate.try_pin(pin), gate.locked), self._on_pin_checked)

    def _on_pin_checked(self, result: tuple[bool, bool]) -> None:
        ok, locked = result
        if ok:
            self.open_maintenance()
        elif locked:
            self.pin.show_error("错误次数过多，已锁定 5 分钟。")
        else:
            self.pin.show_error("PIN 不正确，请重试。")

    # -- maintenance ----------------------------------------------------------------------
    def open_maintenance(self) -> None:
        self.refresh()
        self._show(self.maintenance)

    def refresh(self) -> None:
        s, runner = self.ctx.services, self.ctx.runner
        self.maintenance.set_devices(self.ctx.hub.summary())
        self.maintenance.set_catalog_version(str(s.catalog.version))
        runner.run("outbox", s.outbox.status, self.maintenance.set_queue,
                   lambda exc: log.warning("queue status failed: %s", type(exc).__name__))
        printer = self.ctx.hub.worker("printer")
        recent = printer.recent_receipts() if printer is not None else []
        if recent:
            # "What was printed": the exact bytes rendered (already masked), off the UI thread.
            data, cfg = printer.receipt_bytes(recent[0]["job_id"]), self.ctx.cfg
            runner.run("misc", lambda: _preview_image(data, cfg), self.maintenance.set_printed_preview,
                       lambda exc: log.warning("receipt preview failed: %s", type(exc).__name__))

    def on_action(self, action: str) -> None:
        audit, s, runner = self.gate.audit, self.ctx.services, self.ctx.runner
        runner.run("misc", lambda: audit.write(f"maintenance:{action}"))   # fsync: not here
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
            self.refresh()
        elif action == "retry_needs_staff":
            runner.run("outbox", lambda: s.outbox.outbox.retry_now(all_needs_staff=True),
                       lambda _: (s.outbox.wake(), self.refresh()))
        elif action == "sync_catalog":
            self.ctx.catalog.sync(then=self.refresh)
        elif action == "test_voice":       # the speaker, whatever the session's switch says
            speaker = self.ctx.speaker
            runner.run("voice", lambda: speaker.say(TEST_SENTENCE))
        elif action == "test_print":
            self._print_test.emit()
        elif action == "reprint_last" and self._last_printed:
            self._reprint.emit(self._last_printed.get("job_id", ""))

    def on_device_status(self, kind: str, status) -> None:
        if self.ctx.nav.current() is self.maintenance:
            self.maintenance.set_devices(self.ctx.hub.summary())

    def _on_printed(self, outcome: dict) -> None:
        self._last_printed = outcome


def _preview_image(data: bytes, cfg):
    """The receipt's bytes rendered as a QImage (drivers.printer.preview draws with Pillow)."""
    from PySide6.QtGui import QImage

    from drivers.printer import PrinterProfile
    from drivers.printer.preview import render_bytes
    img = render_bytes(data, PrinterProfile.from_config(cfg.devices.printer)).convert("RGB")
    raw = img.tobytes()
    return QImage(raw, img.width, img.height, img.width * 3, QImage.Format.Format_RGB888).copy()
