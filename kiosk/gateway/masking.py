"""Server messages masked against every value the kiosk sent, before they are logged, stored or shown.

A gateway's 400 may echo what it was given ("姓名 李明华 与证件不符", "phone
13800138000 invalid"). Every string of the request body (applicant, form,
comment…) except the non-personal wire fields is replaced in the message by a
masked form (first and last character kept), longest first; digit runs that
look like ID or phone numbers are masked as well.
"""
from __future__ import annotations

import re
from typing import Any

# Wire fields that are never personal, kept readable in messages (and base64 blobs, too long to echo).
_NOT_PERSONAL = {"item_code", "region", "kiosk_id", "submitted_at", "id_type", "content_type", "sha256",
                 "data_b64", "face_jpeg_b64", "key", "level", "tracking_no", "received_at", "status"}
_MAX_VALUE = 2000
_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def personal_values(body: Any) -> list[str]:
    """Every string (and number) worth hiding in `body`, longest first."""
    found: set[str] = set()

    def walk(v: Any, key: str | None) -> None:
        if key in _NOT_PERSONAL:
            return
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, str(k))
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x, key)
        elif isinstance(v, bool) or v is None:
            return
        else:
            text = str(v).strip()
            if 2 <= len(text) <= _MAX_VALUE:
                found.add(text)

    walk(body, None)
    return sorted(found, key=len, reverse=True)


def _mask(value: str) -> str:
    return value[0] + "*" * (len(value) - 2) + value[-1] if len(value) > 2 else value[0] + "*"


def mask_message(text: Any, values: list[str]) -> str:
    out = str(text)
    for v in values:
        if v.isascii():
            out = re.sub(re.escape(v), _mask(v), out, flags=re.IGNORECASE)
        else:
            out = out.replace(v, _mask(v))
    return _DIGITS.sub(lambda m: m.group(0)[:2] + "*" * (len(m.group(0)) - 2), out)


def mask_errors(errors: list, body: Any) -> list:
    """The server's `errors` list (at most 20, each text cut at 300) masked against `body`."""
    values = personal_values(body) if body is not None else []
    out = []
    for e in errors[:20]:
        if isinstance(e, dict):
            out.append({str(k)[:40]: mask_message(v, values)[:300] for k, v in list(e.items())[:6]})
        else:
            out.append(mask_message(e, values)[:300])
    return out
