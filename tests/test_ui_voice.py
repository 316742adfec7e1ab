"""语音播报 in the running kiosk: each screen's guidance reaches the speech engine (a recording
process standing in for espeak-ng), the resident switches it, it resets with the session, and
no name, ID number or address is ever spoken."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from kiosk.session import Step
from tests.test_ui_flows import open_item, present_card, reach_beijing_face_check, wait_step
from tests.test_voice import events, recorder_command
from tests.ui_driver import click_text, fill_empty_required, leave

LEFT = Qt.MouseButton.LeftButton


def said(out) -> list[str]:
    return [text for event, text in events(out) if event == "start"]


def wait_said(qtbot, out, fragment: str, timeout=15000) -> None:
    qtbot.waitUntil(lambda: any(fragment in t for t in said(out)), timeout=timeout)


def test_each_screen_is_read_aloud_and_nothing_personal_is(qtbot, make_kiosk, tmp_path):
    out = tmp_path / "said.jsonl"
    app = make_kiosk({"voice.command": recorder_command(out), "kiosk.voice": True})
    card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    wait_said(qtbot, out, "户籍证明开具。请看办事须知")
    click_text(qtbot, app.guide, "办理", touches=2)       # explore-by-touch: named, then done
    wait_step(qtbot, app, Step.IDENTITY)
    wait_said(qtbot, out, "身份")
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    wait_said(qtbot, out, "请核对并填写信息")
    fill_empty_required(qtbot, app.form, {"purpose": app.form.rows["purpose"].field["options"][0],
                                          "pickup": app.form.rows["pickup"].field["options"][0]}, touches=2)
    for _ in range(2):
        qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.REVIEW)
    wait_said(qtbot, out, "请确认信息无误")
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交", touches=2)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    wait_said(qtbot, out, "请取走身份证")
    spoken = said(out)
    for secret in (card["name"], card["id_number"], card["address"], card["id_number"][-4:]):
        assert not any(secret in t for t in spoken), secret
    # Done: the wipe silences the kiosk and the next session starts from the default again.
    click_text(qtbot, app.result, "完成", touches=2)
    click_text(qtbot, app.rating, "跳过", touches=2)
    wait_step(qtbot, app, Step.ATTRACT)
    assert not app.prefs.voice and not app.header.voice_button.isChecked()
    qtbot.waitUntil(lambda: not app.tools.speaker.busy(), timeout=5000)


def test_the_resident_switches_voice_on_and_off_and_it_resets_with_the_session(qtbot, make_kiosk, tmp_path):
    out = tmp_path / "said.jsonl"
    app = make_kiosk({"voice.command": recorder_command(out)})     # the demo default: off
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    button = app.header.voice_button
    assert button.isVisibleTo(app.window) and not button.isChecked()
    qtbot.wait(400)
    assert said(out) == []                                        # off: silence
    qtbot.mouseClick(button, LEFT)
    assert app.prefs.voice
    wait_said(qtbot, out, "请选择要办理的事项")                  # on: the screen in front of them
    qtbot.mouseClick(button, LEFT)
    assert not app.prefs.voice
    n = len(said(out))
    qtbot.keyClicks(app.home.search_edit, "hjzm")
    click_text(qtbot, app.home, "户籍证明开具")
    wait_step(qtbot, app, Step.ITEM)
    qtbot.wait(400)
    assert len(said(out)) == n                                    # off again: nothing more
    qtbot.mouseClick(button, LEFT)
    wait_said(qtbot, out, "户籍证明开具。请看办事须知")
    leave(qtbot, app)                # the resident leaves
    wait_step(qtbot, app, Step.ATTRACT)
    assert not app.prefs.voice
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    assert not button.isChecked()                                 # the next resident starts silent


def test_no_speech_engine_configured_hides_the_switch(qtbot, make_kiosk):
    app = make_kiosk({"voice.command": ""})
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    assert app.header.voice_button.isHidden()
    app.tools.set_voice(True)                     # even if asked: nothing to speak with
    assert not app.prefs.voice


def test_the_face_check_coaches_aloud_when_the_prompt_holds(qtbot, make_kiosk, tmp_path):
    out = tmp_path / "said.jsonl"
    app = make_kiosk({"voice.command": recorder_command(out), "kiosk.voice": True})
    reach_beijing_face_check(qtbot, app)
    # Nobody in front of the camera yet: after a second the kiosk says what to do.
    qtbot.waitUntil(lambda: any(t == "请正对摄像头" for t in said(out)), timeout=15000)
    qtbot.wait(2000)                                               # ~40 more frames, same prompt
    assert sum(t == "请正对摄像头" for t in said(out)) == 1        # once, not twenty times a second


def test_the_maintenance_screen_tests_the_speaker(qtbot, make_kiosk, tmp_path):
    out = tmp_path / "said.jsonl"
    app = make_kiosk({"voice.command": recorder_command(out)})      # residents' voice is off
    app.flows["technician"].open_maintenance()
    qtbot.mouseClick(app.maintenance.action_buttons["test_voice"], LEFT)
    wait_said(qtbot, out, "语音播报测试")
    qtbot.waitUntil(lambda: "maintenance:test_voice" in (app.flows["technician"].gate.audit.path.read_text(encoding="utf-8")
                                                         if app.flows["technician"].gate.audit.path.exists() else ""),
                    timeout=5000)
