"""GA/T 467 frames: building requests and reassembling replies from fragments.

host → SAM : AA AA AA 96 69 | LEN_HI LEN_LO | CMD | PARA | DATA… | CHK
SAM → host : AA AA AA 96 69 | LEN_HI LEN_LO | SW1 | SW2 | SW3 | DATA… | CHK
LEN counts every byte after the length field, CHK included; CHK is the XOR of
every byte after the preamble except itself. Checksums are always computed,
never hard-coded (several public projects ship wrong constants).
"""
from __future__ import annotations

from dataclasses import dataclass

from drivers.base import DeviceError

PREAMBLE = b"\xAA\xAA\xAA\x96\x69"
MAX_LEN = 0x1000   # longest real reply is 0x090A; anything bigger is line noise


class FrameError(DeviceError):
    """A reply frame that cannot be trusted (bad checksum or length)."""

    def __init__(self, code: str, en: str, zh: str = "读卡器通信数据错误"):
        super().__init__(code, zh, en)


def xor(data: bytes) -> int:
    c = 0
    for b in data:
        c ^= b
    return c


def build_frame(body: bytes) -> bytes:
    """Wrap `body` (CMD PARA DATA… or SW1 SW2 SW3 DATA…) with preamble, length and checksum."""
    length = len(body) + 1
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([xor(head + body)])


def build_request(cmd: int, para: int, data: bytes = b"") -> bytes:
    return build_frame(bytes([cmd, para]) + data)


def build_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return build_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    def __repr__(self) -> str:  # data may hold personal text: never in logs
        return f"Reply(sw3={self.sw3:02X}, {len(self.data)} data bytes)"


class FrameReader:
    """Accumulates bytes; yields verified frame bodies.

    `feed()` never raises on garbage: it resyncs on the preamble. A frame with a
    wrong checksum raises FrameError once and is dropped, so the caller decides
    whether to retry.
    """

    def __init__(self) -> None:
        self._buf = bytearray()

    def clear(self) -> None:
        self._buf.clear()

    def needed(self) -> int:
        """How many more bytes may be read without waiting past the current frame (≥ 1).

        Never more than the frame still owes, so a blocking read(n) returns as
        soon as the frame is complete (no fixed sleeps, no waiting for a timeout).
        """
        i = self._buf.find(PREAMBLE)
        if i < 0:
            return 7 - _partial_preamble(self._buf)
        have = len(self._buf) - i
        if have < 7:
            return 7 - have
        length = int.from_bytes(self._buf[i + 5:i + 7], "big")
        if length < 2 or length > MAX_LEN:
            return 1
        return max(1, 7 + length - have)

    def feed(self, data: bytes) -> None:
        self._buf += data

    def next_body(self) -> bytes | None:
        """The next complete, verified body (bytes between length and CHK), or None."""
        while True:
            i = self._buf.find(PREAMBLE)
            if i < 0:
                # keep a possible partial preamble at the end
                keep = _partial_preamble(self._buf)
                del self._buf[:len(self._buf) - keep]
                return None
            if i:
                del self._buf[:i]
            if len(self._buf) < 7:
                return None
            length = int.from_bytes(self._buf[5:7], "big")
            if length < 2 or length > MAX_LEN:
                del self._buf[:1]   # a false preamble in noise: resync past it
                continue
            total = 7 + length
            if len(self._buf) < total:
                return None
            frame = bytes(self._buf[:total])
            del self._buf[:total]
            if xor(frame[5:-1]) != frame[-1]:
                raise FrameError("bad_checksum",
                                 "reply checksum mismatch", "读卡器返回数据校验错误")
            return frame[7:-1]


def _partial_preamble(buf: bytearray) -> int:
    """Length of the longest tail of `buf` that is a proper start of the preamble."""
    for k in range(min(4, len(buf)), 0, -1):
        if PREAMBLE.startswith(bytes(buf[-k:])):
            return k
    return 0


def parse_reply(body: bytes) -> Reply:
    if len(body) < 3:
        raise FrameError("short_reply", "reply shorter than SW1 SW2 SW3")
    return Reply(body[0], body[1], body[2], bytes(body[3:]))


def parse_request(body: bytes) -> tuple[int, int, bytes]:
    """(cmd, para, data) — used by the emulator."""
    if len(body) < 2:
        raise FrameError("short_request", "request shorter than CMD PARA")
    return body[0], body[1], bytes(body[2:])
