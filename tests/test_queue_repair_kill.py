"""Kill test: SIGKILL lands while the outbox repairs a damaged page (salvage, swap, journal compaction).

Each round starts from the same damaged file. A process opening the outbox (which repairs it) is
killed at random moments inside the repair, again and again, then one is let finish. The result must
be exactly what one uninterrupted repair gives: the same entries recovered, the same ones named lost,
one damage report; then a real HTTP gateway on 127.0.0.1 receives every recovered entry exactly once."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from offline_queue import DELIVERED, Outbox, Sender
from outbox_damage import REPO, damage_page, fill
from queue_gateway_server import QueueTestGateway, requests_deliver

ROUNDS = 10
KILLS_PER_ROUND = 6
OPENER = ("import sys; from offline_queue import Outbox; print('start', flush=True);"
          "Outbox(sys.argv[1], sys.argv[2]).close(); print('done', flush=True)")


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _open_and_kill(folder: Path, delay: float) -> tuple[bool, bool]:
    """(finished before the kill, left a repair in progress)."""
    proc = subprocess.Popen([sys.executable, "-c", OPENER, str(folder / "outbox.db"), str(folder / "q.key")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert proc.stdout.readline().strip() == "start"
        time.sleep(delay)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        out = proc.communicate(timeout=10)[0]
    midway = (folder / "outbox.db.repair").exists() or (folder / "outbox.db.salvage").exists()
    return "done" in out, midway


def _timed_open(folder: Path) -> float:
    proc = subprocess.Popen([sys.executable, "-c", OPENER, str(folder / "outbox.db"), str(folder / "q.key")],
                            stdout=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout.readline().strip() == "start"
    t0 = time.monotonic()
    assert proc.stdout.readline().strip() == "done"
    took = time.monotonic() - t0
    proc.wait(10)
    return took


def _outcome(folder: Path):
    with Outbox(folder / "outbox.db", folder / "q.key") as box:
        st = box.status()
        rows = box.list(limit=100_000)
        readable = {e.id: e.payload["n"] for e in box.claim(limit=100_000)}
        for lid in readable:
            box.release(lid)
    ids = [r["local_id"] for r in rows]
    assert len(ids) == len(set(ids)), "an entry appears twice"
    lost = {r["local_id"] for r in rows if r["damage"]}
    return st, readable, lost


@pytest.mark.slow
@pytest.mark.timeout(280)
def test_sigkill_during_repair_of_a_damaged_page_loses_and_doubles_nothing(tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    ids = fill(base / "outbox.db", base / "q.key", 3000, payload_bytes=300, groups=0)
    damage_page(base / "outbox.db", "entries")
    damage_page(base / "outbox.db", "payloads")

    ref = _copy(base, tmp_path / "ref")
    repair_s = _timed_open(ref)                         # one uninterrupted repair, in a process like the rest
    ref_status, ref_readable, ref_lost = _outcome(ref)
    assert ref_lost and len(ref_readable) + len(ref_lost) == len(ids)
    assert len(ref_status["damage"]) == 1

    rng = random.Random(13)
    kills = midway = 0
    # Kill moments from 0 to `upper`. On a loaded machine (CI, three test files side by side)
    # one repair can take twice or half as long as the one timed above, so the window follows
    # what the kills find: narrower after a kill that came too late, wider after one too early.
    upper = repair_s * 1.2
    gw = QueueTestGateway()
    gw.start()
    try:
        for r in range(ROUNDS):
            run = _copy(base, tmp_path / f"run{r}")
            for _ in range(KILLS_PER_ROUND):
                finished, left_midway = _open_and_kill(run, rng.uniform(0.0, upper))
                kills += 1
                midway += left_midway
                upper *= 0.7 if finished else 1.0 if left_midway else 1.3
                if finished:
                    break
            st, readable, lost = _outcome(run)          # the last opener finishes the repair
            assert lost == ref_lost, f"round {r}: the kills changed what was lost"
            assert readable == ref_readable, f"round {r}: the kills changed what was recovered"
            assert len(st["damage"]) == 1 and set(st["damage"][0]["lost"]) == ref_lost
            if r == ROUNDS - 1:                         # and it all goes out, exactly once
                with Outbox(run / "outbox.db", run / "q.key") as box:
                    deliver, probe = requests_deliver(gw.url)
                    Sender(box, deliver, probe=probe, idle_wait_s=0.01).sync(until_empty=True, timeout=60)
                    delivered = [x for x in box.list(limit=100_000) if x["state"] == DELIVERED]
                assert {x["local_id"] for x in delivered} == set(ref_readable)
                assert sorted(b["n"] for b in gw.state.effects) == sorted(ref_readable.values())
    finally:
        gw.stop()
    print(f"kills={kills} left_a_repair_midway={midway} repair_s={repair_s:.3f} lost={len(ref_lost)}")
    assert kills >= ROUNDS
    assert midway >= ROUNDS // 2, "too few kills landed inside a repair"
