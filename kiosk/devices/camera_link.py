"""Wiring a preview widget to a camera worker, in-thread or in its own process.

Qt only (no OpenCV, no numpy): the screens' side of the camera imports this, so the
kiosk's process loads the camera's libraries only when the camera runs in it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt


def connect_view(worker, view) -> None:
    """Wire a preview widget (screens.camera_view.CameraView or alike) to the worker.

    frames and the camera-on sign go to the view (queued, UI thread); the
    view's acknowledgement goes straight to the worker's flag (direct).
    """
    worker.frame_ready.connect(view.set_frame)
    worker.camera_active.connect(view.set_camera_active)
    view.frame_shown.connect(worker.frame_consumed, Qt.ConnectionType.DirectConnection)


def disconnect_view(worker, view) -> None:
    for sig, slot in ((worker.frame_ready, view.set_frame), (worker.camera_active, view.set_camera_active),
                      (view.frame_shown, worker.frame_consumed)):
        try:
            sig.disconnect(slot)
        except (RuntimeError, TypeError):   # not connected
            pass
