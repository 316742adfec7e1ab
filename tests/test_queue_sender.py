"""offline_queue.Sender against a real HTTP gateway on 127.0.0.1: backoff, Retry-After, reconnect."""
from __future__ import annotations

import threading
import time

import pytest

from offline_queue import DELIVERED, Delivered, Outbox, Retry, Sender
from queue_gateway_server import QueueTestGateway, requests_deliver


@pytest.fixture
def gateway():
    gw = QueueTestGateway()
    gw.start()
    yield gw
    gw.stop()


@pytest.fixture
def box(tmp_path):
    b = Outbox(tmp_path / "q.db", tmp_path / "q.key")
    yield b
    b.close()


def test_full_jitter_backoff_is_bounded_and_grows():
    s = Sender(None, lambda e: None, base_backoff_s=1, max_backoff_s=60, rand=lambda: 1.0)
    assert [s.backoff(n) for n in (1, 2, 3, 4, 10)] == [1, 2, 4, 8, 60]
    s0 = Sender(None, lambda e: None, rand=lambda: 0.0)
    assert s0.backoff(5) == 0.0        # full jitter: anywhere from zero to the cap


def test_retry_after_is_honoured_over_a_shorter_backoff(box):
    calls = []

    def deliver(entry):
        calls.append(time.monotonic())
        return Retry("HTTP 503", retry_after=0.6) if len(calls) == 1 else Delivered("T1")

    lid = box.put("submission", {"n": 1})
    s = Sender(box, deliver, base_backoff_s=0.001, max_backoff_s=0.001, idle_wait_s=0.05)
    res = s.sync(until_empty=True, timeout=10)
    assert res.delivered == 1 and box.get(lid)["state"] == DELIVERED
    assert calls[1] - calls[0] >= 0.55


def test_offline_then_drains_at_once_on_reconnect(box, gateway):
    deliver, probe = requests_deliver(gateway.url, timeout=1)
    gateway.state.up = False
    changes = []
    s = Sender(box, deliver, probe=probe, base_backoff_s=30, max_backoff_s=30,
               probe_interval_s=0.1, idle_wait_s=0.1, on_online=changes.append)
    ids = [box.put("submission", {"n": i}, group=f"g{i}") for i in range(5)]
    s.start()
    try:
        deadline = time.monotonic() + 5
        while changes != [False] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert changes == [False] and not s.online
        time.sleep(0.3)
        assert box.status()["counts"]["delivered"] == 0
        gateway.state.up = True
        t0 = time.monotonic()
        while box.status()["counts"]["delivered"] < 5 and time.monotonic() - t0 < 10:
            time.sleep(0.02)
        # drained well before the 30 s backoff the failed attempts would otherwise wait
        assert box.status()["counts"]["delivered"] == 5
        assert time.monotonic() - t0 < 5
        assert changes == [False, True] and s.online
    finally:
        s.stop()
    assert len(gateway.state.effects) == 5
    assert all(box.get(i)["tracking_no"] for i in ids)


def test_stop_returns_claimed_entries_untried(box):
    started, release = threading.Event(), threading.Event()

    def deliver(entry):
        started.set()
        release.wait(5)
        return Delivered("T")

    for i in range(4):
        box.put("submission", {"n": i})
    s = Sender(box, deliver, batch=4, idle_wait_s=0.05)
    s.start()
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    s.stop()
    counts = box.status()["counts"]
    assert counts["delivered"] == 1 and counts["pending"] == 3 and counts["in_flight"] == 0
    assert all(r["attempts"] == 0 for r in box.list("pending"))


def test_a_deliver_that_raises_loses_nothing(box):
    calls = []

    def deliver(entry):
        calls.append(entry.id)
        if len(calls) == 1:
            raise RuntimeError("bug in the deliverer")
        return Delivered("T1")

    lid = box.put("submission", {"n": 1})
    s = Sender(box, deliver, base_backoff_s=0.001, max_backoff_s=0.001, idle_wait_s=0.02)
    res = s.sync(until_empty=True, timeout=5)
    assert res.retried == 1 and res.delivered == 1
    assert box.get(lid)["state"] == DELIVERED


def test_an_idle_sender_reads_but_takes_no_write_lock_and_still_sees_another_processs_retry(box, tmp_path):
    calls = []

    def deliver(entry):
        calls.append(entry.id)
        return Retry("HTTP 503") if len(calls) == 1 else Delivered("T-RETRIED")

    lid = box.put("submission", {"n": 1})
    s = Sender(box, deliver, base_backoff_s=600, max_backoff_s=600, idle_wait_s=0.1, rand=lambda: 1.0)
    statements: list[str] = []
    s.start()
    try:
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.02)
        assert calls == [lid]                     # tried once, now backed off for 10 minutes
        time.sleep(0.3)
        box._conn.set_trace_callback(statements.append)
        time.sleep(2.0)                           # ~20 turns of the idle loop
        box._conn.set_trace_callback(None)
        assert not [q for q in statements if q.startswith("BEGIN")], statements[:5]
        assert sum(q.startswith("SELECT MIN(") for q in statements) >= 10   # it keeps looking
        # A technician's `kiosk queue retry` from another process: seen by the next read, sent.
        other = Outbox(tmp_path / "q.db", tmp_path / "q.key")
        try:
            assert other.retry_now(lid) == 1
        finally:
            other.close()
        deadline = time.monotonic() + 5
        while box.get(lid)["state"] != DELIVERED and time.monotonic() < deadline:
            time.sleep(0.02)
        assert box.get(lid)["state"] == DELIVERED and calls == [lid, lid]
    finally:
        s.stop()
