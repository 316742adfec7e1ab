"""An ESC/POS decoder for what the kiosk sends: the maintenance screen's "what was
printed", the emulator's status detection, and the tests' eyes.

`tokenize()` splits bytes into commands and text runs and stops before an
incomplete command (so the emulator can feed it a TCP stream piece by piece).
`decode()` follows the modes (Chinese on/off, alignment, bold, size) and gives
lines of text, QR payloads (GS ( k), raster images (GS v 0), barcodes (GS k),
cuts and status requests (DLE EOT) in order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from drivers.printer.raster import raster_to_image


@dataclass(frozen=True)
class Token:
    kind: str          # "text" or a command name such as "ESC @", "GS ( k", "DLE EOT"
    offset: int
    raw: bytes         # the whole command or text run


# Fixed-length commands: (prefix, name, total length).
_FIXED = {
    b"\x1b@": ("ESC @", 2), b"\x1ba": ("ESC a", 3), b"\x1bE": ("ESC E", 3),
    b"\x1bd": ("ESC d", 3), b"\x1b!": ("ESC !", 3), b"\x1b-": ("ESC -", 3),
    b"\x1bJ": ("ESC J", 3), b"\x1bt": ("ESC t", 3), b"\x1b2": ("ESC 2", 2),
    b"\x1b3": ("ESC 3", 3), b"\x1bM": ("ESC M", 3), b"\x1bG": ("ESC G", 3),
    b"\x1bR": ("ESC R", 3), b"\x1bV": ("ESC V", 3), b"\x1b{": ("ESC {", 3),
    b"\x1d!": ("GS !", 3), b"\x1dH": ("GS H", 3), b"\x1dh": ("GS h", 3),
    b"\x1dw": ("GS w", 3), b"\x1df": ("GS f", 3), b"\x1da": ("GS a", 3),
    b"\x1dB": ("GS B", 3), b"\x1dr": ("GS r", 3), b"\x1dL": ("GS L", 4),
    b"\x1dW": ("GS W", 4), b"\x1c&": ("FS &", 2), b"\x1c.": ("FS .", 2),
    b"\x1c!": ("FS !", 3), b"\x1c-": ("FS -", 3), b"\x1cW": ("FS W", 3),
    b"\x10\x04": ("DLE EOT", 3), b"\x10\x05": ("DLE ENQ", 3), b"\x10\x14": ("DLE DC4", 5),
}
_CONTROL = (0x10, 0x1B, 0x1C, 0x1D)
_SINGLE = {0x0A: "LF", 0x0D: "CR", 0x09: "HT", 0x0C: "FF"}


def _command_length(buf: bytes, i: int) -> tuple[str, int] | None:
    """(name, length) of the command at i; None if incomplete; length 2 'unknown' if unknown."""
    if i + 1 >= len(buf):
        return None
    two = buf[i:i + 2]
    if two in _FIXED:
        name, n = _FIXED[two]
        return (name, n) if i + n <= len(buf) else None
    if two == b"\x1dV":                         # GS V m [n]
        if i + 2 >= len(buf):
            return None
        n = 4 if buf[i + 2] in (65, 66, 97, 98, 103, 104) else 3
        return ("GS V", n) if i + n <= len(buf) else None
    if two == b"\x1dk":                         # GS k m …
        if i + 2 >= len(buf):
            return None
        m = buf[i + 2]
        if m <= 6:                              # NUL-terminated form
            end = buf.find(b"\x00", i + 3)
            return None if end < 0 else ("GS k", end + 1 - i)
        if i + 3 >= len(buf):
            return None
        n = 4 + buf[i + 3]
        return ("GS k", n) if i + n <= len(buf) else None
    if two == b"\x1d(" or two == b"\x1c(":      # GS ( X pL pH data
        if i + 4 >= len(buf):
            return None
        n = 5 + buf[i + 3] + 256 * buf[i + 4]
        name = ("GS ( " if two[0] == 0x1D else "FS ( ") + chr(buf[i + 2])
        return (name, n) if i + n <= len(buf) else None
    if two == b"\x1dv":                         # GS v 0 m xL xH yL yH data
        if i + 7 >= len(buf):
            return None
        xb = buf[i + 4] + 256 * buf[i + 5]
        yb = buf[i + 6] + 256 * buf[i + 7]
        n = 8 + xb * yb
        return ("GS v 0", n) if i + n <= len(buf) else None
    return ("unknown", 2)


def tokenize(buf: bytes, start: int = 0, final: bool = True) -> tuple[list[Token], int]:
    """Tokens from `start`, and where to continue. With final=False an incomplete
    trailing command is left for the next call."""
    tokens: list[Token] = []
    i, n = start, len(buf)
    while i < n:
        b = buf[i]
        if b in _CONTROL:
            cl = _command_length(buf, i)
            if cl is None:
                if not final:
                    break
                tokens.append(Token("truncated", i, buf[i:]))
                i = n
                break
            name, length = cl
            tokens.append(Token(name, i, buf[i:i + length]))
            i += length
        elif b in _SINGLE:
            tokens.append(Token(_SINGLE[b], i, buf[i:i + 1]))
            i += 1
        else:
            j = i
            while j < n and buf[j] not in _CONTROL and buf[j] not in _SINGLE:
                j += 1
            tokens.append(Token("text", i, buf[i:j]))
            i = j
    return tokens, i


# ---------------------------------------------------------------- decoded view
@dataclass
class Line:
    text: str
    align: str = "left"
    bold: bool = False
    double: bool = False
    chinese: bool = False        # some of it was inside FS & … FS .


@dataclass
class Element:
    kind: str                     # line | qr | image | barcode | cut | status | feed
    value: object
    offset: int
    align: str = "left"


@dataclass
class Decoded:
    elements: list[Element] = field(default_factory=list)
    unknown: list[Token] = field(default_factory=list)
    undecodable: list[bytes] = field(default_factory=list)   # Chinese-mode bytes that failed

    def of(self, kind: str) -> list:
        return [e.value for e in self.elements if e.kind == kind]

    @property
    def lines(self) -> list[Line]:
        return self.of("line")

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def qr_payloads(self) -> list[str]:
        return self.of("qr")

    @property
    def images(self) -> list[Image.Image]:
        return self.of("image")

    @property
    def barcodes(self) -> list[tuple[str, str]]:
        return self.of("barcode")

    @property
    def cuts(self) -> int:
        return len(self.of("cut"))

    @property
    def status_requests(self) -> list[int]:
        return self.of("status")

    def first_offset(self, *kinds: str) -> int | None:
        for e in self.elements:
            if e.kind in kinds:
                return e.offset
        return None


_BARCODE_TYPES = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39",
                  70: "ITF", 71: "CODABAR", 72: "CODE93", 73: "CODE128"}


def decode(data: bytes, encoding: str = "gb18030") -> Decoded:
    out = Decoded()
    tokens, _ = tokenize(data, 0, final=True)
    chinese = False
    align, bold, double = "left", False, False
    pending: list[tuple[bytes, bool]] = []   # text pieces of the current line
    pending_at = 0
    qr_store = b""

    def flush_line(offset: int) -> None:
        nonlocal pending
        text, any_cn = [], False
        for raw, cn in pending:
            if cn:
                any_cn = True
                try:
                    text.append(raw.decode(encoding))
                except UnicodeDecodeError:
                    out.undecodable.append(raw)
                    text.append(raw.decode(encoding, errors="replace"))
            else:
                text.append(raw.decode("latin-1"))
        out.elements.append(Element("line", Line("".join(text), align, bold, double, any_cn),
                                    pending_at if pending else offset, align))
        pending = []

    for t in tokens:
        k, r = t.kind, t.raw
        if k == "text":
            if not pending:
                pending_at = t.offset
            pending.append((r, chinese))
        elif k == "LF":
            flush_line(t.offset)
        elif k == "ESC @":
            chinese, align, bold, double = False, "left", False, False
        elif k == "FS &":
            chinese = True
        elif k == "FS .":
            chinese = False
        elif k == "ESC a":
            align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center",
                     50: "right"}.get(r[2], "left")
        elif k == "ESC E":
            bold = bool(r[2] & 1)
        elif k == "GS !":
            double = r[2] != 0
        elif k == "DLE EOT":
            out.elements.append(Element("status", r[2], t.offset))
        elif k == "GS ( k":
            cn, fn = r[5], r[6]
            if cn == 49 and fn == 80:            # store data
                qr_store = r[8:]
            elif cn == 49 and fn == 81:          # print stored symbol
                out.elements.append(Element("qr", qr_store.decode("utf-8", errors="replace"),
                                            t.offset, align))
        elif k == "GS v 0":
            xb = r[4] + 256 * r[5]
            yb = r[6] + 256 * r[7]
            out.elements.append(Element("image", raster_to_image(xb, yb, r[8:]), t.offset, align))
        elif k == "GS k":
            m = r[2]
            if m <= 6:
                kind, payload = _BARCODE_TYPES.get(m + 65, str(m)), r[3:-1]
            else:
                kind, payload = _BARCODE_TYPES.get(m, str(m)), r[4:]
            text = payload.decode("latin-1")
            if kind == "CODE128" and text[:1] == "{":
                text = text[2:]                  # drop the code-set selector
            out.elements.append(Element("barcode", (kind, text), t.offset, align))
        elif k == "GS V":
            out.elements.append(Element("cut", r[2], t.offset))
        elif k == "ESC d":
            out.elements.append(Element("feed", r[2], t.offset))
        elif k in ("unknown", "truncated"):
            out.unknown.append(t)
    if pending:
        flush_line(len(data))
    return out
