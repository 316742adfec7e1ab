"""The camera in its own process against the camera in a thread, in one run.

    .venv/bin/python bench/bench_camera_process.py [--seconds 8] [--rounds 5] [--markdown]

For each way (`thread`: CameraWorker on a QThread of this process; `process`:
CameraProcessWorker, the kiosk's default) and each round: time from the start of
a preview to the first frame on the (offscreen) CameraView, cold (no camera
process yet) and warm (a second preview while the process lingers); then a QR
preview of an empty scene (the decoder searches every whole frame: the heavier
case) for `--seconds`: frames shown per second, this process's CPU per second
and the UI event loop's lateness (5 ms timer). The emulated camera at 640×480,
30 fps, through cv2.VideoCapture in both ways.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QObject, QThread, QTimer, Qt, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.devices.camera_link import connect_view  # noqa: E402
from kiosk.devices.camera_process import CameraProcessWorker  # noqa: E402
from screens.camera_view import CameraView  # noqa: E402

CAMERA = SimpleNamespace(driver="emulated", source="", width=640, height=480, fps=30)


class Side(QObject):
    start = Signal(str)
    stop = Signal()
    shutdown = Signal()


def spin(app, seconds: float, until=None) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds and not (until and until()):
        app.processEvents()
        time.sleep(0.0005)
    return time.monotonic() - t0


def child_cpu_s(worker) -> float:
    """CPU seconds the camera process has used so far (0 for the thread)."""
    pid = worker.child_pid() if hasattr(worker, "child_pid") else None
    if not pid:
        return 0.0
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_round(app, way: str, seconds: float) -> dict:
    if way == "thread":
        from kiosk.devices.camera_worker import camera_worker_for
        worker = camera_worker_for(CAMERA)
    else:
        worker = CameraProcessWorker(CAMERA)
    view = CameraView()
    view.resize(800, 600)
    view.show()
    connect_view(worker, view)
    shown: list[float] = []
    view.frame_shown.connect(lambda: shown.append(time.monotonic()))
    thread = QThread()
    worker.moveToThread(thread)
    side = Side()
    side.start.connect(worker.start_preview)
    side.stop.connect(worker.stop_preview)
    side.shutdown.connect(worker.shutdown, Qt.ConnectionType.BlockingQueuedConnection)
    thread.start()
    firsts = []
    for _ in range(2):                       # cold, then warm (the process lingers between)
        shown.clear()
        t0 = time.monotonic()
        side.start.emit("qr")
        spin(app, 30, until=lambda: bool(shown))
        firsts.append(shown[0] - t0 if shown else float("nan"))
        side.stop.emit()
        spin(app, 0.3)
    side.start.emit("qr")
    spin(app, 1.0)
    late, last = [], [0]
    clock = QElapsedTimer()

    def on_tick():
        now = clock.elapsed()
        late.append(max(0, now - last[0] - 5))
        last[0] = now

    tick = QTimer()
    tick.setTimerType(Qt.TimerType.PreciseTimer)
    tick.timeout.connect(on_tick)
    shown.clear()
    cpu0, child0, t0 = os.times(), child_cpu_s(worker), time.monotonic()
    clock.start()
    tick.start(5)
    elapsed = spin(app, seconds)
    tick.stop()
    cpu1, child1 = os.times(), child_cpu_s(worker)
    side.stop.emit()
    side.shutdown.emit()
    thread.quit()
    thread.wait(5000)
    view.close()
    late = sorted(late[1:])
    return {"cold_s": firsts[0], "warm_s": firsts[1], "fps": len(shown) / elapsed,
            "cpu": (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / elapsed,
            "child_cpu": (child1 - child0) / elapsed,
            "late_p95": late[int(len(late) * 0.95)] if late else float("nan")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    runs = {"thread": [], "process": []}
    for _ in range(args.rounds):             # alternated: the machine's noise falls on both
        for way in runs:
            runs[way].append(one_round(app, way, args.seconds))
    med = {way: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for way, rs in runs.items()}
    t, p = med["thread"], med["process"]
    rows = [("first frame after start, cold (s)", t["cold_s"], p["cold_s"]),
            ("first frame after start, warm (s)", t["warm_s"], p["warm_s"]),
            ("frames shown per second, QR scan of an empty scene", t["fps"], p["fps"]),
            ("the kiosk's process's CPU during that preview (cores)", t["cpu"], p["cpu"]),
            ("kiosk + camera process CPU during that preview (cores)", t["cpu"] + t["child_cpu"],
             p["cpu"] + p["child_cpu"]),
            ("UI event-loop lateness p95 (ms)", t["late_p95"], p["late_p95"])]
    cpus = os.cpu_count()
    head = (f"Machine: {platform.processor() or platform.machine()}, {cpus} cores. "
            f"`bench/bench_camera_process.py --seconds {args.seconds:g} --rounds {args.rounds}`: medians of "
            f"{args.rounds} alternated rounds.")
    if args.markdown:
        print(head + "\n\n| measure | thread | process | process ÷ thread |\n|---|---|---|---|")
        for name, a, b in rows:
            print(f"| {name} | {a:.3g} | {b:.3g} | {b / a:.2f} |" if a else f"| {name} | {a:.3g} | {b:.3g} | |")
    else:
        print(head)
        for name, a, b in rows:
            print(f"{name:<55} thread {a:8.3f}  process {b:8.3f}  ratio {b / a if a else float('nan'):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
