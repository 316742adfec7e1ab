"""The reference gateway's document office: certificates an item produces, sealed, kept in memory.

An item with `documents` in the catalog produces them when a submission is
accepted: one signed PDF per entry, listed as `{id, title, pages, sha256,
verification_code}` in the submission's answer. The PDFs hold the resident's
name, so the simulator keeps them in memory only (for `ttl_s`, default one
hour; after a restart `GET /v1/documents/{id}` is 404 "expired"), never in its
SQLite store, which in the demo lives in the kiosk's data directory.

Ids and verification keys are random (128 and 80 bits): an id is a
capability, a key says nothing about the person.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import secrets
import threading
import time
from dataclasses import dataclass

from kiosk.catalog.model import Item
from kiosk.gateway_sim.demo_ca import DemoCA
from kiosk.privacy import mask_id

KEEP_MAX = 500


def new_verification_code() -> str:
    """16 characters of Crockford-ish base32 (no I, L, O, U): easy to read aloud and type."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return raw.translate(str.maketrans("ILOU", "WXYZ"))


@dataclass
class Issued:
    id: str
    title: str
    pages: int
    sha256: str
    verification_code: str
    data: bytes
    issued_at: float

    def listing(self) -> dict:
        return {"id": self.id, "title": self.title, "pages": self.pages, "sha256": self.sha256,
                "verification_code": self.verification_code}


def _month_rows(form: dict, now: dt.date) -> list[str]:
    """个人参保证明: one row per month from `from_month` (default two years back) to last month."""
    start = form.get("from_month") or f"{now.year - 2}-{now.month:02d}"
    try:
        y, m = (int(x) for x in start.split("-"))
    except ValueError:
        y, m = now.year - 2, now.month
    kind = form.get("insurance_type") or "养老保险"
    rows = []
    while (y, m) < (now.year, now.month) and len(rows) < 240:
        rows.append(f"{y}年{m:02d}月    {kind}    缴费基数 5,000.00 元    个人缴费 400.00 元    已到账")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return rows


def _rows_for(key: str, form: dict, now: dt.date) -> list[str]:
    if key == "insurance_certificate":
        return _month_rows(form, now)
    if key == "housing_fund_certificate":
        return [f"{now.year - 1}年度    月缴存额 1,200.00 元    缴存状态：正常缴存",
                f"截至 {now.isoformat()}    账户状态：正常"]
    if key == "real_estate_record":
        return ["不动产单元号：230102 001001 GB00001 F00010001", "坐落：哈尔滨市道里区（演示数据）",
                "权利类型：国有建设用地使用权/房屋所有权    登记状态：现势"]
    return [f"经查询，截至 {now.isoformat()}，该人员情况如上。"]


class DocumentOffice:
    """Makes, seals and keeps documents; thread-safe."""

    def __init__(self, ca: DemoCA, ttl_s: float = 3600.0, clock=time.time):
        self.ca = ca
        self._sealer = None                  # pyHanko and reportlab load with the first document
        self.ttl_s = float(ttl_s)
        self.clock = clock
        self._docs: dict[str, Issued] = {}
        self._lock = threading.Lock()
        self.issued_count = 0

    def seal_sheet(self, sheet) -> bytes:
        from kiosk.documents.sheet import render
        with self._lock:
            if self._sealer is None:
                from kiosk.gateway_sim.signing import Sealer
                self._sealer = Sealer(self.ca)
        return self._sealer.seal(render(sheet))

    def issue_for(self, item: Item, body: dict) -> list[Issued]:
        """The documents `item` produces for this (already validated) submission body."""
        from kiosk.documents.sheet import Sheet
        applicant, form = body.get("applicant", {}), body.get("form", {})
        now = dt.date.today()
        out = []
        for spec in item.documents:
            code = new_verification_code()
            sheet = Sheet(title=spec.title, issuer=item.department, holder_name=applicant.get("name", ""),
                          holder_id_masked=mask_id(applicant.get("id_number", "")),
                          verification_code=code, rows=_rows_for(spec.key, form, now), pages=spec.pages,
                          intro=f"兹证明以下人员{spec.title.removesuffix('证明')}情况属实。")
            out.append(self.keep(spec.title, self.seal_sheet(sheet), code))
        return out

    def keep(self, title: str, data: bytes, code: str) -> Issued:
        from pyhanko.pdf_utils.reader import PdfFileReader
        pages = int(PdfFileReader(io.BytesIO(data)).root["/Pages"]["/Count"])
        doc = Issued(id="DOC-" + secrets.token_hex(16), title=title, pages=pages,
                     sha256=hashlib.sha256(data).hexdigest(), verification_code=code, data=data,
                     issued_at=self.clock())
        with self._lock:
            self._expire()
            self._docs[doc.id] = doc
            self.issued_count += 1
        return doc

    def get(self, doc_id: str) -> Issued | None:
        with self._lock:
            self._expire()
            return self._docs.get(doc_id)

    def _expire(self) -> None:
        cutoff = self.clock() - self.ttl_s
        for k in [k for k, v in self._docs.items() if v.issued_at < cutoff]:
            del self._docs[k]
        while len(self._docs) > KEEP_MAX:
            self._docs.pop(next(iter(self._docs)))
