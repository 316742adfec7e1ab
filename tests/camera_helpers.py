"""Shared helpers for the camera tests: a worker on a real QThread, driven like the app drives it."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Qt, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.config import parse_config


def camera_config(tmp_path: Path, driver: str = "emulated", source: str = "", fps: int = 30):
    text = (f'[kiosk]\ndata_dir = "{tmp_path / "var"}"\n'
            f'[devices.camera]\ndriver = "{driver}"\nsource = "{source}"\nfps = {fps}\n')
    return parse_config(text, tmp_path / "kiosk.toml")


class AppSide(QObject):
    """What the app does: queued signals into the worker's slots."""
    start_preview = Signal(str)
    stop_preview = Signal()
    capture_document = Signal()
    shutdown = Signal()

    def attach(self, worker) -> None:
        self.start_preview.connect(worker.start_preview)
        self.stop_preview.connect(worker.stop_preview)
        self.capture_document.connect(worker.capture_document)
        self.shutdown.connect(worker.shutdown, Qt.ConnectionType.BlockingQueuedConnection)


@contextmanager
def running_worker(worker):
    thread = QThread()
    thread.setObjectName("test-camera")
    worker.moveToThread(thread)
    app = AppSide()
    app.attach(worker)
    thread.started.connect(worker.start)
    thread.start()
    try:
        yield app
    finally:
        app.shutdown.emit()
        thread.quit()
        assert thread.wait(5000)


class Recorder(QObject):
    """Collects the worker's signals on the UI thread (queued), like the app's slots would.

    (pytest-qt's waitSignal on a cross-thread signal runs its clean-up in the
    emitting thread, which Qt rejects; so the tests record and waitUntil.)
    """

    def __init__(self, worker):
        super().__init__()
        self.faces: list = []
        self.qrs: list[str] = []
        self.documents: list = []
        self.statuses: list = []
        self.actives: list[bool] = []
        self.frames: list[dict] = []
        q = Qt.ConnectionType.QueuedConnection
        worker.face_captured.connect(self.on_face, q)
        worker.qr_decoded.connect(self.on_qr, q)
        worker.document_captured.connect(self.on_document, q)
        worker.status_changed.connect(self.on_status, q)
        worker.camera_active.connect(self.on_active, q)

    @Slot(bytes, dict)
    def on_face(self, jpeg, info):
        self.faces.append((jpeg, info))

    @Slot(str)
    def on_qr(self, text):
        self.qrs.append(text)

    @Slot(bytes, QImage)
    def on_document(self, jpeg, thumb):
        self.documents.append((jpeg, thumb))

    @Slot(object)
    def on_status(self, st):
        self.statuses.append(st)

    @Slot(bool)
    def on_active(self, on):
        self.actives.append(on)
