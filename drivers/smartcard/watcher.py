"""Insert/remove monitoring of the social-security card: one read per insertion.

Same shape as drivers.id_reader.watcher.CardWatcher: call `poll(watching)`
periodically and handle the returned events. Presence comes from
SCardGetStatusChange (no card traffic); the card is read only while watching.
"""
from __future__ import annotations

import time

from drivers.base import READY, DeviceError, DeviceOffline, DeviceState, DeviceStatus
from drivers.id_reader.watcher import Event, EventKind
from drivers.smartcard.errors import NoCard
from drivers.smartcard.reader import SocialSecurityReader

NO_CARD_STATUS = DeviceStatus(DeviceState.NO_MEDIA, "no_card", "请插入社保卡", "insert the card")
TAKE_CARD_STATUS = DeviceStatus(DeviceState.READY, "take_card", "请取出社保卡", "please take the card out")


class SmartcardWatcher:
    def __init__(self, reader: SocialSecurityReader, *, first_backoff: float = 0.2,
                 max_backoff: float = 2.0):
        self.reader = reader
        self.first_backoff, self.max_backoff = first_backoff, max_backoff
        self._backoff = first_backoff
        self._next_try = 0.0
        self._status: DeviceStatus | None = None
        self._present = False
        self._done = False      # this insertion was read (or failed): not again

    @property
    def status(self) -> DeviceStatus | None:
        return self._status

    def _set(self, events: list[Event], st: DeviceStatus) -> None:
        if st != self._status:
            self._status = st
            events.append(Event(EventKind.STATUS, st))

    def close(self) -> None:
        self.reader.close()

    def poll(self, watching: bool) -> list[Event]:
        events: list[Event] = []
        if time.monotonic() < self._next_try:
            return events
        try:
            present = self.reader.card_present()
        except DeviceOffline as exc:
            self.reader.close()
            self._next_try = time.monotonic() + self._backoff
            self._backoff = min(self._backoff * 2, self.max_backoff)
            self._set(events, exc.status())
            return events
        self._backoff = self.first_backoff
        if not present:
            if self._present:
                events.append(Event(EventKind.REMOVED))
            self._present = self._done = False
            self._set(events, NO_CARD_STATUS if watching else READY)
            return events
        self._present = True
        if not watching or self._done:
            self._set(events, TAKE_CARD_STATUS if self._done else READY)
            return events
        try:
            rec = self.reader.read_card()
        except NoCard:
            self._set(events, NO_CARD_STATUS)
            return events
        except DeviceOffline as exc:
            self._set(events, exc.status())
            return events
        except DeviceError as exc:      # removed mid-read, SW error, bad data
            self._done = True
            events.append(Event(EventKind.ERROR, exc))
            self._set(events, TAKE_CARD_STATUS)
            return events
        self._done = True
        events.append(Event(EventKind.CARD, rec))
        self._set(events, TAKE_CARD_STATUS)
        return events


__all__ = ["SmartcardWatcher", "READY"]
