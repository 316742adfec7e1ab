"""The durable, encrypted outbox: one SQLite file, one row per entry, payloads in a table of their own.

States: pending → in_flight (leased) → delivered | needs_staff.
- `put` returns only after COMMIT with WAL + synchronous=FULL (asserted on
  every connection) AND after the entry is in the acknowledged-entries
  journal (journal.py), so an acknowledged entry survives kill -9 and power
  loss, and if the file itself is lost or damaged the loss is named.
- Payloads are AES-GCM sealed with the entry id as associated data; only
  non-personal columns are plain (kind, region, opaque group hash, times).
  Claims and retries touch only the small `entries` row, never the payload.
- A claim is one IMMEDIATE transaction (atomic across processes) and sets a
  lease; a lease that runs out (the claimer died) returns the entry to pending.
- Order per group: an entry is not claimed while an older entry of its group
  is pending or in flight. needs_staff does not block the group.
- Delivered entries lose their payload (secure_delete zeroes the freed
  pages); a receipt row stays: id, kind, region, tracking number, times.
- The key file is created only for an empty outbox: a missing key with
  entries that need it is an error naming the file (KeyFileMissing).
- `PRAGMA quick_check` at open (and `check()`); a damaged file, or an error
  saying so in any call, is repaired (repair.py) and the damage reported in
  `status()["damage"]` until `acknowledge_damage()`.

Work still to do is found from a low-water mark (meta 'low_water': no row
below it is pending or in flight). Row keys are never reused below the
highest one (the newest row is never deleted).
"""
from __future__ import annotations

import functools
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Iterable

from offline_queue import repair
from offline_queue.journal import AckJournal, journal_path
from offline_queue.keys import KeyFileMissing, PayloadUnreadable, Sealer, load_key
from offline_queue.locking import OutboxLock
from offline_queue.records import Entry, _dumps, _loads, _seq_of, make_local_id, scrub
from offline_queue.schema import (ACTIVE as _ACTIVE, DELIVERED, IN_FLIGHT, NEEDS_STAFF, PENDING, STATES,
                                  DurabilityError, OutboxSchemaError, connect_durable, ensure_schema,
                                  is_corruption)

__all__ = ["Outbox", "Entry", "OutboxDamaged", "OutboxSchemaError", "DurabilityError", "connect_durable",
           "scrub", "make_local_id", "PENDING", "IN_FLIGHT", "DELIVERED", "NEEDS_STAFF", "STATES"]

REPAIR_WAIT_S = 30.0   # how long a process that found damage waits for the others to close the file


class OutboxDamaged(RuntimeError):
    """The file is damaged and could not be repaired now (another process has it open)."""


def _heals(method):
    """Run `method`; if SQLite says the file is damaged, repair it and run it once more."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            self._repair([str(exc)])
            return method(self, *args, **kwargs)
    return call


class Outbox:
    """The store. Thread-safe (one connection behind a lock); several processes may share a file.

    `ephemeral_kinds`: kinds (heartbeats) whose pending entry is superseded by a
    newer one and whose old receipts are dropped; they are not journaled.
    `new_key=True`: make a new key even though entries need the old one (the
    technician's `kiosk queue new-key --abandon-unreadable`).
    """

    def __init__(self, db_path: str | os.PathLike, key_file: str | os.PathLike, *,
                 lease_s: float = 60.0, ephemeral_kinds: Iterable[str] = (),
                 clock=time.time, new_key: bool = False):
        self.db_path = Path(db_path)
        self.key_file = Path(key_file)
        self.db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.lease_s = float(lease_s)
        self.ephemeral_kinds = frozenset(ephemeral_kinds)
        self._clock = clock
        self._owner = secrets.token_hex(8)   # this process's lease token
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._ckpt_conn: sqlite3.Connection | None = None
        self._ckpt_lock = threading.Lock()
        self._journal = AckJournal(journal_path(self.db_path))
        # Keys of this process's recent puts: the UI asks for the key of what it just committed.
        self._recent_keys: dict[str, str] = {}
        self._file_lock = OutboxLock(self.db_path)
        try:
            self._open()
            self._sealer = Sealer(self._key(new_key))
        except BaseException:
            self.close()
            raise

    # --- opening, checking, repairing -------------------------------------------------------

    def _open(self) -> None:
        if self._file_lock.try_exclusive():    # alone: finish or do a repair, compact the journal
            try:
                self._heal(None)
            finally:
                self._file_lock.shared()
            self._connect()
            return
        self._file_lock.shared()
        try:
            self._connect()
            problems = repair.quick_check(self._conn)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            problems = [str(exc)]
        if problems:
            self._repair(problems)
        else:
            repair.reconcile(self._conn, self._journal, self.db_path, self._clock())

    def _connect(self) -> None:
        self._conn = connect_durable(self.db_path)
        os.chmod(self.db_path, 0o600)   # SQLite gives -wal/-shm the same mode
        ensure_schema(self._conn, self.db_path)

    def _close_conns(self) -> None:
        with self._ckpt_lock:
            if self._ckpt_conn is not None:
                self._ckpt_conn.close()
                self._ckpt_conn = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _known_max_seq(self) -> int:
        acked, _ = self._journal.read()
        return max((a.seq for a in acked.values()), default=0)

    def _heal(self, problems: list[str] | None) -> None:
        """Holding the file alone: finish an interrupted repair, check, repair, reconcile, compact."""
        repair.finish_repair(self.db_path, self._known_max_seq())
        conn = None
        try:
            if problems is None:
                try:
                    conn = connect_durable(self.db_path)
                    ensure_schema(conn, self.db_path)
                    problems = repair.quick_check(conn)
                except sqlite3.DatabaseError as exc:
                    if not is_corruption(exc):
                        raise
                    problems = [str(exc)]
            if problems:
                if conn is not None:
                    conn.close()
                    conn = None
                repair.start_repair(self.db_path, problems, self._clock())
                repair.finish_repair(self.db_path, self._known_max_seq())
            if conn is None:
                conn = connect_durable(self.db_path)
                ensure_schema(conn, self.db_path)
            repair.reconcile(conn, self._journal, self.db_path, self._clock())
            self._compact_journal(conn)
        finally:
            if conn is not None:
                conn.close()

    def _compact_journal(self, conn: sqlite3.Connection) -> None:
        """The journal becomes exactly the entries not yet delivered (only while alone)."""
        from offline_queue.journal import Acked
        kinds = tuple(self.ephemeral_kinds) or ("",)
        rows = conn.execute(f"SELECT seq, id, kind, created_at FROM entries WHERE state!=? AND kind NOT IN"
                            f" ({','.join('?' * len(kinds))})", (DELIVERED, *kinds)).fetchall()
        self._journal.rewrite([Acked(*r) for r in rows])

    def _repair(self, problems: list[str]) -> None:
        """Damage found while others may have the file open: wait for them to close it, then heal."""
        with self._lock:
            self._close_conns()
            self._file_lock.release()
            got = self._file_lock.exclusive(REPAIR_WAIT_S)
            try:
                if got:
                    self._heal(problems)
            finally:
                self._file_lock.shared()
                self._connect()
        if not got:
            raise OutboxDamaged(
                f"{self.db_path} is damaged ({problems[0]}); another process has it open, so it cannot be "
                f"repaired now. Stop the kiosk (or wait for it: it repairs at its next check) / "
                f"发件箱文件已损坏，其他进程正在使用，暂时无法修复")

    @_heals
    def check(self) -> list[str]:
        """PRAGMA quick_check now (the kiosk runs it hourly); damage found is repaired."""
        with self._lock:
            problems = repair.quick_check(self._conn)
        if problems:
            self._repair(problems)
        return problems

    def _key(self, new_key: bool) -> bytes:
        with self._lock:
            empty = self._conn.execute("SELECT NOT EXISTS (SELECT 1 FROM entries)").fetchone()[0]
            n = self._conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        try:
            return load_key(self.key_file, create=bool(empty) or new_key)
        except KeyFileMissing as exc:
            raise KeyFileMissing(
                f"{self.key_file}: the outbox key is missing, but {n} entries in {self.db_path} were sealed "
                f"with it. Restore the file from your backup, or correct [queue] key_file in kiosk.toml. "
                f"If it is lost for good: `kiosk queue new-key --abandon-unreadable` (those entries can "
                f"then never be sent) / 发件箱密钥文件缺失，但队列中有 {n} 条数据需要它：请从备份恢复该文件，"
                f"或改正 kiosk.toml 的 [queue] key_file", n) from None

    # --- writing -----------------------------------------------------------------------------

    @_heals
    def put_many(self, kind: str, entries: list[dict], *, link: str | None = None) -> list[str]:
        """Several entries committed together, all or none (ONE transaction, one journal write):
        `entries` are {"payload", "group", "region", "tag"}; each gets its own local id and idempotency
        key, and all carry `link` (a 一件事一次办 visit), stored as "<link>/<tag>" when an entry has a
        tag (no personal data: the item code). Durable on return, like `put`."""
        if kind in self.ephemeral_kinds:
            raise ValueError(f"{kind} entries supersede each other; put_many is for kept entries")
        if not entries:
            return []
        now = self._clock()
        sealed = [(_dumps(e["payload"]), e.get("group"), e.get("region"), os.urandom(16).hex(),
                   f"{link}/{e['tag']}" if link and e.get("tag") else link) for e in entries]
        done: list[tuple[int, str, str]] = []
        with self._lock, self._tx():
            first = self._conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entries").fetchone()[0]
            for n, (plain, group, region, key, tagged) in enumerate(sealed):
                seq = first + n
                entry_id = make_local_id(seq, now)
                self._conn.execute(
                    "INSERT INTO entries (seq, id, kind, region, grp, idem_key, state, created_at,"
                    " updated_at, next_attempt_at, link) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (seq, entry_id, kind, region, group, key, PENDING, now, now, now, tagged))
                self._conn.execute("INSERT INTO payloads VALUES (?, ?)", (seq, self._sealer.seal(entry_id, plain)))
                done.append((seq, entry_id, key))
        self._journal.acked_many([(seq, entry_id, kind, now) for seq, entry_id, _ in done])
        with self._lock:
            for _, entry_id, key in done:
                self._recent_keys[entry_id] = key
            while len(self._recent_keys) > 256:
                self._recent_keys.pop(next(iter(self._recent_keys)))
        return [entry_id for _, entry_id, _ in done]

    @_heals
    def linked(self, link: str) -> list[dict]:
        """The entries of one put_many, in order (local id, state, tracking number, key, region, last error)."""
        with self._lock:
            rows = self._conn.execute("SELECT id, state, tracking_no, idem_key, region, last_error, link FROM entries"
                                      " WHERE link=? OR link LIKE ? ORDER BY seq",
                                      (link, link.replace("%", "") + "/%")).fetchall()
        return [dict(zip(("local_id", "state", "tracking_no", "idempotency_key", "region", "last_error"), r),
                     tag=r[6].partition("/")[2]) for r in rows]

    @_heals
    def put(self, kind: str, payload: dict, *, group: str | None = None,
            region: str | None = None) -> str:
        """Encrypt and store; returns the local id only once the COMMIT and its journal line are durable."""
        now = self._clock()
        plain = _dumps(payload)
        key = os.urandom(16).hex()   # the idempotency key: 128 random bits, made once, kept for every retry
        with self._lock, self._tx():
            if kind in self.ephemeral_kinds:   # only the newest heartbeat matters
                self._conn.execute(
                    "DELETE FROM payloads WHERE seq IN (SELECT seq FROM entries WHERE seq>=? AND kind=?"
                    " AND state=?)", (self._low_water(), kind, PENDING))
                self._conn.execute(
                    "UPDATE entries SET state=?, last_error='superseded', updated_at=?"
                    " WHERE seq>=? AND kind=? AND state=?", (DELIVERED, now, self._low_water(), kind, PENDING))
            seq = self._conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entries").fetchone()[0]
            entry_id = make_local_id(seq, now)
            self._conn.execute(
                "INSERT INTO entries (seq, id, kind, region, grp, idem_key, state, created_at,"
                " updated_at, next_attempt_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (seq, entry_id, kind, region, group, key, PENDING, now, now, now))
            self._conn.execute("INSERT INTO payloads VALUES (?, ?)", (seq, self._sealer.seal(entry_id, plain)))
        if kind not in self.ephemeral_kinds:
            self._journal.acked(seq, entry_id, kind, now)
        with self._lock:
            self._recent_keys[entry_id] = key
            if len(self._recent_keys) > 256:
                self._recent_keys.pop(next(iter(self._recent_keys)))
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

    @_heals
    def claim(self, limit: int = 1) -> list[Entry]:
        """Lease up to `limit` due entries, oldest first, keeping order per group. An unreadable
        entry goes to needs_staff and the claim looks further, so it never hides the rest."""
        now = self._clock()
        out: list[Entry] = []
        with self._lock, self._tx():
            lw = self._advance_low_water()
            self._reclaim(now, lw)
            while len(out) < limit:
                rows = self._conn.execute(
                    "SELECT e.seq, e.id, e.kind, e.region, e.grp, e.idem_key, e.attempts, e.created_at,"
                    " p.blob FROM entries e LEFT JOIN payloads p ON p.seq=e.seq"
                    " WHERE e.seq>=? AND e.state=? AND e.next_attempt_at<=?"
                    " AND (e.grp IS NULL OR NOT EXISTS (SELECT 1 FROM entries q WHERE q.seq>=?"
                    f"      AND q.seq<e.seq AND q.grp=e.grp AND q.{_ACTIVE}))"
                    " ORDER BY e.seq LIMIT ?", (lw, PENDING, now, lw, limit - len(out))).fetchall()
                unreadable = 0
                for seq, eid, kind, region, grp, key, attempts, created, blob in rows:
                    try:
                        if blob is None:
                            raise PayloadUnreadable("payload missing / 数据缺失")
                        payload = _loads(self._sealer.open(eid, blob))
                    except (PayloadUnreadable, ValueError) as exc:
                        self._conn.execute("UPDATE entries SET state=?, last_error=?, updated_at=? WHERE seq=?",
                                           (NEEDS_STAFF, f"payload unreadable: {exc}", now, seq))
                        unreadable += 1
                        continue
                    self._conn.execute(
                        "UPDATE entries SET state=?, lease_owner=?, lease_until=?, attempts=attempts+1,"
                        " updated_at=? WHERE seq=?", (IN_FLIGHT, self._owner, now + self.lease_s, now, seq))
                    out.append(Entry(eid, kind, region, grp, key, attempts + 1, created, payload))
                if not unreadable:
                    break
        return out

    def mark_delivered(self, entry_id: str, tracking_no: str | None) -> None:
        self.mark_delivered_many([(entry_id, tracking_no)])

    @_heals
    def mark_delivered_many(self, done: list[tuple[str, str | None]]) -> None:
        """2xx answers came: erase the payloads, keep receipts.

        One transaction for a batch: if the process dies before it commits, the
        entries are sent again with the same idempotency keys and the gateway
        answers with the same tracking numbers, so nothing takes effect twice.
        Accepted even if our lease ran out meanwhile: a 2xx is a 2xx.
        """
        if not done:
            return
        for _, tracking_no in done:
            if tracking_no is not None and not isinstance(tracking_no, str):
                raise TypeError(f"tracking number must be a string, got {type(tracking_no).__name__}")
        now = self._clock()
        kinds: set[str] = set()
        with self._lock, self._tx():
            for entry_id, tracking_no in done:
                seq = _seq_of(entry_id)
                cur = self._conn.execute(
                    "UPDATE entries SET state=?, tracking_no=?, delivered_at=?, updated_at=?,"
                    " lease_owner=NULL, lease_until=NULL, last_error=NULL"
                    " WHERE seq=? AND id=? AND state!=? RETURNING kind",
                    (DELIVERED, tracking_no, now, now, seq, entry_id, DELIVERED)).fetchall()
                if cur:
                    self._conn.execute("DELETE FROM payloads WHERE seq=?", (seq,))
                kinds.update(k for (k,) in cur if k in self.ephemeral_kinds)
            for kind in kinds:   # heartbeats keep no history; the newest row stays (see module doc)
                self._conn.execute(
                    "DELETE FROM entries WHERE kind=? AND state=? AND seq<(SELECT MAX(seq) FROM entries)",
                    (kind, DELIVERED))

    @_heals
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

    @_heals
    def release(self, entry_id: str) -> None:
        """Give a claimed entry back untried (shutdown, went offline): the attempt is not counted."""
        now = self._clock()
        with self._lock, self._tx():
            self._conn.execute(
                "UPDATE entries SET state=?, attempts=MAX(attempts-1,0), lease_owner=NULL,"
                " lease_until=NULL, updated_at=? WHERE seq=? AND id=? AND state=? AND lease_owner=?",
                (PENDING, now, _seq_of(entry_id), entry_id, IN_FLIGHT, self._owner))

    @_heals
    def mark_needs_staff(self, entry_id: str, reason: str) -> None:
        now = self._clock()
        with self._lock, self._tx():
            self._conn.execute(
                "UPDATE entries SET state=?, last_error=?, lease_owner=NULL, lease_until=NULL,"
                " updated_at=? WHERE seq=? AND id=? AND state=?",
                (NEEDS_STAFF, scrub(reason), now, _seq_of(entry_id), entry_id, IN_FLIGHT))

    @_heals
    def retry_now(self, entry_id: str | None = None, *, all_needs_staff: bool = False) -> int:
        """Technician: put needs_staff (or a backed-off pending) entries back, due now."""
        now = self._clock()
        has_payload = "EXISTS (SELECT 1 FROM payloads p WHERE p.seq=entries.seq)"
        with self._lock, self._tx():
            if all_needs_staff:
                first = self._conn.execute(f"SELECT MIN(seq) FROM entries WHERE state=? AND {has_payload}",
                                           (NEEDS_STAFF,)).fetchone()[0]
                cur = self._conn.execute(
                    "UPDATE entries SET state=?, next_attempt_at=?, hold_until=0, updated_at=?"
                    f" WHERE state=? AND {has_payload}", (PENDING, now, now, NEEDS_STAFF))
            else:
                first = _seq_of(entry_id or "")
                cur = self._conn.execute(
                    "UPDATE entries SET state=?, next_attempt_at=?, hold_until=0, updated_at=?"
                    f" WHERE seq=? AND id=? AND state IN (?,?) AND {has_payload}",
                    (PENDING, now, now, first, entry_id, NEEDS_STAFF, PENDING))
            if cur.rowcount:
                self._lower_low_water(first)
            return cur.rowcount

    @_heals
    def make_due_now(self) -> int:
        """Connectivity came back: everything pending is due, except what Retry-After still holds."""
        now = self._clock()
        with self._lock, self._tx():
            return self._conn.execute(
                "UPDATE entries SET next_attempt_at=MAX(?, hold_until)"
                " WHERE seq>=? AND state=? AND next_attempt_at>?",
                (now, self._low_water(), PENDING, now)).rowcount

    @_heals
    def reclaim_expired(self) -> int:
        with self._lock, self._tx():
            return self._reclaim(self._clock(), self._low_water())

    def _reclaim(self, now: float, lw: int) -> int:
        return self._conn.execute(
            "UPDATE entries SET state=?, lease_owner=NULL, lease_until=NULL, updated_at=?"
            " WHERE seq>=? AND state=? AND lease_until<?", (PENDING, now, lw, IN_FLIGHT, now)).rowcount

    @_heals
    def purge_receipts(self, older_than_s: float) -> int:
        """Drop receipt rows of entries delivered more than `older_than_s` ago (retention)."""
        cutoff = self._clock() - older_than_s
        where = "state=? AND delivered_at<? AND seq<(SELECT MAX(seq) FROM entries)"
        with self._lock, self._tx():
            gone = self._conn.execute(f"SELECT seq, id FROM entries WHERE {where}", (DELIVERED, cutoff)).fetchall()
            self._journal.gone(gone)   # first: a purged row must never look like a lost one
            return self._conn.execute(f"DELETE FROM entries WHERE {where}", (DELIVERED, cutoff)).rowcount

    @_heals
    def acknowledge_damage(self, who: str = "") -> int:
        """Staff have read the damage reports (`status()["damage"]`): clear the alarm, keep the history."""
        with self._lock:
            return repair.acknowledge(self._conn, self._clock(), who)

    # --- reading -----------------------------------------------------------------------------

    def get(self, entry_id: str) -> dict | None:
        rows = self._rows("WHERE seq=? AND id=?", (_seq_of(entry_id), entry_id))
        return rows[0] if rows else None

    @_heals
    def tracking_no(self, entry_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT tracking_no FROM entries WHERE seq=? AND id=? AND state=?",
                                     (_seq_of(entry_id), entry_id, DELIVERED)).fetchone()
        return row[0] if row else None

    @_heals
    def idempotency_key(self, entry_id: str) -> str | None:
        key = self._recent_keys.get(entry_id)
        if key is not None:
            return key
        with self._lock:
            row = self._conn.execute("SELECT idem_key FROM entries WHERE seq=? AND id=?",
                                     (_seq_of(entry_id), entry_id)).fetchone()
        return row[0] if row else None

    @_heals
    def by_group(self, group: str, kind: str | None = None) -> list[dict]:
        """An applicant's entries, oldest first (local id, kind, state, tracking number, key)."""
        sql = "SELECT id, kind, state, tracking_no, idem_key, link FROM entries WHERE grp=?"
        params: tuple = (group,)
        if kind:
            sql, params = sql + " AND kind=?", (group, kind)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY seq", params).fetchall()
        return [dict(zip(("local_id", "kind", "state", "tracking_no", "idempotency_key", "link"), r)) for r in rows]

    def list(self, state: str | None = None, limit: int = 1000) -> list[dict]:
        """Metadata only (never the payload): what `kiosk queue list` shows."""
        if state:
            return self._rows("WHERE state=? ORDER BY seq LIMIT ?", (state, limit))
        return self._rows("ORDER BY seq LIMIT ?", (limit,))

    @_heals
    def _rows(self, where: str, params: tuple) -> list[dict]:
        keys = ("local_id", "kind", "region", "state", "attempts", "tracking_no", "last_error",
                "created_at", "updated_at", "next_attempt_at", "delivered_at", "damage")
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, kind, region, state, attempts, tracking_no, last_error, created_at,"
                " updated_at, next_attempt_at, delivered_at, damage FROM entries " + where, params).fetchall()
        return [dict(zip(keys, r)) for r in rows]

    @_heals
    def status(self) -> dict[str, Any]:
        """Counts by state, oldest pending age, the newest error, and damage: for technicians and heartbeats.

        `damage`: the unacknowledged damage reports (each: file, moved_to, problems, recovered,
        lost = local ids); `lost`: entries the outbox could not keep whole (needs_staff rows
        with damage set); `healthy`: no unacknowledged damage."""
        now = self._clock()
        with self._lock:
            counts = dict(self._conn.execute("SELECT state, COUNT(*) FROM entries GROUP BY state"))
            oldest, due = self._conn.execute(
                "SELECT MIN(created_at), MIN(CASE WHEN state=? THEN next_attempt_at END)"
                f" FROM entries WHERE seq>=? AND {_ACTIVE}", (PENDING, self._low_water())).fetchone()
            err = self._conn.execute(
                "SELECT id, last_error, updated_at FROM entries WHERE last_error IS NOT NULL"
                " AND last_error!='superseded' ORDER BY updated_at DESC LIMIT 1").fetchone()
            lost = self._conn.execute("SELECT COUNT(*) FROM entries WHERE damage IS NOT NULL AND state=?",
                                      (NEEDS_STAFF,)).fetchone()[0]
            reports = repair.damage_reports(self._conn)
        return {
            "counts": {s: int(counts.get(s, 0)) for s in STATES},
            "oldest_pending_age_s": round(now - oldest, 3) if oldest is not None else None,
            "next_attempt_in_s": round(max(0.0, due - now), 3) if due is not None else None,
            "last_error": ({"local_id": err[0], "error": err[1], "at": err[2]} if err else None),
            "healthy": not reports,
            "damage": reports,
            "lost": int(lost),
        }

    @_heals
    def next_due_in(self) -> float | None:
        """Seconds until the next pending entry is due or a lease runs out (None: no work)."""
        with self._lock:
            due, lease = self._conn.execute(
                "SELECT MIN(CASE WHEN state=? THEN next_attempt_at END), MIN(lease_until)"
                f" FROM entries WHERE seq>=? AND {_ACTIVE}", (PENDING, self._low_water())).fetchone()
        times = [t for t in (due, lease) if t is not None]
        return max(0.0, min(times) - self._clock()) if times else None

    @_heals
    def checkpoint(self) -> tuple[int, int, int]:
        """PASSIVE WAL checkpoint on a connection of its own (puts go on meanwhile).
        Returns SQLite's (busy, wal_pages, checkpointed_pages)."""
        with self._ckpt_lock:
            if self._ckpt_conn is None:
                self._ckpt_conn = connect_durable(self.db_path)
            return tuple(self._ckpt_conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())

    def close(self) -> None:
        with self._lock:
            self._close_conns()
            self._journal.close()
            self._file_lock.close()

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
        if exc_type:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:   # the failed statement may have ended the transaction already
                pass
        else:
            self.conn.execute("COMMIT")
