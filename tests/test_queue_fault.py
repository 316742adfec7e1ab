"""Fault test: 1,000 submissions through a gateway answering 500, 503+Retry-After, 429,
slow (client timeout), connection resets before/after effect, and 400, in a scripted mix.
Every deliverable one is delivered exactly once in effect; the 400 ones are in
needs_staff with the server's reason; nothing is dropped."""
from __future__ import annotations

import random
import zlib

import pytest

from offline_queue import DELIVERED, NEEDS_STAFF, Outbox, Sender
from queue_gateway_server import QueueTestGateway, requests_deliver

N = 1000
FAULTS = ["500", "503", "429", "slow", "reset_before", "reset_after"]


def script(key, attempt, body):
    if body["n"] % 50 == 7:                   # 20 invalid submissions: always 400
        return "400"
    if attempt > 3:
        return None
    h = zlib.crc32(f"{key}/{attempt}".encode()) % 100
    if h < 30:                                # 30 % of attempts fail in one of six ways
        f = FAULTS[h % len(FAULTS)]
        if f == "slow" and h >= 6:            # keep slow answers rare: each costs a timeout
            f = "500"
        return f
    return None


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("path", ["library", "kiosk"])
def test_thousand_submissions_through_a_faulty_gateway(tmp_path, path):
    """library: offline_queue.Sender with a plain requests deliver; kiosk: OutboxService with
    the real GatewayRouter and its error mapping (GatewayUnavailable / GatewayRejected)."""
    gw = QueueTestGateway()
    gw.state.fault = script
    gw.state.slow_s = 0.5
    gw.start()
    svc = router = box = None
    try:
        if path == "library":
            box = Outbox(tmp_path / "q.db", tmp_path / "q.key")
            deliver, probe = requests_deliver(gw.url, timeout=0.25)
            sender = Sender(box, deliver, probe=probe, base_backoff_s=0.002, max_backoff_s=0.02,
                            probe_interval_s=0.01, idle_wait_s=0.01, batch=16,
                            rand=random.Random(1).random)
            run = lambda: sender.sync(until_empty=True, timeout=240)   # noqa: E731
        else:
            from kiosk.config import load_config
            from kiosk.gateway.client import GatewayRouter
            from kiosk.outbox_service import OutboxService
            from outbox_helpers import write_config
            cfg = load_config(write_config(tmp_path / "kiosk", gw.url, timeout_s=0.25))
            router = GatewayRouter(cfg)
            svc = OutboxService(cfg, router, base_backoff_s=0.002, max_backoff_s=0.02,
                                probe_interval_s=0.01, heartbeats=False)
            box = svc.outbox
            run = lambda: svc.sync_once(until_empty=True, timeout=240)   # noqa: E731
        ids = {box.put("submission", {"n": n}, group=f"applicant-{n % 97}"): n for n in range(N)}
        res = run()
        counts = box.status()["counts"]
        assert counts["pending"] == counts["in_flight"] == 0, counts
        bad = {lid for lid, n in ids.items() if n % 50 == 7}
        assert counts[NEEDS_STAFF] == len(bad) == 20
        assert counts[DELIVERED] == N - 20
        for lid, n in ids.items():
            row = box.get(lid)
            if lid in bad:
                assert row["state"] == NEEDS_STAFF and "form.reason" in row["last_error"]
                assert "400" in row["last_error"]
            else:
                assert row["state"] == DELIVERED and row["tracking_no"].startswith("T")
        # exactly once in effect: each deliverable body took effect once, no 400 one did
        effected = sorted(b["n"] for b in gw.state.effects)
        assert effected == sorted(n for lid, n in ids.items() if lid not in bad)
        # the tracking number the kiosk kept is the one the gateway issued for that key
        assert len({box.get(lid)["tracking_no"] for lid in ids if lid not in bad}) == N - 20
        assert gw.state.requests > N     # faults really happened and were retried
        assert res.delivered == N - 20
    finally:
        if svc is not None:
            svc.close()
            router.close()
        elif box is not None:
            box.close()
        gw.stop()
