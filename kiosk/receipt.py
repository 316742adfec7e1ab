"""The paper receipt (办件回执) as a template that is easy to change.

`build_receipt_bytes()` reads top to bottom like the printed paper; the wording
lives in TEXTS. The applicant's name and ID number are masked here and never
reach the printer in clear. The QR code carries only the opaque progress-query
key.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from drivers.printer import Document, PrinterProfile
from kiosk.privacy import mask_id, mask_name

TEXTS = {
    "title": "政务服务办件回执",
    "pending": "待提交",
    "pending_note": "网络恢复后将自动提交，无需再次办理。可扫描下方二维码查询进度。",
    "qr_caption": "扫码查询办理进度",
    "footer": "请妥善保管本回执",
    "scene_heading": "一件事一次办：本次一并办理 {n} 个事项",
    "needs_staff": "未能受理，需工作人员处理",
    "needs_staff_note": "标有“需工作人员处理”的事项未能受理，请持本回执到窗口办理，其他事项不受影响。",
}

HANDLING_MODES = {"online": "全程网办", "proxy": "异地代收代办", "joint": "多地联办"}


@dataclass(repr=False)
class ReceiptData:
    hall: str
    kiosk_id: str
    item_name: str
    region_code: str                 # GB/T 2260, e.g. "110000"
    region_name: str                 # e.g. "北京市"
    handling_mode: str               # "online" | "proxy" | "joint" or the Chinese words
    applicant_name: str              # masked on paper, never printed in clear
    applicant_id_number: str         # masked on paper, never printed in clear
    receipt_no: str                  # the kiosk's local receipt number
    tracking_no: str | None          # official tracking number; None → 待提交
    submitted_at: datetime
    materials_count: int
    next_steps: str
    time_limit: str                  # e.g. "5个工作日"
    query_key: str                   # opaque progress-query key for the QR (no personal data)
    # 一件事一次办: every item of the visit, [{"name", "receipt_no", "tracking_no", "needs_staff"}]
    items: list[dict] = field(default_factory=list)

    def __repr__(self) -> str:        # personal data stays masked in logs and tracebacks
        return (f"ReceiptData(receipt_no={self.receipt_no!r}, tracking_no={self.tracking_no!r}, "
                f"item_name={self.item_name!r}, applicant={mask_name(self.applicant_name)!r}/"
                f"{mask_id(self.applicant_id_number)!r})")

    @classmethod
    def from_dict(cls, d: dict) -> "ReceiptData":
        """From JSON (`kiosk print receipt FILE.json`); `submitted_at` as ISO 8601."""
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names
        missing = names - set(d) - {"tracking_no", "items"}
        if unknown or missing:
            raise ValueError(f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        values = dict(d)
        values.setdefault("tracking_no", None)
        if isinstance(values["submitted_at"], str):
            values["submitted_at"] = datetime.fromisoformat(values["submitted_at"])
        values["materials_count"] = int(values["materials_count"])
        return cls(**values)


def build_receipt_bytes(data: ReceiptData, profile: PrinterProfile) -> bytes:
    """The ESC/POS bytes of one receipt for a printer with `profile`."""
    return build_receipt(data, profile).bytes()


def printable(text) -> str:
    """Text without control or format characters: an item name from a gateway carrying ESC/POS
    commands (ESC @, GS V, DLE …) or bidi overrides never reaches the printer as bytes."""
    return "".join(c for c in str(text) if not unicodedata.category(c).startswith("C") or c == " ")


def _clean(data: ReceiptData) -> ReceiptData:
    return replace(data, **{f.name: printable(getattr(data, f.name)) for f in fields(ReceiptData)
                            if isinstance(getattr(data, f.name), str)})


def build_receipt(data: ReceiptData, profile: PrinterProfile) -> Document:
    data = _clean(data)
    d = Document(profile)
    d.line(data.hall, align="center", bold=True)
    d.line(TEXTS["title"], align="center", double=True)
    d.rule("=")
    d.pair("事项名称", data.item_name)
    d.pair("事项属地", f"{data.region_name}（{data.region_code}）")
    d.pair("办理方式", HANDLING_MODES.get(data.handling_mode, data.handling_mode))
    d.pair("申请人", mask_name(data.applicant_name))
    d.pair("证件号码", mask_id(data.applicant_id_number))
    d.rule()
    d.pair("回执编号", data.receipt_no)
    if data.items:              # 一件事一次办: each item's own number, below
        _scene_lines(d, data.items)
    elif data.tracking_no:
        d.pair("受理编号", data.tracking_no)
    else:
        d.pair("受理编号", TEXTS["pending"])
        d.line(TEXTS["pending_note"])
    d.pair("提交时间", data.submitted_at.strftime("%Y-%m-%d %H:%M"))
    d.pair("材料份数", f"{data.materials_count} 份")
    d.pair("办理时限", data.time_limit)
    d.rule()
    d.line("后续步骤：", bold=True)
    d.line(data.next_steps)
    d.rule()
    d.qr(data.query_key)
    d.line(TEXTS["qr_caption"], align="center")
    if data.tracking_no and data.tracking_no.isascii() and len(data.tracking_no) <= 60 and not data.items:
        d.barcode128(data.tracking_no)
    d.pair("终端编号", data.kiosk_id)
    d.line(TEXTS["footer"], align="center")
    d.cut()
    return d


def _scene_lines(d: Document, items: list[dict]) -> None:
    """Each item of a 一件事一次办 visit: its name, its tracking number or local number, and plainly
    which one needs staff."""
    d.rule()
    d.line(TEXTS["scene_heading"].format(n=len(items)), bold=True)
    for n, it in enumerate(items, 1):
        d.line(f"{n}. {printable(it['name'])}", bold=True)
        if it.get("needs_staff"):
            d.pair("办理状态", TEXTS["needs_staff"])
            d.pair("回执编号", printable(it["receipt_no"]))
        elif it.get("tracking_no"):
            d.pair("受理编号", printable(it["tracking_no"]))
        else:
            d.pair("受理编号", TEXTS["pending"])
            d.pair("回执编号", printable(it["receipt_no"]))
    if any(not it.get("needs_staff") and not it.get("tracking_no") for it in items):
        d.line(TEXTS["pending_note"])
    if any(it.get("needs_staff") for it in items):
        d.line(TEXTS["needs_staff_note"], bold=True)
    d.rule()


def sample_receipt(tracking_no: str | None = "BJ2026112600123") -> ReceiptData:
    """A realistic receipt for the test page, the docs preview and the benchmark."""
    return ReceiptData(
        hall="哈尔滨市道里区政务服务中心", kiosk_id="HRB-DL-001",
        item_name="北京市居民身份证换领（异地受理）", region_code="110000", region_name="北京市",
        handling_mode="proxy", applicant_name="张三丰", applicant_id_number="110105194912310021",
        receipt_no="HRB-DL-001-20261126-0042", tracking_no=tracking_no,
        submitted_at=datetime(2026, 11, 26, 14, 30), materials_count=3,
        next_steps="请留意短信通知，凭本回执到本大厅窗口领取证件，或选择邮寄到家。",
        time_limit="15个工作日", query_key="Q7F3K9X2M4P8",
    )
