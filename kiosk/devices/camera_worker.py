"""The camera worker: capture and analysis on the camera's own thread, frames to the UI.

The DeviceHub moves a `CameraWorker` to its QThread and calls its slots
through queued connections. While a preview is requested the worker reads
frames at the source's fps (a QTimer in the worker thread), analyses each one
for the current mode (face quality, QR codes, page corners), converts it to a
QImage *in the worker* (`.copy()`: a no-copy QImage would share the numpy
buffer), and emits `frame_ready` only when the UI has acknowledged the
previous frame with `frame_consumed()`. Frames are dropped, never queued, so
a slow UI never builds a backlog and never stalls.

The camera is opened only while a preview runs and released when it stops
(`camera_active` drives the on-screen "摄像头已开启" indicator). Face images
stay in memory: the best frame is JPEG-encoded into bytes, emitted once, and
every frame reference is dropped when the preview stops.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Qt, Signal, Slot
from PySide6.QtGui import QImage

from drivers.base import DeviceError, DeviceOffline, DeviceState, DeviceStatus
from drivers.camera.document import find_page, flatten_page, thumbnail, upload_jpeg
from drivers.camera.face import (BestFrameSelector, FaceDetector, FaceGates, HaarFaceDetector,
                                 HeadMotionLiveness, assess_face, encode_face_jpeg)
from drivers.camera.qr import decode_qr
from drivers.camera.source import CameraSource

log = logging.getLogger(__name__)


MODES = ("face", "qr", "document")
ACK_TIMEOUT_S = 1.0        # an acknowledgement lost (view replaced): send again after this
QR_PROMPT = ("请将手机上的二维码对准摄像头", "hold the QR code up to the camera")
DOC_PROMPTS = {True: ("已找到材料，请点击“拍照”", "page found: press capture"),
               False: ("请将材料平放在取景框内", "place the page flat inside the frame")}


def to_qimage(frame: np.ndarray) -> QImage:
    """A QImage that owns its pixels (safe to hand to another thread)."""
    h, w = frame.shape[:2]
    frame = np.ascontiguousarray(frame)
    return QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888).copy()


class CameraWorker(QObject):
    status_changed = Signal(object)          # drivers.base.DeviceStatus
    frame_ready = Signal(QImage, dict)       # preview frame + analysis (see _analyse_*)
    face_captured = Signal(bytes, dict)      # best face JPEG (memory only) + quality/liveness
    qr_decoded = Signal(str)                 # the payload; the preview stops after it
    document_captured = Signal(bytes, QImage)  # upload JPEG + thumbnail
    document_rejected = Signal(str)            # a still that is not a document ("face": a portrait)
    camera_active = Signal(bool)             # the camera is on (indicator)

    def __init__(self, source_factory: Callable[[], CameraSource], detector: FaceDetector | None = None,
                 gates: FaceGates = FaceGates(), emulator=None, detect_hz: float = 20.0, parent=None):
        super().__init__(parent)
        # Face detection at about `detect_hz` (20: two frames in three at 30 fps; the goal is ≥ 15 Hz);
        # the frames between show the last analysis. Keeps 30 fps on a busy 2-core kiosk, where
        # detecting on every frame fell to ~22 fps (bench/RESULTS.md). 0 or ≥ fps: every frame.
        self.detect_hz = detect_hz
        self._detect_credit = 1.0
        self._last_face_info: dict | None = None
        self._source_factory = source_factory
        self._detector = detector
        self.gates = gates
        self.emulator = emulator            # EmulatedCamera for the demo dock, else None
        self._source: CameraSource | None = None
        self._timer: QTimer | None = None
        self._mode: str | None = None
        self._active = False
        self._ui_ready = True
        self._sent_at = 0.0
        self._next_due = 0.0
        self._want_still = False
        self._status: DeviceStatus | None = None
        self._selector = BestFrameSelector()
        self._liveness = HeadMotionLiveness()
        self._started_at = 0.0
        # Figures for the benchmark and technicians (no image data).
        self.frames_read = 0
        self.frames_sent = 0
        self.frames_dropped = 0
        self.detections = 0
        self.analysis_ms: list[float] = []

    # ---- life cycle (hub) ----------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Check the camera is there without switching it on (see CameraSource.probe)."""
        try:
            self._source_factory().probe()
            self._set_status(DeviceStatus(DeviceState.READY))
        except DeviceError as exc:
            self._set_status(exc.status())
        except Exception as exc:  # noqa: BLE001 - a bad source string must not kill the thread
            self._set_status(DeviceStatus(DeviceState.ERROR, "camera_config", "摄像头配置错误",
                                          f"bad camera source: {exc}"))

    @Slot()
    def shutdown(self) -> None:
        self.stop_preview()
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None

    # ---- intents (screens, through the app) ------------------------------------
    @Slot(str)
    def start_preview(self, mode: str) -> None:
        if mode not in MODES:
            log.warning("camera: unknown preview mode %r (known: %s)", mode, ", ".join(MODES))
            return
        self._mode = mode
        self._reset_analysis()
        self._ui_ready = True
        self._started_at = time.monotonic()
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._timer.timeout.connect(self._tick)
        self._next_due = time.monotonic()
        self._timer.start(0)

    @Slot()
    def stop_preview(self) -> None:
        self._mode = None
        self._want_still = False
        if self._timer is not None:
            self._timer.stop()
        self._reset_analysis()          # drop every face frame held in memory
        if self._source is not None:
            self._source.close()
            self._source = None
        if self._active:
            self._active = False
            self.camera_active.emit(False)
        if self._status is not None and self._status.state == DeviceState.BUSY:
            self._set_status(DeviceStatus(DeviceState.READY))

    @Slot()
    def capture_document(self) -> None:
        """Take a still on the next frame (document mode); emits document_captured."""
        if self._mode == "document":
            self._want_still = True

    @Slot()
    def frame_consumed(self) -> None:
        """The UI has taken the last frame. Safe to call from any thread (one flag).

        Connect it with Qt.DirectConnection (see `connect_view`): a queued call
        would wait in the worker's event queue until the current frame's
        analysis ends, and the next frame would be dropped for nothing.
        """
        self._ui_ready = True

    @property
    def mode(self) -> str | None:
        return self._mode

    # ---- the loop -------------------------------------------------------------
    def _tick(self) -> None:
        if self._mode is None:
            return
        try:
            if self._source is None:
                self._source = self._source_factory()
            frame = self._source.read()     # reopens a lost camera, with backoff
        except DeviceOffline as exc:
            self._offline(exc)
            return
        except Exception as exc:  # noqa: BLE001 - bad source: report, keep the thread alive
            self._offline(DeviceOffline("camera_open_failed", "摄像头无法打开", f"camera failed: {exc}"))
            return
        self.frames_read += 1
        if not self._active:
            self._active = True
            self.camera_active.emit(True)
        if self._status is None or self._status.state != DeviceState.BUSY:
            self._set_status(DeviceStatus(DeviceState.BUSY, "preview", "摄像头已开启", "camera preview on"))
        t0 = time.perf_counter()
        mode = self._mode
        try:
            if mode == "face":
                info = self._analyse_face(frame)
            elif mode == "qr":
                info = self._analyse_qr(frame)
            else:
                info = self._analyse_document(frame)
        except Exception:  # noqa: BLE001 - one bad frame must not stop the preview
            log.exception("camera: analysis failed on a frame (mode %s); frame skipped", mode)
            info = {"mode": mode, "ok": False, "prompt_zh": "", "prompt_en": ""}
        self.analysis_ms.append((time.perf_counter() - t0) * 1000)
        if len(self.analysis_ms) > 1000:
            del self.analysis_ms[:500]
        if self._mode is None:      # the analysis finished the job and stopped the preview
            return
        now = time.monotonic()
        if not self._ui_ready and now - self._sent_at > ACK_TIMEOUT_S:
            self._ui_ready = True
        if self._ui_ready:
            self._ui_ready = False
            self._sent_at = now
            self.frames_sent += 1
            self.frame_ready.emit(to_qimage(frame), info)
        else:
            self.frames_dropped += 1
        self._schedule()

    def _schedule(self) -> None:
        """Next tick at the source's frame period (live cameras pace themselves in read())."""
        if self._source is not None and self._source.live:
            self._timer.start(0)
            return
        period = 1.0 / max(1, self._source.fps if self._source else 30)
        now = time.monotonic()
        self._next_due = max(self._next_due + period, now - period)  # catch up at most one frame
        self._timer.start(max(0, int((self._next_due - now) * 1000)))

    def _offline(self, exc: DeviceOffline) -> None:
        if self._active:
            self._active = False
            self.camera_active.emit(False)
        self._set_status(exc.status())
        wait = self._source.retry_in() if self._source is not None else 1.0
        if self._timer is not None and self._mode is not None:
            self._timer.start(int(max(0.05, wait) * 1000))

    def _set_status(self, status: DeviceStatus) -> None:
        if status != self._status:
            self._status = status
            if status.state in (DeviceState.OFFLINE, DeviceState.ERROR):
                log.warning("camera: %s (%s)", status.message_en, status.code)
            self.status_changed.emit(status)

    def _reset_analysis(self) -> None:
        self._detect_credit = 1.0
        self._last_face_info = None
        self._selector.clear()
        self._liveness.clear()

    # ---- analysis per mode ----------------------------------------------------
    def _detector_(self) -> FaceDetector:
        if self._detector is None:
            self._detector = HaarFaceDetector()
        return self._detector

    def _analyse_face(self, frame: np.ndarray) -> dict:
        fps = self._source.fps if self._source is not None else 30
        self._detect_credit += self.detect_hz / fps if 0 < self.detect_hz < fps else 1.0
        if self._last_face_info is not None and self._detect_credit < 1.0:
            return dict(self._last_face_info, detected=False)
        self._detect_credit = min(self._detect_credit - 1.0, 1.0)
        h, w = frame.shape[:2]
        faces = self._detector_().detect(frame)
        self.detections += 1
        q = assess_face(frame, faces, self.gates)
        now = time.monotonic()
        self._liveness.feed(frame, q)
        self._selector.feed(frame, q, now)
        info = q.as_dict()
        info.update(mode="face", guide_oval=self.gates.guide_oval(w, h),
                    liveness=self._liveness.as_dict(), progress=round(self._selector.progress(now), 2),
                    elapsed_s=round(now - self._started_at, 1))
        if q.ok and not self._liveness.passed:
            info["prompt_zh"], info["prompt_en"] = self._liveness.prompt_zh, "slowly turn your head left and right"
        info["detected"] = True
        self._last_face_info = info
        if self._liveness.passed and self._selector.done(now):
            best = self._selector.best()
            frame_b, qb = best
            jpeg = encode_face_jpeg(frame_b, qb.box)
            result = qb.as_dict()
            result.update(liveness=self._liveness.as_dict(), jpeg_bytes=len(jpeg),
                          elapsed_s=info["elapsed_s"])
            self.stop_preview()         # camera off and face frames dropped before handing over
            self.face_captured.emit(jpeg, result)
            info["ok"] = True
        return info

    def _analyse_qr(self, frame: np.ndarray) -> dict:
        codes = decode_qr(frame)
        info = {"mode": "qr", "ok": bool(codes), "prompt_zh": QR_PROMPT[0], "prompt_en": QR_PROMPT[1],
                "qr_corners": [list(map(list, c.corners)) for c in codes],
                "frame_size": [frame.shape[1], frame.shape[0]]}
        if codes:
            self.stop_preview()
            self.qr_decoded.emit(codes[0].text)
        return info

    def _analyse_document(self, frame: np.ndarray) -> dict:
        corners = find_page(frame)
        found = corners is not None
        info = {"mode": "document", "ok": found, "prompt_zh": DOC_PROMPTS[found][0],
                "prompt_en": DOC_PROMPTS[found][1],
                "page_corners": corners.round().astype(int).tolist() if found else None,
                "frame_size": [frame.shape[1], frame.shape[0]]}
        if self._want_still:
            self._want_still = False
            try:
                still = self._source.still()
            except DeviceOffline as exc:
                self._offline(exc)
                return info
            c = find_page(still)
            if c is None and self._detector_().detect(still):
                # A face and no page: a portrait (the resident's own face), not a document.
                self.document_rejected.emit("face")
                return info
            # No page found: keep the whole picture; the resident sees the thumbnail and may retake.
            page = flatten_page(still, c) if c is not None else still
            self.document_captured.emit(upload_jpeg(page), to_qimage(thumbnail(page)))
        return info


def create_camera_worker(cfg) -> CameraWorker:
    """The in-thread worker for cfg.devices.camera (driver "opencv" | "emulated"; "none" gets no
    worker). The kiosk runs it in a process of its own by default: kiosk/devices/camera_process.py."""
    return camera_worker_for(cfg.devices.camera)


def camera_worker_for(c) -> CameraWorker:
    """The worker for one [devices.camera] table (anything with driver, source, width, height, fps)."""
    if c.driver == "none":
        raise ValueError("camera driver is none / 未配置摄像头")
    if c.driver == "emulated" and not c.source:
        from drivers.camera.emulated import EmulatedCamera
        emulator = EmulatedCamera(c.width, c.height, c.fps)
        return CameraWorker(emulator.source, emulator=emulator)
    # opencv, or emulated with a recording (a video file or an img_%03d.png sequence)
    source = c.source if c.source else "0"
    return CameraWorker(lambda: CameraSource(source, c.width, c.height, c.fps))
