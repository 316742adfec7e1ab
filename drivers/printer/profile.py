"""What one receipt printer can do, stated explicitly.

python-escpos's bundled profiles have no Chinese code page and no paper width,
so the kiosk never relies on them: every value here comes from kiosk.toml.
"""
from __future__ import annotations

from dataclasses import dataclass

# Columns of the standard 12x24 font and printable dots at 203 dpi.
_WIDTHS = {58: (32, 384), 80: (48, 576)}
ENCODINGS = ("gb18030", "gbk", "gb2312", "utf-8")


@dataclass(frozen=True)
class PrinterProfile:
    paper_width_mm: int = 80
    encoding: str = "gb18030"     # what the printer's font understands inside FS & … FS .
    native_qr: bool = True        # GS ( k; False → QR sent as a raster image
    cutter: bool = True
    # GB18030 printers whose font also has the 4-byte characters (CJK Extension A/B
    # rare characters such as 䶮 𠮷). Most have only the 2-byte range and print junk
    # for the rest, so by default those lines go as images.
    four_byte: bool = False

    def __post_init__(self):
        if self.paper_width_mm not in _WIDTHS:
            raise ValueError(f"paper_width_mm must be 58 or 80, not {self.paper_width_mm}")
        if self.encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {ENCODINGS}, not {self.encoding!r}")

    @property
    def columns(self) -> int:
        """Half-width columns per line (a Chinese character takes two)."""
        return _WIDTHS[self.paper_width_mm][0]

    @property
    def dots(self) -> int:
        """Printable width in dots (raster images are made this wide at most)."""
        return _WIDTHS[self.paper_width_mm][1]

    @classmethod
    def from_config(cls, section) -> "PrinterProfile":
        """From `cfg.devices.printer` (any object with these attributes)."""
        return cls(paper_width_mm=section.paper_width_mm, encoding=section.encoding,
                   native_qr=section.native_qr, cutter=section.cutter,
                   four_byte=section.gb18030_four_byte)
