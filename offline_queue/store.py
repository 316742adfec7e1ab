"""The durable, encrypted outbox: one SQLite file, one row per entry.

States: pending → in_flight (leased) → delivered | needs_staff.
- `put` returns only after COMMIT with WAL + synchronous=FULL (asserted on
  every connection), so an acknowledged entry survives kill -9 and power loss
  (when the disk honours flush). Attachments travel inside the encrypted
  payload, so the same commit makes them durable.
- Payloads are AES-GCM sealed with the entry id as associated data; only
  non-personal columns are plain (kind, region, opaque group hash, times).
- A claim is one IMMEDIATE transaction (atomic across processes) and sets a
  lease; a lease that runs out (the claimer died) returns the entry to pending.
- Order per group: an entry is not claimed while an older entry of its group
  is pending or in flight. needs_staff does not block the group (one bad
  entry must not block others; staff decide what to do with it).
- Delivered entries lose their payload (secure_delete zeroes the freed
  pages); a receipt row stays: id, kind, region, tracking number, times.

Cheap puts: a put is ONE autocommit INSERT writing the table only (no index).
Work still to do is found from a low-water mark (meta 'low_water': no row
below it is pending or in flight), so claims scan from there by row key and
delivered receipts behind it cost nothing. Row keys are never reused below
the highest one (the newest row is never deleted), so a new row is always
above the mark.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from offline_queue.keys import PayloadUnreadable, Sealer, load_or_create_key

try:   # orjson encodes a submission ~20× faster than json: the largest CPU cost of a put
    import orjson
except ImportError:   # the library still works with the standard json alone
    orjson = None


def _dumps(obj: Any) -> bytes:
    if orjson is not None:
        try:
            return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)
        except TypeError:   # e.g. an int beyond 64 bits: let json decide
            pass
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def _loads(data: bytes) -> Any:
    return orjson.loads(data) if orjson is not None else json.loads(data)

PENDING, IN_FLIGHT, DELIVERED, NEEDS_STAFF = "pending", "in_flight", "delivered", "needs_staff"
STATES = (PENDING, IN_FLIGHT, DELIVERED, NEEDS_STAFF)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    region TEXT,
    grp TEXT,
    idem_key TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    next_attempt_at REAL NOT NULL,
    hold_until REAL NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until REAL,
    last_error TEXT,
    tracking_no TEXT,
    delivered_at REAL,
    payload BLOB
);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('low_water', '0');
"""
_ACTIVE = f"state IN ('{PENDING}','{IN_FLIGHT}')"

# Long digit runs (ID numbers, phone numbers) are masked in stored error texts:
# a server reason may echo a field value, and last_error is plain text.
_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def scrub(text: str, limit: int = 500) -> str:
    return _DIGITS.sub(lambda m: m.group(0)[:2] + "*" * (len(m.group(0)) - 2), text)[:limit]


class DurabilityError(RuntimeError):
    """SQLite refused WAL or synchronous=FULL: the outbox will not run without them."""


@dataclass
class Entry:
    """One claimed entry, handed to `deliver`. `payload` is the decrypted dict."""
    id: str
    kind: str
    region: str | None
    group: str | None
    idempotency_key: str
    attempts: int
    created_at: float
    payload: dict = field(repr=False)

    def __repr__(self) -> str:
        return (f"Entry(id={self.id}, kind={self.kind}, attempts={self.attempts}, "
                f"<payload hidden>)")


def connect_durable(path: str | os.PathLike, timeout: float = 30.0) -> sqlite3.Connection:
    """Open a connection with WAL + synchronous=FULL and assert both took effect."""
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None,
                           check_same_thread=False)
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    if str(mode).lower() != "wal" or sync != 2:
        conn.close()
        raise DurabilityError(f"{path}: journal_mode={mode}, synchronous={sync}; need wal and FULL(2) / "
                              f"数据库未能启用 WAL 和 synchronous=FULL")
    return conn


class OutboxSchemaError(RuntimeError):
    """The database was written by another version of the outbox."""


class Outbox:
    """The store. Thread-safe (one connection behind a lock); several processes may share a file.

    `ephemeral_kinds`: kinds (heartbeats) whose pending entry is superseded by a
    newer one and whose old receipts are dropped.
    """

    def __init__(self, db_path: str | os.PathLike, key_file: str | os.PathLike, *,
                 lease_s: float = 60.0, ephemeral_kinds: Iterable[str] = (),
                 clock=time.time):
        self.db_path = Path(db_path)
        self.db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Owner-only file (SQLite gives -wal/-shm the same mode): ciphertext, but still nobody's business.
        os.close(os.open(self.db_path, os.O_RDWR | os.O_CREAT, 0o600))
        os.chmod(self.db_path, 0o600)
        self.lease_s = float(lease_s)
        self.ephemeral_kinds = frozenset(ephemeral_kinds)
        self._clock = clock
        self._sealer = Sealer(load_or_create_key(key_file))
        self._owner = secrets.token_hex(8)   # this process's lease token
        self._lock = threading.RLock()
        self._conn = connect_durable(self.db_path)
        with self._lock:
            if not self._conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
                with self._tx():
                    for stmt in filter(str.strip, _SCHEMA.split(";")):
                        self._conn.execute(stmt)
                    self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                                       (str(SCHEMA_VERSION),))
            row = self._conn.execute("SELECT v FROM meta WHERE k='schema'").fetchone()
            if row is None or row[0] != str(SCHEMA_VERSION):
                # Refuse at open, loudly, rather than fail on every delivery turn later.
                self._conn.close()
                raise OutboxSchemaError(
                    f"{self.db_path}: outbox schema {row[0] if row else 'unknown'}, this software "
                    f"needs {SCHEMA_VERSION}; deliver or export the queue with the old version first "
                    f"/ 发件箱数据库版本不符，请先用原版本处理完队列")
        # Checkpoints (copying the WAL into the database, with an fsync) are the slow tail of a
        # put: the delivery thread runs them (checkpoint()) so puts rarely pay. SQLite's own
        # automatic checkpoint (1000 pages) stays as the safety net; a small WAL that is reused
        # from its start is also cheaper to fsync than one that keeps growing.
        self._ckpt_conn: sqlite3.Connection | None = None
        self._ckpt_lock = threading.Lock()
        # Keys of this process's recent puts: the UI asks for the key of what it just committed
        # (for the receipt's QR) and must not wait on the database lock for it.
        self._recent_keys: dict[str, str] = {}
        # Leases of a dead process are reclaimed by the first claim (same transaction).

    # --- writing -----------------------------------------------------------------------------

    def put(self, kind: str, payload: dict, *, group: str | None = None,
            region: str | None = None) -> str:
        """Encrypt and store; returns the local id only once the COMMIT is durable."""
        now = self._clock()
        plain = _dumps(payload)
        key = os.urandom(16).hex()   # the idempotency key: 128 random bits, made once, kept for every retry
        with self._lock:
            if kind in self.ephemeral_kinds:   # only the newest heartbeat matters
                with self._tx():
                    self._conn.execute(
                        "UPDATE entries SET state=?, payload=NULL, last_error='superseded', updated_at=?"
                        " WHERE seq>=? AND kind=? AND state=?", (DELIVERED, now, self._low_water(), kind, PENDING))
                    return self._insert(kind, region, group, key, now, plain)
            # One autocommit INSERT (one fsync, no other statement writes). Another process may
            # take the same key between our MAX and our INSERT: the primary key says so; retry.
            while True:
                try:
                    entry_id = self._insert(kind, region, group, key, now, plain)
                    break
                except sqlite3.IntegrityError:
                    continue
            self._recent_keys[entry_id] = key
            if len(self._recent_keys) > 256:
                self._recent_keys.pop(next(iter(self._recent_keys)))
        return entry_id

    def _insert(self, kind, region, group, key, now, plain) -> str:
        seq = self._conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entries").fetchone()[0]
        entry_id = make_local_id(seq, now)
        self._conn.execute(
            "INSERT INTO entries (seq, id, kind, region, grp, idem_key, state, created_at,"
            " updated_at, next_attempt_at, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (seq, entry_id, kind, region, group, key, PENDING, now, now, now,
             self._sealer.seal(entry_id, plain)))
        return entry_id

    def _low_water(self) -> int:
        return int(self._conn.execute("SELECT v FROM meta WHERE k='low_water'").fetchone()[0])

    def _advance_low_water(self) -> int:
        """Move the mark up to the oldest pending/in-flight row (never past the newest row)."""
        lw = self._low_water()
        row = self._conn.execute(f"SELECT seq FROM entries WHERE seq>=? AND {_ACTIVE} ORDER BY seq LIMIT 1",
                                 (lw,)).fetchone()
        if row is None:   # nothing to do: the newest row is a safe mark (new rows go above it)
            row = self._conn.execute("SELECT MAX(seq) FROM entries").fetchone()
        new = row[0] if row and row[0] is not None else lw
        if new > lw:
            self._conn.execute("UPDATE meta SET v=? WHERE k='low_water'", (str(new),))
        return max(new, lw)

    def _lower_low_water(self, seq: int | None) -> None:
        if seq is not None and seq < self._low_water():
            self._conn.execute("UPDATE meta SET v=? WHERE k='low_water'", (str(seq),))

    def claim(self, limit: int = 1) -> list[Entry]:
        """Lease up to `limit` due entries, oldest first, keeping order per group."""
        now = self._clock()
        out: list[Entry] = []
        with self._lock, self._tx():
            lw = self._advance_low_water()
            self._reclaim(now, lw)
            rows = self._conn.execute(
                "SELECT e.seq, e.id, e.kind, e.region, e.grp, e.idem_key, e.attempts, e.created_at,"
                " e.payload FROM entries e WHERE e.seq>=? AND e.state=? AND e.next_attempt_at<=?"
                " AND (e.grp IS NULL OR NOT EXISTS (SELECT 1 FROM entries p WHERE p.seq>=?"
                f"      AND p.seq<e.seq AND p.grp=e.grp AND p.{_ACTIVE}))"
                " ORDER BY e.seq LIMIT ?", (lw, PENDING, now, lw, limit)).fetchall()
            for seq, eid, kind, region, grp, key, attempts, created, blob in rows:
                try:
                    payload = _loads(self._sealer.open(eid, blob))
                except (PayloadUnreadable, ValueError) as exc:
                    self._conn.execute("UPDATE entries SET state=?, last_error=?, updated_at=? WHERE seq=?",
                                       (NEEDS_STAFF, f"payload unreadable: {exc}", now, seq))
                    continue
                self._conn.execute(
                    "UPDATE entries SET state=?, lease_owner=?, lease_until=?, attempts=attempts+1,"
                    " updated_at=? WHERE seq=?", (IN_FLIGHT, self._owner, now + self.lease_s, now, seq))
                out.append(Entry(eid, kind, region, grp, key, attempts + 1, created, payload))
        return out

    def mark_delivered(self, entry_id: str, tracking_no: str | None) -> None:
        self.mark_delivered_many([(entry_id, tracking_no)])

    def mark_delivered_many(self, done: list[tuple[str, str | None]]) -> None:
        """2xx answers came: erase the payloads, keep receipts.

        One transaction for a batch: if the process dies before it commits, the
        entries are sent again with the same idempotency keys and the gateway
        answers with the same tracking numbers, so nothing takes effect twice.
        Accepted even if our lease ran out meanwhile: a 2xx is a 2xx.
        """
        if not done:
            return
        now = self._clock()
        kinds: set[str] = set()
        with self._lock, self._tx():
            for entry_id, tracking_no in done:
                seq = _seq_of(entry_id)
                cur = self._conn.execute(
                    "UPDATE entries SET state=?, tracking_no=?, delivered_at=?, updated_at=?,"
                    " payload=NULL, lease_owner=NULL, lease_until=NULL, last_error=NULL"
                    " WHERE seq=? AND id=? AND state!=? RETURNING kind",
                    (DELIVERED, tracking_no, now, now, seq, entry_id, DELIVERED)).fetchall()
                kinds.update(k for (k,) in cur if k in self.ephemeral_kinds)
            for kind in kinds:   # heartbeats keep no history; the newest row stays (see module doc)
                self._conn.execute(
                    "DELETE FROM entries WHERE kind=? AND state=? AND seq<(SELECT MAX(seq) FROM entries)",
                    (kind, DELIVERED))

    def mark_retry(self, entry_id: str, error: str, delay_s: float, hold_s: float = 0.0) -> None:
        """Back to pending, due after `delay_s`; `hold_s` (Retry-After) survives a reconnect."""
        now = self._clock()
        with self._lock, self._tx():
            self._conn.execute(
                "UPDATE entries SET state=?, last_error=?, next_attempt_at=?, hold_until=?,"
                " lease_owner=NULL, lease_until=NULL, updated_at=?"
                " WHERE seq=? AND id=? AND state=? AND lease_owner=?",
                (PENDING, scrub(error), now + delay_s, now + hold_s, now, _seq_of(entry_id), entry_id,
                 IN_FLIGHT, self._owner))

    def release(self, entry_id: str) -> None:
        """Give a claimed entry back untried (shutdown, went offline): the attempt is not counted."""
        now = self._clock()
        with self._lock, self._tx():
            self._conn.execute(
                "UPDATE entries SET state=?, attempts=MAX(attempts-1,0), lease_owner=NULL,"
                " lease_until=NULL, updated_at=? WHERE seq=? AND id=? AND state=? AND lease_owner=?",
                (PENDING, now, _seq_of(entry_id), entry_id, IN_FLIGHT, self._owner))

    def mark_needs_staff(self, entry_id: str, reason: str) -> None:
        now = self._clock()
        with self._lock, self._tx():
            self._conn.execute(
                "UPDATE entries SET state=?, last_error=?, lease_owner=NULL, lease_until=NULL,"
                " updated_at=? WHERE seq=? AND id=? AND state=?",
                (NEEDS_STAFF, scrub(reason), now, _seq_of(entry_id), entry_id, IN_FLIGHT))

    def retry_now(self, entry_id: str | None = None, *, all_needs_staff: bool = False) -> int:
        """Technician: put needs_staff (or a backed-off pending) entries back, due now."""
        now = self._clock()
        with self._lock, self._tx():
            if all_needs_staff:
                first = self._conn.execute("SELECT MIN(seq) FROM entries WHERE state=? AND payload IS NOT NULL",
                                           (NEEDS_STAFF,)).fetchone()[0]
                cur = self._conn.execute(
                    "UPDATE entries SET state=?, next_attempt_at=?, hold_until=0, updated_at=?"
                    " WHERE state=? AND payload IS NOT NULL", (PENDING, now, now, NEEDS_STAFF))
            else:
                first = _seq_of(entry_id or "")
                cur = self._conn.execute(
                    "UPDATE entries SET state=?, next_attempt_at=?, hold_until=0, updated_at=?"
                    " WHERE seq=? AND id=? AND state IN (?,?) AND payload IS NOT NULL",
                    (PENDING, now, now, first, entry_id, NEEDS_STAFF, PENDING))
            if cur.rowcount:
                self._lower_low_water(first)
            return cur.rowcount

    def make_due_now(self) -> int:
        """Connectivity came back: everything pending is due, except what Retry-After still holds."""
        now = self._clock()
        with self._lock, self._tx():
            return self._conn.execute(
                "UPDATE entries SET next_attempt_at=MAX(?, hold_until)"
                " WHERE seq>=? AND state=? AND next_attempt_at>?",
                (now, self._low_water(), PENDING, now)).rowcount

    def reclaim_expired(self) -> int:
        with self._lock, self._tx():
            return self._reclaim(self._clock(), self._low_water())

    def _reclaim(self, now: float, lw: int) -> int:
        return self._conn.execute(
            "UPDATE entries SET state=?, lease_owner=NULL, lease_until=NULL, updated_at=?"
            " WHERE seq>=? AND state=? AND lease_until<?", (PENDING, now, lw, IN_FLIGHT, now)).rowcount

    def purge_receipts(self, older_than_s: float) -> int:
        """Drop receipt rows of entries delivered more than `older_than_s` ago (retention)."""
        cutoff = self._clock() - older_than_s
        with self._lock, self._tx():
            return self._conn.execute(
                "DELETE FROM entries WHERE state=? AND delivered_at<? AND seq<(SELECT MAX(seq) FROM entries)",
                (DELIVERED, cutoff)).rowcount

    # --- reading -----------------------------------------------------------------------------

    def get(self, entry_id: str) -> dict | None:
        rows = self._rows("WHERE seq=? AND id=?", (_seq_of(entry_id), entry_id))
        return rows[0] if rows else None

    def tracking_no(self, entry_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT tracking_no FROM entries WHERE seq=? AND id=? AND state=?",
                                     (_seq_of(entry_id), entry_id, DELIVERED)).fetchone()
        return row[0] if row else None

    def idempotency_key(self, entry_id: str) -> str | None:
        key = self._recent_keys.get(entry_id)
        if key is not None:
            return key
        with self._lock:
            row = self._conn.execute("SELECT idem_key FROM entries WHERE seq=? AND id=?",
                                     (_seq_of(entry_id), entry_id)).fetchone()
        return row[0] if row else None

    def by_group(self, group: str, kind: str | None = None) -> list[dict]:
        """An applicant's entries, oldest first (local id, kind, state, tracking number, key)."""
        sql = "SELECT id, kind, state, tracking_no, idem_key FROM entries WHERE grp=?"
        params: tuple = (group,)
        if kind:
            sql, params = sql + " AND kind=?", (group, kind)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY seq", params).fetchall()
        return [dict(zip(("local_id", "kind", "state", "tracking_no", "idempotency_key"), r)) for r in rows]

    def list(self, state: str | None = None, limit: int = 1000) -> list[dict]:
        """Metadata only (never the payload): what `kiosk queue list` shows."""
        if state:
            return self._rows("WHERE state=? ORDER BY seq LIMIT ?", (state, limit))
        return self._rows("ORDER BY seq LIMIT ?", (limit,))

    def _rows(self, where: str, params: tuple) -> list[dict]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, kind, region, state, attempts, tracking_no, last_error, created_at,"
                " updated_at, next_attempt_at, delivered_at FROM entries " + where, params).fetchall()
        keys = ("local_id", "kind", "region", "state", "attempts", "tracking_no", "last_error",
                "created_at", "updated_at", "next_attempt_at", "delivered_at")
        return [dict(zip(keys, r)) for r in rows]

    def status(self) -> dict[str, Any]:
        """Counts by state, oldest pending age, the newest error: for technicians and heartbeats."""
        now = self._clock()
        with self._lock:
            counts = dict(self._conn.execute("SELECT state, COUNT(*) FROM entries GROUP BY state"))
            oldest, due = self._conn.execute(
                "SELECT MIN(created_at), MIN(CASE WHEN state=? THEN next_attempt_at END)"
                f" FROM entries WHERE seq>=? AND {_ACTIVE}", (PENDING, self._low_water())).fetchone()
            err = self._conn.execute(
                "SELECT id, last_error, updated_at FROM entries WHERE last_error IS NOT NULL"
                " AND last_error!='superseded' ORDER BY updated_at DESC LIMIT 1").fetchone()
        return {
            "counts": {s: int(counts.get(s, 0)) for s in STATES},
            "oldest_pending_age_s": round(now - oldest, 3) if oldest is not None else None,
            "next_attempt_in_s": round(max(0.0, due - now), 3) if due is not None else None,
            "last_error": ({"local_id": err[0], "error": err[1], "at": err[2]} if err else None),
        }

    def next_due_in(self) -> float | None:
        """Seconds until the next pending entry is due or a lease runs out (None: no work)."""
        with self._lock:
            due, lease = self._conn.execute(
                "SELECT MIN(CASE WHEN state=? THEN next_attempt_at END), MIN(lease_until)"
                f" FROM entries WHERE seq>=? AND {_ACTIVE}", (PENDING, self._low_water())).fetchone()
        times = [t for t in (due, lease) if t is not None]
        return max(0.0, min(times) - self._clock()) if times else None

    def checkpoint(self) -> tuple[int, int, int]:
        """PASSIVE WAL checkpoint on a connection of its own (puts go on meanwhile).
        Returns SQLite's (busy, wal_pages, checkpointed_pages)."""
        with self._ckpt_lock:
            if self._ckpt_conn is None:
                self._ckpt_conn = connect_durable(self.db_path)
            return tuple(self._ckpt_conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())

    def close(self) -> None:
        with self._ckpt_lock:
            if self._ckpt_conn is not None:
                self._ckpt_conn.close()
                self._ckpt_conn = None
        with self._lock:
            self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _tx(self):
        return _Immediate(self._conn)


class _Immediate:
    """BEGIN IMMEDIATE … COMMIT: takes the write lock up front so claims are atomic across processes."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


_day_cache: tuple[int, str] = (-1, "")


def make_local_id(seq: int, now: float) -> str:
    """The local receipt number: L + date + sequence (≥ 7 digits) + 4 random hex.

    The sequence is the row key, so a lookup by id needs no index of its own;
    the random tail keeps ids unique if the database is ever recreated.
    """
    global _day_cache
    slot = int(now // 900)   # every zone offset is a multiple of 15 min: the date changes only on a slot edge
    if _day_cache[0] != slot:
        _day_cache = (slot, time.strftime("%Y%m%d", time.localtime(now)))
    return f"L{_day_cache[1]}{seq:07d}{secrets.token_hex(2).upper()}"


def _seq_of(entry_id: str) -> int | None:
    """The row key inside a local id (None if it is not one of ours)."""
    if not entry_id or len(entry_id) < 20 or entry_id[0] != "L":
        return None
    try:
        return int(entry_id[9:-4])
    except ValueError:
        return None
