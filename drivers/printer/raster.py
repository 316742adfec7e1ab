"""Pictures for the printer: text the font lacks, QR codes without GS ( k.

Everything becomes a 1-bit raster sent with GS v 0.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess

from PIL import Image, ImageDraw, ImageFont

from drivers.printer import commands
from drivers.printer.layout import char_width, text_width

_KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """A font file with Chinese glyphs: known Debian paths first, then fc-match."""
    for p in _KNOWN_FONTS:
        if os.path.exists(p):
            return p
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"],
                                 capture_output=True, text=True, timeout=5).stdout.strip()
            if out and os.path.exists(out):
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    raise FileNotFoundError("no CJK font found; install fonts-wqy-microhei")


@functools.lru_cache(maxsize=8)
def cjk_font(px: int) -> ImageFont.FreeTypeFont:
    """The CJK font at `px`; its monospaced face when the collection has one
    (WenQuanYi Micro Hei Mono), so Latin text sits on the printer's grid."""
    path = cjk_font_path()
    if path.endswith(".ttc"):
        try:
            mono = ImageFont.truetype(path, px, index=1)
            if "Mono" in mono.getname()[0]:
                return mono
        except OSError:
            pass
    return ImageFont.truetype(path, px)


def _signature(font: ImageFont.FreeTypeFont, ch: str) -> tuple:
    m = font.getmask(ch)
    return m.size, bytes(m)


@functools.lru_cache(maxsize=4096)
def _has_glyph(path: str, ch: str) -> bool:
    font = ImageFont.truetype(path, 20)
    return _signature(font, ch) != _signature(font, "\U0010FFFD")   # differs from .notdef


@functools.lru_cache(maxsize=1024)
def font_path_for(ch: str) -> str | None:
    """A font that has `ch`: the CJK font, else whatever fontconfig finds, else None."""
    main = cjk_font_path()
    if _has_glyph(main, ch):
        return main
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", f":charset={ord(ch):x}"],
                                 capture_output=True, text=True, timeout=5).stdout.strip()
            if out and os.path.exists(out) and _has_glyph(out, ch):
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    return None


def missing_glyphs(text: str) -> list[str]:
    """Characters no installed font can draw (they would print as a box)."""
    return [c for c in dict.fromkeys(text) if not c.isspace() and font_path_for(c) is None]


def render_text(text: str, width_dots: int, height_px: int = 24, align: str = "left",
                bold: bool = False) -> Image.Image:
    """One printed line as an image the width of the paper, on the printer's own
    grid (a column is half the line height; a CJK character takes two)."""
    cell = height_px // 2
    img = Image.new("1", (width_dots, height_px + 4), 1)
    draw = ImageDraw.Draw(img)
    total = text_width(text) * cell
    x = max(0, {"left": 0, "center": (width_dots - total) // 2, "right": width_dots - total}[align])
    for ch in text:
        if not ch.isspace():
            path = font_path_for(ch) or cjk_font_path()
            font = ImageFont.truetype(path, height_px - 2) if path != cjk_font_path() \
                else cjk_font(height_px - 2)
            draw.text((x, 1), ch, font=font, fill=0, stroke_width=1 if bold else 0, stroke_fill=0)
        x += char_width(ch) * cell
    return img


def qr_image(data: str, box: int = 6, border: int = 2) -> Image.Image:
    """A QR code picture, error correction M. zxing-cpp's encoder (C++, ~0.3 ms) when
    it has one, else the pure-Python qrcode package (~5 ms, mostly mask selection)."""
    try:
        import numpy as np
        import zxingcpp
        code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        img = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(code, scale=box)))
        return img.convert("1")
    except (ImportError, AttributeError, TypeError):
        import qrcode
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                           box_size=box, border=border)
        qr.add_data(data)
        qr.make(fit=True)
        return qr.make_image(fill_color="black", back_color="white").get_image().convert("1")


def image_to_raster(img: Image.Image, max_width: int, center: bool = True) -> bytes:
    """GS v 0 bytes for `img`, scaled down to `max_width` dots, padded to whole bytes."""
    img = img.convert("L")
    if img.width > max_width:
        img = img.resize((max_width, max(1, img.height * max_width // img.width)))
    width = (img.width + 7) // 8 * 8
    if center and width < max_width:
        canvas_w = (max_width + 7) // 8 * 8
        canvas = Image.new("L", (canvas_w, img.height), 255)
        canvas.paste(img, ((canvas_w - img.width) // 2 // 8 * 8, 0))
        img, width = canvas, canvas_w
    elif width != img.width:
        canvas = Image.new("L", (width, img.height), 255)
        canvas.paste(img, (0, 0))
        img = canvas
    bw = img.point(lambda v: 255 if v < 128 else 0, mode="1")  # 1 bits = black dots
    return commands.raster(width // 8, img.height, bw.tobytes())


def raster_to_image(width_bytes: int, height: int, bits: bytes) -> Image.Image:
    """The inverse of `image_to_raster` (for the decoder and the preview)."""
    img = Image.frombytes("1", (width_bytes * 8, height), bits[: width_bytes * height])
    return img.point(lambda v: 0 if v else 255, mode="L")
