"""Card watching without Qt: one read per presentation, both reader behaviours."""
from __future__ import annotations

import json

import pytest

from drivers.base import DeviceState
from drivers.id_reader.cards import CARDS_DIR
from drivers.id_reader.emulator import IdReaderEmulator
from drivers.id_reader.reader import Ga467Reader
from drivers.id_reader.watcher import CardWatcher, EventKind

RESIDENT = CARDS_DIR / "resident.json"
PERMIT = CARDS_DIR / "permit_hk.json"


def kinds(events):
    return [e.kind for e in events]


@pytest.mark.parametrize("sticky", [True, False], ids=["keeps-answering-9F", "answers-80-when-left"])
def test_one_read_per_presentation(sticky):
    with IdReaderEmulator(None, sticky=sticky) as emu:
        w = CardWatcher(Ga467Reader(emu.path))
        ev = w.poll(True)
        assert w.status.state is DeviceState.NO_MEDIA and EventKind.CARD not in kinds(ev)
        emu.present(RESIDENT)
        ev = w.poll(True)
        cards = [e.payload for e in ev if e.kind is EventKind.CARD]
        assert len(cards) == 1 and cards[0].name == "李明华"
        later = [k for _ in range(5) for k in kinds(w.poll(True))]
        assert EventKind.CARD not in later          # the card left on the reader is not read again
        assert emu.reads == 1
        emu.remove()
        w.poll(True)                                # a person needs longer than one poll to swap cards
        emu.present(PERMIT)                         # a new presentation
        got = [e for _ in range(3) for e in w.poll(True) if e.kind is EventKind.CARD]
        assert [c.payload.name for c in got] == ["陈嘉欣"] and emu.reads == 2
        w.close()


def test_removal_is_reported_and_take_card_status_shown():
    with IdReaderEmulator(RESIDENT) as emu:
        w = CardWatcher(Ga467Reader(emu.path))
        w.poll(True)
        assert w.status.message_zh == "请取走身份证"
        emu.remove()
        assert EventKind.REMOVED in kinds(w.poll(True))
        assert w.status.state is DeviceState.NO_MEDIA
        w.close()


def test_not_watching_sends_nothing_on_the_wire():
    with IdReaderEmulator(RESIDENT) as emu:
        w = CardWatcher(Ga467Reader(emu.path))
        for _ in range(5):
            w.poll(False)
        assert (0x20, 0x01) not in emu.requests and emu.reads == 0
        assert w.status.state is DeviceState.READY
        w.close()


def test_bad_card_is_an_error_event_once():
    data = json.loads(RESIDENT.read_text(encoding="utf-8"))
    data["id_number"] = "230102198506151230"
    with IdReaderEmulator(data) as emu:
        w = CardWatcher(Ga467Reader(emu.path))
        errors = [e.payload for _ in range(4) for e in w.poll(True) if e.kind is EventKind.ERROR]
        assert [e.code for e in errors] == ["id_check_failed"]
        w.close()
