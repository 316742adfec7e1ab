"""The acknowledged-entries journal: an fsynced record of every acknowledged entry, outside the database.

If the outbox file is emptied, replaced, or loses pages or WAL frames, the
entries it promised are still named here, so the loss is detected and reported
(never silent). One line an event, each with its own checksum (a torn last
line from a kill is recognised and ignored):

    A <seq> <local id> <kind> <created_at> <sum>    acknowledged (put returned)
    D <seq> <local id> - - <sum>                    its receipt row was purged (it was delivered)

Nothing personal: the same columns `kiosk queue list` shows. Lines are appended
with O_APPEND (one write each, so processes sharing the outbox never
interleave); `rewrite` compacts it to what is still outstanding, only while the
caller holds the outbox alone.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from offline_queue.keys import fsync_dir


@dataclass(frozen=True)
class Acked:
    seq: int
    local_id: str
    kind: str
    created_at: float


def journal_path(db_path: str | os.PathLike) -> Path:
    return Path(db_path).with_suffix(".acked")


def _sum(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _line(tag: str, seq: int, local_id: str, kind: str, created: str) -> bytes:
    body = f"{tag} {seq} {local_id} {kind} {created}"
    return f"{body} {_sum(body)}\n".encode()


class AckJournal:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fd: int | None = None

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return self._fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def acked(self, seq: int, local_id: str, kind: str, created_at: float) -> None:
        """Durable on return (fdatasync): called after the database COMMIT, before the id is given out."""
        self._append(_line("A", seq, local_id, kind, f"{created_at:.3f}"))

    def acked_many(self, rows: list[tuple[int, str, str, float]]) -> None:
        """Several A lines in one write and one fdatasync (a put_many)."""
        if rows:
            self._append(b"".join(_line("A", seq, lid, kind, f"{created:.3f}") for seq, lid, kind, created in rows))

    def gone(self, rows: list[tuple[int, str]]) -> None:
        """Delivered rows about to be purged: their A lines are settled."""
        if rows:
            self._append(b"".join(_line("D", seq, lid, "-", "-") for seq, lid in rows))

    def _append(self, data: bytes) -> None:
        fd = self._open()
        os.write(fd, data)
        os.fdatasync(fd)

    def read(self) -> tuple[dict[str, Acked], int]:
        """(outstanding entries by local id, number of unreadable lines other than a torn last one)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, 0
        lines = raw.split(b"\n")
        torn_tail = lines.pop()           # b"" when the file ends with a newline
        out: dict[str, Acked] = {}
        bad = 0
        for raw_line in lines:
            parsed = _parse(raw_line)
            if parsed is None:
                bad += 1
                continue
            tag, seq, lid, kind, created = parsed
            if tag == "A":
                out[lid] = Acked(seq, lid, kind, created)
            else:
                out.pop(lid, None)
        del torn_tail                      # a kill mid-append: that put never returned
        return out, bad

    def rewrite(self, outstanding: list[Acked]) -> None:
        """Replace the file with just `outstanding` (temp file, fsync, rename, fsync the folder)."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"".join(_line("A", a.seq, a.local_id, a.kind, f"{a.created_at:.3f}")
                                  for a in sorted(outstanding, key=lambda a: a.seq)))
            os.fsync(fd)
        finally:
            os.close(fd)
        self.close()
        os.replace(tmp, self.path)
        fsync_dir(self.path.parent)


def _parse(raw: bytes):
    try:
        text = raw.decode("ascii")
        body, _, check = text.rpartition(" ")
        if _sum(body) != check:
            return None
        tag, seq, lid, kind, created = body.split(" ")
        if tag not in ("A", "D"):
            return None
        return tag, int(seq), lid, kind, (float(created) if tag == "A" else 0.0)
    except (UnicodeDecodeError, ValueError):
        return None
