"""`SocialSecurityReader`: the social-security card's basic data over PC/SC (pyscard).

Uses pyscard's thin `smartcard.scard` layer so every PC/SC result code maps to a
typed error: no pcscd → PcscUnavailable, no reader → NoReader, no card →
NoCard, card pulled out during the read → CardRemoved. 61xx (data waiting) and
6Cxx (wrong Le) are handled here because pyscard does not. A PIN is never sent:
the basic data needs none, and a guessed PIN burns the card's retry counter.
"""
from __future__ import annotations

import logging
import time

from smartcard import scard

from drivers.identity import IdentityRecord
from drivers.smartcard.errors import CardDataError, CardError, CardRemoved, NoCard, NoReader, PcscUnavailable
from drivers.smartcard.records import AID, TAGS, parse_tlv, to_record

log = logging.getLogger(__name__)

_NO_CARD = {scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD, scard.SCARD_W_UNPOWERED_CARD,
            scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_E_NOT_READY}
_REMOVED = _NO_CARD | {scard.SCARD_W_RESET_CARD, scard.SCARD_E_NOT_TRANSACTED,
                       scard.SCARD_F_COMM_ERROR, scard.SCARD_E_READER_UNAVAILABLE}
VERIFY_INS = 0x20   # never sent; asserted by the driver itself
_SCARD_PRESENT = 0x0004   # SCardStatus state bit (pcsclite.h); pyscard does not export it


class SocialSecurityReader:
    def __init__(self, reader: str = ""):
        self.wanted = reader     # substring of the reader name; "" = the first reader
        self._ctx = None

    # ---- context and readers ----------------------------------------------------------
    def _context(self):
        if self._ctx is None:
            hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                raise PcscUnavailable(f"(0x{hr & 0xFFFFFFFF:08X})")
            self._ctx = ctx
        return self._ctx

    def close(self) -> None:
        if self._ctx is not None:
            scard.SCardReleaseContext(self._ctx)
            self._ctx = None

    def _reset_on_service_loss(self, hr: int) -> None:
        if hr in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE):
            self.close()
            raise PcscUnavailable(f"(0x{hr & 0xFFFFFFFF:08X})")

    def readers(self) -> list[str]:
        ctx = self._context()
        hr, names = scard.SCardListReaders(ctx, [])
        if hr == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        self._reset_on_service_loss(hr)
        if hr != scard.SCARD_S_SUCCESS:
            raise PcscUnavailable(f"(0x{hr & 0xFFFFFFFF:08X})")
        return list(names)

    def reader_name(self) -> str:
        for name in self.readers():
            if self.wanted.lower() in name.lower():
                return name
        raise NoReader(self.wanted)

    def card_present(self) -> bool:
        """Insert/remove monitoring without touching the card (SCardGetStatusChange, no wait)."""
        name = self.reader_name()
        hr, states = scard.SCardGetStatusChange(self._context(), 0, [(name, scard.SCARD_STATE_UNAWARE)])
        self._reset_on_service_loss(hr)
        if hr not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
            raise NoReader(self.wanted)
        return bool(states and states[0][1] & scard.SCARD_STATE_PRESENT)

    # ---- reading ----------------------------------------------------------------------
    def read_card(self) -> IdentityRecord:
        """Connect, select the application, read EF05 and EF06 by tag, disconnect."""
        name = self.reader_name()
        hr, card, proto = scard.SCardConnect(self._context(), name, scard.SCARD_SHARE_SHARED,
                                             scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        self._reset_on_service_loss(hr)
        if hr in _NO_CARD:
            raise NoCard()
        if hr != scard.SCARD_S_SUCCESS:
            raise NoReader(self.wanted)
        try:
            session = _Session(card, proto)
            session.select_application()
            fields: dict[int, bytes] = {}
            for ef in (0x05, 0x06):
                session.select_ef(ef)
                for tag, (file, length, _) in TAGS.items():
                    if file == ef:
                        value = session.read_tag(tag, length)
                        if value is not None:
                            fields[tag] = value
            return to_record(fields)
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)

    def __enter__(self) -> "SocialSecurityReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Session:
    def __init__(self, card, proto):
        self.card = card
        self.proto = proto

    def transmit(self, apdu: list[int]) -> tuple[bytes, int, int]:
        assert apdu[1] != VERIFY_INS, "never send VERIFY"   # a wrong PIN burns the retry counter
        hr, resp = scard.SCardTransmit(self.card, self.proto, apdu)
        if hr != scard.SCARD_S_SUCCESS:
            if hr in _REMOVED:
                raise CardRemoved()
            raise CardError(f"transmit (PC/SC 0x{hr & 0xFFFFFFFF:08X})", 0, 0)
        if len(resp) < 2:
            # vpcd (and some readers) answer "success" with no bytes when the card is
            # pulled out; pcscd notices within ~0.1 s, so look for up to 0.6 s.
            for _ in range(12):
                hr, _, state, _, _ = scard.SCardStatus(self.card)
                if hr != scard.SCARD_S_SUCCESS or not state & _SCARD_PRESENT:
                    raise CardRemoved()
                time.sleep(0.05)
            raise CardError("transmit (empty reply)", 0, 0)
        return bytes(resp[:-2]), resp[-2], resp[-1]

    def command(self, apdu: list[int], what: str) -> tuple[bytes, int, int]:
        """Transmit with 61xx (GET RESPONSE) and 6Cxx (retry with the right Le) handled."""
        data, sw1, sw2 = self.transmit(apdu)
        if sw1 == 0x6C:
            data, sw1, sw2 = self.transmit(apdu[:-1] + [sw2])
        out = data
        for _ in range(16):
            if sw1 != 0x61:
                break
            data, sw1, sw2 = self.transmit([0x00, 0xC0, 0x00, 0x00, sw2])
            out += data
        return out, sw1, sw2

    def select_application(self) -> None:
        apdu = [0x00, 0xA4, 0x04, 0x00, len(AID), *AID]
        _, sw1, sw2 = self.command(apdu, "select")
        if (sw1, sw2) != (0x90, 0x00):
            raise CardError("SELECT 社会保障 application", sw1, sw2)

    def select_ef(self, ef: int) -> None:
        _, sw1, sw2 = self.command([0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, ef], "select EF")
        if (sw1, sw2) != (0x90, 0x00):
            raise CardError(f"SELECT EF{ef:02X}", sw1, sw2)

    def read_tag(self, tag: int, length: int) -> bytes | None:
        """READ RECORD by tag; None when the card has no such record (6A83/6A82)."""
        data, sw1, sw2 = self.command([0x00, 0xB2, tag, 0x00, 2 + length], "read record")
        if (sw1, sw2) in ((0x6A, 0x83), (0x6A, 0x82)):
            return None
        if (sw1, sw2) != (0x90, 0x00):
            raise CardError(f"READ RECORD {tag:02X}", sw1, sw2)
        tlv = parse_tlv(data)
        if tag not in tlv:
            raise CardDataError("bad_tlv", f"record {tag:02X} has another tag", "记录标签不符")
        return tlv[tag]
