"""The outbox's SQLite layout, its durable connections, and the v1 → v2 migration.

v2 keeps payloads in a table of their own: a claim, a retry or a lease change
rewrites only the small `entries` row, never a 200 MB material (SQLite
rewrites a whole record, overflow pages included, on every UPDATE of it).
"""
from __future__ import annotations

import os
import sqlite3

PENDING, IN_FLIGHT, DELIVERED, NEEDS_STAFF = "pending", "in_flight", "delivered", "needs_staff"
STATES = (PENDING, IN_FLIGHT, DELIVERED, NEEDS_STAFF)
ACTIVE = f"state IN ('{PENDING}','{IN_FLIGHT}')"

# `link` ties the entries of one put_many (a 一件事一次办 visit: "<scene id>:<visit token>"); no personal data.
# `damage` marks an entry the outbox could not keep whole after damage to its file:
PAYLOAD_LOST = "payload_lost"   # the row survived, its encrypted payload did not
RECORD_LOST = "record_lost"     # only the acknowledged-entries journal still knew it

SCHEMA_VERSION = 2
ENTRY_COLUMNS = ("seq", "id", "kind", "region", "grp", "idem_key", "state", "attempts", "created_at",
                 "updated_at", "next_attempt_at", "hold_until", "lease_owner", "lease_until",
                 "last_error", "tracking_no", "delivered_at", "damage", "link")
_TABLES = """
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
    damage TEXT,
    link TEXT
);
CREATE TABLE IF NOT EXISTS payloads (seq INTEGER PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('low_water', '0')
"""


class DurabilityError(RuntimeError):
    """SQLite refused WAL or synchronous=FULL: the outbox will not run without them."""


class OutboxSchemaError(RuntimeError):
    """The database was written by another version of the outbox."""


def is_corruption(exc: BaseException) -> bool:
    """SQLITE_CORRUPT or SQLITE_NOTADB (a damaged page, a file that is no database)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def connect_durable(path: str | os.PathLike, timeout: float = 30.0) -> sqlite3.Connection:
    """Open a connection with WAL + synchronous=FULL and assert both took effect."""
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None,
                           check_same_thread=False)
    try:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    except BaseException:
        conn.close()
        raise
    if str(mode).lower() != "wal" or sync != 2:
        conn.close()
        raise DurabilityError(f"{path}: journal_mode={mode}, synchronous={sync}; need wal and FULL(2) / "
                              f"数据库未能启用 WAL 和 synchronous=FULL")
    return conn


def create_tables(conn: sqlite3.Connection) -> None:
    """In the caller's transaction."""
    for stmt in filter(str.strip, _TABLES.split(";")):
        conn.execute(stmt)
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))


def ensure_schema(conn: sqlite3.Connection, path) -> None:
    """Create a new outbox, migrate a v1 one in place, refuse anything else (in one transaction)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
            create_tables(conn)
        row = conn.execute("SELECT v FROM meta WHERE k='schema'").fetchone()
        if row is not None and row[0] == "1":
            _migrate_v1(conn)
            row = (str(SCHEMA_VERSION),)
        if row is not None and row[0] == str(SCHEMA_VERSION) and "link" not in {
                r[1] for r in conn.execute("PRAGMA table_info(entries)")}:
            conn.execute("ALTER TABLE entries ADD COLUMN link TEXT")    # a v2 file from before put_many
        if row is None or row[0] != str(SCHEMA_VERSION):
            # Refuse at open, loudly, rather than fail on every delivery turn later.
            raise OutboxSchemaError(
                f"{path}: outbox schema {row[0] if row else 'unknown'}, this software "
                f"needs {SCHEMA_VERSION}; deliver or export the queue with the old version first "
                f"/ 发件箱数据库版本不符，请先用原版本处理完队列")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _migrate_v1(conn: sqlite3.Connection) -> None:
    """v1 kept the payload in the entries row: move it to `payloads`, rebuild `entries`."""
    conn.execute("ALTER TABLE entries RENAME TO entries_v1")
    create_tables(conn)
    cols = ", ".join(c for c in ENTRY_COLUMNS if c not in ("damage", "link"))
    conn.execute(f"INSERT INTO entries ({cols}) SELECT {cols} FROM entries_v1")
    conn.execute("INSERT INTO payloads SELECT seq, payload FROM entries_v1 WHERE payload IS NOT NULL")
    conn.execute("DROP TABLE entries_v1")
    conn.execute("UPDATE meta SET v=? WHERE k='schema'", (str(SCHEMA_VERSION),))
