"""Qt worker for the social-security card reader (PC/SC). Same signals and slots as
the ID-reader worker (see `CardWorker`)."""
from __future__ import annotations

import logging
from pathlib import Path

from drivers.smartcard.reader import SocialSecurityReader
from drivers.smartcard.virtual_card import VirtualSocialSecurityCard
from drivers.smartcard.watcher import SmartcardWatcher
from kiosk.devices.id_reader_worker import CardWorker

log = logging.getLogger(__name__)

VPCD_READER = "Virtual PCD 00 00"


class SmartcardWorker(CardWorker):
    def __init__(self, reader: SocialSecurityReader, poll_ms: int = 300, emulator=None, parent=None):
        super().__init__(SmartcardWatcher(reader), poll_ms, emulator, parent)
        self.reader = reader


def create_smartcard_worker(cfg) -> SmartcardWorker:
    """driver = "pcsc": the configured reader. "emulated": the vpcd reader of a running pcscd,
    with a virtual card inserted (needs pcscd + vsmartcard-vpcd; without them it stays offline)."""
    d = cfg.devices.smartcard
    emulator = None
    reader_name = d.reader
    if d.driver == "emulated":
        reader_name = d.reader or VPCD_READER
        emulator = VirtualSocialSecurityCard(d.card if d.card and Path(d.card).is_file() else None)
        if emulator.card is not None:
            try:
                emulator.present()
            except OSError as exc:
                log.warning("virtual card: vpcd not reachable (is pcscd running?) / 虚拟社保卡无法连接: %s", exc)
    return SmartcardWorker(SocialSecurityReader(reader_name), 300, emulator)
