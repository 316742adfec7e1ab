"""Benchmark: ID-card read time against the wire-time limit, and CPU while waiting for a card.

1. find + select + read (30 01) against the pty emulator pacing every byte at
   115200 baud (10 bits a byte). The limit is the wire time of all request and
   reply bytes; the ratio measured/limit shows the driver's own overhead
   (goal ≤ 1.15×: no fixed sleeps in the read path).
2. CPU of the driver process while it polls for a card every 300 ms (the
   kiosk.toml default) with no card present; the emulator runs in another
   process so only the driver is measured (goal < 1 % of one core).

Run: .venv/bin/python bench/bench_id_reader.py [--runs 30] [--idle-s 20]
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drivers.id_reader.emulator import IdReaderEmulator  # noqa: E402
from drivers.id_reader.frames import build_reply, build_request  # noqa: E402
from drivers.id_reader.reader import Ga467Reader  # noqa: E402
from drivers.id_reader.watcher import CardWatcher  # noqa: E402

BAUD = 115200
CARD = ROOT / "assets" / "cards" / "resident.json"


def wire_limit() -> float:
    # the exact frames exchanged: find → 9F + 4 bytes, select → 90 + 8 bytes, read → 1295 bytes
    n = (len(build_request(0x20, 0x01)) + len(build_reply(0x9F, bytes(4)))
         + len(build_request(0x20, 0x02)) + len(build_reply(0x90, bytes(8)))
         + len(build_request(0x30, 0x01)) + len(build_reply(0x90, bytes(4 + 256 + 1024))))
    return n * 10 / BAUD, n


def bench_read(runs: int) -> dict:
    limit, nbytes = wire_limit()
    times = []
    with IdReaderEmulator(CARD, baud=BAUD) as emu, Ga467Reader(emu.path) as r:
        r.read_card(appended_address=False)      # warm-up
        for _ in range(runs):
            t0 = time.perf_counter()
            r.read_card(appended_address=False)
            times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    return {"bytes": nbytes, "limit_ms": limit * 1000, "median_ms": med * 1000,
            "p90_ms": sorted(times)[int(0.9 * len(times)) - 1] * 1000, "ratio": med / limit}


def bench_idle(seconds: float, poll_s: float = 0.3) -> dict:
    link = Path(f"/tmp/bench-idr-{os.getpid()}")
    emu = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "emulate", "id-reader", "--no-card",
                            "--link", str(link)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        emu.stdout.readline()
        w = CardWatcher(Ga467Reader(str(link)))
        w.poll(True)
        polls = 0
        ru0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        next_at = t0
        while time.monotonic() - t0 < seconds:
            w.poll(True)
            polls += 1
            next_at += poll_s
            time.sleep(max(0.0, next_at - time.monotonic()))
        ru1, wall = resource.getrusage(resource.RUSAGE_SELF), time.monotonic() - t0
        w.close()
    finally:
        emu.terminate()
        emu.wait(10)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    return {"seconds": wall, "polls": polls, "cpu_s": cpu, "cpu_pct": 100 * cpu / wall,
            "per_poll_ms": 1000 * cpu / max(polls, 1)}


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--idle-s", type=float, default=20.0)
    a = ap.parse_args()
    print(f"machine: {machine()}")
    r = bench_read(a.runs)
    print(f"find+select+read at {BAUD} baud: {r['bytes']} bytes on the wire, limit {r['limit_ms']:.1f} ms, "
          f"median {r['median_ms']:.1f} ms (p90 {r['p90_ms']:.1f} ms) over {a.runs} runs "
          f"→ {r['ratio']:.3f}× the wire-time limit (goal ≤ 1.15×)")
    i = bench_idle(a.idle_s)
    print(f"waiting for a card (poll every 300 ms, no card): {i['polls']} polls in {i['seconds']:.1f} s, "
          f"CPU {i['cpu_s'] * 1000:.0f} ms = {i['cpu_pct']:.2f} % of one core "
          f"({i['per_poll_ms']:.2f} ms a poll; goal < 1 %)")


if __name__ == "__main__":
    main()
