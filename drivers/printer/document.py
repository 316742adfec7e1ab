"""Build the bytes of one printed document: Chinese text done right.

Text goes out as `FS &` + text.encode(profile.encoding) + `FS .` (never
python-escpos's `text()`, which mangles full-width punctuation and ￥). A line
holding a character the printer's encoding lacks (a rare name character such as
𠮷 on a GBK printer) is drawn with the CJK font and sent as a raster, so every
name prints. Chinese mode is re-entered after every `ESC @`.
"""
from __future__ import annotations

import logging

from drivers.printer import commands as C
from drivers.printer import layout, raster
from drivers.printer.profile import PrinterProfile

log = logging.getLogger(__name__)


def encodable(text: str, encoding: str, four_byte: bool = False) -> bool:
    """Whether the printer's own font can print `text` (else it goes as an image).
    GB18030's 4-byte sequences count only when the printer says its font has them."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    if encoding == "gb18030" and not four_byte:
        try:
            text.encode("gbk")       # the common case, one call: GBK is all 1 or 2 bytes
        except UnicodeEncodeError:
            return all(len(c.encode(encoding)) <= 2 for c in text)
    return True


class Document:
    def __init__(self, profile: PrinterProfile):
        self.profile = profile
        self._parts: list[bytes] = []
        self.image_lines = 0          # lines that had to be sent as images
        self.missing_glyphs: list[str] = []   # characters no installed font has
        self.init()

    # -- low level --------------------------------------------------------
    def raw(self, data: bytes) -> "Document":
        self._parts.append(data)
        return self

    def init(self) -> "Document":
        return self.raw(C.INIT)

    def bytes(self) -> bytes:
        return b"".join(self._parts)

    # -- text -------------------------------------------------------------
    def line(self, text: str = "", align: str = "left", bold: bool = False,
             double: bool = False) -> "Document":
        """One logical line, wrapped to the paper width (half for double size)."""
        columns = self.profile.columns // (2 if double else 1)
        for piece in layout.wrap(text, columns):
            self._one_line(piece, align, bold, double)
        return self

    def _one_line(self, text: str, align: str, bold: bool, double: bool) -> None:
        if not encodable(text, self.profile.encoding, self.profile.four_byte):
            self.image_lines += 1
            lost = raster.missing_glyphs(text)
            if lost:   # setup.sh installs fonts-hanazono (CJK Extension A/B) for these
                self.missing_glyphs.extend(lost)
                log.warning("no installed font can draw %d character(s) (U+%s); they print as boxes",
                            len(lost), ",U+".join(f"{ord(c):04X}" for c in lost))
            h = 48 if double else 24
            img = raster.render_text(text, self.profile.dots, h, align, bold)
            self.raw(C.align("left") + raster.image_to_raster(img, self.profile.dots, center=False))
            return
        out = [C.align(align)]
        if bold:
            out.append(C.bold(True))
        if double:
            out.append(C.size(2, 2))
        out += [C.CHINESE_ON, text.encode(self.profile.encoding), C.CHINESE_OFF, C.LF]
        if double:
            out.append(C.size(1, 1))
        if bold:
            out.append(C.bold(False))
        self.raw(b"".join(out))

    def pair(self, label: str, value: str) -> "Document":
        """`label        value` across the line (value wrapped below when too long)."""
        for row in layout.two_columns(label, value, self.profile.columns):
            self._one_line(row, "left", False, False)
        return self

    def rule(self, ch: str = "-") -> "Document":
        return self._raw_line(ch * self.profile.columns)

    def _raw_line(self, ascii_text: str) -> "Document":
        return self.raw(C.align("left") + ascii_text.encode("ascii") + C.LF)

    # -- codes, paper -----------------------------------------------------
    def qr(self, data: str, module_size: int = 6) -> "Document":
        """Native GS ( k when the profile says so, else the same QR as an image."""
        self.raw(C.align("center"))
        if self.profile.native_qr:
            self.raw(C.qr_native(data.encode("utf-8"), module_size))
        else:
            img = raster.qr_image(data, box=module_size)
            self.raw(raster.image_to_raster(img, self.profile.dots, center=True))
        return self.raw(C.LF + C.align("left"))

    def barcode128(self, data: str) -> "Document":
        return self.raw(C.align("center") + C.code128(data) + C.LF + C.align("left"))

    def feed(self, lines: int = 1) -> "Document":
        return self.raw(C.feed(lines))

    def cut(self) -> "Document":
        """Cut when the printer has a cutter, else feed to the tear bar."""
        self.feed(4)
        if self.profile.cutter:
            self.raw(C.cut(partial=True))
        return self
