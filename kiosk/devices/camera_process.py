"""The camera in a process of its own, behind the camera worker's signals and slots.

Why: OpenCV, FFmpeg and the camera's driver are the largest and least
predictable code the kiosk runs. In their own process a crash or a hang there
cannot stop the screens (the kiosk restarts the process and the resident sees
"摄像头正在重新连接"), the face frames live in a process that ends with the
session, and the libraries' memory goes back to the system after each use
(bench/RESULTS.md, soak). The kiosk's own process never imports OpenCV or numpy.

`CameraProcessWorker` has the CameraWorker's interface (the hub, the router
and the preview view cannot tell them apart). It starts the process
(kiosk/devices/camera_child.py) when a preview starts, and ends it LINGER_S
after the last preview stops or at once on release() (the session's wipe).
Frames come back as raw pixels over a socket pair and become QImages on the
link's reader thread, never on the UI thread.

`[devices.camera] process = false` runs the CameraWorker in a thread instead.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from drivers.base import DeviceState, DeviceStatus
from drivers.camera.scenes import check_scene

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
LINGER_S = 45.0            # a form between two camera steps: no restart; an idle kiosk: no process
HANG_S = 6.0               # a preview with no word from the process this long: it hangs, restart it
RESTART_BACKOFF_S = (0.5, 2.0, 5.0, 15.0, 30.0)
EXIT_WAIT_S = 3.0


class RemoteEmulator:
    """The demo dock's handle on the emulated camera that runs in the camera's process: the
    scene and the plug are kept here and sent on, so a process started later shows them too."""

    def __init__(self, send):
        self._send = send
        self._scene = "empty"
        self._plugged = True

    @property
    def scene(self) -> str:
        return self._scene

    @property
    def plugged(self) -> bool:
        return self._plugged

    def show(self, scene: str) -> None:
        self._scene = check_scene(scene)
        self._send(("scene", scene))

    def unplug(self) -> None:
        self._plugged = False
        self._send(("unplug",))

    def plug(self) -> None:
        self._plugged = True
        self._send(("plug",))

    def state(self) -> dict:
        return {"scene": self._scene, "plugged": self._plugged}


def _image(w: int, h: int, bpl: int, pixels: bytes) -> QImage:
    return QImage(pixels, w, h, bpl, QImage.Format.Format_BGR888).copy()   # owns its pixels


class CameraProcessWorker(QObject):
    status_changed = Signal(object)
    frame_ready = Signal(QImage, dict)
    face_captured = Signal(bytes, dict)
    qr_decoded = Signal(str)
    document_captured = Signal(bytes, QImage)
    document_rejected = Signal(str)
    camera_active = Signal(bool)
    _ended = Signal(int, int)              # generation, exit status: from the reader to this thread

    def __init__(self, camera, linger_s: float = LINGER_S, hang_s: float = HANG_S, parent=None):
        super().__init__(parent)
        self._camera = {k: getattr(camera, k) for k in ("driver", "source", "width", "height", "fps")}
        self.linger_s, self.hang_s = linger_s, hang_s
        emulated = camera.driver == "emulated" and not camera.source
        self.emulator = RemoteEmulator(self._send) if emulated else None
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        self._proc: subprocess.Popen | None = None
        self._generation = 0
        self._mode: str | None = None          # the preview the kiosk wants (restarts resume it)
        self._active = False
        self._closing = False                  # we asked the process to end
        self._restarts = 0
        self._last_heard = 0.0
        self._linger: QTimer | None = None
        self._watch: QTimer | None = None
        self.starts = 0                        # processes started (tests, technicians)
        self._ended.connect(self._on_ended)

    # ---- life cycle (hub) ----------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Check the camera is there (the process probes it, then ends)."""
        self._timers()
        self._spawn()
        self._send(("probe",))
        self._arm_linger(0.0)

    @Slot()
    def shutdown(self) -> None:
        self._mode = None
        for t in (self._linger, self._watch):
            if t is not None:
                t.stop()
                t.deleteLater()         # here, on their thread: not later from another one
        self._linger = self._watch = None
        self._end_process(wait=True)

    # ---- intents (as CameraWorker) ---------------------------------------------
    @Slot(str)
    def start_preview(self, mode: str) -> None:
        self._timers()
        self._linger.stop()
        self._mode = mode
        if self._proc is None:
            self._spawn()
        self._last_heard = time.monotonic()
        self._send(("start", mode))
        self._watch.start()

    @Slot()
    def stop_preview(self) -> None:
        self._mode = None
        if self._watch is not None:
            self._watch.stop()
        if self._proc is not None:
            self._send(("stop",))
            self._arm_linger(self.linger_s)

    @Slot()
    def capture_document(self) -> None:
        self._send(("capture",))

    @Slot()
    def frame_consumed(self) -> None:
        """The UI has taken the last frame (any thread; see connect_view)."""
        self._send(("ack",))

    @Slot()
    def release(self) -> None:
        """The session is over: end the camera's process now."""
        self.stop_preview()
        self._end_process(wait=False)

    @property
    def mode(self) -> str | None:
        return self._mode

    @property
    def running(self) -> bool:
        return self._proc is not None

    def child_pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None else None

    # ---- the process ------------------------------------------------------------
    def _timers(self) -> None:
        if self._linger is None:              # made here: on the thread the hub moved us to
            self._linger = QTimer(self)
            self._linger.setSingleShot(True)
            self._linger.timeout.connect(lambda: self._end_process(wait=False))
            self._watch = QTimer(self)
            self._watch.setInterval(1000)
            self._watch.timeout.connect(self._check_hang)

    def _arm_linger(self, seconds: float) -> None:
        if self._linger is not None:
            self._linger.start(int(seconds * 1000))

    def _spawn(self) -> None:
        mine, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
        try:
            proc = subprocess.Popen([sys.executable, "-m", "kiosk.devices.camera_child", "--fd", str(theirs.fileno())],
                                    pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
        except OSError as exc:
            mine.close()
            theirs.close()
            self._died(f"could not start the camera process: {exc}")
            return
        theirs.close()
        conn = Connection(mine.detach())
        self._generation += 1
        self._closing = False
        self.starts += 1
        with self._lock:
            self._conn, self._proc = conn, proc
        self._send({"camera": self._camera, "emulator": self.emulator.state() if self.emulator else None})
        threading.Thread(target=self._read, args=(conn, proc, self._generation),
                         name="camera-link", daemon=True).start()
        log.info("camera process started (pid %d)", proc.pid)

    def _send(self, msg) -> None:
        with self._lock:
            conn = self._conn
            if conn is None:
                return
            try:
                conn.send(msg)
            except OSError:            # the process has gone; the reader reports it
                pass

    def _read(self, conn: Connection, proc: subprocess.Popen, generation: int) -> None:
        """The link's reader thread: the process's messages become this object's signals."""
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                break
            self._last_heard = time.monotonic()     # "alive" comes every second from its worker's thread
            kind = msg[0]
            if kind == "status":
                self.status_changed.emit(msg[1])
            elif kind == "active":
                self._active = msg[1]
                self.camera_active.emit(msg[1])
            elif kind == "frame":
                self.frame_ready.emit(_image(*msg[1:5]), msg[5])
            elif kind == "face":
                self.face_captured.emit(msg[1], msg[2])
            elif kind == "qr":
                self.qr_decoded.emit(msg[1])
            elif kind == "document":
                self.document_captured.emit(msg[1], _image(*msg[2:6]))
            elif kind == "rejected":
                self.document_rejected.emit(msg[1])
        conn.close()
        try:
            code = proc.wait(timeout=EXIT_WAIT_S)
        except subprocess.TimeoutExpired:      # its socket closed but it lives on: end it
            proc.kill()
            code = proc.wait()
        self._ended.emit(generation, code)

    def _end_process(self, wait: bool) -> None:
        with self._lock:
            conn, proc = self._conn, self._proc
            self._conn, self._proc = None, None
        if proc is None:
            return
        self._closing = True
        try:
            conn.send(("quit",))       # it ends and closes its end: the reader sees EOF and closes ours
        except OSError:
            pass
        if wait:
            try:
                proc.wait(timeout=EXIT_WAIT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        else:                          # one that does not end (a hung driver) is killed
            QTimer.singleShot(int(EXIT_WAIT_S * 1000), self, lambda: proc.poll() is None and proc.kill())
        log.info("camera process asked to end (pid %d)", proc.pid)

    def _check_hang(self) -> None:
        proc = self._proc
        if self._mode is None or proc is None or time.monotonic() - self._last_heard < self.hang_s:
            return
        log.warning("camera process silent for %.0f s during a preview: killing pid %d", self.hang_s, proc.pid)
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    @Slot(int, int)
    def _on_ended(self, generation: int, code: int) -> None:
        if generation != self._generation:
            return                             # an earlier process; a newer one runs
        with self._lock:
            expected = self._closing
            self._conn, self._proc = None, None
        if expected:
            self._restarts = 0
            return
        self._died(f"camera process exited unexpectedly (status {code})")

    def _died(self, why: str) -> None:
        log.warning("%s", why)
        if self._active:
            self._active = False
            self.camera_active.emit(False)
        self.status_changed.emit(DeviceStatus(DeviceState.OFFLINE, "camera_process",
                                              "摄像头正在重新连接，请稍候", why))
        if self._mode is not None:             # a resident is waiting: start it again
            wait = RESTART_BACKOFF_S[min(self._restarts, len(RESTART_BACKOFF_S) - 1)]
            self._restarts += 1
            mode = self._mode
            QTimer.singleShot(int(wait * 1000), self, lambda: self._mode == mode and self.start_preview(mode))


def create_camera(cfg):
    """The hub's camera: in its own process (default) or, with `process = false`, in a thread."""
    c = cfg.devices.camera
    if c.driver == "none":
        raise ValueError("camera driver is none / 未配置摄像头")
    if not c.process:
        from kiosk.devices.camera_worker import create_camera_worker
        return create_camera_worker(cfg)
    return CameraProcessWorker(c)
