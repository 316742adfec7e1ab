"""Real-time status (DLE EOT 1..4) read back by us, with a short timeout.

python-escpos's `paper_status()` reports "paper OK" when the printer says
nothing and never sees an open cover, so the kiosk asks itself: no answer is
`unknown`, and unknown never leads to a promised receipt.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from drivers.base import DeviceState, DeviceStatus


class PrinterState(str, enum.Enum):
    READY = "ready"
    NEAR_END = "near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"          # cutter jam or other mechanical error (DLE EOT 3)
    OFFLINE = "offline"      # answered "offline" with no other cause, or not reachable
    UNKNOWN = "unknown"      # reachable but no (valid) answer in time


# Bilingual reasons: zh for the resident's screen and the technician, en for logs/CLI.
REASONS = {
    PrinterState.READY: ("打印机就绪", "printer ready"),
    PrinterState.NEAR_END: ("打印纸即将用完，请工作人员及时更换", "paper near end"),
    PrinterState.PAPER_OUT: ("打印机缺纸", "printer is out of paper"),
    PrinterState.COVER_OPEN: ("打印机纸仓盖未关闭", "printer cover is open"),
    PrinterState.ERROR: ("打印机故障（切纸刀或机械错误）", "printer error (cutter or mechanism)"),
    PrinterState.OFFLINE: ("打印机离线或无法连接", "printer offline or unreachable"),
    PrinterState.UNKNOWN: ("打印机无应答，状态未知", "printer did not answer the status request"),
}

PRINTABLE = (PrinterState.READY, PrinterState.NEAR_END)


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    answers: dict[int, int] = field(default_factory=dict)   # n → status byte received
    detail: str = ""                                          # extra English detail

    @property
    def printable(self) -> bool:
        return self.state in PRINTABLE

    @property
    def answered(self) -> bool:
        """The printer said something valid (as opposed to unreachable or silent)."""
        return self.state not in (PrinterState.OFFLINE, PrinterState.UNKNOWN) or bool(self.answers)

    @property
    def reason_zh(self) -> str:
        return REASONS[self.state][0]

    @property
    def reason_en(self) -> str:
        return REASONS[self.state][1] + (f": {self.detail}" if self.detail else "")

    def device_status(self) -> DeviceStatus:
        """The kiosk-wide typed status (drivers.base) for the hub and the technician."""
        s = self.state
        kind = {PrinterState.READY: DeviceState.READY, PrinterState.NEAR_END: DeviceState.READY,
                PrinterState.PAPER_OUT: DeviceState.NO_MEDIA,
                PrinterState.COVER_OPEN: DeviceState.ERROR, PrinterState.ERROR: DeviceState.ERROR,
                PrinterState.OFFLINE: DeviceState.OFFLINE,
                PrinterState.UNKNOWN: DeviceState.OFFLINE}[s]
        code = "" if s is PrinterState.READY else s.value
        return DeviceStatus(kind, code, self.reason_zh, self.reason_en)

    def as_dict(self) -> dict:
        return {"state": self.state.value, "printable": self.printable, "answered": self.answered,
                "reason_zh": self.reason_zh, "reason_en": self.reason_en,
                "answers": {str(k): f"0x{v:02x}" for k, v in self.answers.items()}}


def valid_status_byte(b: int) -> bool:
    """Every DLE EOT answer is shaped 0xx1xx10."""
    return b & 0x93 == 0x12


def interpret(answers: dict[int, int]) -> PrinterStatus:
    """Turn the four answer bytes into one state. Missing or malformed → unknown."""
    for n in (1, 2, 3, 4):
        if n not in answers or not valid_status_byte(answers[n]):
            return PrinterStatus(PrinterState.UNKNOWN, dict(answers),
                                 f"no valid answer to DLE EOT {n}")
    p, off, err, paper = answers[1], answers[2], answers[3], answers[4]
    if off & 0x04:
        return PrinterStatus(PrinterState.COVER_OPEN, dict(answers))
    if off & 0x20 or paper & 0x60:
        return PrinterStatus(PrinterState.PAPER_OUT, dict(answers))
    if err & 0x08 or err & 0x20 or off & 0x40:
        return PrinterStatus(PrinterState.ERROR, dict(answers))
    if p & 0x08:
        return PrinterStatus(PrinterState.OFFLINE, dict(answers))
    if paper & 0x0C:
        return PrinterStatus(PrinterState.NEAR_END, dict(answers))
    return PrinterStatus(PrinterState.READY, dict(answers))
