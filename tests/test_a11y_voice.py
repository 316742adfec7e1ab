"""Every control speakable (issue 16, point 1) in the running kiosk, heard through the recording
speech engine: explore-by-touch (the first touch names, a second within 2 s activates), the
instruction again after silence, 音量 and 语速 in three steps that reach the engine and reset
with the session, and the English voice in English mode."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from kiosk.session import Step
from tests.test_ui_flows import wait_step
from tests.test_ui_voice import said, wait_said
from tests.test_voice import recorder_command

LEFT = Qt.MouseButton.LeftButton


def voiced_kiosk(make_kiosk, tmp_path, **more):
    out = tmp_path / "said.jsonl"
    cmd = recorder_command(out, "--volume", "{volume}", "--rate", "{rate}")
    return make_kiosk({"voice.command": cmd, "kiosk.voice": True, **more}), out


def started(qtbot, app, out):
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    wait_said(qtbot, out, "请选择要办理的事项")


def test_first_touch_names_the_control_and_a_second_within_2s_activates_it(qtbot, make_kiosk, tmp_path):
    app, out = voiced_kiosk(make_kiosk, tmp_path)
    started(qtbot, app, out)
    now = [100.0]
    app.tools.touch.clock = lambda: now[0]
    tile = app.home.category_buttons["户籍证明"]
    items_before = set(app.home.item_buttons)
    qtbot.mouseClick(tile, LEFT)
    wait_said(qtbot, out, "按钮，户籍证明。查看户籍证明类事项")
    assert set(app.home.item_buttons) == items_before                  # named, not chosen
    assert app.tools.keypad.target is tile and app.tools.keypad.ring.isVisible()   # the ring follows the finger
    now[0] += 3.0                                                       # too late for a second touch
    n = len(said(out))
    qtbot.mouseClick(tile, LEFT)
    qtbot.waitUntil(lambda: len(said(out)) > n, timeout=5000)
    assert said(out)[-1].startswith("按钮，户籍证明") and set(app.home.item_buttons) == items_before
    now[0] += 1.5
    qtbot.mouseClick(tile, LEFT)                                        # within 2 s: it acts
    qtbot.waitUntil(lambda: set(app.home.item_buttons) != items_before, timeout=5000)
    assert all(app.s.catalog.get(c).category == "户籍证明" for c in app.home.item_buttons)
    # 语音播报 itself answers the first touch: one touch turns the voice off.
    qtbot.mouseClick(app.header.voice_button, LEFT)
    assert not app.prefs.voice
    qtbot.mouseClick(app.home.item_buttons["230100-GA-001"], LEFT)       # voice off: one touch acts
    wait_step(qtbot, app, Step.ITEM)


def test_the_instruction_is_said_again_after_silence(qtbot, make_kiosk, tmp_path):
    app, out = voiced_kiosk(make_kiosk, tmp_path)
    app.tools.touch.repeat.setInterval(400)          # 15 s in the kiosk; the same timer, shorter
    started(qtbot, app, out)
    hint = app.home.spoken_hint()
    qtbot.waitUntil(lambda: said(out).count(hint) >= 3, timeout=5000)
    app.tools.set_voice(False)
    n = said(out).count(hint)
    qtbot.wait(900)
    assert said(out).count(hint) == n                # voice off: silence stays silent


def test_volume_and_rate_in_three_steps_reach_the_engine_and_reset(qtbot, make_kiosk, tmp_path):
    app, out = voiced_kiosk(make_kiosk, tmp_path)
    started(qtbot, app, out)
    access = app.header.access
    assert access.volume_button.isVisible() and access.rate_button.isVisible()
    for _ in range(2):                               # explore-by-touch: named, then pressed
        qtbot.mouseClick(access.volume_button, LEFT)
    wait_said(qtbot, out, "音量：大")
    for _ in range(2):
        qtbot.mouseClick(access.rate_button, LEFT)
    wait_said(qtbot, out, "语速：快")
    last = [e for e in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if e["event"] == "start"][-1]
    assert (last["volume"], last["rate"]) == ("180", "190")
    assert access.volume_button.text() == "音量：大"
    app.end_session()
    assert app.prefs.volume == app.prefs.rate == 1 and access.volume_button.text() == "音量：中"
    assert app.tools.speaker.volume == 1 and not access.volume_button.isVisible()   # voice off: hidden


def test_english_mode_speaks_with_the_english_voice(qtbot, make_kiosk, tmp_path):
    out_en = tmp_path / "said_en.jsonl"
    app, out = voiced_kiosk(make_kiosk, tmp_path, **{"voice.command_en": recorder_command(out_en)})
    started(qtbot, app, out)
    qtbot.mouseClick(app.header.lang_button, LEFT)
    qtbot.mouseClick(app.header.lang_button, LEFT)
    qtbot.waitUntil(lambda: app.bottombar.staff_button.text() == "Call staff", timeout=5000)
    qtbot.mouseClick(app.bottombar.staff_button, LEFT)
    wait_said(qtbot, out_en, "Button, Call staff")
    assert not any("Button" in t for t in said(out))
