"""`Ga467Reader`: a GA/T 467 SAM ID-card reader on a serial port (pyserial).

Blocking and single-threaded by design: one thread owns the port. Every
failure is a typed DeviceError: DeviceOffline (port missing, no answer),
NoCard (no new card), Sw3Error (the SAM's error byte), FrameError (bad reply),
CardDataError (the card's data fails its checks).
"""
from __future__ import annotations

import logging
import os
import termios
import time

import serial

from drivers.base import READY, DeviceOffline, DeviceState, DeviceStatus
from drivers.identity import IdentityRecord
from drivers.id_reader import sw3 as SW
from drivers.id_reader.frames import FrameError, FrameReader, Reply, build_request, parse_reply
from drivers.id_reader.photo import PhotoDecoder
from drivers.id_reader.text import TEXT_LEN, CardDataError, parse_text

log = logging.getLogger(__name__)

# pyserial lets termios.error (not an OSError) escape when it reconfigures a port that vanished
PORT_ERRORS = (serial.SerialException, OSError, termios.error)

CMD_RESET = (0x10, 0xFF)
CMD_STATUS = (0x11, 0xFF)
CMD_SAM_ID = (0x12, 0xFF)
CMD_FIND = (0x20, 0x01)
CMD_SELECT = (0x20, 0x02)
CMD_READ = (0x30, 0x01)
CMD_READ_FP = (0x30, 0x10)
CMD_ADDRESS = (0x30, 0x03)
BAUD_PARA = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}


class Ga467Reader:
    def __init__(self, port: str, baud: int = 115200, *, find_timeout: float = 0.8,
                 read_timeout: float = 3.0, reset_after_errors: int = 3,
                 photo_decoder: PhotoDecoder | None = None):
        self.port = port
        self.baud = baud
        self.find_timeout = find_timeout
        self.read_timeout = read_timeout
        self.reset_after_errors = reset_after_errors
        self.photo_decoder = photo_decoder
        self._ser: serial.Serial | None = None
        self._opened_path = ""
        self._errors = 0          # consecutive protocol errors, for the SAM reset
        self.resets = 0           # SAM resets sent (visible to diagnostics and tests)

    # ---- port life cycle ----------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._ser is not None

    def open(self, probe: bool = True) -> DeviceStatus:
        """Open the port and (by default) ask the SAM for its status; raises DeviceOffline."""
        self.close()
        try:
            self._ser = serial.Serial(self.port, self.baud, timeout=self.find_timeout,
                                      write_timeout=1.0, exclusive=True)
            self._opened_path = os.path.realpath(self.port)
        except (*PORT_ERRORS, ValueError) as exc:
            self._ser = None
            raise DeviceOffline("port_missing", "身份证读卡器未连接",
                                f"ID card reader port {self.port} cannot be opened: {exc}") from None
        if probe:
            try:
                self.transact(*CMD_STATUS, timeout=self.find_timeout)
            except DeviceOffline:
                self.close()
                raise
            except SW.Sw3Error as exc:   # it answers: the port is right, the SAM is unwell
                return exc.status()
        return READY

    def close(self) -> None:
        if self._ser is not None:
            try:
                self._ser.close()
            except PORT_ERRORS:
                pass
            self._ser = None

    def still_connected(self) -> bool:
        """Cheap check without traffic: the port node is still the one we opened and not hung up."""
        if self._ser is None:
            return False
        try:
            if os.path.realpath(self.port) != self._opened_path or not os.path.exists(self._opened_path):
                return False
            self._ser.in_waiting   # ioctl: raises EIO on a hung-up or unplugged port
            return True
        except PORT_ERRORS:
            return False

    def __enter__(self) -> "Ga467Reader":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- one command -----------------------------------------------------------------
    def transact(self, cmd: int, para: int, data: bytes = b"", *, timeout: float,
                 retries: int = 1) -> Reply:
        """Send one request, return the verified reply. Retries once on a corrupt reply."""
        request = build_request(cmd, para, data)
        for attempt in range(retries + 1):
            try:
                reply = self._exchange(request, timeout)
            except FrameError:
                self._count_error()
                if attempt < retries:
                    continue
                raise
            if reply.sw3 == 0x10 and attempt < retries:   # the SAM saw our frame corrupted
                continue
            return reply
        raise AssertionError("unreachable")

    def _exchange(self, request: bytes, timeout: float) -> Reply:
        ser = self._ser
        if ser is None:
            raise DeviceOffline("port_closed", "身份证读卡器未连接", "ID card reader port is not open")
        fr = FrameReader()
        deadline = time.monotonic() + timeout
        try:
            ser.reset_input_buffer()   # drop leftovers of an earlier, abandoned reply
            ser.write(request)
            while True:
                body = fr.next_body()
                if body is not None:
                    return parse_reply(body)
                left = deadline - time.monotonic()
                if left <= 0:
                    self._count_error()
                    raise DeviceOffline("timeout", "身份证读卡器无响应",
                                        f"ID card reader did not answer within {timeout:.1f} s")
                ser.timeout = left
                fr.feed(ser.read(fr.needed()))
        except PORT_ERRORS as exc:
            self.close()
            raise DeviceOffline("port_lost", "身份证读卡器已断开",
                                f"ID card reader connection lost: {exc}") from None

    def _count_error(self) -> None:
        self._errors += 1     # reset only by a whole successful read_card()

    def _check(self, reply: Reply, *ok: int) -> Reply:
        if reply.sw3 in ok:
            return reply
        if reply.sw3 in (SW.NO_CARD, SW.SELECT_FAILED):
            raise SW.NoCard(reply.sw3)
        self._count_error()
        raise SW.Sw3Error(reply.sw3)

    def maybe_reset_sam(self) -> bool:
        """After repeated errors, reset the SAM (10 FF). True if a reset was sent."""
        if self._errors < self.reset_after_errors or self._ser is None:
            return False
        self._errors = 0
        self.resets += 1
        log.warning("ID reader: %d errors in a row, resetting the SAM / 连续出错，复位 SAM",
                    self.reset_after_errors)
        try:
            self.transact(*CMD_RESET, timeout=self.read_timeout, retries=0)
        except (DeviceOffline, FrameError):
            pass
        return True

    # ---- commands ---------------------------------------------------------------------
    def sam_status(self) -> None:
        self._check(self.transact(*CMD_STATUS, timeout=self.find_timeout), SW.SUCCESS)

    def sam_id(self) -> str:
        """The SAM's id as vendors print it: "05.01-20101010-0012345678-1234567890"."""
        d = self._check(self.transact(*CMD_SAM_ID, timeout=self.find_timeout), SW.SUCCESS).data
        if len(d) < 16:
            raise FrameError("short_sam_id", "SAM id shorter than 16 bytes")
        le = lambda a, b: int.from_bytes(d[a:b], "little")  # noqa: E731
        return f"{le(0, 2):02d}.{le(2, 4):02d}-{le(4, 8):08d}-{le(8, 12):010d}-{le(12, 16):010d}"

    def find(self) -> None:
        """Raises NoCard when there is no (new) card."""
        self._check(self.transact(*CMD_FIND, timeout=self.find_timeout), SW.FIND_OK)

    def select(self) -> None:
        self._check(self.transact(*CMD_SELECT, timeout=self.find_timeout), SW.SUCCESS)

    def read(self, fingerprint: bool = False, appended_address: bool = True) -> IdentityRecord:
        """Read the selected card (30 01 or 30 10, then 30 03)."""
        cmd = CMD_READ_FP if fingerprint else CMD_READ
        reply = self._check(self.transact(*cmd, timeout=self.read_timeout), SW.SUCCESS)
        rec = parse_card_data(reply.data, fingerprint)
        if appended_address:
            rec.appended_address = self.read_appended_address()
        return rec

    def read_appended_address(self) -> str | None:
        reply = self._check(self.transact(*CMD_ADDRESS, timeout=self.read_timeout),
                            SW.SUCCESS, SW.NOT_ON_CARD)
        if reply.sw3 == SW.NOT_ON_CARD or not reply.data:
            return None
        try:
            return reply.data.decode("utf-16-le").rstrip(" \x00") or None
        except UnicodeDecodeError:
            raise CardDataError("bad_text", "appended address is not UTF-16", "追加地址编码错误") from None

    def read_card(self, fingerprint: bool = False, appended_address: bool = True) -> IdentityRecord:
        """find → select → read. Raises NoCard when no card is there."""
        try:
            self.find()
            self.select()
            rec = self.read(fingerprint, appended_address)
        finally:
            self.maybe_reset_sam()
        self._errors = 0
        return rec

    def wait_card(self, timeout: float, poll: float = 0.3, **kw) -> IdentityRecord:
        """Poll until a card is read or `timeout` passes (then NoCard)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.read_card(**kw)
            except SW.NoCard:
                if time.monotonic() + poll > deadline:
                    raise
                time.sleep(poll)   # between polls only, never inside an exchange

    def set_baud(self, baud: int) -> None:
        """Switch the SAM and the port to `baud` (60 00..04)."""
        self._check(self.transact(0x60, BAUD_PARA[baud], timeout=self.find_timeout), SW.SUCCESS)
        time.sleep(0.005)   # the SAM needs 5 ms after a baud change
        if self._ser is not None:
            self._ser.baudrate = baud
        self.baud = baud

    def decode_photo(self, rec: IdentityRecord) -> bytes | None:
        """RGB bytes of the card photo through the vendor plug-in, or None without one.
        Decoded in memory only; never written to disk."""
        if self.photo_decoder is None or not rec.photo_wlt:
            return None
        return self.photo_decoder.decode(rec.photo_wlt)

    def status(self) -> DeviceStatus:
        if self._ser is None:
            return DeviceStatus(DeviceState.OFFLINE, "port_missing", "身份证读卡器未连接",
                                "ID card reader not connected")
        return READY


def parse_card_data(data: bytes, fingerprint: bool) -> IdentityRecord:
    """The data of a 30 01 / 30 10 reply → IdentityRecord (photo and fingerprint kept opaque)."""
    words = 3 if fingerprint else 2
    if len(data) < 2 * words:
        raise FrameError("short_reply", "card data shorter than its length words")
    lens = [int.from_bytes(data[2 * i:2 * i + 2], "big") for i in range(words)]
    if lens[0] != TEXT_LEN or 2 * words + sum(lens) > len(data):
        raise FrameError("bad_length", "card data lengths do not add up")
    pos = 2 * words
    text = data[pos:pos + lens[0]]
    pos += lens[0]
    photo = data[pos:pos + lens[1]]
    pos += lens[1]
    rec = parse_text(text)
    rec.photo_wlt = bytes(photo) or None
    if fingerprint:
        rec.fingerprint = bytes(data[pos:pos + lens[2]]) or None
    return rec
