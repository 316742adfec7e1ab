"""The A4 document printer's worker: its own QThread, one owner for the CUPS queue.

Never promise paper you cannot print: `print_document` reads printer-state
and printer-state-reasons first and sends nothing unless the queue can print;
a job is followed (a timer on this thread, so shutdown never waits for paper)
to completed, aborted or canceled; an aborted or interrupted job is reported
`offer_again`. The session's verified documents stay in memory here for a
reprint until `forget_documents()` (the session wipe); they are never written.
Reports name a document only by its title and verification code.
"""
from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.base import DeviceState, DeviceStatus
from drivers.document_printer import A4Status, CupsDocumentPrinter, JobResult
from kiosk.devices.status_polling import note_status

log = logging.getLogger(__name__)

POLL_JOB_MS = 100


class DocumentPrinterWorker(QObject):
    status_changed = Signal(object)    # drivers.base.DeviceStatus, when it changes
    status_checked = Signal(object)    # drivers.document_printer.A4Status, after every check
    job_changed = Signal(object)       # {doc_id, label, job_id, state}: sent, then each change
    # {ok, sent, offer_again, doc_id, label, job_id, state, reason_zh, reason_en, seconds}
    printed = Signal(object)

    def __init__(self, printer: CupsDocumentPrinter | None, emulator=None, job_timeout_s: float = 120.0,
                 parent=None):
        super().__init__(parent)
        self.printer = printer
        self.emulator = emulator           # drivers.document_printer.PrivateCups, or None
        self.job_timeout_s = float(job_timeout_s)
        self.last_status: A4Status | None = None
        self._last_device_status: DeviceStatus | None = None
        self._documents: dict[str, object] = {}      # doc id → VerifiedDocument (this session only)
        self._timer: QTimer | None = None
        self._job_timer: QTimer | None = None
        self._job: dict | None = None                # the job being followed
        self._failures = 0

    # -- life cycle (worker thread) ----------------------------------------
    @Slot()
    def start(self) -> None:
        if self.emulator is not None and self.emulator.proc is None:
            # The demo's private cupsd starts here, on this thread: never on the UI thread.
            from drivers.document_printer import PrivateCupsUnavailable
            try:
                self.emulator.start()
                self.printer = CupsDocumentPrinter(self.emulator.server, self.emulator.queue)
            except PrivateCupsUnavailable as exc:
                log.warning("emulated A4 printer not started: %s", exc.en)
                self.status_changed.emit(DeviceStatus(DeviceState.ERROR, "emulator_failed", exc.zh, exc.en))
                return
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_status)
        self._job_timer = QTimer(self)
        self._job_timer.setInterval(POLL_JOB_MS)
        self._job_timer.timeout.connect(self._poll_job)
        self.check_status()

    @Slot()
    def shutdown(self) -> None:
        for t in (self._timer, self._job_timer):
            if t is not None:
                t.stop()
        self._timer = self._job_timer = None
        if self._job is not None:          # a job still running is cancelled, never left behind
            try:
                self.printer.cancel(self._job["job_id"])
            except Exception as exc:
                log.warning("could not cancel A4 job %s at shutdown: %s", self._job["job_id"], exc)
            self._job = None
        self._documents.clear()
        if self.emulator is not None:
            self.emulator.stop()

    # -- slots -------------------------------------------------------------
    @Slot()
    def check_status(self) -> A4Status:
        if self.printer is None:
            st = A4Status(None, (), False, "the emulated A4 printer did not start", "error")
            self._note_status(st)
            return st
        try:
            st = self.printer.status()
        except Exception as exc:           # a driver bug must not kill the printer thread
            log.warning("A4 printer status check failed: %s", exc)
            st = A4Status(None, (), False, f"{type(exc).__name__}: {exc}", "error")
        self._note_status(st)
        return st

    @Slot(object)
    def print_document(self, doc) -> None:
        """`doc` is a kiosk.documents.VerifiedDocument. Answers with `printed`."""
        self._documents[doc.id] = doc
        self._print(doc.id, doc.label, doc.verification_code, doc.data)

    @Slot(str)
    def reprint(self, doc_id: str) -> None:
        doc = self._documents.get(doc_id)
        if doc is None:
            self.printed.emit(_report(doc_id, "", False, False, False, "", 0, "不能补打：文件已清除",
                                      "nothing to reprint: the document is gone (session ended)", 0.0))
            return
        self._print(doc.id, doc.label, doc.verification_code, doc.data)

    @Slot()
    def print_test(self) -> None:
        from kiosk.documents.testpage import build_a4_test_page
        self._print("test", "A4 测试页", "TESTPAGE", build_a4_test_page())

    @Slot()
    def forget_documents(self) -> None:
        """The session wipe: the documents leave this thread's memory."""
        self._documents.clear()

    def kept_documents(self) -> list[str]:
        """Ids held for reprint (tests and the technician screen)."""
        return list(self._documents)

    def jobs(self) -> list[dict]:
        """The queue's jobs as CUPS reports them (names are verification codes only)."""
        return self.printer.jobs() if self.printer is not None else []

    # -- internals -----------------------------------------------------------
    def _print(self, doc_id: str, label: str, code: str, data: bytes) -> None:
        if self._job is not None:
            self.printed.emit(_report(doc_id, label, False, False, False, "", 0, "打印机正忙，请稍候",
                                      "another document is printing", 0.0))
            return
        t0 = time.monotonic()
        before = self.check_status()      # (also when self.printer is None: not printable)
        if not before.printable:
            log.warning("A4 not printed (%s): %s", label, before.reason_en)
            self.printed.emit(_report(doc_id, label, False, False, False, "", 0, f"未打印：{before.reason_zh}",
                                      f"not sent: {before.reason_en}", time.monotonic() - t0))
            return
        try:
            job_id = self.printer.submit(data, f"tongban-{code}")
        except Exception as exc:
            log.warning("A4 job refused by CUPS (%s): %s", label, exc)
            self.printed.emit(_report(doc_id, label, False, False, False, "", 0, "打印服务拒绝了任务",
                                      f"CUPS refused the job: {exc}", time.monotonic() - t0))
            self.check_status()
            return
        self._job = {"doc_id": doc_id, "label": label, "job_id": job_id, "started": t0, "state": "pending"}
        log.info("A4 job %s sent: %s", job_id, label)
        self.job_changed.emit({"doc_id": doc_id, "label": label, "job_id": job_id, "state": "pending"})
        if self._job_timer is not None:
            self._job_timer.start()

    @Slot()
    def _poll_job(self) -> None:
        job = self._job
        if job is None:
            return
        try:
            result = self.printer.check_job(job["job_id"], job["started"], self.job_timeout_s)
        except Exception as exc:
            result = JobResult(job["job_id"], None, seconds=time.monotonic() - job["started"],
                               detail=f"{type(exc).__name__}: {exc}")
        if result is None:
            return
        self._job_timer.stop()
        self._job = None
        state = result.state.name.lower() if result.state else "unknown"
        if result.completed:
            log.info("A4 job %s completed: %s", result.job_id, job["label"])
        else:
            log.warning("A4 job %s did not complete (%s): %s", result.job_id, job["label"], result.reason_en)
        if result.printer is not None:
            self._note_status(result.printer)
        self.printed.emit(_report(job["doc_id"], job["label"], result.completed, True, result.offer_again,
                                  "interrupted" if result.interrupted else state, result.job_id,
                                  result.reason_zh, result.reason_en, result.seconds))

    def _note_status(self, st: A4Status) -> None:
        note_status(self, st, "A4 printer", st.device_status().state is DeviceState.OFFLINE)


def _report(doc_id, label, ok, sent, offer_again, state, job_id, zh, en, seconds) -> dict:
    return {"ok": ok, "sent": sent, "offer_again": offer_again, "doc_id": doc_id, "label": label,
            "job_id": job_id, "state": state, "reason_zh": zh, "reason_en": en, "seconds": seconds}


def create_document_printer_worker(cfg) -> DocumentPrinterWorker:
    """From `cfg.devices.document_printer`. "emulated" starts a private cupsd with the
    recording backend (kept as worker.emulator, for the demo dock and tests)."""
    dc = cfg.devices.document_printer
    if dc.driver == "emulated":
        from drivers.document_printer import PrivateCups
        return DocumentPrinterWorker(None, PrivateCups(), dc.job_timeout_s)   # started in start()
    return DocumentPrinterWorker(CupsDocumentPrinter(dc.server, dc.queue), None, dc.job_timeout_s)
