"""A main-thread relay for card workers (ID reader, smart card) in tests.

It sends `watch` like the DeviceHub and re-emits the worker's signals through
queued slots, so qtbot waits on signals of the UI thread, as the kiosk does.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot


class CardRelay(QObject):
    watch = Signal(bool)
    status_changed = Signal(object)
    card_read = Signal(object)
    card_error = Signal(object)
    card_removed = Signal()

    def attach(self, worker) -> "CardRelay":
        self.watch.connect(worker.watch)
        worker.status_changed.connect(self.on_status)
        worker.card_read.connect(self.on_card)
        worker.card_error.connect(self.on_error)
        worker.card_removed.connect(self.on_removed)
        return self

    @Slot(object)
    def on_status(self, st):
        self.status_changed.emit(st)

    @Slot(object)
    def on_card(self, rec):
        self.card_read.emit(rec)

    @Slot(object)
    def on_error(self, err):
        self.card_error.emit(err)

    @Slot()
    def on_removed(self):
        self.card_removed.emit()
