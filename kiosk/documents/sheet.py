"""A4 sheets as PDF (reportlab), each page with a verification QR code: certificates, licences, test pages.

The reference gateway's stand-in for a department's document service. The
text is drawn with the system's CJK font (embedded, subset), so the PDF reads
the same on any viewer and `pdftotext` finds the title and the key. Each page
carries the document's verification key twice: in a QR code (opaque, no
personal data) and as text under it. The key is also in the document's
Keywords (`verification-code=KEY`), inside what the seal signs, so the kiosk
can name it on the receipt only after the signature checked out.
"""
from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass, field

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from kiosk.gateway.wire import VERIFICATION_KEYWORD

FONT = "TongbanCJK"
ROWS_PER_PAGE = 26
_font_lock = threading.Lock()


def _register_font() -> str:
    """Once per process (parsing the collection costs ~0.4 s)."""
    with _font_lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            from drivers.printer.raster import cjk_font_path
            path = cjk_font_path()
            kw = {"subfontIndex": 0} if path.endswith(".ttc") else {}
            pdfmetrics.registerFont(TTFont(FONT, path, **kw))
    return FONT


@dataclass
class Sheet:
    """What goes on the paper. `rows` run over as many pages as they need (at least `pages`)."""
    title: str
    issuer: str
    holder_name: str
    holder_id_masked: str
    verification_code: str
    intro: str = ""
    rows: list[str] = field(default_factory=list)
    pages: int = 1
    issued_on: dt.date = field(default_factory=dt.date.today)


def _qr(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(widget)
    renderPDF.draw(d, c, x, y)


def render(sheet: Sheet) -> bytes:
    font = _register_font()
    chunks = [sheet.rows[i:i + ROWS_PER_PAGE] for i in range(0, len(sheet.rows), ROWS_PER_PAGE)]
    while len(chunks) < max(1, sheet.pages):
        chunks.append([])
    total = len(chunks)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(sheet.title)
    c.setAuthor(sheet.issuer)
    c.setSubject(f"{sheet.title} 验证码 {sheet.verification_code}")
    c.setKeywords(VERIFICATION_KEYWORD + sheet.verification_code)
    c.setCreator("tongban-kiosk reference gateway")
    w, h = A4
    for n, rows in enumerate(chunks, 1):
        c.setFont(font, 24)
        c.drawCentredString(w / 2, h - 80, sheet.title)
        c.setFont(font, 12)
        c.drawString(60, h - 120, f"姓名：{sheet.holder_name}    证件号码：{sheet.holder_id_masked}")
        c.drawString(60, h - 140, f"出具单位：{sheet.issuer}")
        y = h - 170
        if n == 1 and sheet.intro:
            c.drawString(60, y, sheet.intro)
            y -= 24
        for row in rows:
            c.drawString(60, y, row)
            y -= 20
        c.setFont(font, 10)
        c.drawString(60, 96, f"出具日期：{sheet.issued_on.isoformat()}    本证明加盖电子印章，扫描二维码或凭验证码核验真伪。")
        c.drawString(60, 78, f"验证码：{sheet.verification_code}")
        c.drawString(60, 60, f"第 {n} 页 共 {total} 页")
        _qr(c, sheet.verification_code, w - 150, 50, 90)
        c.showPage()
    c.save()
    return buf.getvalue()

