"""The receipt printer as the kiosk uses it: ask, print only when it can, ask again.

Blocking; the kiosk runs it on the printer's worker thread.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from drivers.base import DeviceOffline
from drivers.printer import commands as C
from drivers.printer.profile import PrinterProfile
from drivers.printer.status import PrinterState, PrinterStatus, interpret
from drivers.printer.transport import PrinterUrl, Transport, parse_printer_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintResult:
    printed: bool                 # bytes were sent AND the printer was fine afterwards
    sent: bool                    # any content bytes went to the printer
    before: PrinterStatus
    after: PrinterStatus | None
    seconds: float

    @property
    def status(self) -> PrinterStatus:
        return self.after or self.before

    @property
    def reason_zh(self) -> str:
        if self.printed:
            return "回执已打印"
        if self.sent:
            return f"打印过程中出现问题，回执可能不完整：{self.status.reason_zh}"
        return f"未打印：{self.before.reason_zh}"

    @property
    def reason_en(self) -> str:
        if self.printed:
            return "receipt printed"
        if self.sent:
            return f"problem during printing, receipt may be incomplete: {self.status.reason_en}"
        return f"not printed: {self.before.reason_en}"


def query_status(t: Transport, timeout: float) -> PrinterStatus:
    """DLE EOT 1, 2, 3, 4 on an open transport. `timeout` is the budget for all four."""
    if not t.can_read:
        return PrinterStatus(PrinterState.UNKNOWN, {}, f"{t.url.kind} link is one-way")
    t.drain()
    deadline = time.monotonic() + timeout
    answers: dict[int, int] = {}
    for n in (1, 2, 3, 4):
        t.write(C.status_request(n))
        left = deadline - time.monotonic()
        b = t.read_byte(max(0.05, left)) if left > 0 else None
        if b is None:
            break     # a silent printer: do not wait four times
        answers[n] = b
    return interpret(answers)


class ReceiptPrinter:
    """One printer reached by URL. Opens a connection per job: printers that
    hang or reboot between receipts cost nothing but that job."""

    def __init__(self, url: str | PrinterUrl, profile: PrinterProfile | None = None,
                 status_timeout: float = 2.0):
        self.url = url if isinstance(url, PrinterUrl) else parse_printer_url(url)
        self.profile = profile or PrinterProfile()
        self.status_timeout = status_timeout

    def _transport(self) -> Transport:
        return Transport(self.url, connect_timeout=self.status_timeout).open()

    def status(self) -> PrinterStatus:
        if self.url.kind == "none":
            return PrinterStatus(PrinterState.OFFLINE, {}, "no printer configured")
        try:
            with self._transport() as t:
                return query_status(t, self.status_timeout)
        except DeviceOffline as exc:
            return PrinterStatus(PrinterState.OFFLINE, {}, exc.en)

    def print_bytes(self, data: bytes) -> PrintResult:
        """Check, send `data` only when ready or near end, then check again."""
        t0 = time.monotonic()
        if self.url.kind == "none":
            st = PrinterStatus(PrinterState.OFFLINE, {}, "no printer configured")
            return PrintResult(False, False, st, None, 0.0)
        try:
            t = self._transport()
        except DeviceOffline as exc:
            st = PrinterStatus(PrinterState.OFFLINE, {}, exc.en)
            return PrintResult(False, False, st, None, time.monotonic() - t0)
        with t:
            try:
                before = query_status(t, self.status_timeout)
            except DeviceOffline as exc:
                before = PrinterStatus(PrinterState.OFFLINE, {}, exc.en)
            if not before.printable:
                log.warning("printer not ready, nothing sent: %s", before.reason_en)
                return PrintResult(False, False, before, None, time.monotonic() - t0)
            try:
                t.write(data)
                after = query_status(t, self.status_timeout)
            except DeviceOffline as exc:
                after = PrinterStatus(PrinterState.OFFLINE, {}, exc.en)
        ok = after.printable
        if not ok:
            log.warning("printer problem after printing: %s", after.reason_en)
        return PrintResult(ok, True, before, after, time.monotonic() - t0)
