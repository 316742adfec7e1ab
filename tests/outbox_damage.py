"""Shared by the outbox damage tests: fill an outbox, then damage its file the way disks do."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def fill(db: Path, key: Path, n: int, payload_bytes: int = 600, groups: int = 7) -> list[str]:
    """n acknowledged submissions (from `groups` applicants; 0: no order between them), file closed."""
    from offline_queue import Outbox
    box = Outbox(db, key)
    try:
        return [box.put("submission", {"n": i, "pad": "x" * payload_bytes}, group=f"g{i % groups}" if groups else None)
                for i in range(n)]
    finally:
        box.close()


def damage_page(db: Path, table: str = "entries") -> int:
    """Overwrite one leaf page in the middle of `table` with garbage (a bad sector); returns its number."""
    c = sqlite3.connect(db)
    try:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [r[0] for r in c.execute("SELECT pageno FROM dbstat WHERE name=? AND pagetype='leaf'"
                                         " ORDER BY pageno", (table,))]
        size = c.execute("PRAGMA page_size").fetchone()[0]
    finally:
        c.close()
    page = pages[len(pages) // 2]
    with open(db, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(bytes([0xA5]) * size)
        f.flush()
        os.fsync(f.fileno())
    return page


def put_and_die(db: Path, key: Path, n: int) -> list[str]:
    """n puts in another process that then dies without closing (its WAL is left as a kill leaves it)."""
    code = ("import sys, os; from offline_queue import Outbox; b = Outbox(sys.argv[1], sys.argv[2]);"
            "ids = [b.put('submission', {'n': i}) for i in range(int(sys.argv[3]))];"
            "print(' '.join(ids), flush=True); os._exit(0)")
    out = subprocess.run([sys.executable, "-c", code, str(db), str(key), str(n)], capture_output=True,
                         text=True, cwd=REPO, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def damage_wal_frame(db: Path, frame: int) -> None:
    """Flip bytes inside WAL frame `frame` (0-based): SQLite then ignores it and every later frame."""
    wal = Path(str(db) + "-wal")
    page_size = int.from_bytes(wal.read_bytes()[8:12], "big")
    off = 32 + frame * (24 + page_size) + 24 + 100
    with open(wal, "r+b") as f:
        f.seek(off)
        old = f.read(8)
        f.seek(off)
        f.write(bytes(b ^ 0xFF for b in old))
