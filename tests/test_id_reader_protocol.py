"""The real Ga467Reader against the pty emulator: every card type and every fault option."""
from __future__ import annotations

import json
import time

import pytest

from drivers.base import DeviceOffline
from drivers.identity import CardType
from drivers.id_reader.cards import CARDS_DIR, sample_cards
from drivers.id_reader.emulator import IdReaderEmulator
from drivers.id_reader.frames import FrameError
from drivers.id_reader.reader import Ga467Reader
from drivers.id_reader.sw3 import NoCard, Sw3Error
from drivers.id_reader.text import CardDataError

RESIDENT = CARDS_DIR / "resident.json"


@pytest.fixture
def emu_reader(request):
    """(emulator, open reader); kwargs via indirect parametrization or defaults."""
    kw = getattr(request, "param", {})
    emu = IdReaderEmulator(kw.pop("card", RESIDENT), seed=1, **kw)
    emu.start()
    reader = Ga467Reader(emu.path, find_timeout=0.5, read_timeout=1.5)
    reader.open(probe=False)
    yield emu, reader
    reader.close()
    emu.stop()


@pytest.mark.parametrize("stem", sorted(sample_cards("id_reader")))
def test_every_sample_card_reads(stem):
    data = json.loads(sample_cards("id_reader")[stem].read_text(encoding="utf-8"))
    with IdReaderEmulator(data) as emu, Ga467Reader(emu.path) as r:
        rec = r.read_card()
    assert rec.card_type == CardType(data["card_type"])
    assert rec.id_number == data["id_number"] and rec.name == data["name"]
    assert len(rec.photo_wlt) == 1024
    assert rec.appended_address == data.get("appended_address")
    assert emu.requests[-4:] == [(0x20, 0x01), (0x20, 0x02), (0x30, 0x01), (0x30, 0x03)]


def test_fingerprint_read_keeps_opaque_bytes():
    data = json.loads(RESIDENT.read_text(encoding="utf-8"))
    data["fingerprint"] = True
    with IdReaderEmulator(data) as emu, Ga467Reader(emu.path) as r:
        rec = r.read_card(fingerprint=True)
        assert (0x30, 0x10) in emu.requests
    assert len(rec.fingerprint) == 1024 and rec.id_number == data["id_number"]


def test_sam_id(emu_reader):
    _, r = emu_reader
    assert r.sam_id() == "05.01-27058962-0263906082-0320784474"


@pytest.mark.parametrize("emu_reader", [{"card": None}], indirect=True)
def test_no_card(emu_reader):
    _, r = emu_reader
    with pytest.raises(NoCard) as ei:
        r.read_card()
    assert ei.value.code == "no_card"


@pytest.mark.parametrize("emu_reader", [{"fragment": True}, {"garbage": True},
                                        {"fragment": True, "garbage": True}], indirect=True)
def test_fragmented_and_noisy_replies_still_read(emu_reader):
    _, r = emu_reader
    for _ in range(3):
        assert r.read_card().name == "李明华"


@pytest.mark.parametrize("emu_reader", [{"bad_checksum": 1}], indirect=True)
def test_one_bad_checksum_is_retried(emu_reader):
    emu, r = emu_reader
    assert r.read_card().name == "李明华"
    assert emu.requests.count((0x20, 0x01)) == 2      # the find was sent again


@pytest.mark.parametrize("emu_reader", [{}], indirect=True)
def test_persistent_bad_checksums_are_typed_and_reset_the_sam(emu_reader):
    emu, r = emu_reader
    emu.bad_checksum = -1
    for _ in range(2):
        with pytest.raises(FrameError) as ei:
            r.read_card()
        assert ei.value.code == "bad_checksum"
    assert (0x10, 0xFF) in emu.requests     # 4 corrupt replies in a row (≥ 3) → SAM reset
    assert r.resets == 1
    emu.bad_checksum = 0
    assert r.read_card().name == "李明华"


@pytest.mark.parametrize("emu_reader", [{"read_sw3": 0x41}], indirect=True)
def test_sw3_error_is_typed_with_its_meaning(emu_reader):
    emu, r = emu_reader
    for _ in range(3):
        with pytest.raises(Sw3Error) as ei:
            r.read_card()
        assert ei.value.code == "sw3_41" and "read failed" in ei.value.en and "读证/卡操作失败" in ei.value.zh
    assert r.resets == 1 and (0x10, 0xFF) in emu.requests


@pytest.mark.parametrize("emu_reader", [{"silent": True}], indirect=True)
def test_silent_reader_times_out_as_offline(emu_reader):
    emu, r = emu_reader
    t0 = time.monotonic()
    with pytest.raises(DeviceOffline) as ei:
        r.read_card()
    assert ei.value.code == "timeout"
    assert time.monotonic() - t0 < 0.5 * 2 + 1.5   # find timeout (+ one retry) with margin


def test_silent_reader_fails_the_open_probe():
    with IdReaderEmulator(RESIDENT, silent=True) as emu:
        r = Ga467Reader(emu.path, find_timeout=0.3)
        with pytest.raises(DeviceOffline):
            r.open()
        assert not r.is_open


@pytest.mark.parametrize("emu_reader", [{"remove_after_reads": 2}], indirect=True)
def test_card_removed_after_n_reads(emu_reader):
    _, r = emu_reader
    r.read_card()
    r.read_card()
    with pytest.raises(NoCard):
        r.read_card()


@pytest.mark.parametrize("emu_reader", [{"sticky": False}], indirect=True)
def test_card_left_on_reader_is_not_found_again_until_re_presented(emu_reader):
    emu, r = emu_reader
    r.read_card()
    with pytest.raises(NoCard):
        r.find()
    emu.present(RESIDENT)
    r.find()


def test_wire_time_is_simulated():
    with IdReaderEmulator(RESIDENT, baud=9600) as emu, Ga467Reader(emu.path, read_timeout=5) as r:
        t0 = time.monotonic()
        r.read_card(appended_address=False)
        elapsed = time.monotonic() - t0
    wire = (10 + 15 + 10 + 19 + 10 + 1295) * 10 / 9600     # ≈ 1.42 s
    assert wire * 0.95 < elapsed < wire * 3


def test_bad_check_digit_card_is_a_card_error():
    data = json.loads(RESIDENT.read_text(encoding="utf-8"))
    data["id_number"] = data["id_number"][:-1] + "5"
    with IdReaderEmulator(data) as emu, Ga467Reader(emu.path) as r:
        with pytest.raises(CardDataError) as ei:
            r.read_card()
    assert ei.value.code == "id_check_failed"


def test_unplug_gives_offline_not_another_exception():
    with IdReaderEmulator(RESIDENT) as emu:
        r = Ga467Reader(emu.path)
        r.open()
        emu.unplug()
        with pytest.raises(DeviceOffline) as ei:
            r.read_card()
        assert ei.value.code in ("port_lost", "timeout")
        assert not r.still_connected()
        r.close()


def test_missing_port_is_offline():
    with pytest.raises(DeviceOffline) as ei:
        Ga467Reader("/dev/does-not-exist-idr").open()
    assert ei.value.code == "port_missing"
