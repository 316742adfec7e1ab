"""offline_queue.Outbox: durability settings, state machine, leases, ordering, encryption at rest."""
from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from offline_queue import (DELIVERED, IN_FLIGHT, NEEDS_STAFF, PENDING, KeyFileError, KeyFileMissing, Outbox,
                           connect_durable, shred_key)


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


@pytest.fixture
def paths(tmp_path):
    return tmp_path / "outbox.db", tmp_path / "keys" / "queue.key"


def test_every_connection_is_wal_and_synchronous_full(paths):
    box = Outbox(*paths)
    conn = connect_durable(paths[0])
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert box._conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    conn.close()
    box.close()


def test_key_file_created_0600_and_reused(paths):
    box = Outbox(*paths)
    lid = box.put("submission", {"x": 1})
    box.close()
    mode = stat.S_IMODE(os.stat(paths[1]).st_mode)
    assert mode == 0o600
    key = paths[1].read_bytes()
    assert len(key) == 32
    box = Outbox(*paths)   # a second start reads the same key and can decrypt
    assert paths[1].read_bytes() == key
    [e] = box.claim()
    assert e.id == lid and e.payload == {"x": 1}
    box.close()


def test_key_file_readable_by_others_is_refused(paths):
    Outbox(*paths).close()
    os.chmod(paths[1], 0o644)
    with pytest.raises(KeyFileError):
        Outbox(*paths)


def test_state_machine_and_receipt_after_delivery(paths):
    clock = Clock()
    box = Outbox(*paths, clock=clock)
    lid = box.put("submission", {"secret": "payload"}, group="g1", region="110000")
    assert box.get(lid)["state"] == PENDING
    [e] = box.claim()
    assert e.attempts == 1 and box.get(lid)["state"] == IN_FLIGHT
    key = e.idempotency_key
    box.mark_retry(lid, "HTTP 503", delay_s=10)
    assert box.claim() == []                       # not due yet
    clock.t += 11
    [e2] = box.claim()
    assert e2.idempotency_key == key and e2.attempts == 2   # same key on every retry
    box.mark_delivered(lid, "T123")
    row = box.get(lid)
    assert row["state"] == DELIVERED and row["tracking_no"] == "T123" and row["region"] == "110000"
    assert box.tracking_no(lid) == "T123"
    from offline_queue.records import _seq_of
    payload = box._conn.execute("SELECT blob FROM payloads WHERE seq=?", (_seq_of(lid),)).fetchone()
    assert payload is None                          # erased, only the receipt stays
    box.close()


def test_needs_staff_keeps_reason_and_technician_retry(paths):
    box = Outbox(*paths)
    lid = box.put("submission", {})
    box.claim()
    box.mark_needs_staff(lid, "400 form.reason: 必填 (id 110105194912310021)")
    row = box.get(lid)
    assert row["state"] == NEEDS_STAFF and "form.reason" in row["last_error"]
    assert "110105194912310021" not in row["last_error"]   # digit runs scrubbed
    assert box.status()["counts"][NEEDS_STAFF] == 1
    assert box.retry_now(all_needs_staff=True) == 1
    assert box.get(lid)["state"] == PENDING
    box.close()


def test_expired_lease_returns_work_of_a_dead_claimer(paths):
    clock = Clock()
    dead = Outbox(*paths, lease_s=30, clock=clock)
    lid = dead.put("submission", {"n": 1})
    [e] = dead.claim()                   # this "process" dies holding the lease
    other = Outbox(*paths, lease_s=30, clock=clock)
    assert other.claim() == []           # lease still valid: nobody else takes it
    clock.t += 31
    [again] = other.claim()
    assert again.id == lid and again.idempotency_key == e.idempotency_key
    # the dead claimer's late retry must not disturb the new owner's lease
    dead.mark_retry(lid, "late", 0)
    assert other.get(lid)["state"] == IN_FLIGHT
    other.mark_delivered(lid, "T1")
    assert other.get(lid)["state"] == DELIVERED
    dead.close()
    other.close()


def test_order_is_kept_per_group_and_a_bad_entry_blocks_no_other_group(paths):
    clock = Clock()
    box = Outbox(*paths, clock=clock)
    a1 = box.put("submission", {"n": "a1"}, group="A")
    a2 = box.put("evaluation", {"n": "a2"}, group="A")
    b1 = box.put("submission", {"n": "b1"}, group="B")
    claimed = box.claim(limit=10)
    assert [e.id for e in claimed] == [a1, b1]       # a2 waits for a1
    box.mark_retry(a1, "503", delay_s=60)
    box.mark_delivered(b1, "TB")
    assert box.claim(limit=10) == []                 # a2 still waits behind a1's backoff
    clock.t += 61
    [e] = box.claim(limit=10)
    assert e.id == a1
    box.mark_needs_staff(a1, "400")                  # a1 is bad: it no longer blocks a2
    [e] = box.claim(limit=10)
    assert e.id == a2
    box.close()


def test_payload_is_bound_to_its_entry_id(paths):
    box = Outbox(*paths)
    x = box.put("submission", {"who": "x"})
    y = box.put("submission", {"who": "y"})
    c = box._conn
    from offline_queue.records import _seq_of
    bx = c.execute("SELECT blob FROM payloads WHERE seq=?", (_seq_of(x),)).fetchone()[0]
    c.execute("UPDATE payloads SET blob=? WHERE seq=?", (bx, _seq_of(y)))   # move x's blob onto y
    got = {e.id: e for e in box.claim(limit=5)}
    assert set(got) == {x}
    assert box.get(y)["state"] == NEEDS_STAFF and "decrypt" in box.get(y)["last_error"]
    box.close()


def test_crypto_shredding_makes_payloads_unreadable(paths):
    box = Outbox(*paths)
    lid = box.put("submission", {"applicant": {"id_number": "110105194912310021"}})
    box.close()
    shred_key(paths[1])
    assert not paths[1].exists()
    raw = sqlite3.connect(paths[0]).execute("SELECT blob FROM payloads").fetchone()[0]
    assert b"110105194912310021" not in raw
    with pytest.raises(KeyFileMissing, match="queue new-key"):
        Outbox(*paths)            # never a silent new key while entries need the old one
    box = Outbox(*paths, new_key=True)   # the technician abandons them: the old data cannot be opened
    assert box.claim() == []
    row = box.get(lid)
    assert row["state"] == NEEDS_STAFF and "unreadable" in row["last_error"]
    box.close()


def test_ephemeral_kind_is_coalesced_and_leaves_no_receipt(paths):
    box = Outbox(*paths, ephemeral_kinds={"heartbeat"})
    h1 = box.put("heartbeat", {"n": 1})
    h2 = box.put("heartbeat", {"n": 2})
    [e] = box.claim(limit=5)
    assert e.id == h2 and e.payload == {"n": 2}      # the older one was superseded
    box.mark_delivered(h2, None)
    s = box.put("submission", {"n": 3})
    h4 = box.put("heartbeat", {"n": 4})
    ids = {e.id for e in box.claim(limit=5)}
    assert ids == {s, h4}
    box.mark_delivered_many([(s, "T"), (h4, None)])
    assert box.get(h1) is None and box.get(h2) is None   # heartbeats keep no history
    assert box.get(s)["tracking_no"] == "T"
    assert [r["kind"] for r in box.list()] == ["submission", "heartbeat"]   # newest row stays
    box.close()


def test_work_behind_thousands_of_receipts_is_found_and_deleted_rows_are_never_reused(paths):
    clock = Clock()
    box = Outbox(*paths, clock=clock)
    first = box.put("submission", {"n": 0})
    box.claim()
    box.mark_retry(first, "503", delay_s=100)        # holds the low-water mark back
    for i in range(300):
        lid = box.put("submission", {"n": i})
        [e] = box.claim()
        box.mark_delivered(e.id, f"T{i}")
    clock.t += 101
    [e] = box.claim()
    assert e.id == first
    box.mark_delivered(e.id, "T-first")
    box.purge_receipts(0)                             # keeps the newest row
    newest = box.list()[-1]["local_id"]
    assert newest == lid
    again = box.put("submission", {"n": "after purge"})
    assert again != lid and box.claim()[0].id == again
    box.close()


def test_status_reports_depth_oldest_age_and_last_error(paths):
    clock = Clock()
    box = Outbox(*paths, clock=clock)
    lid = box.put("submission", {})
    box.put("submission", {})
    clock.t += 42
    box.claim()
    box.mark_retry(lid, "HTTP 500", 5)
    st = box.status()
    assert st["counts"] == {PENDING: 2, IN_FLIGHT: 0, DELIVERED: 0, NEEDS_STAFF: 0}
    assert st["oldest_pending_age_s"] == pytest.approx(42)
    assert st["last_error"]["local_id"] == lid and st["last_error"]["error"] == "HTTP 500"
    listed = box.list()
    assert {"local_id", "kind", "state", "attempts", "tracking_no", "last_error", "created_at"} <= set(listed[0])
    assert "payload" not in listed[0]
    box.close()


def test_concurrent_claimers_never_share_an_entry(tmp_path):
    """Two stores on the same file (as the kiosk and `kiosk queue sync` would be) claim
    concurrently: every entry is leased by exactly one of them."""
    import threading
    import time
    a = Outbox(tmp_path / "q.db", tmp_path / "q.key")
    b = Outbox(tmp_path / "q.db", tmp_path / "q.key")
    ids = {a.put("submission", {"n": i}) for i in range(300)}
    got: dict[str, list[str]] = {"a": [], "b": []}

    def work(name, box):
        while True:
            batch = box.claim(limit=3)
            if not batch:
                return
            for e in batch:
                got[name].append(e.id)
                time.sleep(0.001)          # the network call, outside any lock
                box.mark_delivered(e.id, f"T-{name}")

    ts = [threading.Thread(target=work, args=(n, x)) for n, x in (("a", a), ("b", b))]
    for t in ts:
        t.start()
    for t in ts:
        t.join(30)
    assert sorted(got["a"] + got["b"]) == sorted(ids)       # nobody twice, nobody missed
    assert got["a"] and got["b"]
    a.close()
    b.close()


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_json = st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.text(max_size=20),
                     lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                     max_leaves=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.text(max_size=10), _json, max_size=5))
def test_any_json_payload_round_trips_encrypted(tmp_path_factory, payload):
    d = tmp_path_factory.mktemp("rt")
    box = Outbox(d / "q.db", d / "q.key")
    lid = box.put("submission", payload)
    [e] = box.claim()
    assert e.id == lid and e.payload == payload
    box.close()


@given(seq=st.integers(1, 10**12), junk=st.text(max_size=30))
def test_local_id_parsing(seq, junk):
    from offline_queue.store import _seq_of, make_local_id
    assert _seq_of(make_local_id(seq, 1_800_000_000)) == seq
    _seq_of(junk)     # never raises on anything a technician types


def test_reconnect_makes_backed_off_work_due_but_keeps_retry_after(paths):
    clock = Clock()
    box = Outbox(*paths, clock=clock)
    backed_off = box.put("submission", {"n": 1})
    held = box.put("submission", {"n": 2})
    box.claim(limit=2)
    box.mark_retry(backed_off, "connection refused", delay_s=300)
    box.mark_retry(held, "HTTP 503", delay_s=120, hold_s=120)     # the server said Retry-After: 120
    assert box.claim(limit=2) == []
    box.make_due_now()                                            # connectivity came back
    assert [e.id for e in box.claim(limit=2)] == [backed_off]
    box.mark_delivered(backed_off, "T1")
    clock.t += 121
    assert [e.id for e in box.claim(limit=2)] == [held]
    box.close()


def test_a_database_of_another_schema_is_refused_at_open(tmp_path):
    import sqlite3

    from offline_queue.store import Outbox, OutboxSchemaError
    db = tmp_path / "outbox.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")   # an older layout
    con.commit()
    con.close()
    with pytest.raises(OutboxSchemaError, match="schema unknown"):
        Outbox(db, tmp_path / "queue.key")
