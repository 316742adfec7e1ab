"""Qt worker for the ID-card reader (and, via `CardWorker`, any card watcher).

The DeviceHub moves the worker to its own QThread; every slot runs there, so
serial I/O never touches the UI thread. The worker polls the reader only while
`watch(True)` is in force (a screen waits for a card); otherwise it checks
once a second, without serial traffic, that the port is still there.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.base import DeviceState, DeviceStatus
from drivers.id_reader.emulator import IdReaderEmulator
from drivers.id_reader.photo import PhotoDecoderError, load_decoder
from drivers.id_reader.reader import Ga467Reader
from drivers.id_reader.watcher import CardWatcher, EventKind

log = logging.getLogger(__name__)

IDLE_MS = 1000       # port check while no screen waits for a card
OFFLINE_MS = 200     # ticks while offline; the watcher's backoff decides real attempts


class CardWorker(QObject):
    status_changed = Signal(object)   # drivers.base.DeviceStatus
    card_read = Signal(object)        # drivers.identity.IdentityRecord
    card_error = Signal(object)       # drivers.base.DeviceError
    card_removed = Signal()

    def __init__(self, watcher, poll_ms: int = 300, emulator=None, parent=None):
        super().__init__(parent)
        self.watcher = watcher
        self.poll_ms = poll_ms
        self.emulator = emulator      # the demo dock drives it: present(card), remove()
        self._watching = False
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)    # created here so it lives in the worker thread
        self._timer.timeout.connect(self._tick)
        self._timer.start(IDLE_MS)
        self._tick()

    @Slot(bool)
    def watch(self, on: bool) -> None:
        self._watching = bool(on)
        if self._timer is not None:
            self._tick()

    @Slot()
    def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.watcher.close()
        if self.emulator is not None:
            self.emulator.stop()

    def _tick(self) -> None:
        try:
            events = self.watcher.poll(self._watching)
        except Exception as exc:   # a driver bug must not kill the thread; say so, keep going
            log.warning("card watcher failed / 读卡轮询异常: %s", type(exc).__name__)
            events = []
            self.status_changed.emit(DeviceStatus(DeviceState.ERROR, "internal", "读卡器内部错误",
                                                  f"internal error: {type(exc).__name__}"))
        for ev in events:
            if ev.kind is EventKind.STATUS:
                self.status_changed.emit(ev.payload)
            elif ev.kind is EventKind.CARD:
                self.card_read.emit(ev.payload)
            elif ev.kind is EventKind.ERROR:
                log.warning("card error / 读卡错误: %s", ev.payload.en)
                self.card_error.emit(ev.payload)
            elif ev.kind is EventKind.REMOVED:
                self.card_removed.emit()
        if self._timer is not None:
            st = self.watcher.status
            if st is not None and st.state is DeviceState.OFFLINE:
                interval = OFFLINE_MS
            else:
                interval = self.poll_ms if self._watching else IDLE_MS
            if self._timer.interval() != interval:
                self._timer.setInterval(interval)


class IdReaderWorker(CardWorker):
    def __init__(self, reader: Ga467Reader, poll_ms: int = 300, emulator=None, parent=None):
        super().__init__(CardWatcher(reader), poll_ms, emulator, parent)
        self.reader = reader


def create_id_reader_worker(cfg) -> IdReaderWorker:
    """Real driver on `port`, or (driver = "emulated") on the pty of an IdReaderEmulator."""
    d = cfg.devices.id_reader
    emulator = None
    if d.driver == "emulated":
        # The reader starts empty, like a real one: the demo dock presents `card`
        # (its default choice) when the person trying the kiosk lays it down.
        emulator = IdReaderEmulator(None)
        port = emulator.start()
    else:
        port = d.port
    decoder = None
    try:
        decoder = load_decoder(d.photo_decoder)
    except PhotoDecoderError as exc:   # optional: the kiosk works without photos
        log.warning("%s / %s", exc.en, exc.zh)
    return IdReaderWorker(Ga467Reader(port, d.baud, photo_decoder=decoder), d.poll_ms, emulator)
