"""Social-security cards over real PC/SC: pcscd + vsmartcard-vpcd + our virtual card.

The session fixture starts `/usr/sbin/pcscd -f` and stops it by PID. Only one
pcscd can run on a machine, so every PC/SC test (driver, worker, CLI) lives in
this file. Skipped only when the pcscd binary is absent (CI installs it).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.card_worker_helpers import CardRelay

PCSCD = "/usr/sbin/pcscd"
VPCD_CONF = "/etc/reader.conf.d/vpcd"
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.pcsc

if not os.path.exists(PCSCD):
    pytest.skip("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd libpcsclite-dev swig)",
                allow_module_level=True)

from PySide6.QtCore import QMetaObject, Qt, QThread  # noqa: E402

from drivers.id_reader.cards import CARDS_DIR  # noqa: E402
from drivers.smartcard.errors import (CardDataError, CardRemoved, NoCard, NoReader,  # noqa: E402
                                      PcscUnavailable)
from drivers.smartcard.reader import SocialSecurityReader  # noqa: E402
from drivers.smartcard.virtual_card import VirtualSocialSecurityCard  # noqa: E402
from kiosk.devices.smartcard_worker import VPCD_READER, SmartcardWorker  # noqa: E402

CARD = CARDS_DIR / "social_security.json"


def _vpcd_readers() -> list[str]:
    r = SocialSecurityReader()
    try:
        return [n for n in r.readers() if n.startswith("Virtual PCD")]
    except PcscUnavailable:
        return []
    finally:
        r.close()


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory):
    assert os.path.exists(VPCD_CONF), "vsmartcard-vpcd is not installed (no /etc/reader.conf.d/vpcd)"
    if _vpcd_readers():          # a pcscd with vpcd already runs (a developer's machine): use it
        yield None
        return
    log = open(tmp_path_factory.mktemp("pcscd") / "pcscd.log", "wb")
    proc = subprocess.Popen([PCSCD, "-f", "-a"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not _vpcd_readers():
            assert proc.poll() is None, f"pcscd exited with {proc.returncode} (see {log.name})"
            assert time.monotonic() < deadline, "pcscd started but shows no vpcd reader"
            time.sleep(0.1)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


@pytest.fixture
def reader(pcscd):
    r = SocialSecurityReader(VPCD_READER)
    yield r
    r.close()


@pytest.fixture
def insert(reader):
    cards = []

    def do(card=CARD, **kw):
        c = VirtualSocialSecurityCard(card, **kw)
        c.present()
        cards.append(c)
        deadline = time.monotonic() + 5
        while not reader.card_present():
            assert time.monotonic() < deadline, "vpcd did not show the virtual card"
            time.sleep(0.05)
        return c

    yield do
    for c in cards:
        c.remove()
    deadline = time.monotonic() + 5
    while reader.card_present() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_reader_discovery(reader):
    assert VPCD_READER in reader.readers()
    assert reader.reader_name() == VPCD_READER


def test_reads_a_t0_card_with_61xx_and_never_verifies(reader, insert):
    card = insert(t0=True, strict_le=True)
    rec = reader.read_card()
    assert rec.name == "李明华" and rec.id_number == "230102198506151234"
    assert rec.spec_version == "3.00" and rec.card_number == "HA1234567" and rec.ethnicity == "汉"
    assert card.verify_count == 0


def test_reads_a_card_without_61xx(reader, insert):
    insert(t0=False, strict_le=False)
    assert reader.read_card().birth_date.isoformat() == "1985-06-15"


def test_6cxx_wrong_le_is_retried(reader, insert):
    card = insert(strict_le=True)
    card.set_field(0x09, "李明华".encode("gbk"))      # a shorter record than the usual 30 bytes
    assert reader.read_card().name == "李明华"


def test_spec_version_2_card(reader, insert):
    data = json.loads(CARD.read_text(encoding="utf-8"))
    data["spec_version"] = "2.00"
    insert(data)
    assert reader.read_card().spec_version == "2.00"


def test_no_card(reader):
    assert not reader.card_present()
    with pytest.raises(NoCard):
        reader.read_card()


@pytest.mark.parametrize("after", [1, 4, 10])
def test_card_removed_mid_read(reader, insert, after):
    insert(remove_after_apdus=after)
    with pytest.raises(CardRemoved) as ei:
        reader.read_card()
    assert ei.value.code == "card_removed" and "取出" in ei.value.zh


def test_bad_id_number_is_a_card_error(reader, insert):
    data = json.loads(CARD.read_text(encoding="utf-8"))
    data["id_number"] = "230102198506151230"
    insert(data)
    with pytest.raises(CardDataError):
        reader.read_card()


def test_no_such_reader(pcscd):
    with SocialSecurityReader("No Such Reader") as r, pytest.raises(NoReader):
        r.read_card()


def test_no_pcscd_is_a_typed_error(pcscd):
    # A client pointed at a socket where no pcscd listens (the running one is left alone).
    code = ("from drivers.smartcard.reader import SocialSecurityReader\n"
            "from drivers.smartcard.errors import PcscUnavailable\n"
            "try:\n    SocialSecurityReader().read_card()\n"
            "except PcscUnavailable as e:\n    print(e.code)\n")
    env = dict(os.environ, PCSCLITE_CSOCK_NAME="/nonexistent/pcscd.comm")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=30)
    assert out.stdout.strip() == "no_pcscd", out.stderr


# ---- the Qt worker ---------------------------------------------------------------------

def test_worker_one_read_per_insertion_and_removal(pcscd, qtbot):
    card = VirtualSocialSecurityCard(CARD)
    worker = SmartcardWorker(SocialSecurityReader(VPCD_READER), poll_ms=100, emulator=card)
    relay = CardRelay().attach(worker)
    reads = []
    relay.card_read.connect(reads.append)
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.start)
    thread.start()
    try:
        relay.watch.emit(True)
        with qtbot.waitSignal(relay.card_read, timeout=5000):
            card.present()
        qtbot.wait(500)
        assert len(reads) == 1                    # left in the reader: not read again
        with qtbot.waitSignal(relay.card_removed, timeout=5000):
            card.remove()
        card.remove_after_apdus = 3
        with qtbot.waitSignal(relay.card_error, timeout=5000) as blocker:
            card.present()
        assert blocker.args[0].code == "card_removed"
    finally:
        QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        thread.wait(5000)
    assert not card.inserted


# ---- the CLI -----------------------------------------------------------------------------

def _cli(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", "card", "read", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_cli_pcsc_read(pcscd, insert):
    insert()
    out = _cli("--pcsc", "--reader", "Virtual PCD 00 00", "--json", "--timeout", "5")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["card_type"] == "social_security" and data["spec_version"] == "3.00"
    assert data["id_number"] == "2301**********1234" and data["name"] == "李*华"
    assert "230102198506151234" not in out.stdout + out.stderr


def test_cli_pcsc_no_card_exits_2(pcscd):
    out = _cli("--pcsc", "--reader", "Virtual PCD 00 00", "--timeout", "0.5")
    assert out.returncode == 2 and "no card" in out.stderr


def test_emulate_smartcard_cli(reader):
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "emulate", "smartcard"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("Virtual PCD 00 00")
        deadline = time.monotonic() + 5
        while not reader.card_present():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert reader.read_card().card_number == "HA1234567"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
    assert proc.returncode == 0
    deadline = time.monotonic() + 5
    while reader.card_present():          # Ctrl+C / SIGTERM pulls the card out
        assert time.monotonic() < deadline
        time.sleep(0.05)
