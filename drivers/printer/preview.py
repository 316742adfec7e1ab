"""Render the exact bytes sent to a printer as a picture of the paper
(the maintenance screen's "what was printed", docs, tests).

Text is drawn with the CJK font at the printer's 12x24 cell size, native QR
codes are regenerated from their payload, raster images are pasted as sent.
"""
from __future__ import annotations

from PIL import Image, ImageDraw

from drivers.printer.decode import Decoded, Line, decode
from drivers.printer.layout import char_width, text_width
from drivers.printer.profile import PrinterProfile
from drivers.printer.raster import cjk_font, qr_image

MARGIN = 16
CELL_H = 24


def _code128_bars(text: str) -> list[int]:
    """Module widths of a CODE128-B symbol (enough to draw a faithful barcode)."""
    patterns = _CODE128_PATTERNS
    values = [104] + [ord(c) - 32 for c in text]
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    widths: list[int] = []
    for v in values + [check]:
        widths += [int(d) for d in patterns[v]]
    return widths + [2, 3, 3, 1, 1, 1, 2]   # stop


_CODE128_PATTERNS = (
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 "
    "112232 122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 "
    "311222 321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 "
    "112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 "
    "313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 "
    "314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 "
    "122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 "
    "124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 "
    "114311 411113 411311 113141 114131 311141 411131 211412 211214 211232").split()


def _draw_on_grid(d: ImageDraw.ImageDraw, line: Line, font, scale: int, width: int) -> None:
    """Fixed pitch like the printer: 12 dots a column, a CJK character two columns."""
    cell = 12 * scale
    total = text_width(line.text) * cell
    x = {"left": 0, "center": (width - total) // 2, "right": width - total}[line.align]
    x = max(0, x)
    for ch in line.text:
        w = char_width(ch)
        if ch != " ":
            d.text((x, 2), ch, font=font, fill=0,
                   stroke_width=1 if line.bold else 0, stroke_fill=0)
        x += w * cell


def render(decoded: Decoded, profile: PrinterProfile | None = None) -> Image.Image:
    profile = profile or PrinterProfile()
    width = profile.dots
    pieces: list[tuple[Image.Image, str]] = []
    font, big = cjk_font(CELL_H - 2), cjk_font(2 * CELL_H - 4)
    for e in decoded.elements:
        if e.kind == "line":
            line: Line = e.value
            f, h = (big, 2 * CELL_H) if line.double else (font, CELL_H)
            img = Image.new("L", (width, h + 6), 255)
            _draw_on_grid(ImageDraw.Draw(img), line, f, 2 if line.double else 1, width)
            pieces.append((img, "left"))
        elif e.kind == "qr":
            pieces.append((qr_image(e.value, box=6).convert("L"), "center"))
        elif e.kind == "image":
            pieces.append((e.value, e.align))
        elif e.kind == "barcode":
            kind, text = e.value
            bars = _code128_bars(text) if kind == "CODE128" else [1, 1] * 20
            mod = max(1, min(2, (width - 40) // max(1, sum(bars))))
            img = Image.new("L", (sum(bars) * mod + 20, 110), 255)
            d = ImageDraw.Draw(img)
            x, black = 10, True
            for b in bars:
                if black:
                    d.rectangle([x, 4, x + b * mod - 1, 80], fill=0)
                x += b * mod
                black = not black
            tw = d.textlength(text, font=font)
            d.text(((img.width - tw) / 2, 84), text, font=font, fill=0)
            pieces.append((img, "center"))
        elif e.kind == "feed":
            pieces.append((Image.new("L", (width, min(e.value, 8) * 8), 255), "left"))
        elif e.kind == "cut":
            img = Image.new("L", (width, 20), 255)
            d = ImageDraw.Draw(img)
            for x in range(0, width, 12):
                d.line([x, 10, x + 6, 10], fill=128, width=2)
            pieces.append((img, "left"))
    height = sum(p.height for p, _ in pieces) + 2 * MARGIN
    paper = Image.new("L", (width + 2 * MARGIN, max(height, 2 * MARGIN + 1)), 255)
    y = MARGIN
    for img, align in pieces:
        if img.width > width:
            img = img.resize((width, img.height * width // img.width))
        x = MARGIN + {"left": 0, "center": (width - img.width) // 2,
                      "right": width - img.width}.get(align, 0)
        paper.paste(img, (x, y))
        y += img.height
    return paper


def render_bytes(data: bytes, profile: PrinterProfile | None = None) -> Image.Image:
    profile = profile or PrinterProfile()
    return render(decode(data, profile.encoding), profile)


def save_preview(data: bytes, path: str, profile: PrinterProfile | None = None) -> None:
    render_bytes(data, profile).save(path, "PNG")
