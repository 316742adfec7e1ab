"""The keypad path (issue 16, points 2 and 5): whole transactions, 好差评 included, with key
events only, never a mouse event, as a resident who cannot see the screen does them: listen
to what each key says and move on until the wanted control is named, then press 5.

The identity card is laid on the reader (the emulated device), as the resident's hand does;
the recording speech engine (tests/voice_recorder.py) keeps what was said. The figures
(keys pressed, lines said) are printed for the README and the note (pytest -s)."""
from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from kiosk.session import Step
from screens.spoken import describe, name_of
from tests.test_ui_voice import said, wait_said
from tests.test_voice import recorder_command

K = Qt.Key


class NoMouse(QObject):
    """Counts every mouse press the application sees (the test asserts there is none)."""
    presses = 0

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                            QEvent.Type.TouchBegin):
            self.presses += 1
        return False


class Keypad:
    def __init__(self, qtbot, app, out):
        self.qtbot, self.app, self.nav, self.out = qtbot, app, app.tools.keypad, out
        self.keys = 0

    def press(self, key) -> None:
        self.keys += 1
        self.qtbot.keyClick(QApplication.focusWidget() or self.app.window, key)
        QApplication.processEvents()             # keys come one by one through the event loop

    def go_to(self, wanted: str, exact: bool = False, limit: int = 80) -> None:
        """Press 2 until the ring is on the control named `wanted`; its name was said."""
        for _ in range(limit):
            target = self.nav.target
            name = name_of(target) if target is not None else ""
            if target is not None and (name == wanted if exact else wanted in name):
                return
            self.press(K.Key_2)
            heard = describe(self.nav.target)      # the resident listens before the next key
            self.qtbot.waitUntil(lambda: heard in said(self.out)[-3:], timeout=5000)
        raise AssertionError(f"{wanted!r} never reached; the ring is on {name!r}")

    def choose(self, wanted: str, exact: bool = False) -> None:
        self.go_to(wanted, exact)
        self.press(K.Key_5)


def keypad_kiosk(qtbot, make_kiosk, tmp_path):
    out = tmp_path / "said.jsonl"
    app = make_kiosk({"voice.command": recorder_command(out, "--volume", "{volume}", "--rate", "{rate}")})
    watch = NoMouse()
    QApplication.instance().installEventFilter(watch)
    return app, out, watch


def finish_with_rating(qtbot, app, pad: Keypad, out) -> None:
    flow = app.flows["resident"]
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    assert flow.tx.session.tracking_no
    pad.choose("完成")
    qtbot.waitUntil(lambda: flow.tx.step == Step.RATING, timeout=5000)
    wait_said(qtbot, out, "请为本次服务评价")
    pad.choose("满意", exact=True)
    wait_said(qtbot, out, "已选择，满意")
    pad.choose("提交评价")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.thanks, timeout=5000)


def run(qtbot, app, out, watch, code: str, choices: dict[str, int]) -> dict:
    flow = app.flows["resident"]
    pad = Keypad(qtbot, app, out)
    item = app.s.catalog.get(code)
    pad.press(K.Key_5)                           # the welcome page: any key starts, and voice comes on
    qtbot.waitUntil(lambda: flow.tx.step == Step.HOME, timeout=5000)
    assert app.prefs.voice
    wait_said(qtbot, out, "请选择要办理的事项")
    pad.choose(item.category, exact=True)        # its category's tile, then the item in the list
    pad.choose(item.name, exact=True)
    qtbot.waitUntil(lambda: flow.tx.step == Step.ITEM, timeout=5000)
    pad.choose("办理")
    qtbot.waitUntil(lambda: flow.tx.step == Step.IDENTITY, timeout=5000)
    wait_said(qtbot, out, "身份证")
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)     # the card on the reader
    qtbot.waitUntil(lambda: flow.tx.step == Step.FORM, timeout=15000)
    app.dock.dock_action.emit("remove_card", "")
    for key, index in choices.items():
        field = app.form.rows[key].field
        pad.choose(f"{field['label']}：{field['options'][index]}")
        wait_said(qtbot, out, f"已选择，{field['label']}：{field['options'][index]}")
    pad.choose("下一步")
    qtbot.waitUntil(lambda: flow.tx.step == Step.REVIEW, timeout=5000)
    wait_said(qtbot, out, "请确认信息无误")
    before = len(said(out))
    pad.press(K.Key_0)                           # the instruction again
    qtbot.waitUntil(lambda: any("请确认信息无误" in t for t in said(out)[before:]), timeout=5000)
    pad.press(K.Key_Plus)                        # louder
    wait_said(qtbot, out, "音量：大")
    pad.choose("同意个人信息处理告知")
    assert app.review.consent_check.isChecked()
    pad.choose("确认提交")
    finish_with_rating(qtbot, app, pad, out)
    assert watch.presses == 0                    # never a mouse event
    lines = said(out)
    loud = [e for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())
            if e["event"] == "start" and e.get("volume") == "180"]
    assert loud, "the louder volume reached the engine"
    return {"item": code, "keys": pad.keys, "keypad_handled": app.tools.keypad.keys_pressed,
            "lines_said": len(lines), "said": lines}


def test_household_certificate_and_a_beijing_item_by_keypad_alone(qtbot, make_kiosk, tmp_path, capsys):
    app, out, watch = keypad_kiosk(qtbot, make_kiosk, tmp_path)
    try:
        first = run(qtbot, app, out, watch, "230100-GA-001", {"purpose": 0, "pickup": 0})
        assert any(t.startswith("按钮，开始办理") for t in first["said"]), first["said"]
        assert not app.prefs.voice and app.prefs.volume == 1      # reset with the session
        pad = Keypad(qtbot, app, out)                 # the thank-you page: voice on again, then its button
        for _ in range(4):
            if app.window.stack.currentWidget() is app.attract:
                break
            pad.press(K.Key_5)
        assert app.window.stack.currentWidget() is app.attract
        out.write_text("", encoding="utf-8")
        second = run(qtbot, app, out, watch, "110000-GJJ-001", {"purpose": 0})
    finally:
        QApplication.instance().removeEventFilter(watch)
    with capsys.disabled():
        for r in (first, second):
            print(f"\nkeypad {r['item']}: {r['keys']} keys, {r['lines_said']} lines said")
            for line in r["said"]:
                print("   ", line)
