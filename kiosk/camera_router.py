"""One camera, several consumers: the face check, the identity and progress QR
scans, and the materials' document photos.

The consumer that starts the preview gets what the camera finds, and nobody
else does; starting again hands the camera (and its picture) to the new one.
The worker runs on its own thread; its results arrive here through queued
connections to this object's methods, on the UI thread.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal


class CameraRouter(QObject):
    _start = Signal(str)
    _stop = Signal()
    _release = Signal()
    _capture = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.view = None                  # screens.camera_view.CameraView, moved between screens
        self._worker = None
        self._handlers: dict[str, Callable] = {}

    def attach(self, worker) -> None:
        """Connect the camera worker (None: no camera configured; every call is then a no-op)."""
        if worker is None:
            return
        from kiosk.devices.camera_link import connect_view
        from screens.camera_view import CameraView
        self._worker = worker
        self.view = CameraView()
        connect_view(worker, self.view)
        worker.face_captured.connect(self._face)
        worker.qr_decoded.connect(self._qr)
        worker.document_captured.connect(self._document)
        worker.document_rejected.connect(self._document_rejected)
        worker.frame_ready.connect(self._frame)
        self._start.connect(worker.start_preview)
        self._stop.connect(worker.stop_preview)
        # The camera's own process ends with the session; an in-thread camera just stops.
        self._release.connect(worker.release if hasattr(worker, "release") else worker.stop_preview)
        self._capture.connect(worker.capture_document)

    def start(self, mode: str, area=None, *, on_face=None, on_qr=None, on_document=None,
              on_document_rejected=None, on_frame=None) -> None:
        """Preview in `area` (a screens PreviewArea) in `mode` ("face", "qr", "document"),
        and route what the camera finds to the given handlers until stop() or the next start()."""
        self._handlers = {k: v for k, v in (("face", on_face), ("qr", on_qr), ("document", on_document),
                                              ("document_rejected", on_document_rejected),
                                              ("frame", on_frame)) if v is not None}
        if self.view is not None and area is not None:
            area.set_view(self.view)
        if self._worker is not None:
            self._start.emit(mode)

    def capture_document(self) -> None:
        if self._worker is not None:
            self._capture.emit()

    def stop(self, release: bool = False) -> None:
        """Stop the preview; `release` (the session's wipe): also end the camera's process."""
        self._handlers = {}
        if self._worker is not None:
            (self._release if release else self._stop).emit()

    def shutdown(self) -> None:
        if self.view is not None:
            self.view.setParent(None)
            self.view.deleteLater()
            self.view = None

    # -- from the worker (queued to this thread) ----------------------------------
    def _face(self, jpeg: bytes, quality: dict) -> None:
        self._route("face", jpeg, quality)

    def _qr(self, payload: str) -> None:
        self._route("qr", payload)

    def _document(self, jpeg: bytes, thumbnail) -> None:
        self._route("document", jpeg, thumbnail)

    def _document_rejected(self, code: str) -> None:
        self._route("document_rejected", code)

    def _frame(self, image, analysis: dict) -> None:
        self._route("frame", image, analysis)

    def _route(self, what: str, *args) -> None:
        handler = self._handlers.get(what)
        if handler is not None:
            handler(*args)
