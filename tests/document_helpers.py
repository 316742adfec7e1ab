"""Signed test documents made the way the reference gateway makes them (its CA, its sealer)."""
from __future__ import annotations

import hashlib
import io
from functools import lru_cache

from kiosk.gateway_sim.demo_ca import DemoCA
from kiosk.gateway_sim.documents import DocumentOffice, new_verification_code
from kiosk.documents.sheet import Sheet, render

TITLE = "个人参保证明"


@lru_cache(maxsize=None)
def office(name: str = "trusted") -> DocumentOffice:
    """One CA per name, made once per test run (`trusted` is the one tests trust)."""
    return DocumentOffice(DemoCA.generate())


def sheet(pages: int = 3, code: str | None = None, title: str = TITLE) -> Sheet:
    rows = [f"2024年{m:02d}月    养老保险    缴费基数 5,000.00 元    已到账" for m in range(1, 13)] * 6
    return Sheet(title=title, issuer="哈尔滨市人力资源和社会保障局", holder_name="王小明",
                 holder_id_masked="2301**********4513", verification_code=code or new_verification_code(),
                 rows=rows[: 26 * pages], pages=pages)


def signed(pages: int = 3, by: str = "trusted", title: str = TITLE) -> tuple[bytes, dict]:
    """(pdf, the listing a gateway would announce for it)."""
    sh = sheet(pages, title=title)
    data = office(by).seal_sheet(sh)
    return data, announce(data, sh.verification_code, pages, title)


def unsigned(pages: int = 1) -> tuple[bytes, dict]:
    sh = sheet(pages)
    data = render(sh)
    return data, announce(data, sh.verification_code, pages)


def announce(data: bytes, code: str, pages: int, title: str = TITLE) -> dict:
    return {"id": "DOC-test", "title": title, "pages": pages, "sha256": hashlib.sha256(data).hexdigest(),
            "verification_code": code}


def trusted_root_file(tmp_path) -> str:
    p = tmp_path / "root.pem"
    p.write_bytes(office("trusted").ca.root_pem)
    return str(p)


def append_update(data: bytes) -> bytes:
    """An incremental update after the signature (changes the Info title): what a forger adds."""
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    w.trailer["/Info"].get_object()["/Title"] = pdf_string("伪造的证明")
    w.update_container(w.trailer["/Info"])
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()
