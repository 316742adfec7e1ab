"""SQLite store of the reference gateway: idempotency records, evaluations, heartbeats.

Privacy: it never stores an applicant's ID number, name, form or materials,
only a hash of the body (for idempotency) and the routing metadata.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    idem_key     TEXT PRIMARY KEY,
    body_hash    TEXT NOT NULL,
    state        TEXT NOT NULL,            -- processing | done
    tracking_no  TEXT UNIQUE,
    item_code    TEXT,
    region       TEXT,
    kiosk_id     TEXT,
    instant      INTEGER NOT NULL DEFAULT 0,
    received_at  REAL,
    response     TEXT,
    documents    TEXT,                     -- JSON listing [{id,title,pages,sha256,verification_code}]
    scene_id     TEXT                      -- 一件事一次办: the scene this item was one of (optional)
);
CREATE TABLE IF NOT EXISTS evaluations (
    idem_key     TEXT PRIMARY KEY,
    body_hash    TEXT NOT NULL,
    tracking_no  TEXT,
    item_code    TEXT,
    level        INTEGER,
    dimensions   TEXT,
    has_comment  INTEGER,
    received_at  REAL,
    response     TEXT
);
CREATE TABLE IF NOT EXISTS heartbeats (
    kiosk_id     TEXT PRIMARY KEY,
    body         TEXT NOT NULL,
    received_at  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""


class Store:
    """One connection guarded by a lock: the simulator is small, correctness beats throughput."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(submissions)")}
        if "documents" not in columns:     # a store made before documents existed
            self.db.execute("ALTER TABLE submissions ADD COLUMN documents TEXT")
        if "scene_id" not in columns:      # a store made before scenes existed
            self.db.execute("ALTER TABLE submissions ADD COLUMN scene_id TEXT")
        # A request interrupted by a stop never finished: forget it so a retry can proceed.
        self.db.execute("DELETE FROM submissions WHERE state = 'processing'")

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- submissions ------------------------------------------------------
    def begin_submission(self, key: str, body_hash: str) -> tuple[str, dict | None]:
        """('new', None) after recording the key as in flight, or ('conflict'|'in_flight'|'done', response)."""
        with self.lock:
            row = self.db.execute("SELECT body_hash, state, response FROM submissions WHERE idem_key = ?",
                                  (key,)).fetchone()
            if row is None:
                self.db.execute("INSERT INTO submissions (idem_key, body_hash, state) VALUES (?, ?, 'processing')",
                                (key, body_hash))
                return "new", None
            if row[0] != body_hash:
                return "conflict", None
            if row[1] == "processing":
                return "in_flight", None
            return "done", json.loads(row[2])

    def finish_submission(self, key: str, body_hash: str, item_code: str, region: str, kiosk_id: str,
                          instant: bool, received_at: float, make_tracking,
                          documents: list[dict] | None = None, scene_id: str | None = None) -> dict:
        """Assign the tracking number (region + yyyymmdd + serial) and store the 201 body.
        `documents` (ids, titles, hashes: no personal data) are in the 201 of an instant item,
        and in GET /v1/submissions/{id} of any item once it is completed."""
        with self.lock:
            day = time.strftime("%Y%m%d", time.localtime(received_at))
            self.db.execute("BEGIN IMMEDIATE")
            try:
                name = f"serial:{region}:{day}"
                self.db.execute("INSERT INTO counters (name, value) VALUES (?, 1) "
                                "ON CONFLICT(name) DO UPDATE SET value = value + 1", (name,))
                serial = self.db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()[0]
                tracking_no = make_tracking(region, day, serial)
                response = {"tracking_no": tracking_no, "status": "received",
                            "received_at": _iso(received_at)}
                if documents and instant:
                    response["documents"] = documents
                # An upsert, not an UPDATE: a second simulator process opening the same file
                # (e.g. `kiosk progress` beside the running kiosk) may have reset in-flight rows.
                self.db.execute(
                    "INSERT INTO submissions (idem_key, body_hash, state, tracking_no, item_code, region, "
                    "kiosk_id, instant, received_at, response, documents, scene_id) "
                    "VALUES (?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(idem_key) DO UPDATE SET state='done', tracking_no=excluded.tracking_no, "
                    "item_code=excluded.item_code, region=excluded.region, kiosk_id=excluded.kiosk_id, "
                    "instant=excluded.instant, received_at=excluded.received_at, response=excluded.response, "
                    "documents=excluded.documents, scene_id=excluded.scene_id",
                    (key, body_hash, tracking_no, item_code, region, kiosk_id, int(instant), received_at,
                     json.dumps(response, ensure_ascii=False), json.dumps(documents or [], ensure_ascii=False),
                     scene_id))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            return response

    def abandon_submission(self, key: str) -> None:
        with self.lock:
            self.db.execute("DELETE FROM submissions WHERE idem_key = ? AND state = 'processing'", (key,))

    def in_flight(self) -> int:
        with self.lock:
            return self.db.execute("SELECT count(*) FROM submissions WHERE state = 'processing'").fetchone()[0]

    def find_submission(self, ident: str) -> dict | None:
        with self.lock:
            row = self.db.execute(
                "SELECT tracking_no, item_code, region, kiosk_id, instant, received_at, documents, scene_id "
                "FROM submissions WHERE state = 'done' AND (tracking_no = ? OR idem_key = ?)",
                (ident, ident)).fetchone()
        if row is None:
            return None
        keys = ("tracking_no", "item_code", "region", "kiosk_id", "instant", "received_at")
        rec = dict(zip(keys, row))
        rec["documents"] = json.loads(row[6] or "[]")
        rec["scene_id"] = row[7]
        return rec

    def submissions(self) -> list[dict]:
        with self.lock:
            rows = self.db.execute("SELECT idem_key, tracking_no, item_code, region, kiosk_id, scene_id FROM submissions "
                                   "WHERE state = 'done' ORDER BY received_at").fetchall()
        return [dict(zip(("idempotency_key", "tracking_no", "item_code", "region", "kiosk_id", "scene_id"), r))
                for r in rows]

    # -- evaluations ------------------------------------------------------
    def put_evaluation(self, key: str, body_hash: str, body: dict, now: float) -> tuple[str, dict]:
        """('new'|'done', response) or ('conflict', {})."""
        with self.lock:
            row = self.db.execute("SELECT body_hash, response FROM evaluations WHERE idem_key = ?",
                                  (key,)).fetchone()
            if row is not None:
                return ("done", json.loads(row[1])) if row[0] == body_hash else ("conflict", {})
            self.db.execute("INSERT INTO counters (name, value) VALUES ('evaluation', 1) "
                            "ON CONFLICT(name) DO UPDATE SET value = value + 1")
            n = self.db.execute("SELECT value FROM counters WHERE name = 'evaluation'").fetchone()[0]
            response = {"evaluation_id": f"EV{n:08d}", "received_at": _iso(now)}
            self.db.execute(
                "INSERT INTO evaluations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, body_hash, body["tracking_no"], body["item_code"], int(body["level"]),
                 json.dumps(body.get("dimensions") or {}), int(bool(body.get("comment"))), now,
                 json.dumps(response)))
            return "new", response

    def evaluations(self) -> list[dict]:
        with self.lock:
            rows = self.db.execute("SELECT idem_key, tracking_no, item_code, level, dimensions FROM evaluations "
                                   "ORDER BY received_at").fetchall()
        return [{"idempotency_key": r[0], "tracking_no": r[1], "item_code": r[2], "level": r[3],
                 "dimensions": json.loads(r[4])} for r in rows]

    # -- heartbeats -------------------------------------------------------
    def put_heartbeat(self, kiosk_id: str, body: dict, now: float) -> None:
        with self.lock:
            self.db.execute("INSERT INTO heartbeats VALUES (?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE "
                            "SET body = excluded.body, received_at = excluded.received_at",
                            (kiosk_id, json.dumps(body, ensure_ascii=False), now))

    def heartbeat(self, kiosk_id: str) -> dict | None:
        with self.lock:
            row = self.db.execute("SELECT body, received_at FROM heartbeats WHERE kiosk_id = ?",
                                  (kiosk_id,)).fetchone()
        return None if row is None else {"body": json.loads(row[0]), "received_at": row[1]}


def _iso(t: float) -> str:
    return dt.datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")
