"""The hub's reports arrive on the UI thread, whatever thread the worker reported from.

A plain callable connected to a worker's signal runs on the worker's thread, so a hub that
tagged the report in a lambda wrote its status table from there, before the listeners (the
metrics, the screens) had heard: CI once saw the metrics lag behind the hub's own table.
"""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal, Slot

from drivers.base import DeviceState, DeviceStatus
from kiosk.devices.hub import DeviceHub


class _CardWorker(QObject):
    """Stands in for a card reader worker: reports a status and a card from its own thread."""
    status_changed = Signal(object)
    card_read = Signal(object)
    card_error = Signal(object)
    card_removed = Signal()

    @Slot()
    def start(self):
        self.status_changed.emit(DeviceStatus(DeviceState.READY))
        self.card_read.emit({"kind": "test card"})
        self.card_removed.emit()

    @Slot(bool)
    def watch(self, on):
        pass

    @Slot()
    def shutdown(self):
        pass


def test_status_and_cards_reach_listeners_on_the_ui_thread(qtbot, demo_config):
    hub = DeviceHub(demo_config(), kinds=["id_reader"], factory_override={"id_reader": lambda c: _CardWorker()})
    seen = []                                    # plain callables: no thread of their own
    hub.status_changed.connect(lambda kind, st: seen.append(("status", kind, threading.current_thread())))
    hub.card_read.connect(lambda kind, rec: seen.append(("card", kind, threading.current_thread())))
    hub.card_removed.connect(lambda kind: seen.append(("removed", kind, threading.current_thread())))
    hub.start()
    try:
        time.sleep(0.5)                          # the worker reports now; the UI thread is busy
        assert hub.statuses == {}, "the hub's table changed on a device thread"
        qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    finally:
        hub.stop()
    assert [s[:2] for s in seen] == [("status", "id_reader"), ("card", "id_reader"), ("removed", "id_reader")]
    assert all(s[2] is threading.main_thread() for s in seen), [s[2].name for s in seen]
    assert hub.statuses["id_reader"].state is DeviceState.READY
