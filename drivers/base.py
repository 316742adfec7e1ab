"""What every device driver shares: a typed status and a typed error.

Drivers are plain blocking Python (no Qt, no kiosk imports) so a technician can
use them from a shell; the kiosk runs them on worker threads.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class DeviceState(str, enum.Enum):
    READY = "ready"
    BUSY = "busy"
    NO_MEDIA = "no_media"   # no card on the reader, no paper in the printer
    OFFLINE = "offline"     # not plugged in / not answering; the driver keeps retrying
    ERROR = "error"         # answered, but something is wrong (see code)


@dataclass(frozen=True)
class DeviceStatus:
    state: DeviceState
    code: str = ""          # stable machine code, e.g. "paper_out", "sw3_41"
    message_zh: str = ""
    message_en: str = ""

    @property
    def ok(self) -> bool:
        return self.state in (DeviceState.READY, DeviceState.BUSY, DeviceState.NO_MEDIA)

    def as_dict(self) -> dict:
        return {"state": self.state.value, "code": self.code,
                "message_zh": self.message_zh, "message_en": self.message_en}


READY = DeviceStatus(DeviceState.READY)


class DeviceError(Exception):
    """A device failure with a stable code and bilingual text.

    `zh` is what a resident or technician reads on screen; `en` goes to logs
    and technician output next to it. Never put personal data in either.
    """

    state = DeviceState.ERROR

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{en} ({zh})")
        self.code = code
        self.zh = zh
        self.en = en

    def status(self) -> DeviceStatus:
        return DeviceStatus(self.state, self.code, self.zh, self.en)


class DeviceOffline(DeviceError):
    """The device is missing or does not answer (unplugged, port gone, timeout)."""

    state = DeviceState.OFFLINE


class NoMedia(DeviceError):
    """No card presented within the time asked / no paper."""

    state = DeviceState.NO_MEDIA
