"""What the outbox stores about an entry: its local id, the claimed Entry, JSON encoding, error texts."""
from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

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

# Long digit runs (ID numbers, phone numbers) are masked in stored error texts:
# a server reason may echo a field value, and last_error is plain text.
_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def scrub(text: str, limit: int = 500) -> str:
    return _DIGITS.sub(lambda m: m.group(0)[:2] + "*" * (len(m.group(0)) - 2), str(text))[:limit]


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
