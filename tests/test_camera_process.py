"""The camera in its own process: the same results as in a thread, a crash or a hang of that
process does not stop the kiosk, and the kiosk's process never loads OpenCV."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QMetaObject, Qt, QTimer

from drivers.base import DeviceState
from kiosk.devices.camera_process import CameraProcessWorker, create_camera
from kiosk.devices.camera_worker import CameraWorker
from tests.camera_helpers import Recorder, camera_config, running_worker

ROOT = Path(__file__).resolve().parent.parent
EMULATED = SimpleNamespace(driver="emulated", source="", width=640, height=480, fps=30)


def ended(pid: int) -> bool:
    """The process is gone (or a zombie nobody has reaped yet: a container's PID 1 may not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


class Frames:
    """Acknowledges every frame, as the preview view does, and counts them."""

    def __init__(self, worker):
        self.count = 0
        self.infos: list[dict] = []
        self._worker = worker
        worker.frame_ready.connect(self.on_frame)

    def on_frame(self, image, info):
        self.count += 1
        self.infos.append(info)
        self._worker.frame_consumed()


def test_a_face_check_in_the_camera_process_gives_the_jpeg_and_the_process_ends_with_the_session(qtbot):
    worker = CameraProcessWorker(EMULATED)
    rec = Recorder(worker)
    frames = Frames(worker)
    with running_worker(worker) as app:
        qtbot.waitUntil(lambda: any(s.state == DeviceState.READY for s in rec.statuses), timeout=20000)
        qtbot.waitUntil(lambda: not worker.running, timeout=10000)     # the probe's process ended
        worker.emulator.show("face")
        app.start_preview.emit("face")
        qtbot.waitUntil(lambda: bool(rec.faces), timeout=30000)
        jpeg, quality = rec.faces[0]
        assert jpeg[:2] == b"\xff\xd8" and len(jpeg) > 5000
        assert quality["liveness"]["passed"] is True
        assert frames.count > 5 and frames.infos[-1]["mode"] == "face"
        assert rec.actives[:2] == [True, False]      # camera on, then off before the face is handed over
        pid = worker.child_pid()
        assert pid is not None and worker.starts == 2
        QMetaObject.invokeMethod(worker, "release", Qt.ConnectionType.QueuedConnection)  # the session's wipe
        qtbot.waitUntil(lambda: ended(pid), timeout=10000)
        assert not worker.running


def test_a_qr_code_and_a_document_photo_come_through_the_camera_process(qtbot):
    worker = CameraProcessWorker(EMULATED)
    rec = Recorder(worker)
    frames = Frames(worker)
    with running_worker(worker) as app:
        worker.emulator.show("qr:KIOSK-QR-12345")
        app.start_preview.emit("qr")
        qtbot.waitUntil(lambda: rec.qrs == ["KIOSK-QR-12345"], timeout=30000)
        worker.emulator.show("document")
        app.start_preview.emit("document")
        qtbot.waitUntil(lambda: any(i.get("ok") for i in frames.infos if i.get("mode") == "document"),
                        timeout=15000)
        app.capture_document.emit()
        qtbot.waitUntil(lambda: bool(rec.documents), timeout=15000)
        jpeg, thumb = rec.documents[0]
        assert jpeg[:2] == b"\xff\xd8"
        assert not thumb.isNull() and thumb.width() > 50
        app.stop_preview.emit()
        qtbot.waitUntil(lambda: rec.actives[-1:] == [False], timeout=5000)


def test_a_killed_camera_process_is_reported_and_a_new_one_resumes_the_preview(qtbot):
    worker = CameraProcessWorker(EMULATED)
    rec = Recorder(worker)
    frames = Frames(worker)
    with running_worker(worker) as app:
        app.start_preview.emit("qr")                   # the empty scene: frames, nothing to decode
        qtbot.waitUntil(lambda: frames.count >= 3 and worker.child_pid() is not None, timeout=30000)
        first = worker.child_pid()
        os.kill(first, signal.SIGKILL)
        qtbot.waitUntil(lambda: any(s.code == "camera_process" for s in rec.statuses), timeout=10000)
        lost = next(s for s in rec.statuses if s.code == "camera_process")
        assert lost.state == DeviceState.OFFLINE and "重新连接" in lost.message_zh
        seen = frames.count
        qtbot.waitUntil(lambda: worker.child_pid() not in (None, first) and frames.count >= seen + 3,
                        timeout=30000)
        worker.emulator.show("qr:AFTER-THE-CRASH")
        qtbot.waitUntil(lambda: rec.qrs == ["AFTER-THE-CRASH"], timeout=30000)


def test_a_hung_camera_process_is_replaced_while_the_ui_thread_keeps_running(qtbot):
    worker = CameraProcessWorker(EMULATED, hang_s=2.0)
    rec = Recorder(worker)
    frames = Frames(worker)
    ticks = []
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(time.monotonic()))
    beat.start(50)
    with running_worker(worker) as app:
        app.start_preview.emit("qr")
        qtbot.waitUntil(lambda: frames.count >= 3 and worker.child_pid() is not None, timeout=30000)
        hung = worker.child_pid()
        os.kill(hung, signal.SIGSTOP)                  # a driver call that never returns
        stopped_at = time.monotonic()
        qtbot.waitUntil(lambda: ended(hung), timeout=15000)
        assert time.monotonic() - stopped_at >= 1.5    # not before the hang limit
        qtbot.waitUntil(lambda: worker.child_pid() not in (None, hung), timeout=20000)
        seen = frames.count
        qtbot.waitUntil(lambda: frames.count >= seen + 3, timeout=30000)
    beat.stop()
    during = [t for t in ticks if t >= stopped_at]
    gaps = [b - a for a, b in zip(during, during[1:])]
    assert during and max(gaps) < 1.0                  # the UI's loop never waited on the camera


def test_an_unplugged_camera_behind_the_process_is_offline_until_plugged(qtbot):
    worker = CameraProcessWorker(EMULATED)
    rec = Recorder(worker)
    frames = Frames(worker)
    with running_worker(worker) as app:
        worker.emulator.unplug()                       # before the process exists: sent when it starts
        assert worker.emulator.plugged is False
        app.start_preview.emit("qr")
        qtbot.waitUntil(lambda: any(s.state == DeviceState.OFFLINE and s.code != "camera_process"
                                    for s in rec.statuses), timeout=30000)
        assert frames.count == 0
        worker.emulator.plug()
        qtbot.waitUntil(lambda: frames.count >= 3, timeout=30000)


CHILD_OF_A_DYING_KIOSK = """
import os, sys, time
from types import SimpleNamespace
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from kiosk.devices.camera_process import CameraProcessWorker
w = CameraProcessWorker(SimpleNamespace(driver="emulated", source="", width=640, height=480, fps=30))
w.start_preview("qr")
print(w.child_pid(), flush=True)
end = time.monotonic() + 60
while time.monotonic() < end and not w._active:
    app.processEvents(); time.sleep(0.02)
os.kill(os.getpid(), 9)
"""


def test_the_camera_process_ends_when_the_kiosk_dies():
    out = subprocess.run([sys.executable, "-c", CHILD_OF_A_DYING_KIOSK], capture_output=True, text=True,
                         timeout=90, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == -signal.SIGKILL, out.stderr[-2000:]
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not ended(child):
        time.sleep(0.1)
    assert ended(child), "the camera process outlived the kiosk"


KIOSK_SIDE = """
import json, sys, time
from types import SimpleNamespace
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from kiosk.devices.camera_process import CameraProcessWorker
w = CameraProcessWorker(SimpleNamespace(driver="emulated", source="", width=640, height=480, fps=30))
got = []
w.qr_decoded.connect(got.append)
w.frame_ready.connect(lambda img, info: w.frame_consumed())
w.emulator.show("qr:NO-OPENCV-HERE")
w.start_preview("qr")
end = time.monotonic() + 60
while time.monotonic() < end and not got:
    app.processEvents(); time.sleep(0.01)
w.shutdown()
print(json.dumps({"qr": got, "loaded": sorted(m for m in ("cv2", "numpy", "skimage", "scipy") if m in sys.modules)}))
"""


def test_the_kiosk_process_never_loads_opencv_or_numpy_for_the_camera():
    out = subprocess.run([sys.executable, "-c", KIOSK_SIDE], capture_output=True, text=True, timeout=90, cwd=ROOT,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"qr": ["NO-OPENCV-HERE"], "loaded": []}


def test_process_false_runs_the_camera_in_a_thread_and_unknown_scenes_are_refused(tmp_path):
    cfg = camera_config(tmp_path)
    assert cfg.devices.camera.process is True
    assert isinstance(create_camera(cfg), CameraProcessWorker)
    text = (tmp_path / "kiosk.toml")
    text.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "var"}"\n[devices.camera]\ndriver = "emulated"\n'
                    'source = ""\nprocess = false\n', encoding="utf-8")
    from kiosk.config import load_config
    in_thread = create_camera(load_config(text))
    assert isinstance(in_thread, CameraWorker)
    with pytest.raises(ValueError, match="unknown scene"):
        CameraProcessWorker(EMULATED).emulator.show("fireworks")
