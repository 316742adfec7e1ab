"""DeviceHub: one QThread per device, drivers' results as Qt signals on the UI thread.

Each device kind has a worker (kiosk/devices/<kind>_worker.py) made by its
factory from the configuration. The hub moves each worker to its own thread
(one owner per resource), forwards intents to it through queued signals, and
re-emits what it reports tagged with the device kind.
"""
from __future__ import annotations

import importlib
import logging
from typing import Callable

from PySide6.QtCore import QObject, QThread, Qt, Signal, Slot

from drivers.base import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

# kind → (module, factory). A kind whose driver is "none" gets no worker.
FACTORIES = {
    "id_reader": ("kiosk.devices.id_reader_worker", "create_id_reader_worker"),
    "smartcard": ("kiosk.devices.smartcard_worker", "create_smartcard_worker"),
    "camera": ("kiosk.devices.camera_process", "create_camera"),
    "printer": ("kiosk.devices.printer_worker", "create_printer_worker"),
    "document_printer": ("kiosk.devices.document_printer_worker", "create_document_printer_worker"),
}

LABELS = {"id_reader": "身份证阅读器 ID card reader", "smartcard": "社保卡读卡器 smart card reader",
          "camera": "摄像头 camera", "printer": "回执打印机 receipt printer",
          "document_printer": "A4 打印机 document printer"}


def configured_kinds(cfg) -> list[str]:
    d = cfg.devices
    kinds = []
    if d.id_reader.driver != "none":
        kinds.append("id_reader")
    if d.smartcard.driver != "none":
        kinds.append("smartcard")
    if d.camera.driver != "none":
        kinds.append("camera")
    if d.printer.url != "none":
        kinds.append("printer")
    if d.document_printer.driver != "none":
        kinds.append("document_printer")
    return kinds


class DeviceHub(QObject):
    status_changed = Signal(str, object)     # kind, DeviceStatus
    card_read = Signal(str, object)          # kind, IdentityRecord
    card_error = Signal(str, object)         # kind, DeviceError
    card_removed = Signal(str)               # kind

    _watch = Signal(bool)                    # → card workers
    _shutdown = Signal()                     # → every worker, blocking
    # A lambda connected to a worker's signal runs on the worker's thread (it has no thread of its
    # own), so the workers' reports are tagged there and cross to the hub's thread by these.
    _status_in = Signal(str, object)
    _card_in = Signal(str, object)
    _error_in = Signal(str, object)
    _removed_in = Signal(str)

    def __init__(self, cfg, kinds: list[str] | None = None,
                 factory_override: dict[str, Callable] | None = None, parent=None):
        super().__init__(parent)
        self.cfg = cfg
        self.kinds = configured_kinds(cfg) if kinds is None else kinds
        self._factory_override = factory_override or {}
        self.workers: dict[str, QObject] = {}
        self.threads: dict[str, QThread] = {}
        self.statuses: dict[str, DeviceStatus] = {}
        self._watching = False
        self._status_in.connect(self._set_status)
        self._card_in.connect(self.card_read)
        self._error_in.connect(self.card_error)
        self._removed_in.connect(self.card_removed)

    def _factory(self, kind: str) -> Callable:
        if kind in self._factory_override:
            return self._factory_override[kind]
        module, name = FACTORIES[kind]
        return getattr(importlib.import_module(module), name)

    def start(self) -> None:
        for kind in self.kinds:
            try:
                worker = self._factory(kind)(self.cfg)
            except Exception as exc:   # a broken device must not stop the kiosk
                log.warning("device %s could not be created: %s", kind, exc)
                self._set_status(kind, DeviceStatus(DeviceState.ERROR, "create_failed",
                                                    "设备初始化失败", f"could not create: {exc}"))
                continue
            thread = QThread(self)
            thread.setObjectName(f"device-{kind}")
            worker.moveToThread(thread)
            worker.status_changed.connect(lambda st, k=kind: self._status_in.emit(k, st))
            if hasattr(worker, "card_read"):
                worker.card_read.connect(lambda rec, k=kind: self._card_in.emit(k, rec))
                worker.card_error.connect(lambda err, k=kind: self._error_in.emit(k, err))
                worker.card_removed.connect(lambda k=kind: self._removed_in.emit(k))
                self._watch.connect(worker.watch)
            self._shutdown.connect(worker.shutdown, Qt.ConnectionType.BlockingQueuedConnection)
            thread.started.connect(worker.start)
            self.workers[kind] = worker
            self.threads[kind] = thread
            thread.start()

    @Slot(str, object)
    def _set_status(self, kind: str, status: DeviceStatus) -> None:
        self.statuses[kind] = status
        self.status_changed.emit(kind, status)

    def worker(self, kind: str) -> QObject | None:
        return self.workers.get(kind)

    def emulator(self, kind: str):
        return getattr(self.workers.get(kind), "emulator", None)

    def watch_cards(self, on: bool) -> None:
        """Poll card readers only while a screen waits for a card."""
        if on != self._watching:
            self._watching = on
            self._watch.emit(on)

    def stop(self) -> None:
        if self.threads:
            self._shutdown.emit()          # blocks until every worker has closed its device
        for thread in self.threads.values():
            thread.quit()
            thread.wait(5000)
        self.threads.clear()
        self.workers.clear()

    def summary(self) -> list[dict]:
        out = []
        for kind in self.kinds:
            st = self.statuses.get(kind)
            out.append({"kind": kind, "label": LABELS.get(kind, kind),
                        "state": st.state.value if st else "unknown",
                        "message_zh": st.message_zh if st else "", "message_en": st.message_en if st else ""})
        return out
