"""THE way a submission body is made: the touch screen and `kiosk submit` both call this.

`build_submission` validates with the catalog's own validator (the one the
gateway uses too) and returns the wire body of DESIGN.md; `applicant_group`
gives the opaque key that keeps one applicant's entries in order in the
outbox, without the ID number ever being stored in the clear.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
from typing import Any

from kiosk.catalog.forms import FieldError, validate_form, validate_materials

# Identity fields that travel with the applicant (besides id_type, id_number, name).
_APPLICANT_EXTRA = ("gender", "nationality", "english_name", "card_number")


class SubmissionInvalid(ValueError):
    """The form or the materials do not pass validation; `errors` is a list of FieldError."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.key}: {e.message_en}" for e in self.errors))

    def as_wire(self) -> list[dict]:
        return [e.as_wire() for e in self.errors]


def _material(m: dict) -> dict:
    """{key, content_type, data (bytes) | data_b64} → {key, content_type, sha256, data_b64};
    a licence reference {key, license_id, sha256} (免证办) travels as it is, with no image."""
    if "license_id" in m:
        return {"key": m["key"], "license_id": str(m["license_id"]), "sha256": str(m["sha256"])}
    if "data" in m:
        raw = bytes(m["data"])
        b64 = base64.b64encode(raw).decode("ascii")
    else:
        b64 = m["data_b64"]
        raw = base64.b64decode(b64, validate=True)
    return {"key": m["key"], "content_type": m.get("content_type") or "image/jpeg",
            "sha256": hashlib.sha256(raw).hexdigest(), "data_b64": b64}


def build_submission(cfg, item, identity, form: dict, materials: list[dict],
                     now: dt.datetime | None = None) -> dict:
    """The wire body for `item`, or SubmissionInvalid with every problem found.

    `form` is what the resident confirmed (already prefilled by the form screen,
    or by `kiosk submit` from `catalog.forms.prefill`). `materials` are dicts
    with key, content_type and data (bytes) or data_b64.
    """
    errors: list[FieldError] = list(validate_form(item, form))
    if identity is None or not getattr(identity, "id_number", None) or not getattr(identity, "name", None):
        errors.append(FieldError("applicant", "请先核验身份", "an identity (ID number and name) is required"))
    wire_materials: list[dict] = []
    for m in materials:
        try:
            wire_materials.append(_material(m))
        except (KeyError, TypeError, ValueError):
            errors.append(FieldError(str(m.get("key", "?")) if isinstance(m, dict) else "?",
                                     "材料无法读取，请重新拍摄", "material unreadable (needs key and data)"))
    errors += validate_materials(item, [m["key"] for m in wire_materials])
    if errors:
        raise SubmissionInvalid(errors)
    applicant: dict[str, Any] = {"id_type": identity.card_type.value, "id_number": identity.id_number,
                                 "name": identity.name}
    for k in _APPLICANT_EXTRA:
        v = getattr(identity, k, None)
        if v is not None and v != "":
            applicant[k] = getattr(v, "value", v)
    when = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    return {"item_code": item.code, "region": item.region, "kiosk_id": cfg.kiosk.id,
            "submitted_at": when, "applicant": applicant,
            "form": {k: (v.strip() if isinstance(v, str) else v) for k, v in form.items()
                     if v is not None and v != ""},
            "materials": wire_materials}


_process_secret = os.urandom(32)
_default_secret: bytes | None = None


def group_secret(cfg) -> bytes:
    """A secret derived from the outbox key: stable across restarts, gone with crypto-shredding."""
    from offline_queue.keys import load_or_create_key
    return hashlib.sha256(b"kiosk applicant group v1" + load_or_create_key(cfg.queue.key_file)).digest()


def use_group_secret_of(cfg) -> None:
    """Make `applicant_group(identity)` without cfg use this kiosk's stable secret
    (OutboxService calls it, so the app and its outbox always agree)."""
    global _default_secret
    _default_secret = group_secret(cfg)


def applicant_group(identity, cfg=None) -> str:
    """Opaque, keyed hash of the applicant (HMAC-SHA256 of id type + number).

    An unkeyed hash of an ID number is reversible by trying every birth date,
    so it is keyed: with `cfg`, by a secret derived from the outbox key file
    (stable across restarts); without, by the secret of the kiosk's
    OutboxService if one was made in this process, else a per-process secret.
    """
    if cfg is not None:
        secret = group_secret(cfg)
    else:
        secret = _default_secret or _process_secret
    msg = f"{identity.card_type.value}:{identity.id_number.strip().upper()}".encode()
    return "a-" + hmac.new(secret, msg, hashlib.sha256).hexdigest()[:32]
