"""Form prefill and THE form validator.

One validator for the touch screen, `kiosk submit` and the gateway simulator,
so a form the kiosk accepts is a form the gateway accepts. Every message is in
Chinese and in English, worded for a resident (the English one names the
field by its English label; a technician also gets the field's key).
"""
from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Any

from kiosk.catalog.model import Field, Item

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

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

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


def _text(v: Any) -> str:
    return "" if v is None or isinstance(v, bool) else str(v).strip()


def required_now(f: Field, form: dict) -> bool:
    """Whether `f` must be filled in, given the other values (required, or its required_when holds)."""
    if f.required:
        return True
    if not f.required_when or not isinstance(form, dict):
        return False
    return all(_text(form.get(k)) in (v if isinstance(v, list) else [v]) for k, v in f.required_when.items())


def _condition_text(item: Item, f: Field, form: dict) -> tuple[str, str]:
    """Why `f` is required now: "选择“邮寄送达”" / "you chose “Delivery by post”"."""
    zh, en = [], []
    for k in f.required_when:
        other, value = item.field(k), _text(form.get(k))
        if other.type == "select":
            zh.append(f"选择“{value}”")
            en.append(f"you chose “{other.option_label(value, 'en')}”")
        else:
            zh.append(f"{other.label}为“{value}”")
            en.append(f"{other.label_en or other.label} is “{value}”")
    return "、".join(zh), " and ".join(en)


def _check_type(ftype: str, v: str) -> tuple[str, str] | None:
    if ftype == "phone" and not _PHONE_RE.fullmatch(v):
        return "请填写正确的手机号或座机号", "is not a valid mobile or landline number"
    if ftype == "date":
        try:
            dt.date.fromisoformat(v)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                raise ValueError
        except ValueError:
            return "日期格式应为 年-月-日，例如 2024-01-31", "should be a date like 2024-01-31 (year-month-day)"
    if ftype == "number" and not _NUMBER_RE.fullmatch(v):
        return "请填写数字", "should be a number"
    if ftype == "id_number" and not id_number_ok(v):
        return "证件号码有误，请核对", "is not a valid ID number, please check it"
    if ftype == "address" and len(v) < 5:
        return "地址过短，请填写详细地址", "is too short, please give the full address"
    return None


def validate_form(item: Item, form: dict) -> list[FieldError]:
    """Every problem of `form` against `item`'s fields, in field order; [] means valid."""
    errors: list[FieldError] = []
    if not isinstance(form, dict):
        return [FieldError("", "表单格式错误", "The form is not in the right format")]
    known = {f.key for f in item.fields}
    for key in form:
        if key not in known:
            errors.append(FieldError(str(key), "不属于本事项的字段", f"{key}: not a field of this item"))
    for f in item.fields:
        en = f.label_en or f.label
        raw = form.get(f.key)
        if raw is not None and not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
            errors.append(FieldError(f.key, f"{f.label}格式错误", f"{en}: should be text"))
            continue
        v = "" if raw is None else str(raw).strip()
        if _CONTROL.search(v):
            errors.append(FieldError(f.key, f"{f.label}含有无效字符", f"{f.key}: control characters are not allowed"))
            continue
        if not v:
            if f.required:
                errors.append(FieldError(f.key, f"请填写{f.label}", f"{en} is required"))
            elif required_now(f, form):
                zh_if, en_if = _condition_text(item, f, form)
                errors.append(FieldError(f.key, f"{zh_if}时，请填写{f.label}", f"{en} is required because {en_if}"))
            continue
        if len(v) > MAX_LEN:
            errors.append(FieldError(f.key, f"{f.label}过长", f"{en} is too long (at most {MAX_LEN} characters)"))
            continue
        if f.type == "select":
            if v not in f.options:
                errors.append(FieldError(f.key, f"请从选项中选择{f.label}", f"{en}: please choose one of the options"))
            continue
        problem = _check_type(f.type, v)
        if problem:
            errors.append(FieldError(f.key, f"{f.label}：{problem[0]}", f"{en} {problem[1]}"))
            continue
        if f.pattern and not re.fullmatch(f.pattern, v):
            hint = f"（{f.hint}）" if f.hint else ""
            hint_en = f" ({f.hint_en or f.hint})" if f.hint_en or f.hint else ""
            errors.append(FieldError(f.key, f"{f.label}格式不正确{hint}", f"{en} is not in the right format{hint_en}"))
    return errors


def validate_materials(item: Item, keys: list[str]) -> list[FieldError]:
    """Required materials missing, or keys the item does not list."""
    errors: list[FieldError] = []
    known = {m.key for m in item.materials}
    for k in keys:
        if k not in known:
            errors.append(FieldError(str(k), "不属于本事项的材料", f"{k}: not a material of this item"))
    for m in item.materials:
        if m.required and m.key not in keys:
            errors.append(FieldError(m.key, f"请提交{m.label}", f"Please add: {m.label_en or m.label}"))
    return errors
