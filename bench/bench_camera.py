"""Camera benchmark: preview fps with face detection and with QR scanning at 640×480, per-frame latencies.

    .venv/bin/python bench/bench_camera.py [--seconds 8] [--markdown]

The preview runs the real pipeline: EmulatedCamera → cv2.VideoCapture
(FFmpeg, in-memory MJPEG at 30 fps) → CameraWorker on its QThread (analysis,
QImage conversion) → CameraView (offscreen) acknowledging each frame. The UI
event loop's lateness is measured with a 5 ms QTimer meanwhile.
Goals (issue 4): the source's 30 fps sustained, detection ≥ 15 Hz, QR decode ≤ 5 ms a frame.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QObject, QThread, QTimer, Qt, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from drivers.camera.emulated import EmulatedCamera  # noqa: E402
from drivers.camera.face import HaarFaceDetector  # noqa: E402
from drivers.camera.qr import decode_qr  # noqa: E402
from kiosk.devices.camera_link import connect_view  # noqa: E402
from kiosk.devices.camera_worker import CameraWorker  # noqa: E402
from screens.camera_view import CameraView  # noqa: E402


class Side(QObject):
    start = Signal(str)
    stop = Signal()
    shutdown = Signal()


def pct(values, p):
    return float(np.percentile(values, p)) if len(values) else float("nan")


def run_preview(app, mode: str, scene: str, seconds: float, detect_hz: float = 20.0) -> dict:
    cam = EmulatedCamera(640, 480, 30)
    cam.show(scene)
    worker = CameraWorker(cam.source, emulator=cam, detect_hz=detect_hz)
    if mode == "qr":
        # Keep scanning for the whole run (the worker stops after a decode): a scene without a code
        # is also the worst case, as the decoder searches the whole frame every time.
        assert not scene.startswith("qr:")
    view = CameraView()
    view.resize(800, 600)
    view.show()
    connect_view(worker, view)
    shown = []
    view.frame_shown.connect(lambda: shown.append(time.monotonic()))
    thread = QThread()
    worker.moveToThread(thread)
    side = Side()
    side.start.connect(worker.start_preview)
    side.stop.connect(worker.stop_preview)
    side.shutdown.connect(worker.shutdown, Qt.ConnectionType.BlockingQueuedConnection)
    thread.start()
    side.start.emit(mode)
    t_end = time.monotonic() + 2.0            # warm-up: cascade load, FFmpeg probe
    while time.monotonic() < t_end:
        app.processEvents()
        time.sleep(0.001)
    late = []
    clock = QElapsedTimer()
    last = [0]

    def on_tick():
        now = clock.elapsed()
        late.append(max(0, now - last[0] - 5))
        last[0] = now

    tick = QTimer()
    tick.setTimerType(Qt.TimerType.PreciseTimer)
    tick.timeout.connect(on_tick)
    read0, drop0, det0 = worker.frames_read, worker.frames_dropped, worker.detections
    n_an = len(worker.analysis_ms)
    t0 = time.monotonic()
    clock.start()
    tick.start(5)
    loop_end = t0 + seconds
    while time.monotonic() < loop_end:
        app.processEvents()
        time.sleep(0.0005)
    tick.stop()
    elapsed = time.monotonic() - t0
    read = worker.frames_read - read0
    dropped = worker.frames_dropped - drop0
    detections = worker.detections - det0
    analysis = worker.analysis_ms[n_an:] if len(worker.analysis_ms) >= n_an else worker.analysis_ms
    side.stop.emit()
    side.shutdown.emit()
    thread.quit()
    thread.wait(5000)
    view.close()
    return {"mode": mode, "scene": scene, "read_fps": read / elapsed,
            "shown_fps": sum(1 for t in shown if t >= t0) / elapsed, "dropped": dropped,
            "detect_hz": detections / elapsed,
            "analysis_p50": pct(analysis, 50), "analysis_p95": pct(analysis, 95),
            "ui_late_p95": pct(late[1:], 95), "ui_late_max": max(late[1:]) if len(late) > 1 else float("nan")}


def run_latencies(n: int = 150) -> dict:
    cam = EmulatedCamera(640, 480, 30)
    det = HaarFaceDetector()
    cam.show("face")
    frames = [cam.render() for _ in range(n)]
    det.detect(frames[0])
    t_det = []
    for f in frames:
        t = time.perf_counter()
        det.detect(f)
        t_det.append((time.perf_counter() - t) * 1000)
    cam.show("qr:KIOSKID1.eyJjYXJkX3R5cGUiOiJhcHBfcXIifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc")
    frames = [cam.render() for _ in range(n)]
    t_qr, hits = [], 0
    for f in frames:
        t = time.perf_counter()
        hits += bool(decode_qr(f))
        t_qr.append((time.perf_counter() - t) * 1000)
    cam.show("empty")
    t_qr_none = []
    for f in [cam.render() for _ in range(n)]:
        t = time.perf_counter()
        decode_qr(f)
        t_qr_none.append((time.perf_counter() - t) * 1000)
    src = cam.source()
    src.open()
    t_read = []
    for _ in range(n):
        t = time.perf_counter()
        src.read()
        t_read.append((time.perf_counter() - t) * 1000)
    src.close()
    return {"detect_p50": pct(t_det, 50), "detect_p95": pct(t_det, 95),
            "qr_p50": pct(t_qr, 50), "qr_p95": pct(t_qr, 95), "qr_hit": hits / n,
            "qr_none_p50": pct(t_qr_none, 50), "qr_none_p95": pct(t_qr_none, 95),
            "read_p50": pct(t_read, 50)}


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}, "
            f"load average at the end {load} (the box is shared with other jobs)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    lat = run_latencies()
    face = run_preview(app, "face", "face:still", args.seconds)
    face1 = run_preview(app, "face", "face:still", args.seconds, detect_hz=0)
    qr = run_preview(app, "qr", "empty", args.seconds)
    det_hz = 1000 / lat["detect_p50"]
    rows = [
        ("preview fps with face detection, default (detect_hz=20: 2 frames in 3) shown / read",
         f"{face['shown_fps']:.1f} / {face['read_fps']:.1f}", "30", f"{face['shown_fps'] / 30:.2f}"),
        ("face detections per second in that preview", f"{face['detect_hz']:.1f}", "≥ 15",
         f"{face['detect_hz'] / 15:.2f}"),
        ("preview fps with detection on every frame (detect_hz=0) shown / read; detections/s",
         f"{face1['shown_fps']:.1f} / {face1['read_fps']:.1f}; {face1['detect_hz']:.1f}", "30", f"{face1['shown_fps'] / 30:.2f}"),
        ("preview fps, QR scanning on every frame (shown / read)",
         f"{qr['shown_fps']:.1f} / {qr['read_fps']:.1f}", "30", f"{qr['shown_fps'] / 30:.2f}"),
        ("face detection per frame p50 / p95 (ms)", f"{lat['detect_p50']:.1f} / {lat['detect_p95']:.1f}",
         "≤ 66.7 (15 Hz)", f"{det_hz / 15:.2f} ({det_hz:.0f} Hz)"),
        ("whole face analysis per frame in the worker p50 / p95 (ms)",
         f"{face['analysis_p50']:.1f} / {face['analysis_p95']:.1f}", "≤ 33", ""),
        ("QR decode per frame, code in view p50 / p95 (ms)", f"{lat['qr_p50']:.2f} / {lat['qr_p95']:.2f}",
         "≤ 5", f"{5 / lat['qr_p50']:.1f}× under (decoded {lat['qr_hit']:.0%} of moving frames)"),
        ("QR decode per frame, no code p50 / p95 (ms)", f"{lat['qr_none_p50']:.2f} / {lat['qr_none_p95']:.2f}",
         "≤ 5", f"{5 / lat['qr_none_p50']:.1f}× under"),
        ("capture per frame (in-memory MJPEG → cv2.VideoCapture decode) p50 (ms)", f"{lat['read_p50']:.1f}", "", ""),
        ("UI event-loop lateness during face preview p95 / max (ms)",
         f"{face['ui_late_p95']:.1f} / {face['ui_late_max']:.0f}", "< 16 (p95)", ""),
        ("UI event-loop lateness during QR preview p95 / max (ms)",
         f"{qr['ui_late_p95']:.1f} / {qr['ui_late_max']:.0f}", "< 16 (p95)", ""),
    ]
    if args.markdown:
        print("\n## Camera (issue 4)\n")
        print(f"Machine: {machine()}. `bench/bench_camera.py --seconds {args.seconds:g}`, 640×480, "
              "emulated 30 fps source through cv2.VideoCapture, worker on its QThread, "
              "offscreen CameraView acknowledging frames. Ratio = measured ÷ goal (≥ 1 meets it).\n")
        print("| measure | result | goal | ratio to goal |\n|---|---|---|---|")
        for r in rows:
            print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
    else:
        print(machine())
        for r in rows:
            print(f"{r[0]:<75} {r[1]:>16}  goal {r[2]:<14} {r[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
