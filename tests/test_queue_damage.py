"""The outbox in a hostile world: a lost key, a damaged page, an emptied file, a damaged WAL, a huge
material, an unreadable entry in a sync. Nothing acknowledged is lost without being named."""
from __future__ import annotations

import os
import random
import sqlite3

import pytest

from offline_queue import (DELIVERED, NEEDS_STAFF, PENDING, Delivered, KeyFileMissing, Outbox, Sender,
                           shred_key)
from offline_queue.records import _seq_of
from outbox_damage import damage_page, damage_wal_frame, fill, put_and_die


@pytest.fixture
def paths(tmp_path):
    return tmp_path / "queue" / "outbox.db", tmp_path / "queue.key"


def _drain(box: Outbox) -> dict[str, dict]:
    got: dict[str, dict] = {}
    sender = Sender(box, lambda e: (got.__setitem__(e.id, e.payload), Delivered(f"T-{e.id}"))[1],
                    rand=random.Random(1).random)
    sender.deliver_due()
    return got


# --- 2: a missing key is never silently re-created -------------------------------------------

def test_a_missing_key_with_entries_is_refused_naming_the_file(paths):
    db, key = paths
    fill(db, key, 3)
    key.unlink()
    with pytest.raises(KeyFileMissing) as err:
        Outbox(db, key)
    text = str(err.value)
    assert str(key) in text and "3 entries" in text and "key_file" in text and "密钥" in text
    assert not key.exists()                              # nothing was created


def test_a_typo_in_the_key_path_is_refused_too(paths, tmp_path):
    db, key = paths
    fill(db, key, 1)
    with pytest.raises(KeyFileMissing):
        Outbox(db, tmp_path / "queue.kye")
    assert not (tmp_path / "queue.kye").exists()
    with Outbox(db, key) as box:                         # the right path still opens everything
        assert len(box.claim(limit=5)) == 1


def test_a_key_is_made_for_an_empty_outbox_only_and_on_explicit_abandon(paths):
    db, key = paths
    with Outbox(db, key):                                # first start: made
        assert key.exists()
    fill(db, key, 1)
    shred_key(key)
    with pytest.raises(KeyFileMissing):
        Outbox(db, key)
    with Outbox(db, key, new_key=True) as box:           # `kiosk queue new-key --abandon-unreadable`
        assert box.claim() == [] and box.status()["counts"][NEEDS_STAFF] == 1


# --- 4: one damaged page blocks nothing else and is named -----------------------------------

def test_a_damaged_page_is_repaired_readable_entries_delivered_and_the_damage_named(paths):
    db, key = paths
    ids = fill(db, key, 400)
    damage_page(db, "entries")
    raw = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError):           # what `queue sync` crashed on before
        raw.execute("SELECT COUNT(*), SUM(LENGTH(id)) FROM entries").fetchone()
    raw.close()
    with Outbox(db, key) as box:                         # PRAGMA quick_check at open → repair
        st = box.status()
        assert not st["healthy"] and len(st["damage"]) == 1
        report = st["damage"][0]
        assert report["file"] == str(db) and report["problems"]
        lost = set(report["lost"])
        assert lost and lost < set(ids)
        assert os.path.exists(report["moved_to"])          # the damaged file is kept for staff
        delivered = _drain(box)
        assert set(delivered) == set(ids) - lost           # every readable entry goes out
        assert sorted(p["n"] for p in delivered.values()) == sorted(ids.index(i) for i in delivered)
        for lid in lost:
            row = box.get(lid)
            assert row["state"] == NEEDS_STAFF and row["damage"] in ("record_lost", "payload_lost")
        assert st["lost"] == len(lost)
        assert box.acknowledge_damage("test") == 1
        assert box.status()["healthy"] and box.status()["lost"] == len(lost)   # still listed


def test_damage_found_while_running_is_repaired_by_the_call_that_meets_it(paths):
    db, key = paths
    fill(db, key, 300)
    with Outbox(db, key) as box:
        box.checkpoint()
        damage_page(db, "payloads")
        delivered = _drain(box)                          # the claim meets the bad page, repairs, goes on
        st = box.status()
        assert not st["healthy"]
        assert len(delivered) + st["lost"] == 300 and st["lost"] > 0


# --- 5: acknowledged entries never vanish without a word ------------------------------------

def test_an_emptied_outbox_file_names_every_acknowledged_entry(paths):
    db, key = paths
    ids = fill(db, key, 5)
    os.truncate(db, 0)
    with Outbox(db, key) as box:
        st = box.status()
        assert not st["healthy"] and set(st["damage"][0]["lost"]) == set(ids)
        assert st["counts"][NEEDS_STAFF] == 5
        assert all(box.get(i)["damage"] == "record_lost" for i in ids)
        assert box.put("submission", {"n": 99}) not in ids          # no local id is ever reused
    with Outbox(db, key) as box:                                    # reported once, not at every open
        assert len(box.status()["damage"]) == 1


def test_a_damaged_wal_that_drops_acknowledged_entries_is_detected(paths):
    db, key = paths
    fill(db, key, 1)
    ids = put_and_die(db, key, 12)                       # acknowledged, still only in the WAL
    damage_wal_frame(db, 4)
    with Outbox(db, key) as box:
        st = box.status()
        assert not st["healthy"]
        lost = set(st["damage"][0]["lost"])
        assert lost and lost <= set(ids)
        present = {r["local_id"] for r in box.list() if r["damage"] is None}
        assert present | lost >= set(ids)


# --- 8: a claim touches only the state columns ----------------------------------------------

def _size(db):
    return sum(os.path.getsize(p) for p in (db, f"{db}-wal") if os.path.exists(p))


def test_a_claim_does_not_rewrite_a_large_payload(paths):
    db, key = paths
    big = os.urandom(15_000_000).hex()[:20_000_000]       # a 20 MB material, as text in the payload
    with Outbox(db, key) as box:
        lid = box.put("submission", {"material": big})
        after_put = _size(db)
        for _ in range(3):                                # three attempts that fail
            [e] = box.claim()
            box.mark_retry(e.id, "HTTP 503", 0)
        assert _size(db) < after_put + 2_000_000, (after_put, _size(db))
        assert box.get(lid)["attempts"] == 3


# --- 10: a sync goes on past an unreadable entry --------------------------------------------

def test_a_plain_sync_delivers_past_an_unreadable_entry(paths):
    db, key = paths
    with Outbox(db, key) as box:
        bad = box.put("submission", {"n": 0})
        good = box.put("submission", {"n": 1})
        box._conn.execute("UPDATE payloads SET blob=X'00' WHERE seq=?", (_seq_of(bad),))
        sender = Sender(box, lambda e: Delivered("T1"), batch=1)
        res = sender.sync()                               # one plain `kiosk queue sync`
        assert res.delivered == 1 and box.get(good)["state"] == DELIVERED
        assert box.get(bad)["state"] == NEEDS_STAFF


def test_status_of_a_healthy_outbox(paths):
    with Outbox(*paths) as box:
        box.put("submission", {})
        st = box.status()
        assert st["healthy"] and st["damage"] == [] and st["lost"] == 0 and st["counts"][PENDING] == 1
