"""The reference gateway's electronic licences (电子证照) and the rule for who holds which.

The documented rule, so tests and demos know what to expect: a resident with a
plausible ID number (GB 11643 check digit) holds 居民身份证, 居民户口簿 and
机动车驾驶证; one born before 1966 also 退休证, anyone else 居住证 and
不动产权证书. `holdings[id_number] = [...]` overrides it (tests, the demo dock).
A licence is valid 5..20 years from today, unless the demo resident records
(residents.py) say when it ends (a driving licence that runs out next month).

Ids are an HMAC of (ID number, kind) under the simulator's secret: stable while
it runs, meaningless outside it. Each licence's signed PDF is made on first
use and kept in memory (the sha256 it announces must not change), never stored.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from kiosk.catalog.forms import id_number_ok
from kiosk.gateway_sim.documents import DocumentOffice, new_verification_code
from kiosk.privacy import mask_id

ISSUERS = {
    "居民身份证": "哈尔滨市公安局", "居民户口簿": "哈尔滨市公安局道里分局",
    "机动车驾驶证": "黑龙江省哈尔滨市公安局交通警察支队", "退休证": "哈尔滨市人力资源和社会保障局",
    "居住证": "哈尔滨市公安局", "不动产权证书": "哈尔滨市自然资源和规划局",
}
KEEP_MAX = 256


@dataclass
class License:
    id: str
    kind: str
    number: str
    issuer: str
    valid_until: str
    pdf: bytes
    sha256: str

    def listing(self) -> dict:
        return {"id": self.id, "kind": self.kind, "number_masked": mask_id(self.number),
                "issuer": self.issuer, "valid_until": self.valid_until, "sha256": self.sha256}


def default_kinds(id_number: str) -> list[str]:
    if not id_number_ok(id_number):
        return []
    kinds = ["居民身份证", "居民户口簿", "机动车驾驶证"]
    born = id_number[6:10] if len(id_number) == 18 else ""
    kinds += ["退休证"] if born.isdigit() and int(born) < 1966 else ["居住证", "不动产权证书"]
    return kinds


class LicenseRegistry:
    def __init__(self, office: DocumentOffice, records=None):
        self.office = office
        self.records = records          # residents.ResidentRecords: recorded validity wins
        self.holdings: dict[str, list[str]] = {}
        self._secret = secrets.token_bytes(32)
        self._made: "OrderedDict[str, License]" = OrderedDict()
        self._lock = threading.Lock()

    def license_id(self, id_number: str, kind: str) -> str:
        mac = hmac.new(self._secret, f"{id_number.upper()}|{kind}".encode(), hashlib.sha256)
        return "LIC-" + mac.hexdigest()[:32]

    def kinds_of(self, id_number: str) -> list[str]:
        key = id_number.strip().upper()
        return list(self.holdings[key]) if key in self.holdings else default_kinds(key)

    def for_holder(self, id_number: str, name: str = "") -> list[License]:
        return [self._get_or_make(id_number, kind, name) for kind in self.kinds_of(id_number)]

    def valid_until(self, id_number: str, kind: str) -> dt.date:
        """The licence's end of validity: the resident record's, else 5..20 years (stable per licence)."""
        fixed = self.records.license_valid_until(id_number, kind) if self.records is not None else None
        if fixed is not None:
            return fixed
        digest = hashlib.sha256(f"{kind}|{id_number}".encode()).hexdigest()
        return dt.date.today() + dt.timedelta(days=365 * (5 + int(digest[-1], 16) % 15))

    def find(self, license_id: str) -> License | None:
        with self._lock:
            return self._made.get(license_id)

    def held_by(self, license_id: str, id_number: str) -> License | None:
        """The licence if `id_number` holds it (ids are re-derived, never trusted from the wire)."""
        for kind in self.kinds_of(id_number):
            if hmac.compare_digest(self.license_id(id_number, kind), license_id):
                return self.find(license_id)
        return None

    def _get_or_make(self, id_number: str, kind: str, name: str) -> License:
        lid = self.license_id(id_number, kind)
        with self._lock:
            lic = self._made.get(lid)
            if lic is not None:
                self._made.move_to_end(lid)
                return lic
        digest = hashlib.sha256(f"{kind}|{id_number}".encode()).hexdigest()
        number = id_number if kind in ("居民身份证", "居民户口簿") else f"{id_number[:6]}{int(digest[:10], 16) % 10**12:012d}"
        valid = self.valid_until(id_number, kind).isoformat()
        issuer = ISSUERS.get(kind, "演示发证机关")
        from kiosk.documents.sheet import Sheet
        sheet = Sheet(title=f"{kind}（电子证照）", issuer=issuer, holder_name=name or "（持证人）",
                      holder_id_masked=mask_id(id_number), verification_code=new_verification_code(),
                      rows=[f"证照编号：{mask_id(number)}", f"发证机关：{issuer}", f"有效期至：{valid}",
                            "本电子证照与纸质证照具有同等效力（GB/T 36901–36905）。"])
        pdf = self.office.seal_sheet(sheet)
        lic = License(lid, kind, number, issuer, valid, pdf, hashlib.sha256(pdf).hexdigest())
        with self._lock:
            self._made.setdefault(lid, lic)
            while len(self._made) > KEEP_MAX:
                self._made.popitem(last=False)
            return self._made[lid]
