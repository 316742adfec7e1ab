"""Damage to the outbox file: detection, salvage of every readable row into a fresh file, a crash-safe swap.

Run only while the caller holds the outbox lock exclusively (locking.py). The
steps, each safe to be killed after (the next open finishes the job):

1. `<db>.repair` is written: where the damaged files go and what was found;
2. the damaged database and its WAL move to `damaged/outbox-<time>.db(-wal)`;
3. every readable row (and payload) is copied into `<db>.salvage`, which is
   complete and fsynced only at its last COMMIT ('salvage_complete' in meta);
4. `<db>.salvage` is renamed to `<db>`;
5. the marker is removed.
Entries whose payload was on a lost page stay as `needs_staff` rows with
damage='payload_lost'; entries only the journal still knows are added back by
`reconcile` (damage='record_lost'). Both are listed in the damage report that
`status()` carries until staff acknowledge it.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from offline_queue.journal import AckJournal, fsync_dir
from offline_queue.schema import (DELIVERED, ENTRY_COLUMNS, NEEDS_STAFF, PAYLOAD_LOST, RECORD_LOST,
                                  create_tables)

CHUNK = 256
PAYLOAD_LOST_TEXT = ("payload lost: it was on a damaged page of the outbox file / "
                     "内容所在的数据页已损坏，无法提交")
RECORD_LOST_TEXT = ("lost: acknowledged, but missing from the outbox file (emptied, replaced or damaged) / "
                    "已受理的条目在发件箱文件中丢失")


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """[] when SQLite finds the file sound; else its problem lines (at most 10)."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(10)")]
    except sqlite3.DatabaseError as exc:
        return [f"{exc}"]
    return [] if rows == ["ok"] else rows


def marker_path(db: Path) -> Path:
    return Path(str(db) + ".repair")


def salvage_path(db: Path) -> Path:
    return Path(str(db) + ".salvage")


def _sidecars(db: Path) -> list[Path]:
    return [Path(str(db) + s) for s in ("-wal", "-shm")]


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def start_repair(db: Path, problems: list[str], now: float) -> dict:
    """Step 1: the marker. Returns its content."""
    folder = db.parent / "damaged"
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now))
    moved = folder / f"{db.stem}-{stamp}-{os.getpid()}{db.suffix}"
    info = {"at": now, "file": str(db), "moved_to": str(moved), "problems": problems[:10]}
    _write_atomic(marker_path(db), json.dumps(info, ensure_ascii=False).encode())
    return info


def finish_repair(db: Path, known_max_seq: int) -> dict | None:
    """Steps 2–5 for a marker left by `start_repair` (by us now, or by a process that was killed)."""
    try:
        info = json.loads(marker_path(db).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):   # a marker we cannot read: nothing was moved under it yet
        marker_path(db).unlink(missing_ok=True)
        return None
    moved = Path(info["moved_to"])
    target = salvage_path(db)
    if not (db.exists() and moved.exists()):          # step 4 not done yet
        for side, dest in zip(_sidecars(db), _sidecars(moved)):
            if side.name.endswith("-shm"):
                side.unlink(missing_ok=True)          # rebuilt from the WAL by whoever opens it
            elif side.exists():
                os.replace(side, dest)                # the WAL before the database: never apply it to another
        if db.exists():
            os.replace(db, moved)
        fsync_dir(moved.parent)
        fsync_dir(db.parent)
        for stale in (target, Path(str(target) + "-journal")):
            stale.unlink(missing_ok=True)             # a salvage a kill interrupted: start it again
        report = _salvage(moved, target, known_max_seq, info)
        os.replace(target, db)
        fsync_dir(db.parent)
        info["recovered"], info["lost"] = report["recovered"], report["lost"]
    marker_path(db).unlink(missing_ok=True)
    fsync_dir(db.parent)
    return info


def _read_range(src: sqlite3.Connection, sql: str, lo: int, hi: int) -> list[tuple] | None:
    try:
        return src.execute(sql, (lo, hi)).fetchall()
    except sqlite3.DatabaseError:
        return None


def _readable(src: sqlite3.Connection, table_sql: str, top: int) -> dict[int, tuple]:
    """Every row of a seq-keyed table that can still be read: by chunks, row by row where a chunk fails."""
    sql = table_sql + " WHERE seq BETWEEN ? AND ?"
    rows: dict[int, tuple] = {}
    for lo in range(0, top + 1, CHUNK):
        got = _read_range(src, sql, lo, lo + CHUNK - 1)
        if got is None:
            got = [r for s in range(lo, lo + CHUNK) for r in (_read_range(src, sql, s, s) or [])]
        rows.update((r[0], r) for r in got)
    rows.update((r[0], r) for r in (_read_range(src, sql, top + 1, 2 ** 62) or []))
    return rows


def _top_seq(src: sqlite3.Connection, known: int) -> int:
    top = known
    for sql in ("SELECT MAX(seq) FROM entries", "SELECT MAX(seq) FROM payloads"):
        try:
            top = max(top, src.execute(sql).fetchone()[0] or 0)
        except sqlite3.DatabaseError:
            pass
    return top


def _salvage(damaged: Path, target: Path, known_max_seq: int, info: dict) -> dict:
    """Step 3: copy what can be read from `damaged` into a new, complete `target`."""
    src = sqlite3.connect(str(damaged), timeout=30, isolation_level=None)
    try:
        src.execute("PRAGMA query_only=ON")
        top = _top_seq(src, known_max_seq)
        entries = _readable(src, f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries", top)
        payloads: dict[int, bytes] = {}
        for seq, row in entries.items():
            if row[ENTRY_COLUMNS.index("state")] != DELIVERED:
                got = _read_range(src, "SELECT seq, blob FROM payloads WHERE seq BETWEEN ? AND ?", seq, seq)
                if got:
                    payloads[seq] = got[0][1]
        try:
            meta = dict(src.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.DatabaseError:
            meta = {}
    finally:
        src.close()
    lost = []
    now = time.time()
    state_i, err_i, dmg_i = (ENTRY_COLUMNS.index(c) for c in ("state", "last_error", "damage"))
    fixed = []
    for seq, row in sorted(entries.items()):
        row = list(row)
        if row[state_i] != DELIVERED and seq not in payloads and row[dmg_i] is None:
            row[state_i], row[err_i], row[dmg_i] = NEEDS_STAFF, PAYLOAD_LOST_TEXT, PAYLOAD_LOST
            row[ENTRY_COLUMNS.index("lease_owner")] = row[ENTRY_COLUMNS.index("lease_until")] = None
            row[ENTRY_COLUMNS.index("updated_at")] = now
            lost.append(row[1])
        fixed.append(row)
    # "reconciled": False until `reconcile` has added what only the journal knew (survives kills)
    report = {**info, "recovered": len(fixed) - len(lost), "lost": lost, "reconciled": False}
    reports = _json_list(meta.get("damage_reports")) + [report]
    dst = sqlite3.connect(str(target), isolation_level=None)
    try:
        dst.execute("PRAGMA journal_mode=DELETE")   # one self-contained file to rename into place
        dst.execute("PRAGMA synchronous=FULL")
        dst.execute("BEGIN IMMEDIATE")
        create_tables(dst)
        marks = ",".join("?" * len(ENTRY_COLUMNS))
        dst.executemany(f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) VALUES ({marks})", fixed)
        dst.executemany("INSERT INTO payloads VALUES (?, ?)", sorted(payloads.items()))
        for k in ("damage_history",):
            if k in meta:
                dst.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, meta[k]))
        dst.execute("INSERT OR REPLACE INTO meta VALUES ('damage_reports', ?)",
                    (json.dumps(reports, ensure_ascii=False),))
        dst.execute("INSERT OR REPLACE INTO meta VALUES ('salvage_complete', '1')")
        dst.execute("COMMIT")
    finally:
        dst.close()
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return report


def _json_list(text: str | None) -> list:
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def reconcile(conn: sqlite3.Connection, journal: AckJournal, db: Path, now: float) -> list[str]:
    """Entries the journal says were acknowledged but the database no longer has: add them back as
    needs_staff rows (damage='record_lost') and report them, in the report of the repair that
    made the file if it has not been reconciled yet. Returns their local ids."""
    outstanding, _bad = journal.read()
    reports = damage_reports(conn)
    pending = [r for r in reports if r.get("reconciled") is False]
    low = min((a.seq for a in outstanding.values()), default=0)
    present = {r[0] for r in conn.execute("SELECT id FROM entries WHERE seq>=?", (low,))} if outstanding else set()
    missing = sorted((a for a in outstanding.values() if a.local_id not in present), key=lambda a: a.seq)
    if not missing and not pending:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for a in missing:
            taken = conn.execute("SELECT 1 FROM entries WHERE seq=?", (a.seq,)).fetchone()
            seq = a.seq if not taken else conn.execute("SELECT MAX(seq)+1 FROM entries").fetchone()[0]
            conn.execute(
                "INSERT INTO entries (seq, id, kind, idem_key, state, created_at, updated_at,"
                " next_attempt_at, last_error, damage) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (seq, a.local_id, a.kind, "", NEEDS_STAFF, a.created_at, now, now, RECORD_LOST_TEXT,
                 RECORD_LOST))
        lost = [a.local_id for a in missing]
        if pending:
            pending[-1]["lost"] = pending[-1].get("lost", []) + lost
            for r in pending:
                r["reconciled"] = True
        else:
            reports.append({"at": now, "file": str(db), "moved_to": None, "recovered": 0,
                            "problems": [f"{len(missing)} acknowledged entries were missing from the file "
                                         f"(emptied, replaced, or its WAL damaged)"],
                            "lost": lost, "reconciled": True})
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('damage_reports', ?)",
                     (json.dumps(reports, ensure_ascii=False),))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return [a.local_id for a in missing]


def damage_reports(conn: sqlite3.Connection) -> list[dict]:
    row = conn.execute("SELECT v FROM meta WHERE k='damage_reports'").fetchone()
    return _json_list(row[0] if row else None)


def acknowledge(conn: sqlite3.Connection, now: float, who: str = "") -> int:
    """Staff read the reports (and told the residents): move them to the history."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        reports = damage_reports(conn)
        row = conn.execute("SELECT v FROM meta WHERE k='damage_history'").fetchone()
        history = _json_list(row[0] if row else None) + [{**r, "acknowledged_at": now, "by": who}
                                                         for r in reports]
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('damage_history', ?)",
                     (json.dumps(history[-100:], ensure_ascii=False),))
        conn.execute("DELETE FROM meta WHERE k='damage_reports'")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len(reports)
