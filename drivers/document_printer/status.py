"""What CUPS says about an A4 queue and a job, as the kiosk's typed status.

Read before printing: `printer-state` (3 idle, 4 processing, 5 stopped),
`printer-state-reasons` and `printer-is-accepting-jobs`. A reason with the
"-error" suffix (or none, per RFC 8011) stops the promise; "-warning" and
"-report" are information, except offline-report. A stopped queue never prints
on its own, whatever its reasons say.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from drivers.base import DeviceState, DeviceStatus

IPP_IDLE, IPP_PROCESSING, IPP_STOPPED = 3, 4, 5

# reason keyword (without suffix) → (code, DeviceState, 中文, English)
REASONS = {
    "media-empty": ("media_empty", DeviceState.NO_MEDIA, "A4 打印机缺纸", "A4 printer is out of paper"),
    "media-needed": ("media_empty", DeviceState.NO_MEDIA, "A4 打印机缺纸", "A4 printer needs paper"),
    "media-jam": ("media_jam", DeviceState.ERROR, "A4 打印机卡纸", "A4 printer has a paper jam"),
    "door-open": ("door_open", DeviceState.ERROR, "A4 打印机舱门未关闭", "A4 printer door is open"),
    "cover-open": ("door_open", DeviceState.ERROR, "A4 打印机舱门未关闭", "A4 printer cover is open"),
    "toner-empty": ("toner_empty", DeviceState.ERROR, "A4 打印机墨粉用尽", "A4 printer is out of toner"),
    "marker-supply-empty": ("toner_empty", DeviceState.ERROR, "A4 打印机墨粉用尽", "A4 printer is out of toner"),
    "offline": ("offline", DeviceState.OFFLINE, "A4 打印机离线", "A4 printer is offline"),
    "shutdown": ("offline", DeviceState.OFFLINE, "A4 打印机已关机", "A4 printer is shut down"),
}
OTHER = {
    "paused": ("stopped", DeviceState.ERROR, "A4 打印队列已暂停，请工作人员检查后恢复",
               "the CUPS queue is stopped (cupsenable resumes it)"),
    "not_accepting": ("not_accepting", DeviceState.ERROR, "A4 打印队列不接受任务",
                      "the CUPS queue rejects jobs (cupsaccept)"),
    "no_queue": ("no_queue", DeviceState.ERROR, "未找到 A4 打印队列", "no such CUPS queue"),
    "unreachable": ("cups_unreachable", DeviceState.OFFLINE, "无法连接打印服务（CUPS）",
                    "the CUPS server cannot be reached"),
    "error": ("error", DeviceState.ERROR, "A4 打印机故障", "A4 printer reports an error"),
}


def _split(reason: str) -> tuple[str, str]:
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix):
            return reason[: -len(suffix)], suffix[1:]
    return reason, ""


@dataclass(frozen=True)
class A4Status:
    """One reading of the queue. `printable` is the promise: only then is a document offered."""
    state: int | None                         # IPP printer-state, None when CUPS was not reached
    reasons: tuple[str, ...] = ()
    accepting: bool = True
    detail: str = ""                          # English detail for technicians (never personal data)
    problem: str = ""                         # a key of REASONS/OTHER when something is wrong

    @classmethod
    def from_attributes(cls, attrs: dict) -> "A4Status":
        state = int(attrs.get("printer-state", 0) or 0)
        raw = attrs.get("printer-state-reasons") or []
        reasons = tuple(r for r in ([raw] if isinstance(raw, str) else raw) if r and r != "none")
        accepting = bool(attrs.get("printer-is-accepting-jobs", True))
        problem = ""
        for r in reasons:
            base, severity = _split(r)
            if base in REASONS and (severity in ("error", "") or base == "offline"):
                problem = base
                break
        if not problem:
            if any(_split(r)[1] == "error" for r in reasons):
                problem = "error"
            elif state == IPP_STOPPED:
                problem = "paused"
            elif not accepting:
                problem = "not_accepting"
        msg = str(attrs.get("printer-state-message") or "")
        return cls(state, reasons, accepting, msg, problem)

    @classmethod
    def unreachable(cls, detail: str) -> "A4Status":
        return cls(None, (), False, detail, "unreachable")

    @classmethod
    def no_queue(cls, detail: str) -> "A4Status":
        return cls(None, (), False, detail, "no_queue")

    @property
    def printable(self) -> bool:
        return not self.problem and self.state in (IPP_IDLE, IPP_PROCESSING)

    def _row(self) -> tuple[str, DeviceState, str, str]:
        return REASONS.get(self.problem) or OTHER[self.problem]

    @property
    def reason_zh(self) -> str:
        if self.printable:
            return "A4 打印机就绪"
        return self._row()[2]

    @property
    def reason_en(self) -> str:
        base = "A4 printer ready" if self.printable else self._row()[3]
        return base + (f": {self.detail}" if self.detail else "")

    def device_status(self) -> DeviceStatus:
        if self.printable:
            kind = DeviceState.BUSY if self.state == IPP_PROCESSING else DeviceState.READY
            return DeviceStatus(kind, "", self.reason_zh, self.reason_en)
        code, kind, _, _ = self._row()
        return DeviceStatus(kind, code, self.reason_zh, self.reason_en)

    def as_dict(self) -> dict:
        return {"printable": self.printable, "printer_state": self.state, "reasons": list(self.reasons),
                "accepting": self.accepting, "code": self.device_status().code,
                "reason_zh": self.reason_zh, "reason_en": self.reason_en}


class JobState(enum.IntEnum):
    PENDING = 3
    HELD = 4
    PROCESSING = 5
    STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def final(self) -> bool:
        return self >= JobState.CANCELED


JOB_ZH = {JobState.PENDING: "等待打印", JobState.HELD: "已挂起", JobState.PROCESSING: "正在打印",
          JobState.STOPPED: "已停止", JobState.CANCELED: "已取消", JobState.ABORTED: "打印中断",
          JobState.COMPLETED: "打印完成"}


@dataclass(frozen=True)
class JobResult:
    """How a document's job ended. `interrupted`: the kiosk cancelled a job that could not finish
    (a stopped queue would print it later, to whoever stands there), reported like aborted."""
    job_id: int
    state: JobState | None
    reasons: tuple[str, ...] = ()
    printer: A4Status | None = None
    seconds: float = 0.0
    interrupted: bool = False
    sent: bool = True
    detail: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return self.state is JobState.COMPLETED and not self.interrupted

    @property
    def offer_again(self) -> bool:
        """Aborted or interrupted: the resident may try again once staff fixed the printer."""
        return not self.completed

    @property
    def reason_zh(self) -> str:
        if self.completed:
            return "文件已打印，请取走"
        cause = self.printer.reason_zh if self.printer and not self.printer.printable else ""
        if not self.sent:
            return f"未打印：{cause or '打印服务不可用'}"
        return "打印中断" + (f"：{cause}" if cause else "") + "，可请工作人员处理后重新打印"

    @property
    def reason_en(self) -> str:
        if self.completed:
            return "document printed"
        cause = self.printer.reason_en if self.printer and not self.printer.printable else self.detail
        what = "not sent" if not self.sent else ("interrupted and cancelled" if self.interrupted else
                                               f"job {self.state.name.lower() if self.state else 'unknown'}")
        return f"{what}" + (f": {cause}" if cause else "")
