"""Card watching: one read per presentation, reopen with backoff after unplug.

Not threaded: the owner (a Qt worker's QTimer, or `run_until`) calls `poll()`
periodically and handles the events it returns. Polling the card happens only
while `watching` is true; otherwise `poll()` only checks the port is still
there (no serial traffic).
"""
from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from typing import Any

from drivers.base import READY, DeviceError, DeviceOffline, DeviceState, DeviceStatus
from drivers.id_reader.reader import Ga467Reader
from drivers.id_reader.sw3 import NoCard

NO_CARD_STATUS = DeviceStatus(DeviceState.NO_MEDIA, "no_card", "请放置身份证", "place the ID card")
TAKE_CARD_STATUS = DeviceStatus(DeviceState.READY, "take_card", "请取走身份证", "please take the card away")


class EventKind(str, enum.Enum):
    STATUS = "status"      # payload: DeviceStatus
    CARD = "card"          # payload: IdentityRecord
    ERROR = "error"        # payload: DeviceError (card or protocol error)
    REMOVED = "removed"    # payload: None


@dataclass
class Event:
    kind: EventKind
    payload: Any = None

    def __repr__(self) -> str:
        return f"Event({self.kind.value})"


class CardWatcher:
    def __init__(self, reader: Ga467Reader, *, first_backoff: float = 0.2, max_backoff: float = 1.0):
        self.reader = reader
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff   # ≤ 1 s so a returned port is used within 3 s
        self._backoff = first_backoff
        self._next_open = 0.0
        self._status: DeviceStatus | None = None
        self._card_on_reader = False     # read in this presentation; wait for removal

    @property
    def status(self) -> DeviceStatus | None:
        return self._status

    def _set(self, events: list[Event], status: DeviceStatus) -> None:
        if status != self._status:
            self._status = status
            events.append(Event(EventKind.STATUS, status))

    def _offline(self, events: list[Event], exc: DeviceError) -> None:
        self.reader.close()
        self._next_open = time.monotonic() + self._backoff
        self._backoff = min(self._backoff * 2, self.max_backoff)
        self._set(events, exc.status() if isinstance(exc, DeviceOffline)
                  else DeviceStatus(DeviceState.OFFLINE, exc.code, exc.zh, exc.en))

    def close(self) -> None:
        self.reader.close()

    def poll(self, watching: bool) -> list[Event]:
        events: list[Event] = []
        if not self.reader.is_open:
            if time.monotonic() < self._next_open:
                return events
            try:
                st = self.reader.open()
            except DeviceOffline as exc:
                self._offline(events, exc)
                return events
            self._backoff = self.first_backoff
            self._set(events, st)
            if not watching:
                return events
        elif not watching:
            if not self.reader.still_connected():
                self._offline(events, DeviceOffline("port_lost", "身份证读卡器已断开",
                                                    "ID card reader port disappeared"))
            elif self._card_on_reader:
                # Keep looking for the removal even when no screen waits: otherwise the
                # next resident's card would count as the last one "still there".
                try:
                    self._poll_card(events)
                except DeviceOffline as exc:
                    self._offline(events, exc)
            elif self._status is None or self._status.code in ("no_card",):
                self._set(events, READY)
            return events
        try:
            self._poll_card(events)
        except DeviceOffline as exc:
            self._offline(events, exc)
        return events

    def _poll_card(self, events: list[Event]) -> None:
        r = self.reader
        if self._card_on_reader:
            try:
                r.find()
                r.select()     # still there (readers that keep answering 9F): not read again
                self._set(events, TAKE_CARD_STATUS)
                return
            except NoCard:
                self._card_on_reader = False
                events.append(Event(EventKind.REMOVED))
                self._set(events, NO_CARD_STATUS)
                return
            except DeviceError as exc:
                if isinstance(exc, DeviceOffline):
                    raise
                return     # transient: ask again next poll
        try:
            rec = r.read_card()
        except NoCard:
            self._set(events, NO_CARD_STATUS)
            return
        except DeviceOffline:
            raise
        except DeviceError as exc:     # SW3, frame or card-data error: report, one try per card
            self._card_on_reader = True
            events.append(Event(EventKind.ERROR, exc))
            self._set(events, TAKE_CARD_STATUS)
            return
        self._card_on_reader = True
        events.append(Event(EventKind.CARD, rec))
        self._set(events, TAKE_CARD_STATUS)


def read_one(reader: Ga467Reader, timeout: float, poll_s: float = 0.2):
    """Open if needed and wait up to `timeout` for one card (CLI use). Raises DeviceError."""
    deadline = time.monotonic() + timeout
    if not reader.is_open:
        reader.open()
    while True:
        try:
            return reader.read_card()
        except NoCard:
            if time.monotonic() + poll_s > deadline:
                raise
            time.sleep(poll_s)
