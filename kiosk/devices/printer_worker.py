"""The receipt printer's worker: lives on its own QThread (one owner per printer).

Never promise paper you cannot print: `print_receipt` asks the printer first and
sends nothing unless it is ready or near end; it asks again afterwards. The
last receipts' bytes (already masked) are kept in memory for staff reprint.
"""
from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import OrderedDict

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.base import DeviceStatus
from drivers.printer import PrinterProfile, PrinterState, PrinterStatus, ReceiptPrinter
from drivers.printer.emulator import PrinterEmulator
from drivers.printer.testpage import build_test_page
from drivers.printer.transport import PrinterUrl
from kiosk.devices.status_polling import note_status
from kiosk.receipt import build_receipt_bytes

log = logging.getLogger(__name__)


KEEP_RECEIPTS = 20


class PrinterWorker(QObject):
    status_changed = Signal(object)    # drivers.base.DeviceStatus, when it changes
    status_checked = Signal(object)    # drivers.printer.PrinterStatus, after every check
    # a dict {ok, job_id, status, reason_zh, reason_en, receipt_no, sent}. Signal(object) rather
    # than Signal(dict): dict is converted to a QVariantMap and back, and cannot be relayed
    # to Signal(object) signals.
    printed = Signal(object)

    def __init__(self, printer: ReceiptPrinter, emulator: PrinterEmulator | None = None,
                 parent=None):
        super().__init__(parent)
        self.printer = printer
        self.profile: PrinterProfile = printer.profile
        self.emulator = emulator
        self.last_status: PrinterStatus | None = None
        self._last_device_status: DeviceStatus | None = None
        # job_id → (receipt_no, kept_at, payload); `_printed` the ones paper really came out for.
        self._recent: "OrderedDict[str, tuple[str, float, bytes]]" = OrderedDict()
        self._printed: dict[str, float] = {}
        self._recent_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._timer: QTimer | None = None
        self._failures = 0

    # -- life cycle (worker thread) ----------------------------------------
    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_status)
        self.check_status()

    @Slot()
    def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.emulator is not None:
            self.emulator.stop()

    # -- slots -------------------------------------------------------------
    @Slot()
    def check_status(self) -> None:
        try:
            st = self.printer.status()
        except Exception as exc:   # a driver bug must not kill the printer thread
            log.warning("printer status check failed: %s", exc)
            st = PrinterStatus(PrinterState.UNKNOWN, {}, f"{type(exc).__name__}: {exc}")
        self._note_status(st)

    @Slot(object)
    def print_receipt(self, data) -> None:
        """`data` is a kiosk.receipt.ReceiptData. Answers with `printed`."""
        try:
            payload = build_receipt_bytes(data, self.profile)
        except Exception as exc:
            log.warning("receipt could not be built: %s", exc)
            self.printed.emit({"ok": False, "job_id": "", "status": "unknown", "sent": False,
                               "receipt_no": getattr(data, "receipt_no", ""),
                               "reason_zh": "回执生成失败", "reason_en": f"receipt build failed: {exc}"})
            return
        job_id = f"P{next(self._ids):04d}"
        with self._recent_lock:
            self._recent[job_id] = (data.receipt_no, time.time(), payload)
            while len(self._recent) > KEEP_RECEIPTS:
                old, _ = self._recent.popitem(last=False)
                self._printed.pop(old, None)
        self._send(job_id, data.receipt_no, payload)

    @Slot()
    def print_test(self) -> None:
        """The test page (technician screen). Not kept for reprint."""
        self._send(f"T{next(self._ids):04d}", "", build_test_page(self.profile))

    @Slot(str)
    def reprint(self, job_id: str) -> None:
        with self._recent_lock:
            entry = self._recent.get(job_id)
        if entry is None:
            self.printed.emit({"ok": False, "job_id": job_id, "status": "unknown", "sent": False,
                               "receipt_no": "", "reason_zh": "找不到该回执，无法补打",
                               "reason_en": f"no kept receipt {job_id} to reprint"})
            return
        self._send(job_id, entry[0], entry[2])

    # -- for the technician's screen (any thread) ---------------------------
    def recent_receipts(self) -> list[dict]:
        """Newest first: job_id, receipt_no, kept_at (epoch s), printed (the printer took it and
        said so afterwards: not one refused for paper). No personal data."""
        with self._recent_lock:
            return [{"job_id": k, "receipt_no": v[0], "kept_at": v[1], "printed": k in self._printed,
                     "printed_at": self._printed.get(k)}
                    for k, v in reversed(self._recent.items())]

    def last_printed(self) -> dict | None:
        """The newest receipt that was actually printed (for the maintenance screen)."""
        with self._recent_lock:
            if not self._printed:
                return None
            job_id = max(self._printed, key=self._printed.get)
            receipt_no = self._recent[job_id][0]
            return {"job_id": job_id, "receipt_no": receipt_no, "printed_at": self._printed[job_id]}

    def receipt_bytes(self, job_id: str) -> bytes | None:
        """The exact bytes of a kept receipt (for drivers.printer.preview)."""
        with self._recent_lock:
            entry = self._recent.get(job_id)
        return entry[2] if entry else None

    # -- internals -----------------------------------------------------------
    def _send(self, job_id: str, receipt_no: str, payload: bytes) -> None:
        try:
            result = self.printer.print_bytes(payload)
            st = result.status
            report = {"ok": result.printed, "sent": result.sent, "status": st.state.value,
                      "reason_zh": result.reason_zh, "reason_en": result.reason_en}
        except Exception as exc:
            log.warning("printing failed: %s", exc)
            st = PrinterStatus(PrinterState.UNKNOWN, {}, f"{type(exc).__name__}: {exc}")
            report = {"ok": False, "sent": False, "status": "unknown",
                      "reason_zh": "打印失败", "reason_en": f"printing failed: {exc}"}
        self._note_status(st)
        if report["ok"]:
            with self._recent_lock:
                if job_id in self._recent:
                    self._printed[job_id] = time.time()
        report.update(job_id=job_id, receipt_no=receipt_no)
        self.printed.emit(report)

    def _note_status(self, st: PrinterStatus) -> None:
        note_status(self, st, "printer", st.state in (PrinterState.OFFLINE, PrinterState.UNKNOWN))


def create_printer_worker(cfg) -> PrinterWorker:
    """From `cfg.devices.printer`. "emulated:" starts the TCP printer emulator
    in-process and connects the real tcp transport to it (kept as worker.emulator);
    "none" is a worker whose printer is always offline."""
    pc = cfg.devices.printer
    profile = PrinterProfile.from_config(pc)
    emulator = None
    url: str | PrinterUrl = pc.url
    if pc.url.startswith("emulated:"):
        emulator = PrinterEmulator(state="ok").start()
        url = emulator.url
    printer = ReceiptPrinter(url, profile, status_timeout=pc.status_timeout_s)
    return PrinterWorker(printer, emulator)
