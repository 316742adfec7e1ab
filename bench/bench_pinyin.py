"""The pinyin keyboard: candidates per keystroke (goal: p99 well under one frame,
16 ms), the index build's time and memory, and how much a build in a thread
stalls the UI thread (the GIL).

Keystrokes: the resident's texts typed letter by letter as the keyboard does,
picking the first candidate when the word is complete — the address of the
tests, an employer, an opinion, initials and mixed input — each prefix timed
through the engine alone and through PinyinKeyboard.press (engine + refilling
the candidate bar, offscreen Qt). Build: each in a fresh process.

Run: .venv/bin/python bench/bench_pinyin.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXTS = [   # (letters typed for one word or phrase); a pick after each
    "heilongjiangsheng", "haerbinshi", "daoliqu", "anjingjie", "17hao", "2danyuan", "301shi",
    "hljs", "hrb", "daolq", "bjs", "chaoyangqu", "jianguolu", "88hao",
    "haerbingongyedaxue", "zhongguoyidong", "youxiangongsi", "heilongjiangshengrenminyiyuan",
    "yijianhuojianyi", "wo", "xiwang", "fuwu", "taidu", "genghao", "paiduide", "shijian", "taichang",
    "bangbanrenyuan", "hennaixin", "xiexie", "zhangsan", "lisi", "xian", "xi'an",
]
WORST = ["zzzzzz", "qwertyuiopasdfghjklzxcvbnm", "bjsdlq", "zhrmghgs", "shishishishishishi",
         "heilongjiangshengharbinshidaoliquanjingjie17hao2danyuan301shi"]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def build_in_fresh_process(preload_pypinyin: bool, child: bool = False) -> tuple[float, float, int]:
    """(seconds, RSS added in MB, words) of one build in a new interpreter; `child`: the way
    shared_engine builds (in a child of that interpreter, handed over as bytes)."""
    code = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(ROOT / 'bench')!r})
from bench_pinyin import rss_mb
if {preload_pypinyin}:
    from pypinyin import lazy_pinyin; lazy_pinyin("银行")     # the kiosk's catalog search has it loaded
before = rss_mb()
t = time.perf_counter()
from kiosk.ime import PinyinEngine
from kiosk.ime.build import build_in_child
e = build_in_child() if {child} else PinyinEngine.build()
print(time.perf_counter() - t, rss_mb() - before, len(e))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=600).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def ui_stall(build) -> tuple[float, float, float]:
    """`build` in a thread while this thread ticks every 1 ms: (build s, p99 and worst lateness
    of a tick in ms). A tick late by more than a frame is a frame the UI thread would miss."""
    done = threading.Event()
    result = {}

    def work():
        t = time.perf_counter()
        build()
        result["s"] = time.perf_counter() - t
        done.set()

    lates = []
    th = threading.Thread(target=work)
    th.start()
    while not done.is_set():
        t = time.perf_counter()
        time.sleep(0.001)
        lates.append((time.perf_counter() - t - 0.001) * 1000)
    th.join()
    return result["s"], percentile(lates, 99), max(lates)


def keystrokes(texts):
    """(letters composed at each keystroke) typing each text and picking when it is complete."""
    for text in texts:
        for i in range(1, len(text) + 1):
            yield text[:i]


def time_engine(engine, texts, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for letters in keystrokes(texts):
            t = time.perf_counter()
            engine(letters)
            times.append((time.perf_counter() - t) * 1000)
    return times


def time_engine_least(engine, texts, repeats: int = 5) -> list[float]:
    """Each keystroke's least time of `repeats`: its own cost, without the waits for a CPU
    that other jobs on a shared two-core machine add to single timings."""
    out = []
    for letters in keystrokes(texts):
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            engine(letters)
            best = min(best, (time.perf_counter() - t) * 1000)
        out.append(best)
    return out


def time_keyboard(engine, texts, rounds: int) -> list[float]:
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from screens.pinyin_keyboard import PinyinKeyboard
    from screens.theme import apply_theme
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    w = QWidget()
    box = QVBoxLayout(w)
    field = QLineEdit()
    kb = PinyinKeyboard(engine)
    box.addWidget(field)
    box.addWidget(kb)
    w.resize(1024, 768)
    w.show()
    app.processEvents()
    kb.set_target(field)
    times = []
    for _ in range(rounds):
        for text in texts:
            for ch in text:
                t = time.perf_counter()
                kb.press(ch)
                app.processEvents()
                times.append((time.perf_counter() - t) * 1000)
            while kb.composition():
                kb.choose(0)
            field.clear()
    w.close()
    return times


def row(name, xs):
    return (f"| {name} | {len(xs)} | {statistics.median(xs):.2f} ms | {percentile(xs, 95):.2f} ms | "
            f"{percentile(xs, 99):.2f} ms | {max(xs):.2f} ms | {percentile(xs, 99) / 16:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--builds", type=int, default=3)
    args = ap.parse_args()
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    print(f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at start")

    builds = [build_in_fresh_process(True) for _ in range(args.builds)]
    cold = build_in_fresh_process(False)
    kept = build_in_fresh_process(True, child=True)
    print("\n| index build (fresh process) | median | min | max |\n|---|---:|---:|---:|")
    secs = [b[0] for b in builds]
    mems = [b[1] for b in builds]
    print(f"| build time, {builds[0][2]} words | {statistics.median(secs):.2f} s | {min(secs):.2f} s | {max(secs):.2f} s |")
    print(f"| RSS added (pypinyin already loaded, as in the kiosk) | {statistics.median(mems):.1f} MB "
          f"| {min(mems):.1f} MB | {max(mems):.1f} MB |")
    print(f"| RSS added with pypinyin's own tables (nothing loaded before) | {cold[1]:.1f} MB | | |")
    print(f"| RSS added to the kiosk by a build in a child (shared_engine), {kept[0]:.2f} s | {kept[1]:.1f} MB | | |")
    from kiosk.ime import PinyinEngine
    from kiosk.ime.build import build_in_child
    print("\n| build while the UI thread ticks every 1 ms | build | tick late p99 | tick late worst |\n"
          "|---|---:|---:|---:|")
    for name, fn in (("nothing (the machine's own scheduling noise, 5 s)", lambda: time.sleep(5)),
                     ("in a thread of the kiosk (shares its GIL)", PinyinEngine.build),
                     ("in a child process (kiosk.ime.build, what shared_engine does)", build_in_child)):
        s, p99, worst = ui_stall(fn)
        print(f"| {name} | {s:.2f} s | {p99:.2f} ms | {worst:.2f} ms |")
    data = build_in_child().to_bytes()
    loads = []
    for _ in range(5):
        t = time.perf_counter()
        PinyinEngine.from_bytes(data)
        loads.append((time.perf_counter() - t) * 1000)
    print(f"\nLoading the child's {len(data) / 2**20:.1f} MB into the kiosk: median {statistics.median(loads):.1f} ms "
          f"(one call holding the GIL, once per start).")

    from kiosk.ime import shared_engine
    engine = shared_engine()
    for _ in keystrokes(TEXTS[:3]):   # warm-up
        engine(_)
    print("\n| per keystroke | keystrokes | median | p95 | p99 | max | p99 / 16 ms |\n|---|---:|---:|---:|---:|---:|---:|")
    print(row("engine, residents' texts", time_engine(engine, TEXTS, args.rounds)))
    print(row("engine, worst inputs (long initials, whole address)", time_engine(engine, WORST, args.rounds)))
    print(row("engine, residents' texts, least of 5 per keystroke", time_engine_least(engine, TEXTS)))
    print(row("engine, worst inputs, least of 5 per keystroke", time_engine_least(engine, WORST)))
    print(row("keyboard.press (engine + candidate bar), residents' texts", time_keyboard(engine, TEXTS, args.rounds)))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
