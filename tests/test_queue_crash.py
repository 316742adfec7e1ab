"""Crash test: `kiosk submit` in a loop in a subprocess, SIGKILLed at random moments (≥ 50 kills,
many while delivering), then a restart (`kiosk queue sync --until-empty`) against a real HTTP
gateway on 127.0.0.1: every acknowledged submission is delivered, none took effect twice,
none is lost."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from child_lines import ChildLines
from kiosk.config import load_config
from kiosk.gateway_sim import GatewaySim
from offline_queue import Outbox
from outbox_helpers import REPO, RESIDENT_CARD, write_config

KILLS = 50


def _id_number(serial: int) -> str:
    base = f"23010219850615{serial:03d}"
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return base + "10X98765432"[sum(int(c) * k for c, k in zip(base, w)) % 11]


def _applicants(folder):
    card = json.loads(RESIDENT_CARD.read_text(encoding="utf-8"))
    paths = []
    for i in range(6):   # several applicants: one dead process's lease blocks only its own applicant
        p = folder / f"applicant{i}.json"
        p.write_text(json.dumps({**card, "id_number": _id_number(100 + i)}, ensure_ascii=False),
                     encoding="utf-8")
        paths.append(str(p))
    return paths


def _delivery_evidence(tmp_path, cfg_path, sim) -> tuple[int, int]:
    db = tmp_path / "kiosk" / "var" / "queue" / "outbox.db"
    if not db.exists():
        return 0, 0
    box = Outbox(db, load_config(cfg_path).queue.key_file, lease_s=5)
    try:
        rows = box.list(limit=100000)
        in_flight = sum(1 for r in rows if r["state"] == "in_flight")
        undelivered = {box.idempotency_key(r["local_id"]) for r in rows
                       if r["kind"] == "submission" and r["state"] != "delivered"}
    finally:
        box.close()
    return in_flight, len(undelivered & {s["idempotency_key"] for s in sim.submissions()})


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_sigkill_during_submit_and_delivery_loses_and_duplicates_nothing(tmp_path):
    sim = GatewaySim(data_dir=tmp_path / "gw", latency_ms=25)   # a delivery window worth hitting
    sim.start()
    try:
        cfg_path = write_config(tmp_path / "kiosk", sim.url, lease_s=5)
        applicants = _applicants(tmp_path)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])}
        rng = random.Random(6)
        acked: list[dict] = []
        kills = 0
        in_flight_at_kill = answered_not_recorded = 0
        # KILLS kills; on a loaded machine a submitter may die before its first commit more
        # often, so a few more are allowed until there is evidence enough (>= 10 acks).
        while kills < KILLS or (len(acked) < 10 and kills < 3 * KILLS):
            proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "crash_submitter.py"),
                                     str(cfg_path), *applicants], stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True, env=env, cwd=tmp_path)
            reader = ChildLines(proc, lambda line: json.loads(line) if line.startswith("{") else None)
            reader.start()
            try:
                assert reader.ready.wait(30), "submitter did not start"
                time.sleep(rng.uniform(0.05, 1.5))
            finally:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(10)
                reader.join(5)
            kills += 1
            acked += reader.lines
            # Evidence, right after each kill (a later submitter reclaims and finishes the dead
            # one's work, so the end state alone would hide it): leases the dead process held,
            # or answers the gateway gave that it never lived to record.
            lease_left, unrecorded = _delivery_evidence(tmp_path, cfg_path, sim)
            in_flight_at_kill += lease_left
            answered_not_recorded += unrecorded
        cfg = load_config(cfg_path)
        box = Outbox(tmp_path / "kiosk" / "var" / "queue" / "outbox.db", cfg.queue.key_file, lease_s=5)
        try:
            # restart and sync, as a technician would
            out = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "queue", "sync", "--until-empty",
                                  "--timeout", "60", "--json", "--config", str(cfg_path)],
                                 capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
            assert out.returncode == 0, out.stderr
            counts = box.status()["counts"]
            assert counts["pending"] == counts["in_flight"] == counts["needs_staff"] == 0, counts
            rows = {r["local_id"]: r for r in box.list(limit=100000) if r["kind"] == "submission"}
            gateway = {s["idempotency_key"]: s["tracking_no"] for s in sim.submissions()}
            # every acknowledged submission is there and delivered
            assert len(acked) >= 10, f"too few acknowledged submissions ({len(acked)})"
            for a in acked:
                row = rows[a["local_id"]]
                assert row["state"] == "delivered"
                if a["tracking_no"]:
                    assert row["tracking_no"] == a["tracking_no"]
            # exactly once in effect: one gateway record per local entry, same tracking number
            assert len(gateway) == len(rows)
            for lid, row in rows.items():
                assert gateway[box.idempotency_key(lid)] == row["tracking_no"]
            assert len(set(gateway.values())) == len(gateway)
        finally:
            box.close()
        # evidence that kills hit deliveries: leases left by dead processes, or records the
        # gateway made whose answer the killed process never stored
        print(f"kills={kills} acked={len(acked)} entries={len(rows)} leases_seen_after_kills={in_flight_at_kill}"
              f" answers_seen_unrecorded={answered_not_recorded}")
        assert kills >= KILLS
        assert in_flight_at_kill + answered_not_recorded >= 1, "no kill landed during a delivery"
    finally:
        sim.stop()
