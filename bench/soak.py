"""24/7 soak: whole transactions through the real widgets and emulators in ONE kiosk process.

Mixed: 户籍证明 with the ID card (online, a printed receipt, a rating), the Beijing
card replacement with a face check and a photographed page, the same item while
the network is down (queued, delivered later), a receipt with the printer out of
paper, a resident who walks away (idle wipe), one who cancels on the form. After
every 50: RSS, Python heap (tracemalloc), open fds, threads, Qt top-level widgets
and QObjects under the window. Then the welcome screen alone for `--idle-s`
seconds: its CPU. Then RSS of a bare PySide6 window with the same libraries
imported, in a fresh process, for the ratio.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--transactions 500] [--idle-s 600]

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
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
BARE = ("import sys, time, importlib; from PySide6.QtWidgets import QApplication, QLabel;"
        "[importlib.import_module(m) for m in sys.argv[1:]];"
        "a = QApplication([]); w = QLabel('x'); w.resize(1024, 768); w.show();"
        "[a.processEvents() or time.sleep(0.05) for _ in range(40)];"
        "print(int(open('/proc/self/statm').read().split()[1]) * 4096)")


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


def cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def snapshot(app, n: int) -> dict:
    gc.collect()
    qapp = QApplication.instance()
    return {"transactions": n, "rss_mb": round(rss() / 2**20, 1),
            "py_heap_mb": round(tracemalloc.get_traced_memory()[0] / 2**20, 2) if tracemalloc.is_tracing() else None,
            "fds": len(os.listdir("/proc/self/fd")), "threads": threading.active_count(),
            "os_threads": len(os.listdir("/proc/self/task")),
            "top_level_widgets": len(qapp.topLevelWidgets()),
            "qobjects_under_window": len(app.window.findChildren(QObject))}


def make_kiosk(tmp: Path):
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
    return app, services


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


def bare_window_rss() -> int:
    mods = ["cv2", "numpy", "PIL.Image", "escpos.printer", "serial", "requests", "cryptography.hazmat.primitives.ciphers.aead",
            "orjson", "zxingcpp", "pypinyin", "qrcode", "prometheus_client", "sqlite3", "PySide6.QtNetwork"]
    out = subprocess.run([sys.executable, "-c", BARE, *mods], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return int(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--transactions", type=int, default=500)
    ap.add_argument("--every", type=int, default=50)
    ap.add_argument("--idle-s", type=float, default=600)
    ap.add_argument("--no-heap", action="store_true",
                    help="no tracemalloc (its own tables inflate RSS by ~100 MB): for the RSS figures")
    ap.add_argument("--top", type=int, default=0, help="print the N allocation sites that grew most")
    ap.add_argument("--out", default="-", help="JSON lines here as they come (default stdout)")
    args = ap.parse_args()
    out = sys.stdout if args.out == "-" else open(args.out, "a", encoding="utf-8")
    if not args.no_heap:
        tracemalloc.start()
    qapp = QApplication.instance() or QApplication([])
    bot = Bot()
    with tempfile.TemporaryDirectory() as tmp:
        app, services = make_kiosk(Path(tmp))
        try:
            bot.waitUntil(lambda: app.ready and app.dock is not None, timeout=30000)
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
            at_idle = snapshot(app, args.transactions)
        finally:
            app.shutdown()
            services.stop()
            qapp.processEvents()
    bare = bare_window_rss()
    warm = points[0] if points else base
    summary = {"transactions": args.transactions, "seconds": round(took, 1),
               "rss_growth_after_warmup_mb": round(points[-1]["rss_mb"] - warm["rss_mb"], 1) if points else None,
               "baseline": base, "last": points[-1] if points else None, "idle": at_idle,
               "idle_cpu_core_share": round(idle, 4), "idle_s": args.idle_s,
               "bare_window_rss_mb": round(bare / 2**20, 1),
               "idle_rss_ratio": round(at_idle["rss_mb"] / (bare / 2**20), 2)}
    print(json.dumps({"summary": summary}), file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
