"""The technician audit log: append-only JSON lines, hash-chained so an edit or a deletion shows.

Each line carries `"h"`: sha256 of the previous line's hash and this line's
own JSON (without "h"). `verify_chain` (run by `kiosk doctor`) recomputes the
chain and names the first line that does not fit. Lines from before the chain
(no "h") are accepted only at the start of the file. A chain without a secret
shows tampering to a reader who did not redo every later hash; the head hash
can be compared with an earlier copy (`kiosk doctor --json` prints it).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from pathlib import Path

GENESIS = "0" * 64


def _link(prev: str, line_without_hash: str) -> str:
    return hashlib.sha256((prev + "\n" + line_without_hash).encode()).hexdigest()


def _hash_of(raw: str) -> str:
    """The chain value a line passes on: its "h", or for an unchained old line, its own digest."""
    try:
        h = json.loads(raw).get("h")
        if isinstance(h, str):
            return h
    except (ValueError, AttributeError):
        pass
    return hashlib.sha256(raw.encode()).hexdigest()


class AuditLog:
    """Append-only JSON lines of technician actions (no personal data); 0600, fsynced, chained."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def write(self, action: str, **detail) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "action": action, **detail}
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)      # the kiosk and a CLI command may both write
            prev = _last_hash(fd)
            body = json.dumps(record, ensure_ascii=False)
            record["h"] = _link(prev, body)
            os.write(fd, (json.dumps(record, ensure_ascii=False) + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)


def _last_hash(fd: int) -> str:
    size = os.fstat(fd).st_size
    if size == 0:
        return GENESIS
    tail = os.pread(fd, min(size, 65536), max(0, size - 65536)).decode("utf-8", "replace")
    lines = [x for x in tail.split("\n") if x.strip()]
    return _hash_of(lines[-1]) if lines else GENESIS


def verify_chain(path: Path) -> tuple[bool, str, str]:
    """(ok, what is wrong or how many lines, head hash)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return True, "no audit log yet", GENESIS
    except (OSError, UnicodeDecodeError) as exc:
        return False, f"cannot read: {exc}", ""
    prev, chained, legacy = GENESIS, 0, 0
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            h = record.pop("h", None) if isinstance(record, dict) else None
        except ValueError:
            return False, f"line {n} is not JSON (edited or cut)", ""
        if h is None:
            if chained:
                return False, f"line {n} has no hash after chained lines (inserted or edited)", ""
            legacy += 1
            prev = _hash_of(raw)
            continue
        if h != _link(prev, json.dumps(record, ensure_ascii=False)):
            return False, f"line {n} does not fit the chain (edited, removed or reordered lines)", ""
        prev, chained = h, chained + 1
    note = f"{chained} chained lines" + (f", {legacy} older unchained lines" if legacy else "")
    return True, note, prev
