"""ESC/POS byte sequences the kiosk sends. One place, named, so the decoder and
the tests can speak of the same commands."""
from __future__ import annotations

ESC, GS, FS, DLE, EOT, LF = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04", b"\n"

INIT = ESC + b"@"                 # resets everything, including Chinese mode
CHINESE_ON = FS + b"&"            # double-byte characters from here on
CHINESE_OFF = FS + b"."


def status_request(n: int) -> bytes:
    """DLE EOT n: real-time status, answered even when offline (n = 1..4)."""
    return DLE + EOT + bytes([n])


def align(where: str) -> bytes:
    return ESC + b"a" + bytes([{"left": 0, "center": 1, "right": 2}[where]])


def bold(on: bool) -> bytes:
    return ESC + b"E" + bytes([1 if on else 0])


def size(width: int = 1, height: int = 1) -> bytes:
    """GS ! : magnifies Chinese and ASCII alike (ESC ! would miss Chinese)."""
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def feed(lines: int = 1) -> bytes:
    return ESC + b"d" + bytes([max(0, min(lines, 255))])


def cut(partial: bool = True) -> bytes:
    """GS V 66 n: feed n dots to the cutter then cut (66 full-ish, partial on most)."""
    return GS + b"V" + bytes([66 if partial else 65, 0])


def qr_native(data: bytes, module_size: int = 6, ec: str = "M") -> bytes:
    """GS ( k, model 2: size, error correction, store, print."""
    def k(cn_fn_params: bytes) -> bytes:
        n = len(cn_fn_params)
        return GS + b"(k" + bytes([n & 0xFF, n >> 8]) + cn_fn_params
    ec_byte = {"L": 48, "M": 49, "Q": 50, "H": 51}[ec]
    return (k(b"1A2\x00") + k(b"1C" + bytes([module_size])) + k(b"1E" + bytes([ec_byte]))
            + k(b"1P0" + data) + k(b"1Q0"))


def code128(data: str) -> bytes:
    """GS k 73: CODE128, code set B chosen explicitly; text printed below (GS H 2)."""
    payload = b"{B" + data.encode("ascii")
    return (GS + b"H\x02" + GS + b"h\x50" + GS + b"w\x02"
            + GS + b"k\x49" + bytes([len(payload)]) + payload)


def raster(width_bytes: int, height: int, bits: bytes) -> bytes:
    """GS v 0: a 1-bit image, MSB first, 1 = black."""
    return (GS + b"v0\x00" + bytes([width_bytes & 0xFF, width_bytes >> 8,
                                    height & 0xFF, height >> 8]) + bits)
