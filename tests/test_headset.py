"""A headset plugged in switches voice on (issue 16, point 2), read from the jack's evdev
device: the parser fuzzed, and the running kiosk fed real `struct input_event` bytes
through a FIFO standing in for /dev/input/by-path/…-event (this machine has no sound card)."""
from __future__ import annotations

import os
import threading

from hypothesis import given, strategies as st
from PySide6.QtCore import Qt

from drivers.headset import EV_SW, EVENT, SW_HEADPHONE_INSERT, parse_events, plugged
from kiosk.session import Step
from tests.test_ui_flows import wait_step
from tests.test_ui_voice import said, wait_said
from tests.test_voice import recorder_command

LEFT = Qt.MouseButton.LeftButton
EV_SYN, EV_KEY = 0x00, 0x01


def event(type_: int, code: int, value: int) -> bytes:
    return EVENT.pack(1_764_000_000, 0, type_, code, value)


@given(st.binary(max_size=400))
def test_any_bytes_parse_into_whole_events_and_a_remainder(data):
    events, rest = parse_events(data)
    assert len(events) * EVENT.size + len(rest) == len(data) and len(rest) < EVENT.size
    assert plugged(events) in (True, False, None)


@given(st.lists(st.tuples(st.sampled_from([EV_SYN, EV_KEY, EV_SW]), st.integers(0, 16), st.integers(0, 1)),
                max_size=20), st.integers(1, 30))
def test_events_split_anywhere_read_back_the_same(events, cut):
    data = b"".join(event(*e) for e in events)
    first, rest = parse_events(data[:cut])
    second, rest = parse_events(rest + data[cut:])
    assert first + second == events and rest == b""


def test_only_the_jack_switch_counts_and_the_last_state_wins():
    assert plugged([(EV_KEY, SW_HEADPHONE_INSERT, 1)]) is None          # a key with the same code
    assert plugged([(EV_SW, SW_HEADPHONE_INSERT, 1), (EV_SYN, 0, 0)]) is True
    assert plugged([(EV_SW, SW_HEADPHONE_INSERT, 1), (EV_SW, SW_HEADPHONE_INSERT, 0)]) is False


def test_plugging_a_headset_in_switches_voice_on_and_the_next_visit_starts_with_it(qtbot, make_kiosk, tmp_path):
    jack = tmp_path / "jack-event"
    os.mkfifo(jack)
    out = tmp_path / "said.jsonl"
    app = make_kiosk({"voice.command": recorder_command(out), "voice.headset_device": str(jack)})
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    assert not app.prefs.voice and said(out) == []                   # voice off by default
    writer: list[int] = []
    opener = threading.Thread(target=lambda: writer.append(os.open(jack, os.O_WRONLY)))
    opener.start()                                                   # the FIFO opens once its reader is there
    qtbot.waitUntil(lambda: bool(writer), timeout=5000)
    try:
        os.write(writer[0], event(EV_SW, SW_HEADPHONE_INSERT, 1) + event(EV_SYN, 0, 0))
        qtbot.waitUntil(lambda: app.prefs.voice, timeout=5000)
        wait_said(qtbot, out, "请选择要办理的事项")                     # the screen's instruction, at once
        assert app.header.voice_button.isChecked()
        app.end_session()                                            # the visit ends; the headset stays in
        assert not app.prefs.voice
        qtbot.mouseClick(app.attract, LEFT)
        wait_step(qtbot, app, Step.HOME)
        assert app.prefs.voice                                       # the next visit starts with voice
        os.write(writer[0], event(EV_SW, SW_HEADPHONE_INSERT, 0))
        qtbot.waitUntil(lambda: not app.tools.headset_in, timeout=5000)
        assert app.prefs.voice                                       # pulled out: voice stays as it is
    finally:
        os.close(writer[0])
        opener.join()
