"""A virtual social-security card for vsmartcard's vpcd (a pcscd driver).

The card is a TCP client of vpcd (127.0.0.1:35963 = "Virtual PCD 00 00").
Wire: 2-byte big-endian length, then the payload; a 1-byte payload is control
(0 power off, 1 power on, 2 reset, 4 ask for the ATR), anything else is an
APDU answered with data + SW1 SW2. Connecting = inserting the card, closing =
pulling it out. No package besides the standard library.

Behaviour switches: `t0` (SELECT answers 61xx, as real T=0 cards do),
`strict_le` (a wrong Le gets 6Cxx), `remove_after_apdus` (the card is pulled
out after N APDUs: removal mid-read). `verify_count` counts VERIFY commands
received, which must stay 0.
"""
from __future__ import annotations

import logging
import socket
import struct
import threading
from pathlib import Path

from drivers.id_reader.cards import load_card, sample_cards
from drivers.smartcard.records import AID, TAGS, encode_fields

log = logging.getLogger(__name__)

VPCD_PORT = 35963
ATR = bytes.fromhex("3B6800000073C84012009000")   # a plain T=0 ATR
FCI = bytes.fromhex("6F0E840C") + AID[:12]
OK = b"\x90\x00"


class VirtualSocialSecurityCard:
    def __init__(self, card: dict | str | Path | None = None, *, host: str = "127.0.0.1",
                 port: int = VPCD_PORT, t0: bool = True, strict_le: bool = True,
                 remove_after_apdus: int = 0):
        self.host, self.port = host, port
        self.t0, self.strict_le = t0, strict_le
        self.remove_after_apdus = remove_after_apdus
        self.apdus = 0
        self.verify_count = 0
        self._card: dict | None = load_card(card) if card is not None else None
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pending = b""
        self._ef = 0
        self._app = False
        self._fields: dict[int, bytes] = {}

    @staticmethod
    def sample_cards() -> dict[str, Path]:
        return sample_cards("smartcard")

    def set_field(self, tag: int, value: bytes) -> None:
        """Replace one record's value (tests: odd lengths for 6Cxx, corrupt data)."""
        self._fields[tag] = value

    @property
    def card(self) -> dict | None:
        return self._card

    @property
    def inserted(self) -> bool:
        return self._sock is not None

    # ---- insert / remove ------------------------------------------------------------
    def present(self, card: dict | str | Path | None = None, timeout: float = 3.0) -> None:
        """Insert the card (connect to vpcd). Raises OSError when vpcd is not listening."""
        self.remove()
        if card is not None:
            self._card = load_card(card)
        if self._card is None:
            raise ValueError("no card data")
        if card is not None or not self._fields:
            self._fields = encode_fields(self._card)
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        sock.settimeout(None)
        with self._lock:
            self._sock = sock
            self.apdus = 0
            self._app, self._ef, self._pending = False, 0, b""
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="virtual-ss-card",
                                        daemon=True)
        self._thread.start()

    def remove(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(3)
        self._thread = None

    start = present   # uniform emulator API
    stop = remove

    # ---- serving --------------------------------------------------------------------
    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                head = _recv(sock, 2)
                if head is None:
                    return
                msg = _recv(sock, struct.unpack(">H", head)[0])
                if msg is None:
                    return
                if len(msg) == 1:
                    if msg[0] == 4:
                        sock.sendall(struct.pack(">H", len(ATR)) + ATR)
                    elif msg[0] in (0, 1, 2):
                        self._app, self._ef, self._pending = False, 0, b""
                    continue
                self.apdus += 1
                if self.remove_after_apdus and self.apdus > self.remove_after_apdus:
                    return          # pulled out mid-read: the socket closes below
                resp = self.answer(msg)
                sock.sendall(struct.pack(">H", len(resp)) + resp)
        except OSError:
            return
        finally:
            with self._lock:
                if self._sock is sock:
                    self._sock = None
            sock.close()

    def answer(self, apdu: bytes) -> bytes:
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if ins == 0x20:
            self.verify_count += 1
            return b"\x63\xC2"
        if ins == 0xC0:                          # GET RESPONSE
            le = body[0] if body else 0
            data = self._pending
            if le and le != len(data):
                return bytes([0x6C, len(data)])
            self._pending = b""
            return data + OK
        if ins == 0xA4 and p1 == 0x04:           # SELECT by name
            name = body[1:1 + body[0]] if body else b""
            if name != AID:
                return b"\x6A\x82"
            self._app = True
            if self.t0:
                self._pending = FCI
                return bytes([0x61, len(FCI)])
            return FCI + OK
        if ins == 0xA4 and p1 == 0x02:           # SELECT EF by id
            if not self._app:
                return b"\x69\x86"
            fid = body[1:3] if body else b""
            if fid not in (b"\xEF\x05", b"\xEF\x06"):
                return b"\x6A\x82"
            self._ef = fid[1]
            return OK
        if ins == 0xB2:                          # READ RECORD
            le = (body[0] or 256) if body else 256
            if p2 == 0x00:                       # by tag, in the current EF
                tag, ef = p1, self._ef
            else:                                # by SFI: record number p1 of file p2 >> 3
                ef = p2 >> 3
                tags = [t for t, (f, _, _) in TAGS.items() if f == ef]
                if not 1 <= p1 <= len(tags):
                    return b"\x6A\x83"
                tag = tags[p1 - 1]
            if not self._app or not ef:
                return b"\x69\x86"
            if TAGS.get(tag, (0,))[0] != ef or tag not in self._fields:
                return b"\x6A\x83"
            value = self._fields[tag]
            rec = bytes([tag, len(value)]) + value
            if self.strict_le and le != len(rec):
                return bytes([0x6C, len(rec)])
            return rec[:le] + OK
        return b"\x6D\x00"


def _recv(sock: socket.socket, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf
