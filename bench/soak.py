"""24/7 soak: whole transactions through the real widgets and emulators in ONE kiosk process.

Mixed: 户籍证明 with the ID card (online, a printed receipt, a rating), the Beijing
card replacement with a face check and a photographed page, the same item while
the network is down (queued, delivered later), a receipt with the printer out of
paper, a resident who walks away (idle wipe), one who cancels on the form. After
every 50: RSS, Python heap (tracemalloc), open fds, threads, Qt top-level widgets
and QObjects under the window. Then the welcome screen alone for `--idle-s`
seconds: its CPU. Then RSS of a bare PySide6 window with the same libraries
imported, in a fresh process, for the ratio: every module in the kiosk process's
sys.modules at idle but our own code and the soak's test tools (`same_libraries`).

The gateway and the ID reader and receipt printer emulators run in their own
processes by default (bench/soak_procs.py: in a hall they are a remote server and
hardware); `--peers embedded` keeps them in the kiosk's process as runs A-H did.
The camera (emulated or real) runs in its own process, started for each camera step and
ended with the session (kiosk/devices/camera_process.py): `CameraWatch` samples that
process's RSS while it lives, so the summary has the kiosk's whole footprint during a
face check, and says how many camera processes the run started.

    MALLOC_ARENA_MAX=2 QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--transactions 500] [--idle-s 600]

Prints one JSON line per checkpoint and a summary; bench/RESULTS.md has the figures.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
BARE = ("import sys, time, json, importlib; from PySide6.QtWidgets import QApplication, QLabel\n"
        "ok, failed = 0, []\n"
        "for m in sys.stdin.read().split():\n"
        "    try:\n"
        "        importlib.import_module(m); ok += 1\n"
        "    except BaseException:\n"
        "        failed.append(m)\n"
        "a = QApplication([]); w = QLabel('x'); w.resize(*map(int, sys.argv[1].split('x'))); w.show()\n"
        "[a.processEvents() or time.sleep(0.05) for _ in range(40)]\n"
        "anon = [int(x.split()[1]) for x in open('/proc/self/smaps_rollup') if x.startswith('Anonymous:')][0]\n"
        "print(json.dumps({'rss': int(open('/proc/self/statm').read().split()[1]) * 4096, 'anon_kb': anon,"
        " 'imported': ok, 'failed': failed}))")


class Bot:
    """The part of pytest-qt's qtbot the UI helpers use, without pytest."""

    def wait(self, ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def waitUntil(self, check, timeout: int = 5000) -> None:  # noqa: N802
        deadline = time.monotonic() + timeout / 1000
        while True:
            try:
                if check() is not False and check() is not None:
                    return
            except AssertionError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("waitUntil timed out")
            self.wait(20)

    def mouseClick(self, widget, button=LEFT, *args):  # noqa: N802
        QTest.mouseClick(widget, button, *args)

    def keyClicks(self, widget, text: str):  # noqa: N802
        QTest.keyClicks(widget, text)


def rss() -> int:
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def anon_mb(pid="self") -> float:
    """Private anonymous memory (heap, mmaps): RSS without the mapped code, fonts and data files."""
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Anonymous:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def cpu_s() -> float:
    t = os.times()
    return t.user + t.system


class CameraWatch:
    """The camera process's peak RSS, sampled every 0.2 s on a thread of its own."""

    def __init__(self, worker):
        self.worker, self.peak_kb, self._stop = worker, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, name="soak-camera-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            pid = self.worker.child_pid() if hasattr(self.worker, "child_pid") else None
            try:
                kb = int(open(f"/proc/{pid}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024 if pid else 0
            except (OSError, ValueError, IndexError):   # it ended between the two reads
                kb = 0
            self.peak_kb = max(self.peak_kb, kb)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return {"peak_rss_mb": round(self.peak_kb / 1024, 1), "starts": getattr(self.worker, "starts", None),
                "running_at_idle": bool(getattr(self.worker, "running", False))}


def snapshot(app, n: int) -> dict:
    gc.collect()
    qapp = QApplication.instance()
    return {"transactions": n, "rss_mb": round(rss() / 2**20, 1), "anon_mb": anon_mb(),
            "py_heap_mb": round(tracemalloc.get_traced_memory()[0] / 2**20, 2) if tracemalloc.is_tracing() else None,
            "fds": len(os.listdir("/proc/self/fd")), "threads": threading.active_count(),
            "os_threads": len(os.listdir("/proc/self/task")),
            "top_level_widgets": len(qapp.topLevelWidgets()),
            "qobjects_under_window": len(app.window.findChildren(QObject)),
            "load_avg": [round(x, 2) for x in os.getloadavg()], "utc": time.strftime("%H:%M:%S", time.gmtime())}


def make_kiosk(tmp: Path, peers: str):
    """The demo kiosk; with peers = "external" its gateway and its ID reader and receipt
    printer emulators run in their own processes (bench/soak_procs.py), as in a hall."""
    from conftest import _dump_toml
    from kiosk.app import KioskApp
    from kiosk.config import parse_config
    from kiosk.services import Services
    raw = tomllib.loads((ROOT / "kiosk.toml").read_text(encoding="utf-8"))
    raw["kiosk"].update(data_dir=str(tmp / "var"), fullscreen=False, idle_timeout_s=10, idle_prompt_s=5)
    raw["queue"]["key_file"] = str(tmp / "var" / "queue.key")
    raw["catalog"]["seed"] = str(ROOT / "assets" / "catalog" / "seed.json")
    raw["devices"]["id_reader"]["card"] = str(ROOT / "assets" / "cards" / "resident.json")
    raw["kiosk"]["recommendations"] = False   # 主动服务's question after identity: its own tests
    raw["metrics"] = {"listen": ""}
    raw["voice"] = {"command": ""}
    outside = None
    if peers == "external":
        from soak_procs import DeviceProcess, GatewayProcess
        # The same store folder the embedded one uses: the demo CA's root.pem is where kiosk.toml trusts it.
        gw = GatewayProcess(tmp / "var" / "gateway-sim", raw["kiosk"]["region"], Path(raw["catalog"]["seed"]))
        raw["gateway"]["url"] = gw.start()
        devices = DeviceProcess()
        raw["devices"]["id_reader"].update(driver="ga467-serial", port=devices.id_reader_port)
        raw["devices"]["printer"]["url"] = devices.printer_url
        outside = (gw, devices)
    cfg = parse_config(_dump_toml(raw), tmp / "kiosk.toml")
    services = Services(cfg)
    app = KioskApp(cfg, services)
    if not os.environ.get("SOAK_NO_GC_POLICY"):
        # As `kiosk run` has it (KioskApp installs it only when it owns the services):
        # collection on the UI thread after each wipe, then malloc_trim.
        from kiosk.gc_policy import UiThreadGc
        app.gc = UiThreadGc(app)
        app.gc.install()
    services.outbox.device_status = app.hub.summary
    services.start()
    app.start(show=True)
    return app, services, outside


def drive_outside(app, outside, action: str, arg: str) -> None:
    """The dock's actions for the peers in other processes (kiosk/demo_dock.py drives the
    in-process ones): a card on the pty reader, the printer's state, the gateway's process."""
    gw, devices = outside
    if action == "present_card":
        devices.send(f"present {arg}")
    elif action == "remove_card":
        devices.send("remove")
    elif action.startswith("printer_"):
        devices.send(f"printer {action.removeprefix('printer_')}")
    elif action == "network_down" and gw.running:
        gw.stop()                       # connections are refused from now on
        app.s.outbox.wake()
    elif action == "network_up" and not gw.running:
        gw.start()                      # the same port and store: what was queued is delivered
        app.s.outbox.wake()


def run_transactions(app, bot, count: int, every: int, out, top: int = 0) -> list[dict]:
    from kiosk.session import Step
    from tests.test_ui_flows import open_item, present_card, submit_beijing_card_replacement
    from tests.ui_driver import click_text, fill_empty_required
    flow = app.flows["resident"]

    def step(s, timeout=20000):
        bot.waitUntil(lambda: flow.tx.step == s, timeout=timeout)

    def hjzm(finish=True):
        open_item(bot, app, "hjzm", "户籍证明开具")
        click_text(bot, app.guide, "办理")
        step(Step.IDENTITY)
        present_card(bot, app)
        step(Step.FORM)
        bot.wait(200)
        app.dock.dock_action.emit("remove_card", "")
        removed[0] = time.monotonic()
        if not finish:
            return
        rows = app.form.rows
        fill_empty_required(bot, app.form, {"purpose": rows["purpose"].field["options"][0],
                                            "pickup": rows["pickup"].field["options"][0]})
        bot.mouseClick(app.form.submit_button)
        step(Step.REVIEW)
        app.review.consent_check.setChecked(True)
        click_text(bot, app.review, "确认提交")
        bot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=30000)

    def rate_and_leave():
        click_text(bot, app.result, "完成")
        step(Step.RATING)
        click_text(bot, app.rating, "满意")
        click_text(bot, app.rating, "提交评价")
        step(Step.ATTRACT)

    def printer_check():
        from PySide6.QtCore import QMetaObject
        QMetaObject.invokeMethod(app.hub.worker("printer"), "check_status", Qt.ConnectionType.QueuedConnection)

    removed = [0.0]
    first_heap = [None]
    kinds = ["hjzm", "face", "hjzm", "offline", "hjzm", "paper", "hjzm", "idle", "hjzm", "cancel"]
    points = []
    for i in range(1, count + 1):
        kind = kinds[(i - 1) % len(kinds)]
        # The reader must see the last card taken away before the next one is laid down
        # (it notices within ~1.5 s while no screen waits; tests/test_ui_flows.py does the same).
        bot.wait(max(0, int((removed[0] + 1.6 - time.monotonic()) * 1000)))
        if kind == "hjzm":
            hjzm()
            rate_and_leave()
        elif kind == "face":
            submit_beijing_card_replacement(bot, app)      # removes the card after the face check
            removed[0] = time.monotonic()
            rate_and_leave()
        elif kind == "offline":
            app.dock.dock_action.emit("network_down", "")
            bot.waitUntil(lambda: not app.online, timeout=30000)
            hjzm()
            rate_and_leave()
            app.dock.dock_action.emit("network_up", "")
            bot.waitUntil(lambda: app.online, timeout=30000)
        elif kind == "paper":
            app.dock.dock_action.emit("printer_paper_out", "")
            printer_check()
            hjzm()                      # committed; the receipt is refused, the result says so
            rate_and_leave()
            app.dock.dock_action.emit("printer_ok", "")
            printer_check()
        elif kind == "idle":
            hjzm(finish=False)
            app.idle.timeout_ms, app.idle.prompt_s = 300, 1     # the resident walks away from the form
            step(Step.ATTRACT, timeout=10000)
            app.idle.timeout_ms, app.idle.prompt_s = 10_000, 5
        else:
            hjzm(finish=False)
            app.end_session()            # 首页: the resident gives up
        if i % every == 0:
            p = snapshot(app, i)
            points.append(p)
            print(json.dumps(p), file=out, flush=True)
            if top and tracemalloc.is_tracing():
                heap = tracemalloc.take_snapshot()
                if first_heap[0] is None:
                    first_heap[0] = heap
                else:     # where the Python heap grew since the first checkpoint (leak hunting)
                    for stat in heap.compare_to(first_heap[0], "lineno")[:top]:
                        print(json.dumps({"grew": str(stat)}), file=out, flush=True)
    return points


def idle_cpu(bot, seconds: float) -> float:
    """Share of one core used while the welcome screen is all there is."""
    start_cpu, start = cpu_s(), time.monotonic()
    bot.wait(int(seconds * 1000))
    return (cpu_s() - start_cpu) / (time.monotonic() - start)


def gateway_received(tmp: Path, services) -> int:
    """Submissions the gateway holds as done (every committed one, the network-down ones too)."""
    if services.sim is not None:
        return len(services.sim.submissions())
    import sqlite3
    with sqlite3.connect(tmp / "var" / "gateway-sim" / "gateway.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM submissions WHERE state = 'done'").fetchone()[0]


HARNESS = {"pytest", "_pytest", "pytestqt", "pluggy", "iniconfig", "py", "pygments", "hypothesis", "tracemalloc"}


def same_libraries() -> list[str]:
    """Every module the kiosk process has imported (stdlib included: sqlite3, ssl, ctypes… are
    the kiosk's too), but not our own code (files in this checkout outside .venv: kiosk,
    drivers, screens, offline_queue, tests, bench) and not the soak's test tools (HARNESS,
    PySide6.QtTest). Submodules too: `PySide6` alone would not load QtNetwork."""
    venv = ROOT / ".venv"
    names = []
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        path = getattr(module, "__file__", None)
        if name == "__main__" or top in HARNESS or name.startswith("PySide6.QtTest") or module is None:
            continue
        if path and Path(path).resolve().is_relative_to(ROOT) and not Path(path).resolve().is_relative_to(venv):
            continue
        if top in ("kiosk", "drivers", "screens", "offline_queue", "tests", "conftest", "soak_procs"):
            continue
        names.append(name)
    return sorted(names)


def bare_window_rss(mods: list[str], size: str) -> tuple[int, int, int, list[str]]:
    """RSS of a fresh process that imports `mods` and shows one QLabel of the kiosk window's
    `size` ("1280x900": its backing store is as large); how many imported."""
    out = subprocess.run([sys.executable, "-c", BARE, size], input="\n".join(mods), capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["rss"], result["anon_kb"], result["imported"], result["failed"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--transactions", type=int, default=500)
    ap.add_argument("--every", type=int, default=50)
    ap.add_argument("--idle-s", type=float, default=600)
    ap.add_argument("--no-heap", action="store_true",
                    help="no tracemalloc (its own tables inflate RSS by ~100 MB): for the RSS figures")
    ap.add_argument("--top", type=int, default=0, help="print the N allocation sites that grew most")
    ap.add_argument("--peers", choices=("external", "embedded"), default="external",
                    help="gateway, ID reader and printer emulators in their own processes (default) "
                         "or in the kiosk's (the embedded gateway, as runs A-H)")
    ap.add_argument("--out", default="-", help="JSON lines here as they come (default stdout)")
    args = ap.parse_args()
    out = sys.stdout if args.out == "-" else open(args.out, "a", encoding="utf-8")
    if not args.no_heap:
        tracemalloc.start()
    qapp = QApplication.instance() or QApplication([])
    bot = Bot()
    with tempfile.TemporaryDirectory() as tmp:
        app, services, outside = make_kiosk(Path(tmp), args.peers)
        if outside:
            app.dock.dock_action.connect(lambda action, arg: drive_outside(app, outside, action, arg))
        try:
            bot.waitUntil(lambda: app.ready and app.dock is not None, timeout=30000)
            camera = CameraWatch(app.hub.worker("camera"))
            base = snapshot(app, 0)
            print(json.dumps(base), file=out, flush=True)
            started = time.monotonic()
            points = run_transactions(app, bot, args.transactions, args.every, out, args.top)
            took = time.monotonic() - started
            app.end_session()
            tracemalloc.stop()            # its own tables would count as the kiosk's memory at idle
            gc.collect()
            bot.wait(2000)
            idle = idle_cpu(bot, args.idle_s)
            camera_process = camera.stop()      # before the idle figures: its thread is not the kiosk's
            at_idle = snapshot(app, args.transactions)
            libraries = same_libraries()
            window = f"{app.window.width()}x{app.window.height()}"
            outbox = services.outbox.status()["counts"]
            received = gateway_received(Path(tmp), services)
            peer_rss = {"gateway_mb": round(outside[0].rss() / 2**20, 1),
                        "devices_mb": round(outside[1].rss() / 2**20, 1)} if outside else None
        finally:
            app.shutdown()
            services.stop()
            qapp.processEvents()
            for peer in outside or ():
                peer.stop()
    bare, bare_anon_kb, imported, failed = bare_window_rss(libraries, window)
    warm = points[0] if points else base
    summary = {"transactions": args.transactions, "seconds": round(took, 1),
               "rss_growth_after_warmup_mb": round(points[-1]["rss_mb"] - warm["rss_mb"], 1) if points else None,
               "baseline": base, "last": points[-1] if points else None, "idle": at_idle,
               "idle_cpu_core_share": round(idle, 4), "idle_s": args.idle_s,
               "outbox_at_idle": outbox, "peers": args.peers, "peer_rss_at_idle": peer_rss,
               "gateway_received": received, "camera_process": camera_process,
               "third_party": sorted({m.partition(".")[0] for m in libraries} - set(sys.stdlib_module_names)),
               "window": window, "bare_window_rss_mb": round(bare / 2**20, 1), "bare_window_anon_mb": round(bare_anon_kb / 1024, 1), "bare_modules": len(libraries),
               "bare_imported": imported, "bare_not_importable": failed,
               "idle_rss_ratio": round(at_idle["rss_mb"] / (bare / 2**20), 2)}
    print(json.dumps({"summary": summary}), file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
