"""A material (photo or PDF) is checked before anything is acknowledged: its size, and that it decodes.

A 劳动合同 "photo" that is an executable, an empty file or 200 MB of zeros is
refused with a reason in Chinese (for the resident) and English (for the
technician). The content type is what the bytes decode as, never what a file
name claims: JPEG or PNG (decoded whole by Pillow, with its decompression-bomb
guard), or PDF (parsed by pypdf, at least one page).
"""
from __future__ import annotations

import io
import warnings

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
MAX_PIXELS = 60_000_000          # a 60 MP photo decodes to ~180 MB: more is a bomb, not a document


class MaterialRefused(ValueError):
    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(en)


def content_type_of(data: bytes, max_bytes: int) -> str:
    """The real content type of `data`, or MaterialRefused."""
    if not data:
        raise MaterialRefused("材料为空，请重新拍摄或选择文件", "the material is empty")
    if len(data) > max_bytes:
        raise MaterialRefused(f"材料过大（上限 {max_bytes // 1_000_000} MB）",
                              f"the material is {len(data)} bytes, over the limit of {max_bytes}")
    if data.startswith(b"%PDF-"):
        return _pdf(data)
    return _image(data)


def _image(data: bytes) -> str:
    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                kind = img.format
                if kind not in IMAGE_TYPES:
                    raise MaterialRefused("材料须为照片（JPEG/PNG）或 PDF 文件",
                                          f"a {kind} image; only JPEG, PNG or PDF are accepted")
                if img.width * img.height > MAX_PIXELS:
                    raise MaterialRefused("图片像素过多", f"{img.width}×{img.height} pixels is too many")
                img.load()                       # decode it all: a truncated or forged file fails here
    except MaterialRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise MaterialRefused("材料无法识别为照片或 PDF，请重新拍摄",
                              f"not a readable JPEG, PNG or PDF ({type(exc).__name__})") from None
    return IMAGE_TYPES[kind]


def _pdf(data: bytes) -> str:
    import logging
    from pypdf import PdfReader
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)             # a damaged file is refused, not logged as a warning
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
        if pages:
            reader.pages[0].mediabox
    except Exception as exc:                  # noqa: BLE001  any parser failure means "not a PDF"
        raise MaterialRefused("PDF 文件已损坏或无法读取", f"not a readable PDF ({type(exc).__name__})") from None
    finally:
        quiet.setLevel(level)
    if not pages:
        raise MaterialRefused("PDF 文件没有页面", "the PDF has no pages")
    return "application/pdf"
