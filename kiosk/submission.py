"""THE way a submission body is made: the touch screen and `kiosk submit` both call this.

`build_submission` validates with the catalog's own validator (the one the
gateway uses too) and returns the wire body of DESIGN.md; `applicant_group`
gives the opaque key that keeps one applicant's entries in order in the
outbox, without the ID number ever being stored in the clear.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import os
import re
from typing import Any

from kiosk.catalog.forms import FieldError, id_number_ok, validate_form, validate_materials
from kiosk.materials import MaterialRefused, content_type_of

# Identity fields that travel with the applicant (besides id_type, id_number, name).
_APPLICANT_EXTRA = ("gender", "nationality", "english_name", "card_number")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_NAME = 120


class SubmissionInvalid(ValueError):
    """The form or the materials do not pass validation; `errors` is a list of FieldError."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.key}: {e.message_en}" for e in self.errors))

    def as_wire(self) -> list[dict]:
        return [e.as_wire() for e in self.errors]


def _material(m: dict, max_bytes: int) -> tuple[dict, int]:
    """{key, data (bytes) | data_b64} → ({key, content_type, sha256, data_b64}, size); the content
    type is what the bytes decode as (MaterialRefused if they decode as nothing we accept).
    A licence reference {key, license_id, sha256} (免证办) travels as it is, with no image."""
    if "license_id" in m:
        return {"key": str(m["key"]), "license_id": str(m["license_id"]), "sha256": str(m["sha256"])}, 0
    if "data" in m:
        raw = bytes(m["data"])
    else:
        raw = base64.b64decode(m["data_b64"], validate=True)
    kind = content_type_of(raw, max_bytes)
    return ({"key": str(m["key"]), "content_type": kind, "sha256": hashlib.sha256(raw).hexdigest(),
             "data_b64": base64.b64encode(raw).decode("ascii")}, len(raw))


def _text_ok(v: Any, limit: int) -> bool:
    return isinstance(v, str) and 0 < len(v.strip()) <= limit and not _CONTROL.search(v)


def applicant_errors(identity) -> list[FieldError]:
    """The applicant as read from a card or an applicant file: text where text belongs, a valid number."""
    errors: list[FieldError] = []
    if identity is None or not getattr(identity, "id_number", None) or not getattr(identity, "name", None):
        return [FieldError("applicant", "请先核验身份", "an identity (ID number and name) is required")]
    number, name = identity.id_number, identity.name
    if not _text_ok(number, 40) or not id_number_ok(number):
        errors.append(FieldError("applicant.id_number", "证件号码有误，请重新读卡",
                                 "the applicant's ID number is not a valid number"))
    if (not _text_ok(name, MAX_NAME) or any(c.isdigit() for c in name)
            or not any(c.isalpha() for c in name)):
        errors.append(FieldError("applicant.name", "姓名有误，请重新读卡",
                                 "the applicant's name must be text of letters (no digits, no control bytes)"))
    for k in _APPLICANT_EXTRA:
        v = getattr(identity, k, None)
        v = getattr(v, "value", v)
        if v not in (None, "") and not _text_ok(v, MAX_NAME):
            errors.append(FieldError(f"applicant.{k}", "证件信息有误，请重新读卡",
                                     f"the applicant's {k} must be short text without control bytes"))
    return errors


def _limits(cfg) -> tuple[int, int]:
    lim = getattr(cfg, "limits", None)
    return (getattr(lim, "material_max_bytes", 10_000_000), getattr(lim, "materials_total_max_bytes", 40_000_000))


def build_submission(cfg, item, identity, form: dict, materials: list[dict],
                     now: dt.datetime | None = None, consents: dict | None = None) -> dict:
    """The wire body for `item`, or SubmissionInvalid with every problem found.

    `consents`: the resident's recorded consents, {"face": {"agreed", "at", "version",
    "verified_by"}} (optional on the wire; no image). `form` is what the resident confirmed (already prefilled by the form screen,
    or by `kiosk submit` from `catalog.forms.prefill`). `materials` are dicts
    with key, content_type and data (bytes) or data_b64.
    """
    errors: list[FieldError] = list(validate_form(item, form))
    errors += applicant_errors(identity)
    wire_materials: list[dict] = []
    one_max, total_max = _limits(cfg)
    total = 0
    for m in materials:
        key = str(m.get("key", "?"))[:64] if isinstance(m, dict) else "?"
        try:
            wire, size = _material(m, one_max)
        except MaterialRefused as exc:
            errors.append(FieldError(key, exc.zh, f"material {key}: {exc.en}"))
            continue
        except (KeyError, TypeError, ValueError, binascii.Error):
            errors.append(FieldError(key, "材料无法读取，请重新拍摄", "material unreadable (needs key and data)"))
            continue
        total += size
        wire_materials.append(wire)
    if total > total_max:
        errors.append(FieldError("materials", f"材料总量过大（上限 {total_max // 1_000_000} MB），请减少页数",
                                 f"materials add up to {total} bytes, over the limit of {total_max}"))
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
    extra = {"consents": consents} if consents else {}
    return extra | {"item_code": item.code, "region": item.region, "kiosk_id": cfg.kiosk.id,
            "submitted_at": when, "applicant": applicant,
            "form": {k: (v.strip() if isinstance(v, str) else v) for k, v in form.items()
                     if v is not None and v != ""},
            "materials": wire_materials}


_process_secret = os.urandom(32)
_default_secret: bytes | None = None


def group_secret(cfg) -> bytes:
    """A secret derived from the outbox key: stable across restarts, gone with crypto-shredding."""
    from offline_queue.keys import load_key
    # Never creates the key: only the outbox does, and only for an empty outbox.
    return hashlib.sha256(b"kiosk applicant group v1" + load_key(cfg.queue.key_file)).digest()


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
