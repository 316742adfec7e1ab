"""A camera as OpenCV sees it: index, device path, stream URL, video file or image sequence.

`CameraSource` opens `cv2.VideoCapture`, applies resolution and fps, hands out
BGR frames, loops files (so a recording behaves like a camera) and reopens a
lost camera with exponential backoff. Plain blocking code: the kiosk runs it on
its camera worker thread; a technician can use it from a shell.

The emulated camera (`emulated.py`) passes a stream factory instead of a
string, so its frames go through the same `cv2.VideoCapture` path.
"""
from __future__ import annotations

import io
import logging
import os
import re
import threading
import time
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np

from drivers.base import DeviceOffline

log = logging.getLogger(__name__)

StreamFactory = Callable[[], io.BufferedIOBase]


@dataclass(frozen=True)
class SourceSpec:
    """What a `source` string means. kind: index | device | url | file | sequence | stream."""
    kind: str
    target: object      # int index, path/URL string, or a StreamFactory
    label: str          # safe to log and show to a technician

    @property
    def live(self) -> bool:
        """Live sources pace themselves (read blocks until the next frame); files do not."""
        return self.kind in ("index", "device", "url")


def parse_source(source: "str | int | StreamFactory") -> SourceSpec:
    """Classify a kiosk.toml `source` value. Raises ValueError for an empty or absurd one."""
    if callable(source):
        return SourceSpec("stream", source, "emulated stream")
    if isinstance(source, int):
        return SourceSpec("index", source, f"camera #{source}")
    s = str(source).strip()
    if not s:
        raise ValueError("empty camera source")
    if re.fullmatch(r"\d{1,3}", s):
        return SourceSpec("index", int(s), f"camera #{s}")
    if re.match(r"[a-z][a-z0-9+.-]*://", s, re.I) and not s.lower().startswith("file://"):
        # Hide credentials in rtsp://user:pass@host from logs.
        label = re.sub(r"//[^/@]*@", "//***@", s)
        return SourceSpec("url", s, label)
    if s.lower().startswith("file://"):
        s = s[7:]
    if s.startswith("/dev/"):
        return SourceSpec("device", s, s)
    if re.search(r"%0?\d*d", s):
        return SourceSpec("sequence", s, s)
    return SourceSpec("file", s, s)


_FFMPEG_ENV = "OPENCV_FFMPEG_CAPTURE_OPTIONS"
_ffmpeg_env_lock = threading.Lock()


def _open_mjpeg_stream(stream: io.BufferedIOBase) -> cv2.VideoCapture:
    """Open an in-memory Motion-JPEG stream with FFmpeg's probing cut short.

    FFmpeg probes 5 MB by default: on an endless stream that is ~4 s of frames
    read ahead, so a scene change would show seconds late. OpenCV reads this
    variable at open time only, so it is set just around the call.
    """
    with _ffmpeg_env_lock:
        old = os.environ.get(_FFMPEG_ENV)
        os.environ[_FFMPEG_ENV] = "f;mjpeg|probesize;32768|analyzeduration;0|fflags;nobuffer"
        try:
            return cv2.VideoCapture(stream, cv2.CAP_FFMPEG, [])
        finally:
            if old is None:
                os.environ.pop(_FFMPEG_ENV, None)
            else:
                os.environ[_FFMPEG_ENV] = old


class CameraSource:
    """One camera. `open()` raises DeviceOffline; `read()` returns a frame or raises DeviceOffline.

    After a failure `read()` reopens by itself, but not more often than the
    backoff allows (0.5 s doubling to `max_backoff_s`), so a missing camera does
    not spin a core.
    """

    def __init__(self, source: "str | int | StreamFactory", width: int = 640, height: int = 480,
                 fps: int = 30, loop: bool = True, max_backoff_s: float = 8.0,
                 clock: Callable[[], float] = time.monotonic):
        self.spec = parse_source(source)
        self.width, self.height, self.fps = width, height, fps
        self.loop = loop
        self.max_backoff_s = max_backoff_s
        self._clock = clock
        self._cap: cv2.VideoCapture | None = None
        self._stream: io.BufferedIOBase | None = None
        self._backoff = 0.0
        self._next_try = 0.0
        self.frames_read = 0
        self.reopen_count = 0

    # ---- life cycle -------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._cap is not None

    @property
    def live(self) -> bool:
        return self.spec.live

    def open(self) -> None:
        self.close()
        spec = self.spec
        if spec.kind in ("file", "sequence"):
            probe = spec.target % 0 if spec.kind == "sequence" else spec.target
            first = probe if spec.kind == "file" else None
            if first and not os.path.exists(first):
                raise DeviceOffline("camera_missing", f"找不到视频文件：{spec.label}",
                                    f"video file not found: {spec.label}")
        try:
            if spec.kind == "stream":
                self._stream = spec.target()
                cap = _open_mjpeg_stream(self._stream)
            elif spec.kind == "sequence":
                cap = cv2.VideoCapture(spec.target, cv2.CAP_IMAGES)
            elif spec.kind in ("index", "device"):
                cap = cv2.VideoCapture(spec.target, cv2.CAP_V4L2)
            else:
                cap = cv2.VideoCapture(spec.target)
        except cv2.error as exc:
            self._close_stream()
            raise DeviceOffline("camera_open_failed", f"摄像头无法打开：{spec.label}",
                                f"cannot open camera {spec.label}: {exc}") from None
        if not cap.isOpened():
            cap.release()
            self._close_stream()
            raise DeviceOffline("camera_missing", f"摄像头未连接或无法打开：{spec.label}",
                                f"camera missing or cannot be opened: {spec.label}")
        if spec.kind in ("index", "device", "url"):
            # Drivers may ignore these; the frames say what we really got.
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            cap.set(cv2.CAP_PROP_FPS, self.fps)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)   # the newest frame, not a stale queue
        self._cap = cap
        self._backoff = 0.0
        log.info("camera opened: %s", spec.label)

    def probe(self) -> None:
        """Check the camera is there without switching it on (no LED at start-up); raises DeviceOffline.

        Local cameras: the device node must exist. Files and sequences: the
        file must exist. The emulated stream is opened and closed (invisible).
        A stream URL cannot be checked without connecting: it passes here and
        shows its state when a preview starts.
        """
        spec = self.spec
        if spec.kind in ("index", "device"):
            node = f"/dev/video{spec.target}" if spec.kind == "index" else spec.target
            if not os.path.exists(node):
                raise DeviceOffline("camera_missing", f"摄像头未连接：{spec.label}",
                                    f"camera missing: {node} does not exist")
        elif spec.kind == "stream":
            self.open()
            self.close()
        elif spec.kind in ("file", "sequence"):
            first = spec.target % 0 if spec.kind == "sequence" else spec.target
            if not os.path.exists(first) and not (spec.kind == "sequence" and os.path.exists(spec.target % 1)):
                raise DeviceOffline("camera_missing", f"找不到视频文件：{spec.label}",
                                    f"video file not found: {spec.label}")

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None
        self._close_stream()

    def _close_stream(self) -> None:
        if self._stream is not None:
            try:
                self._stream.close()
            except Exception:  # noqa: BLE001 - closing a dead stream must not hide the real error
                pass
            self._stream = None

    def __enter__(self) -> "CameraSource":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- frames -----------------------------------------------------------
    def read(self) -> np.ndarray:
        """The next BGR frame at (about) the configured size. Raises DeviceOffline."""
        if self._cap is None:
            self._reopen()
        ok, frame = self._cap.read()
        if not ok and self.loop and self.spec.kind in ("file", "sequence"):
            # End of the recording: start again, like a camera that never stops.
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._cap.read()
            if not ok:   # some containers cannot seek: reopen instead
                self.open()
                ok, frame = self._cap.read()
        if not ok or frame is None:
            self._lost()
            raise DeviceOffline("camera_lost", "摄像头画面中断，正在重新连接",
                                f"camera {self.spec.label} stopped delivering frames; reconnecting")
        self.frames_read += 1
        return self._fit(frame)

    def _fit(self, frame: np.ndarray) -> np.ndarray:
        if frame.ndim == 2:
            frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        elif frame.shape[2] == 4:
            frame = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
        h, w = frame.shape[:2]
        if self.spec.kind in ("file", "sequence", "stream") and (w, h) != (self.width, self.height):
            # Recordings are scaled to the configured size so the pipeline sees one shape.
            frame = cv2.resize(frame, (self.width, self.height), interpolation=cv2.INTER_AREA)
        return frame

    def _lost(self) -> None:
        self.close()
        self._backoff = min(self.max_backoff_s, max(0.5, self._backoff * 2))
        self._next_try = self._clock() + self._backoff
        log.warning("camera lost: %s; next try in %.1f s", self.spec.label, self._backoff)

    def _reopen(self) -> None:
        now = self._clock()
        if now < self._next_try:
            raise DeviceOffline("camera_offline", "摄像头未连接，正在重试",
                                f"camera {self.spec.label} offline; retry in {self._next_try - now:.1f} s")
        try:
            self.open()
        except DeviceOffline:
            self._lost()
            raise
        if self._next_try:          # a reopen after a loss, not the first open
            self.reopen_count += 1

    def retry_in(self) -> float:
        """Seconds until read() will try to reopen (0 when open or due)."""
        return 0.0 if self._cap is not None else max(0.0, self._next_try - self._clock())

    def still(self) -> np.ndarray:
        """A still at the camera's best resolution (document capture), then back to preview size.

        For live cameras the resolution is raised to what the driver allows
        (up to 4096×4096; it picks its largest mode), one frame is taken
        (after a couple of warm-up frames for exposure), and the preview size
        is restored. Files and the emulator return their native frame.
        """
        if self._cap is None:
            self._reopen()
        if self.spec.kind not in ("index", "device"):
            return self.read()
        cap = self._cap
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, 4096)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, 4096)
        frame = None
        try:
            for _ in range(3):
                ok, f = cap.read()
                if ok:
                    frame = f
        finally:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        if frame is None:
            self._lost()
            raise DeviceOffline("camera_lost", "拍照失败，摄像头画面中断",
                                f"camera {self.spec.label} gave no still frame")
        return frame

    def __repr__(self) -> str:
        return f"CameraSource({self.spec.label!r}, {self.width}x{self.height}@{self.fps})"
