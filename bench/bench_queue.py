"""Outbox benchmark, side by side with persist-queue's SQLiteAckQueue at the same durability.

    .venv/bin/python bench/bench_queue.py [--n 2000] [--recovery-n 10000] [--json]

1. durable put: latency p50/p99 and throughput (one transaction per put, both
   WAL + synchronous=FULL; ours also encrypts with AES-GCM and makes an idempotency key);
2. drain to the reference gateway (kiosk.gateway_sim) on 127.0.0.1 over keep-alive:
   ours = OutboxService.sync_once (claim, POST with Idempotency-Key, mark delivered);
   persist-queue = get → the same POST through the same GatewayRouter → ack;
3. restart recovery with 10,000 pending entries: open the store (reclaiming
   leases / resuming unacked) until the first entry is in hand.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import persistqueue  # noqa: E402

from offline_queue import Outbox  # noqa: E402


def body(n: int) -> dict:
    """A realistic submission body (~2 KB with a small material)."""
    import base64
    import hashlib
    photo = os.urandom(1024)
    return {"item_code": "230100-GA-002", "region": "230100", "kiosk_id": "BENCH-001",
            "submitted_at": "2026-11-26T10:00:00+08:00",
            "applicant": {"id_type": "resident", "id_number": "230102198506151234", "name": "李明华"},
            "form": {"name": "李明华", "id_number": "230102198506151234", "phone": "13800138000",
                     "purpose": "就业", "seq": str(n)},
            "materials": [{"key": "photo", "content_type": "image/jpeg",
                           "sha256": hashlib.sha256(photo).hexdigest(),
                           "data_b64": base64.b64encode(photo).decode()}]}


def pq_open(path: str) -> persistqueue.SQLiteAckQueue:
    q = persistqueue.SQLiteAckQueue(path, multithreading=True, auto_resume=True)
    for c in {id(q._conn): q._conn, id(q._putter): q._putter}.values():
        c.execute("PRAGMA synchronous=FULL")
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 2
    return q


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bench_put(tmp: Path, n: int, block: int = 100) -> dict:
    """Interleaved blocks (ours, theirs, theirs, ours, …) so machine load hits both alike."""
    bodies = [body(i) for i in range(n)]
    box = Outbox(tmp / "put" / "q.db", tmp / "put" / "q.key")
    q = pq_open(str(tmp / "put-pq"))
    lat: list[float] = []
    plat: list[float] = []
    ours_s = pq_s = 0.0

    def run_ours(chunk):
        nonlocal ours_s
        t0 = time.perf_counter()
        for b in chunk:
            t = time.perf_counter()
            box.put("submission", b, group="g", region="230100")
            lat.append(time.perf_counter() - t)
        ours_s += time.perf_counter() - t0

    def run_pq(chunk):
        nonlocal pq_s
        t0 = time.perf_counter()
        for b in chunk:
            t = time.perf_counter()
            q.put(b)
            plat.append(time.perf_counter() - t)
        pq_s += time.perf_counter() - t0

    # The kiosk's delivery thread checkpoints the WAL every 2 s (Sender); do the same here
    # (faster: every 0.5 s) so our puts are measured with the checkpoint work they cause.
    import threading
    stop = threading.Event()

    def checkpointer():
        while not stop.wait(0.5):
            box.checkpoint()

    th = threading.Thread(target=checkpointer, daemon=True)
    th.start()
    for i, start in enumerate(range(0, n, block)):
        chunk = bodies[start:start + block]
        for f in ((run_ours, run_pq) if i % 2 == 0 else (run_pq, run_ours)):
            f(chunk)
    stop.set()
    th.join()
    box.close()
    q.close()
    return {"n": n,
            "ours": {"p50_ms": pct(lat, 50) * 1e3, "p99_ms": pct(lat, 99) * 1e3, "per_s": n / ours_s},
            "persist_queue": {"p50_ms": pct(plat, 50) * 1e3, "p99_ms": pct(plat, 99) * 1e3, "per_s": n / pq_s},
            "throughput_ratio": (n / ours_s) / (n / pq_s)}


def sim_nodelay(on: bool) -> None:
    """The reference gateway writes headers and body in two sends; without TCP_NODELAY, Nagle +
    the client's delayed ACK add ~40 ms per answer and the gateway, not the queue, is measured.
    A production gateway (nginx etc.) sets TCP_NODELAY; so does this patch, in this process only."""
    import socket
    from kiosk.gateway_sim import server as simserver
    if not hasattr(simserver._Handler, "_orig_setup"):
        simserver._Handler._orig_setup = simserver._Handler.setup

    def setup(self):
        simserver._Handler._orig_setup(self)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    simserver._Handler.setup = setup if on else simserver._Handler._orig_setup


def bench_drain(tmp: Path, n: int, gateway: str = "sim", nodelay: bool = True) -> dict:
    """gateway "sim": the reference gateway (SQLite store, validation); "minimal": an in-memory
    idempotent gateway (tests/queue_gateway_server.py), so the queue's own cost shows."""
    sim_nodelay(nodelay)
    tmp = tmp / f"{gateway}-{'nodelay' if nodelay else 'as-shipped'}"
    from kiosk.config import load_config
    from kiosk.gateway.client import GatewayRouter
    from kiosk.gateway_sim import GatewaySim
    from kiosk.outbox_service import OutboxService
    from outbox_helpers import write_config
    import uuid

    from queue_gateway_server import QueueTestGateway

    def gateway_for(who):
        if gateway == "sim":
            return GatewaySim(data_dir=tmp / f"gw-{who}")
        g = QueueTestGateway()
        g.submissions = lambda g=g: list(g.state.by_key)
        return g

    def accepted_body():
        b = body(0)    # a form the reference gateway accepts
        b["form"] = {"name": "李明华", "id_number": "230102198506151234", "phone": "13800138000",
                     "purpose": "就业"}
        b["materials"] = []
        return b

    gws = {who: gateway_for(who) for who in ("ours", "persist_queue")}
    urls = {who: g.start() for who, g in gws.items()}
    try:
        routers = {who: GatewayRouter(load_config(write_config(tmp / f"drain-{who}", urls[who])))
                   for who in gws}
        svc = OutboxService(routers["ours"].cfg, routers["ours"], heartbeats=False)
        q = pq_open(str(tmp / "drain-pq"))
        for i in range(n):
            svc.outbox.put("submission", accepted_body(), group=f"a{i % 50}", region="230100")
            q.put({"key": str(uuid.uuid4()), "body": accepted_body()})
        assert svc.sender.check_online()
        secs = {"ours": 0.0, "persist_queue": 0.0}
        block = 100
        # interleaved blocks, alternating who goes first, so machine load hits both alike
        for i, start in enumerate(range(0, n, block)):
            k = min(block, n - start)
            for who in (("ours", "persist_queue") if i % 2 == 0 else ("persist_queue", "ours")):
                t0 = time.perf_counter()
                if who == "ours":
                    res = svc.sender.deliver_due(limit=k)
                    assert res.delivered == k, res
                else:
                    for _ in range(k):
                        item = q.get(block=False)
                        routers[who].submit(item["body"], item["key"])
                        q.ack(item)
                secs[who] += time.perf_counter() - t0
        svc.close()
        q.close()
        for who, g in gws.items():
            assert len(g.submissions()) == n
            routers[who].close()
    finally:
        for g in gws.values():
            g.stop()
    out = {"n": n, "ours": {"per_s": n / secs["ours"]}, "persist_queue": {"per_s": n / secs["persist_queue"]}}
    out["ratio"] = out["ours"]["per_s"] / out["persist_queue"]["per_s"]
    return out


def bench_recovery(tmp: Path, n: int, rounds: int = 5) -> dict:
    b = body(0)
    box = Outbox(tmp / "rec" / "q.db", tmp / "rec" / "q.key", lease_s=5)
    for _ in range(n):
        box.put("submission", b, group=None)
    box.claim(limit=100)       # some leased by the "dead" process
    box.close()
    q = pq_open(str(tmp / "rec-pq"))
    for _ in range(n):
        q.put(b)
    for _ in range(100):
        q.get(block=False)     # unacked by the "dead" process
    q.close()
    ours, theirs = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        box = Outbox(tmp / "rec" / "q.db", tmp / "rec" / "q.key", lease_s=5)
        st = box.status()
        [e] = box.claim()
        ours.append(time.perf_counter() - t)
        box.release(e.id)
        box.close()
        assert st["counts"]["pending"] + st["counts"]["in_flight"] == n
        t = time.perf_counter()
        q = pq_open(str(tmp / "rec-pq"))
        item = q.get(block=False)
        theirs.append(time.perf_counter() - t)
        q.nack(item)
        q.close()
    o, p = statistics.median(ours), statistics.median(theirs)
    return {"n": n, "ours_ms": o * 1e3, "persist_queue_ms": p * 1e3, "ratio": o / p}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--drain-n", type=int, default=2000)
    ap.add_argument("--recovery-n", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3, help="put runs; the median ratio is reported")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as d:
        tmp = Path(d)
        puts = []
        for r in range(a.repeat):
            (tmp / f"r{r}").mkdir()
            puts.append(bench_put(tmp / f"r{r}", a.n))
        puts.sort(key=lambda p: p["throughput_ratio"])
        res = {"put": puts[len(puts) // 2], "put_ratios": [round(p["throughput_ratio"], 2) for p in puts],
               "drain_minimal": bench_drain(tmp, a.drain_n, gateway="minimal"),
               "drain": bench_drain(tmp, a.drain_n // 2),
               "drain_sim_as_shipped": bench_drain(tmp, 100, nodelay=False),
               "recovery": bench_recovery(tmp, a.recovery_n)}
    if a.json:
        print(json.dumps(res, indent=2))
        return
    p, dr, r = res["put"], res["drain"], res["recovery"]
    print(f"put ({p['n']}): ours p50 {p['ours']['p50_ms']:.2f} ms p99 {p['ours']['p99_ms']:.2f} ms "
          f"{p['ours']['per_s']:.0f}/s | persist-queue p50 {p['persist_queue']['p50_ms']:.2f} ms "
          f"p99 {p['persist_queue']['p99_ms']:.2f} ms {p['persist_queue']['per_s']:.0f}/s | "
          f"ratio {p['throughput_ratio']:.2f}x (median run; all runs {res['put_ratios']})")
    dm = res["drain_minimal"]
    print(f"drain to a minimal in-memory gateway ({dm['n']}): ours {dm['ours']['per_s']:.0f}/s | "
          f"persist-queue {dm['persist_queue']['per_s']:.0f}/s | ratio {dm['ratio']:.2f}x")
    print(f"drain to the reference gateway sim, TCP_NODELAY ({dr['n']}): ours {dr['ours']['per_s']:.0f}/s | persist-queue {dr['persist_queue']['per_s']:.0f}/s"
          f" | ratio {dr['ratio']:.2f}x")
    d2 = res["drain_sim_as_shipped"]
    print(f"drain, gateway sim without TCP_NODELAY ({d2['n']}): ours {d2['ours']['per_s']:.0f}/s | "
          f"persist-queue {d2['persist_queue']['per_s']:.0f}/s | ratio {d2['ratio']:.2f}x")
    print(f"recovery ({r['n']} pending): ours {r['ours_ms']:.1f} ms | persist-queue {r['persist_queue_ms']:.1f} ms"
          f" | ratio {r['ratio']:.2f}x")


if __name__ == "__main__":
    main()
