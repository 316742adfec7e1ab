"""`IdReaderEmulator`: a GA/T 467 SAM on a pseudo-terminal, serving a card from JSON.

A product feature (demo, technician laptop, CI): the real `Ga467Reader` runs on
the pty, so framing, timeouts and recovery are exercised for real. Fault
switches are plain attributes and may be changed while it runs:

- `fragment`           replies in small pieces with short gaps
- `garbage`            random bytes (never a preamble) before every reply
- `bad_checksum`       corrupt the checksum of the next N replies (-1: all)
- `baud`               pace replies at this baud (10 bits a byte); 0 = instant
- `latency_s`          extra SAM/RF time before each reply
- `remove_after_reads` the card leaves after N successful reads (0: never)
- `silent`             answer nothing (the host times out)
- `read_sw3`           answer reads with this SW3 error (e.g. 0x41) instead of data
- `sticky`             True: find keeps answering 9F while the card lies there;
                       False: like many readers, 80 until the card is re-presented
"""
from __future__ import annotations

import base64
import hashlib
import os
import random
import select
import threading
import time
import tty
from pathlib import Path

from drivers.id_reader import sw3 as SW
from drivers.id_reader.cards import load_card, sample_cards
from drivers.id_reader.frames import FrameError, FrameReader, build_reply, parse_request
from drivers.id_reader.text import encode_text

PHOTO_LEN = 1024
FP_LEN = 1024
SAM_ID = bytes.fromhex("0500010012e39c0122e3ba0f5ac81e13")


def _placeholder(seed: str, n: int) -> bytes:
    """Stand-in bytes for the WLT photo / fingerprint (not a real image)."""
    out = b""
    while len(out) < n:
        out += hashlib.sha256(f"{seed}:{len(out)}".encode()).digest()
    return out[:n]


class IdReaderEmulator:
    def __init__(self, card: dict | str | Path | None = None, *, link: str | Path | None = None,
                 baud: int = 0, fragment: bool = False, garbage: bool = False,
                 bad_checksum: int = 0, remove_after_reads: int = 0, silent: bool = False,
                 read_sw3: int | None = None, latency_s: float = 0.0, sticky: bool = True,
                 seed: int | None = None):
        self.link = Path(link) if link else None
        self.baud = baud
        self.fragment = fragment
        self.garbage = garbage
        self.bad_checksum = bad_checksum
        self.remove_after_reads = remove_after_reads
        self.silent = silent
        self.read_sw3 = read_sw3
        self.latency_s = latency_s
        self.sticky = sticky
        self.reads = 0                     # successful 30 01 / 30 10 reads served
        self.requests: list[tuple[int, int]] = []   # (CMD, PARA) received, for tests
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._card: dict | None = None
        self._presented = False            # find answers 9F (a new presentation)
        self._selected = False
        self._leaving = False              # remove_after_reads reached
        self._master = self._slave = -1
        self.path = ""
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake_r = self._wake_w = -1
        if card is not None:
            self.present(card)

    # ---- card handling (called from any thread, e.g. the demo dock) --------------------
    def present(self, card: dict | str | Path) -> None:
        """Lay a card (dict in assets/cards form, or a JSON path) on the reader."""
        data = load_card(card)
        with self._lock:
            self._card = data
            self._presented = True
            self._selected = False

    def remove(self) -> None:
        with self._lock:
            self._card = None
            self._presented = False
            self._selected = False

    @property
    def card(self) -> dict | None:
        return self._card

    @staticmethod
    def sample_cards() -> dict[str, Path]:
        return sample_cards("id_reader")

    # ---- life cycle ----------------------------------------------------------------
    def start(self) -> str:
        """Open the pty (and the --link symlink), start serving; returns the pty path."""
        self._open_pty()
        self._stop.clear()
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="id-reader-emulator", daemon=True)
        self._thread.start()
        return self.path

    def stop(self) -> None:
        self._stop.set()
        if self._wake_w >= 0:
            os.write(self._wake_w, b"x")
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        for fd in (self._wake_r, self._wake_w):
            if fd >= 0:
                os.close(fd)
        self._wake_r = self._wake_w = -1
        self._close_pty()
        if self.link is not None and self.link.is_symlink():
            self.link.unlink()

    def unplug(self) -> None:
        """Close the pty as if the USB reader were pulled out (the link is left dangling)."""
        with self._lock:
            self._close_pty()

    def plug(self) -> str:
        """A new pty appears behind the link, as if the reader were plugged in again."""
        with self._lock:
            self._open_pty()
        if self._wake_w >= 0:
            os.write(self._wake_w, b"x")
        return self.path

    def __enter__(self) -> "IdReaderEmulator":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _open_pty(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)   # no echo, no line editing: bytes pass untouched
        self.path = os.ttyname(self._slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".new")
            if tmp.is_symlink() or tmp.exists():
                tmp.unlink()
            tmp.symlink_to(self.path)
            os.replace(tmp, self.link)   # atomic: the driver never sees a missing link mid-swap

    def _close_pty(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = -1

    # ---- serving -------------------------------------------------------------------
    def _serve(self) -> None:
        frames = FrameReader()
        master = -1
        while not self._stop.is_set():
            if master != self._master:
                master = self._master
                frames.clear()
            fds = [self._wake_r] + ([master] if master >= 0 else [])
            try:
                ready, _, _ = select.select(fds, [], [], 1.0)
            except (OSError, ValueError):
                master = -1
                continue
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
            if master < 0 or master not in ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:          # slave side closed / pty unplugged
                time.sleep(0.01)
                continue
            t_in = time.monotonic()
            frames.feed(chunk)
            while True:
                try:
                    body = frames.next_body()
                except FrameError:
                    reply, req_len = build_reply(0x10), 10   # the host's frame had a bad checksum
                else:
                    if body is None:
                        break
                    req_len = len(body) + 8
                    reply = self._answer(body)
                if reply is not None and not self.silent:
                    self._send(master, reply, t_in + self._wire(req_len))

    def _wire(self, n: int) -> float:
        return n * 10 / self.baud if self.baud else 0.0

    def _send(self, fd: int, reply: bytes, not_before: float) -> None:
        if self.bad_checksum:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
            if self.bad_checksum > 0:
                self.bad_checksum -= 1
        if self.garbage:
            junk = bytes(self._rng.choice([b for b in range(256) if b != 0xAA])
                         for _ in range(self._rng.randint(1, 24)))
            reply = junk + reply
        start = max(time.monotonic(), not_before) + self.latency_s
        piece = self._rng.randint(1, 7) if self.fragment else (64 if self.baud else len(reply))
        sent = 0
        while sent < len(reply):
            # pace by deadline (not by summed sleeps) so overshoot never accumulates
            due = start + self._wire(sent + piece) if self.baud else 0.0
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            elif self.fragment:
                time.sleep(0.001)
            try:
                sent += os.write(fd, reply[sent:sent + piece])
            except OSError:
                return
            if self.fragment:
                piece = self._rng.randint(1, 7)

    def _answer(self, body: bytes) -> bytes | None:
        try:
            cmd, para, data = parse_request(body)
        except FrameError:
            return build_reply(0x11)
        self.requests.append((cmd, para))
        with self._lock:
            card = self._card
            if (cmd, para) == (0x10, 0xFF) or (cmd, para) == (0x11, 0xFF):
                return build_reply(SW.SUCCESS)
            if (cmd, para) == (0x12, 0xFF):
                return build_reply(SW.SUCCESS, SAM_ID)
            if cmd == 0x60 and para <= 4:
                return build_reply(SW.SUCCESS)
            if (cmd, para) == (0x61, 0xFF):
                return build_reply(SW.SUCCESS)
            if (cmd, para) == (0x20, 0x01):
                if self._leaving:
                    self._leaving = False
                    self._card = card = None
                    self._presented = self._selected = False
                if card is None or not self._presented:
                    return build_reply(SW.NO_CARD)
                return build_reply(SW.FIND_OK, b"\x00\x00\x00\x00")
            if (cmd, para) == (0x20, 0x02):
                if card is None or not self._presented:
                    return build_reply(SW.SELECT_FAILED)
                self._selected = True
                return build_reply(SW.SUCCESS, bytes(8))
            if (cmd, para) in ((0x30, 0x01), (0x30, 0x10)):
                if card is None or not self._selected:
                    return build_reply(SW.NO_CARD)
                if self.read_sw3 is not None:
                    return build_reply(self.read_sw3)
                reply = build_reply(SW.SUCCESS, self._card_data(card, para == 0x10))
                self.reads += 1
                if not self.sticky:
                    self._presented = False
                if self.remove_after_reads and self.reads >= self.remove_after_reads:
                    self._leaving = True       # gone by the next find
                return reply
            if (cmd, para) == (0x30, 0x03):
                if card is None or not self._selected:
                    return build_reply(SW.NO_CARD)
                addr = (card or {}).get("appended_address")
                if not addr:
                    return build_reply(SW.NOT_ON_CARD)
                raw = addr.encode("utf-16-le")[:70]
                return build_reply(SW.SUCCESS, raw + b" \x00" * ((70 - len(raw)) // 2))
            return build_reply(0x21)

    @staticmethod
    def _card_data(card: dict, fingerprint: bool) -> bytes:
        text = encode_text(card)
        photo = (base64.b64decode(card["photo_wlt_b64"]) if card.get("photo_wlt_b64")
                 else _placeholder("photo" + card.get("id_number", ""), PHOTO_LEN))
        if not fingerprint:
            return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
        fp = _placeholder("fp" + card.get("id_number", ""), FP_LEN) if card.get("fingerprint") else b""
        if fp:
            fp = fp.ljust(FP_LEN, b"\x00")
        return (len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big")
                + len(fp).to_bytes(2, "big") + text + photo + fp)
