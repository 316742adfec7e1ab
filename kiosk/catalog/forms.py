"""Form prefill and THE form validator.

One validator for the touch screen, `kiosk submit` and the gateway simulator,
so a form the kiosk accepts is a form the gateway accepts. Messages are
Chinese for residents and English for technicians.
"""
from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Any

from kiosk.catalog.model import Item

MAX_LEN = 500
_PHONE_RE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")
_NUMBER_RE = re.compile(r"-?\d{1,12}(\.\d{1,6})?")
_ID18_RE = re.compile(r"\d{17}[\dX]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")      # NUL, ESC/POS commands, terminal escapes
_FOREIGN_2017_RE = re.compile(r"[A-Z]{3}\d{12}")       # 外国人永久居留证 (2017)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_GENDER_ZH = {"male": "男", "female": "女"}


@dataclass(frozen=True)
class FieldError:
    key: str
    message_zh: str
    message_en: str

    def as_wire(self) -> dict[str, str]:
        """The gateway's `{"field","message"}` shape (plus the English text)."""
        return {"field": f"form.{self.key}", "message": self.message_zh, "message_en": self.message_en}


def id_check_digit_ok(number: str) -> bool:
    """GB 11643 check digit of an 18-character number (resident ID, residence permits, 2023 foreign ID)."""
    n = number.upper()
    if not _ID18_RE.fullmatch(n):
        return False
    total = sum(int(c) * w for c, w in zip(n[:17], _WEIGHTS))
    return _CHECK[total % 11] == n[17]


def id_number_ok(number: str) -> bool:
    """A plausible identity number: 18 characters with a correct check digit, or a 2017 foreign permit."""
    n = number.strip().upper()
    return id_check_digit_ok(n) or bool(_FOREIGN_2017_RE.fullmatch(n))


def _value_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, enum.Enum):
        v = v.value
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def prefill(item: Item, identity: Any) -> dict[str, str]:
    """Values for the item's prefilled fields from an IdentityRecord (only non-empty ones)."""
    out: dict[str, str] = {}
    if identity is None:
        return out
    for f in item.fields:
        if not f.prefill:
            continue
        raw = getattr(identity, f.prefill, None)
        text = _value_text(raw)
        if f.prefill == "gender":
            text = _GENDER_ZH.get(text, "")
        if f.type == "select" and text not in f.options:
            continue   # a value the form cannot show is worse than none
        if text:
            out[f.key] = text
    return out


def _check_type(ftype: str, v: str) -> tuple[str, str] | None:
    if ftype == "phone" and not _PHONE_RE.fullmatch(v):
        return "请填写正确的手机号或座机号", "not a valid mobile or landline number"
    if ftype == "date":
        try:
            dt.date.fromisoformat(v)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                raise ValueError
        except ValueError:
            return "日期格式应为 年-月-日，例如 2024-01-31", "not a date in YYYY-MM-DD form"
    if ftype == "number" and not _NUMBER_RE.fullmatch(v):
        return "请填写数字", "not a number"
    if ftype == "id_number" and not id_number_ok(v):
        return "证件号码有误，请核对", "not a valid identity number (check digit)"
    if ftype == "address" and len(v) < 5:
        return "地址过短，请填写详细地址", "address too short (at least 5 characters)"
    return None


def validate_form(item: Item, form: dict) -> list[FieldError]:
    """Every problem of `form` against `item`'s fields, in field order; [] means valid."""
    errors: list[FieldError] = []
    if not isinstance(form, dict):
        return [FieldError("", "表单格式错误", "the form must be an object")]
    known = {f.key for f in item.fields}
    for key in form:
        if key not in known:
            errors.append(FieldError(str(key), "不属于本事项的字段", "unknown field for this item"))
    for f in item.fields:
        raw = form.get(f.key)
        if raw is not None and not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
            errors.append(FieldError(f.key, f"{f.label}格式错误", f"{f.key}: must be text"))
            continue
        v = "" if raw is None else str(raw).strip()
        if _CONTROL.search(v):
            errors.append(FieldError(f.key, f"{f.label}含有无效字符", f"{f.key}: control characters are not allowed"))
            continue
        if not v:
            if f.required:
                errors.append(FieldError(f.key, f"请填写{f.label}", f"{f.key} is required"))
            continue
        if len(v) > MAX_LEN:
            errors.append(FieldError(f.key, f"{f.label}过长", f"{f.key}: longer than {MAX_LEN} characters"))
            continue
        if f.type == "select":
            if v not in f.options:
                errors.append(FieldError(f.key, f"请从选项中选择{f.label}",
                                         f"{f.key}: must be one of {f.options}"))
            continue
        problem = _check_type(f.type, v)
        if problem:
            errors.append(FieldError(f.key, f"{f.label}：{problem[0]}", f"{f.key}: {problem[1]}"))
            continue
        if f.pattern and not re.fullmatch(f.pattern, v):
            hint = f"（{f.hint}）" if f.hint else ""
            errors.append(FieldError(f.key, f"{f.label}格式不正确{hint}", f"{f.key}: does not match {f.pattern}"))
    return errors


def validate_materials(item: Item, keys: list[str]) -> list[FieldError]:
    """Required materials missing, or keys the item does not list."""
    errors: list[FieldError] = []
    known = {m.key for m in item.materials}
    for k in keys:
        if k not in known:
            errors.append(FieldError(str(k), "不属于本事项的材料", "unknown material for this item"))
    for m in item.materials:
        if m.required and m.key not in keys:
            errors.append(FieldError(m.key, f"请提交{m.label}", f"material {m.key} is required"))
    return errors
