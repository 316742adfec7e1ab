"""Shared helpers for the catalog and gateway tests: valid people, forms, bodies, configs."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
from pathlib import Path

from drivers.identity import CardType, Gender, IdentityRecord
from kiosk.catalog.forms import prefill
from kiosk.catalog.model import Item
from kiosk.config import load_config

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "assets" / "catalog" / "seed.json"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    return first17 + "10X98765432"[total % 11]


ID_NUMBER = with_check_digit("23010219850312451")
NAME = "王小明"


def person(id_number: str = ID_NUMBER, name: str = NAME) -> IdentityRecord:
    return IdentityRecord(card_type=CardType.RESIDENT, name=name, id_number=id_number, gender=Gender.MALE,
                          ethnicity="汉", birth_date=dt.date(1985, 3, 12),
                          address="黑龙江省哈尔滨市道里区中央大街100号")


def jpeg(size: int = 128) -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (size, size), (200, 170, 150)).save(buf, "JPEG")
    return buf.getvalue()


# Values that pass the seed's patterns, by field key; by type otherwise.
SAMPLES_BY_KEY = {
    "bank_account": "6222021234567890123", "employer_uscc": "91230100MA1ABCDE0X",
    "certificate_no": "HLJ2019000123", "license_no": "230100123456", "from_month": "2020-01",
    "copies": "1", "amount": "12000", "photo_receipt": "HRB2026120201",
}
SAMPLES_BY_TYPE = {"text": "测试填写内容", "phone": "13800138000", "date": "2024-01-31", "number": "3",
                   "id_number": ID_NUMBER, "address": "黑龙江省哈尔滨市南岗区红军街15号"}


def fill_form(item: Item, identity: IdentityRecord | None = None) -> dict[str, str]:
    """A valid form: prefilled from the identity, every other field with a sample value."""
    form = prefill(item, identity or person())
    for f in item.fields:
        if f.key in form:
            continue
        if f.type == "select":
            form[f.key] = f.options[0]
        else:
            form[f.key] = SAMPLES_BY_KEY.get(f.key, SAMPLES_BY_TYPE[f.type])
    return form


def material(key: str, data: bytes = b"%PDF-1.4 sample page") -> dict:
    return {"key": key, "content_type": "application/pdf", "sha256": hashlib.sha256(data).hexdigest(),
            "data_b64": base64.b64encode(data).decode()}


def submission_body(item: Item, kiosk_id: str = "HRB-DL-001", identity: IdentityRecord | None = None) -> dict:
    ident = identity or person()
    return {"item_code": item.code, "region": item.region, "kiosk_id": kiosk_id,
            "submitted_at": "2026-11-26T10:00:00+08:00",
            "applicant": {"id_type": "resident", "id_number": ident.id_number, "name": ident.name},
            "form": fill_form(item, ident),
            "materials": [material(m.key) for m in item.materials if m.required]}


def make_config(tmp_path: Path, home_url: str = "embedded", regions: dict[str, str] | None = None,
                token: str = "", seed: Path = SEED, timeout_s: float = 5):
    lines = ["[kiosk]", 'id = "HRB-DL-001"', 'region = "230100"', f'data_dir = "{tmp_path / "var"}"',
             "[gateway]", f'url = "{home_url}"', f'token = "{token}"', f"timeout_s = {timeout_s}",
             "[catalog]", f'seed = "{seed}"']
    for code, url in (regions or {}).items():
        lines += [f'[regions."{code}"]', f'url = "{url}"', f'token = "{token}"']
    path = tmp_path / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(path)
