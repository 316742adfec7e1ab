"""The headphone jack, read from its Linux input device (evdev): a headset plugged in.

The sound card's jack reports insertion as an input event: type EV_SW, code
SW_HEADPHONE_INSERT (or SW_JACK_PHYSICAL_INSERT), value 1 in, 0 out
(linux/input-event-codes.h). Each event is a `struct input_event`: a timeval
(two longs), then u16 type, u16 code, s32 value — 24 bytes on 64-bit Linux.
The device is a character file such as
/dev/input/by-path/platform-sound-event (`evtest` lists them); reading it
needs the kiosk user in the `input` group. No Qt here: the watcher calls back
from its own thread.
"""
from __future__ import annotations

import logging
import os
import select
import struct
import threading
from typing import Callable

log = logging.getLogger(__name__)

EVENT = struct.Struct("@llHHi")          # struct input_event, this machine's layout
EV_SW = 0x05
SW_HEADPHONE_INSERT = 0x02
SW_MICROPHONE_INSERT = 0x04
SW_JACK_PHYSICAL_INSERT = 0x07
HEADSET_CODES = (SW_HEADPHONE_INSERT, SW_MICROPHONE_INSERT, SW_JACK_PHYSICAL_INSERT)


def parse_events(buf: bytes) -> tuple[list[tuple[int, int, int]], bytes]:
    """Whole events in `buf` as (type, code, value), and the bytes of a partial one left over."""
    whole = len(buf) - len(buf) % EVENT.size
    events = [EVENT.unpack_from(buf, at)[2:] for at in range(0, whole, EVENT.size)]
    return events, buf[whole:]


def plugged(events: list[tuple[int, int, int]]) -> bool | None:
    """The jack's last state in these events: True in, False out, None if they say nothing of it."""
    state = None
    for type_, code, value in events:
        if type_ == EV_SW and code in HEADSET_CODES:
            state = value != 0
    return state


class HeadsetWatch:
    """Reads the jack's input device on a daemon thread; `on_change(plugged)` on each change."""

    def __init__(self, path: str, on_change: Callable[[bool], None], poll_s: float = 0.25):
        self.path, self._on_change, self._poll_s = path, on_change, poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kiosk-headset", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _run(self) -> None:
        warned = False
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            except OSError as exc:
                if not warned:      # once: a missing jack device is a setting, not an emergency
                    log.warning("headset jack not watched: %s: %s / 耳机插孔无法读取：%s",
                                self.path, exc.strerror, self.path)
                    warned = True
                self._stop.wait(5)
                continue
            warned = False
            try:
                self._read(fd)
            finally:
                os.close(fd)

    def _read(self, fd: int) -> None:
        rest = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([fd], [], [], self._poll_s)
            if not ready:
                continue
            try:
                chunk = os.read(fd, EVENT.size * 64)
            except BlockingIOError:
                continue
            except OSError as exc:                  # the device went away (a USB sound card)
                log.warning("headset jack read failed: %s / 耳机插孔读取失败", exc.strerror)
                self._stop.wait(1)
                return
            if not chunk:                           # no writer (a test's FIFO): open again
                self._stop.wait(self._poll_s)
                return
            events, rest = parse_events(rest + chunk)
            state = plugged(events)
            if state is not None:
                self._on_change(state)
