"""工作人员核验 (issue 16 follow-up): a resident who refuses the face and asks for staff is
confirmed by the hall staff on the kiosk (their PIN on the number pad) and goes on; the
submission at the reference gateway says verified_by "staff". Real widgets, the real gateway
simulator, the real Argon2id gate and audit log."""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from drivers.identity import CardType, IdentityRecord
from kiosk.logging_setup import setup_logging
from kiosk.session import Refused, Step, StepError, Transaction
from kiosk.technician import MAX_FAILURES
from privacy_scan import scan
from screens.error import STAFF_TITLE
from screens.face_consent import CONSENT_VERSION
from tests.test_face_consent import camera_modes, on, spied, submit_from_the_form  # noqa: F401 (spied: a fixture)
from tests.test_metrics import value
from tests.test_ui_english import chinese_left
from tests.test_ui_flows import present_card, wait_step
from tests.ui_driver import click_text

LEFT = Qt.MouseButton.LeftButton
STAFF_PIN, TECH_PIN = "135790", "246810"       # the demo PINs in kiosk.toml


def refuse_and_ask_for_staff(qtbot, app, query="wfzjl", code="230100-GA-002"):
    """The item found, the card read, 不同意 on the face consent, 请工作人员核验: the staff-call
    page (in either language: no text is clicked)."""
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    qtbot.keyClicks(app.home.search_edit, query)
    qtbot.mouseClick(app.home.item_buttons[code], LEFT)
    wait_step(qtbot, app, Step.ITEM)
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FACE)
    app.dock.dock_action.emit("remove_card", "")
    qtbot.waitUntil(lambda: on(app, app.face_consent), timeout=5000)
    qtbot.mouseClick(app.face_consent.refuse_button, LEFT)
    qtbot.mouseClick(app.face_consent.staff_button, LEFT)
    assert on(app, app.error) and app.error.title_label.source() == STAFF_TITLE


def type_pin(qtbot, app, pin: str) -> None:
    """The staff member's fingers: the number pad's keys, then 确定."""
    qtbot.waitUntil(app.staff_pin.ok_button.isEnabled, timeout=5000)     # the lock file read, not locked
    for digit in pin:
        qtbot.mouseClick(app.staff_pin.pad.buttons[digit], LEFT)
    assert app.staff_pin.pin_edit.text() == pin
    qtbot.mouseClick(app.staff_pin.ok_button, LEFT)


def audit_actions(app) -> list[str]:
    path = Path(app.cfg.kiosk.data_dir) / "audit.log"
    if not path.exists():
        return []
    return [json.loads(line)["action"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_staff_confirm_the_resident_who_refused_the_face_and_the_gateway_hears_it(qtbot, make_kiosk, spied,
                                                                                   monkeypatch):
    app = make_kiosk()
    flow = app.flows["resident"]
    modes = camera_modes(app, monkeypatch)
    verify_calls = []
    monkeypatch.setattr(app.s.gateway, "verify_identity", lambda *a, **k: verify_calls.append(a) or {})
    data_dir = Path(app.cfg.kiosk.data_dir)
    log_path = setup_logging(data_dir, "DEBUG")
    root = logging.getLogger()
    try:
        refuse_and_ask_for_staff(qtbot, app)
        button = app.error.staff_verify.button
        assert button.isVisible() and button.text() == "工作人员核验通过（工作人员操作）"
        assert button.accessibleName() and button.accessibleDescription()
        # The resident may go back to the other ways meanwhile: the staff's button is there too.
        qtbot.mouseClick(app.error.done_button, LEFT)
        assert on(app, app.face_consent) and app.face_consent.staff_verify.button.isVisible()
        assert not app.face_consent.staff_button.isVisible()       # the staff's control in its place
        assert flow.tx.step == Step.FACE
        qtbot.mouseClick(app.face_consent.staff_verify.button, LEFT)
        assert on(app, app.staff_pin)
        assert not app.bottombar.staff_button.isVisibleTo(app.bottombar)   # no residents' tools
        type_pin(qtbot, app, STAFF_PIN)
        qtbot.waitUntil(lambda: app.staff_pin.passed_label.isVisible(), timeout=15000)
        assert "工作人员已核验您的身份" in app.staff_pin.passed_label.text()
        assert flow.tx.step == Step.FORM
        qtbot.waitUntil(lambda: on(app, app.form), timeout=5000)
        qtbot.waitUntil(lambda: app.s.outbox.attention is None, timeout=5000)   # the staff call is answered
        submit_from_the_form(qtbot, app)
        assert flow.tx.session.tracking_no                      # the gateway accepted it
        card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
        click_text(qtbot, app.result, "完成")
        app.end_session()
        qtbot.waitUntil(lambda: app.s.outbox.status()["counts"]["delivered"] >= 1, timeout=15000)
    finally:
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
    body = spied[-1]
    face = body["consents"]["face"]
    assert face["verified_by"] == "staff" and face["agreed"] is False and face["version"] == CONSENT_VERSION
    assert "jpeg" not in json.dumps(body["consents"]) and body["materials"] == []
    assert "face" not in modes and verify_calls == []          # no camera, no face sent anywhere
    assert value(app.metrics, "kiosk_face_checks_total", outcome="staff") == 1
    # The audit log says staff verified an identity here; nothing personal, anywhere on disk.
    actions = audit_actions(app)
    assert actions.count("staff_verified_identity") == 1 and "login_ok" not in actions
    assert log_path.stat().st_size > 0
    assert scan(data_dir, [card["name"], card["id_number"], STAFF_PIN]) == []


def test_wrong_staff_pins_hold_the_step_count_and_lock_and_the_two_pins_stay_apart(qtbot, make_kiosk):
    app = make_kiosk()
    flow = app.flows["resident"]
    refuse_and_ask_for_staff(qtbot, app)
    qtbot.mouseClick(app.error.staff_verify.button, LEFT)
    assert on(app, app.staff_pin)
    gate = flow.staff_gate
    type_pin(qtbot, app, TECH_PIN)                  # the technician's PIN is not the staff's
    qtbot.waitUntil(lambda: app.staff_pin.error_label.isVisible(), timeout=10000)
    assert "密码不正确" in app.staff_pin.error_label.text()
    assert flow.tx.step == Step.FACE and on(app, app.staff_pin) and gate.failures == 1
    assert app.staff_pin.pin_edit.text() == ""      # no PIN kept in the widget
    for n in range(2, MAX_FAILURES + 1):
        app.staff_pin.pin_entered.emit("000000")
        if n < MAX_FAILURES:
            qtbot.waitUntil(lambda n=n: gate.failures == n, timeout=10000)
    qtbot.waitUntil(lambda: gate.locked, timeout=15000)
    qtbot.waitUntil(lambda: "锁定" in app.staff_pin.error_label.text(), timeout=5000)
    assert not app.staff_pin.ok_button.isEnabled()
    app.staff_pin.pin_entered.emit(STAFF_PIN)        # the right PIN, but locked
    qtbot.waitUntil(lambda: "staff_pin_refused_locked" in audit_actions(app), timeout=10000)
    assert flow.tx.step == Step.FACE and on(app, app.staff_pin)
    actions = audit_actions(app)
    assert actions.count("staff_pin_failed") == MAX_FAILURES and "staff_pin_locked_out" in actions
    # The staff's lockout is its own: the technician's gate is not locked by it.
    assert not app.flows["technician"].gate.locked
    assert (Path(app.cfg.kiosk.data_dir) / "staff-lock.json").exists()
    # Cancel: back to the other ways, still held for staff, nothing lost.
    qtbot.mouseClick(app.staff_pin.cancel_button, LEFT)
    assert on(app, app.face_consent) and app.face_consent.refused_shown()
    assert app.face_consent.staff_verify.button.isVisible() and flow.tx.session.identity is not None
    # After the lockout the right PIN goes through.
    gate.locked_until = 0
    qtbot.mouseClick(app.face_consent.staff_verify.button, LEFT)
    type_pin(qtbot, app, STAFF_PIN)
    qtbot.waitUntil(lambda: on(app, app.form), timeout=15000)
    app.end_session()
    # The staff PIN does not open maintenance.
    for _ in range(5):
        app.corner.tap()
    assert on(app, app.pin)
    app.pin.pin_entered.emit(STAFF_PIN)
    qtbot.waitUntil(lambda: app.pin.error_label.isVisible(), timeout=10000)
    assert on(app, app.pin) and not on(app, app.maintenance)
    app.pin.pin_entered.emit(TECH_PIN)                # and the technician's still does
    qtbot.waitUntil(lambda: on(app, app.maintenance), timeout=10000)
    actions = audit_actions(app)
    assert actions.count("login_failed") == 1 and actions.count("login_ok") == 1


def test_without_a_staff_pin_the_pages_send_the_resident_to_a_window(qtbot, make_kiosk):
    app = make_kiosk({"kiosk.staff_pin_hash": ""})
    flow = app.flows["resident"]
    refuse_and_ask_for_staff(qtbot, app, "sbksl", "230100-RS-001")      # staff is its only other way
    panel = app.error.staff_verify
    assert not panel.button.isVisible() and panel.at_window_label.isVisible()
    assert "窗口" in panel.at_window_label.text() and "窗口" in app.error.spoken_hint()
    flow.ask_staff_pin()                                 # nothing to ask for: nothing happens
    assert on(app, app.error) and flow.tx.step == Step.FACE
    qtbot.mouseClick(app.error.done_button, LEFT)
    assert on(app, app.face_consent)
    assert not app.face_consent.staff_verify.button.isVisible()
    assert app.face_consent.staff_verify.at_window_label.isVisible()
    # A staff call from elsewhere does not show the panel.
    app.end_session()
    app.call_staff()
    assert not app.error.staff_verify.isVisible()


def test_the_staff_pages_in_english(qtbot, make_kiosk):
    app = make_kiosk({"kiosk.language": "en_US"})
    card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    allowed = [card["name"]] + sorted((i.name for i in app.s.catalog.items()), key=len, reverse=True)
    refuse_and_ask_for_staff(qtbot, app)
    assert app.error.staff_verify.button.text() == "Identity confirmed by staff (staff only)"
    assert chinese_left(app, allowed) == []
    qtbot.mouseClick(app.error.staff_verify.button, LEFT)
    assert chinese_left(app, allowed) == [] and app.staff_pin.pin_edit.accessibleName() == "Staff PIN"
    type_pin(qtbot, app, "000000")
    qtbot.waitUntil(lambda: app.staff_pin.error_label.isVisible(), timeout=10000)
    assert app.staff_pin.error_label.text() == "Wrong PIN, please try again." and chinese_left(app, allowed) == []


@dataclass
class FaceItem:  # plain data shaped like a catalog item with a face check
    code: str = "X1"
    identity: str = "card_face"
    offline: str = "allow"
    materials: list = field(default_factory=list)
    face_alternatives: list = field(default_factory=lambda: ["app_qr", "staff"])


def at_face(refused: bool = True) -> Transaction:
    tx = Transaction()
    tx.start()
    tx.choose_item(FaceItem(), online=True)
    tx.proceed(online=True)
    tx.identity_presented(IdentityRecord(card_type=CardType.RESIDENT, name="测试人", id_number="11010519491231002X",
                                         valid_until=dt.date(2040, 1, 1)))
    assert tx.step == Step.FACE
    if refused:
        tx.face_consent_given(False, "2026-12-02T14:00:00+08:00", CONSENT_VERSION)
    return tx


def test_the_step_machine_takes_staff_verification_only_when_asked_for_at_the_face_step():
    with pytest.raises(StepError):                    # not at the face step at all
        Transaction().staff_verified()
    with pytest.raises(StepError):                    # the face neither refused nor staff asked for
        at_face(refused=False).staff_verified()
    with pytest.raises(StepError):                    # refused, but no other way chosen yet
        at_face().staff_verified()
    tx = at_face()
    tx.face_instead("app_qr")                         # the app's code: back to identity, not staff
    with pytest.raises(StepError):
        tx.staff_verified()
    tx = at_face()
    assert tx.face_instead("staff") == Step.FACE      # held at the face step for staff
    assert tx.staff_verified() == Step.FORM
    assert not tx.session.face_checked and tx.session.face_way == "staff"
    with pytest.raises(StepError):                    # once: the step has moved on
        tx.staff_verified()
    tx = at_face()
    tx.face_instead("staff")
    tx.back()                                         # back to the card: staff no longer awaited
    with pytest.raises(StepError):
        tx.staff_verified()


def test_the_face_screens_staff_way_and_staff_confirmation_standing_for_an_item_switch():
    """The face screen's 请工作人员协助核验 (不刷脸), before a check or after one failed, is the staff
    way too; a resident staff confirmed is not sent back to the camera by 主动服务's 办理."""
    tx = at_face(refused=False)
    tx.face_consent_given(True, "2026-12-02T14:00:00+08:00", CONSENT_VERSION)
    with pytest.raises(Refused):
        tx.face_result(False)                         # no match
    assert tx.step == Step.FACE
    with pytest.raises(StepError):
        tx.face_instead("app_qr")                     # the app's code only after 不同意
    assert tx.face_instead("staff") == Step.FACE
    assert tx.staff_verified() == Step.FORM and tx.session.staff_checked
    assert tx.switch_item(FaceItem(code="X2"), online=True) == Step.FORM
    assert tx.session.item.code == "X2" and not tx.session.face_checked
    tx = at_face(refused=False)                       # before any answer: 不刷脸 at once
    assert tx.face_instead("staff") == Step.FACE and tx.staff_verified() == Step.FORM
    tx = at_face(refused=False)                       # a face passed: an item switch needs none either
    tx.face_consent_given(True, "2026-12-02T14:00:00+08:00", CONSENT_VERSION)
    tx.face_result(True)
    assert not tx.session.staff_checked
    assert tx.switch_item(FaceItem(code="X2"), online=True) == Step.FORM


def test_staff_confirm_the_resident_whose_face_check_failed(qtbot, make_kiosk, spied, monkeypatch):
    """同意, the camera, no match at the platform, 请工作人员协助: the staff-call page carries the
    staff's 工作人员核验通过, and so does the camera page after its 好的; their PIN, then the form;
    the submission says agreed and staff. A new visit's camera page offers only the call.
    In 长辈模式 at 1024x768, where the camera page scrolls, the result is scrolled into sight and
    the page is back at its top (the camera notice) when the resident returns to it."""
    app = make_kiosk({"kiosk.window_size": "1024x768"})
    app.tools.set_elder(True)
    flow = app.flows["resident"]
    monkeypatch.setattr(app.s.gateway, "verify_identity", lambda *a, **k: {"match": False, "score": 0.1})
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    qtbot.keyClicks(app.home.search_edit, "wfzjl")
    qtbot.mouseClick(app.home.item_buttons["230100-GA-002"], LEFT)
    wait_step(qtbot, app, Step.ITEM)
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FACE)
    app.dock.dock_action.emit("remove_card", "")
    qtbot.waitUntil(lambda: on(app, app.face_consent), timeout=5000)
    qtbot.mouseClick(app.face_consent.agree_button, LEFT)
    qtbot.waitUntil(lambda: on(app, app.face), timeout=5000)
    app.dock.dock_action.emit("camera_face", "")          # the resident looks at the camera
    qtbot.waitUntil(lambda: app.face.state() == "failed", timeout=30000)    # no match at the platform
    assert not app.error.staff_verify.button.isVisible()
    view = app.face.scroll.viewport()
    qtbot.waitUntil(lambda: view.rect().contains(QRect(app.face.message_label.mapTo(view, QPoint(0, 0)),
                                                       app.face.message_label.size())), timeout=3000)
    assert app.face.scroll.verticalScrollBar().value() > 0      # it scrolled to get there
    click_text(qtbot, app.face, "请工作人员协助")
    assert on(app, app.error) and app.error.title_label.source() == STAFF_TITLE
    assert app.error.staff_verify.button.isVisible()
    click_text(qtbot, app.error, "好的")                 # the resident waits on the camera page
    assert on(app, app.face)
    assert app.face.scroll.verticalScrollBar().value() == 0
    # Staff find their control there, in the place of 请工作人员协助核验 (no second call)
    assert app.face.staff_verify.button.isVisible() and not app.face.staff_button.isVisible()
    qtbot.mouseClick(app.face.staff_verify.button, LEFT)
    assert on(app, app.staff_pin)
    type_pin(qtbot, app, STAFF_PIN)
    qtbot.waitUntil(lambda: on(app, app.form), timeout=15000)
    assert flow.tx.step == Step.FORM and flow.tx.session.staff_checked
    submit_from_the_form(qtbot, app)
    face = spied[-1]["consents"]["face"]
    assert face["agreed"] is True and face["verified_by"] == "staff"
    assert value(app.metrics, "kiosk_face_checks_total", outcome="mismatch") == 1
    assert value(app.metrics, "kiosk_face_checks_total", outcome="staff") == 1
    app.end_session()
    assert not app.face.staff_verify.offered() and not app.face.staff_button.isHidden()


@pytest.mark.parametrize("bad", ["135790", "argon2id$m=65536,t=3,p=4$zz$00",
                                 "argon2id$m=1024,t=1,p=4$" + "00" * 16 + "$" + "00" * 32,
                                 "pbkdf2_sha256$200000$" + "00" * 16 + "$" + "00" * 32])
def test_a_malformed_staff_pin_hash_stops_start_up_in_english_and_chinese(tmp_path, bad):
    from kiosk.config import ConfigError, parse_config
    with pytest.raises(ConfigError) as e:
        parse_config(f'[kiosk]\nstaff_pin_hash = "{bad}"\n', tmp_path / "kiosk.toml")
    assert e.value.key.endswith("staff_pin_hash") and "kiosk pin-hash" in e.value.en
    assert re.search("[\u4e00-\u9fff]{2}", e.value.zh) and ("哈希" in e.value.zh or "生成" in e.value.zh)
    assert "staff_pin_hash" in str(e.value)
    assert parse_config('[kiosk]\nstaff_pin_hash = ""\n', tmp_path / "kiosk.toml").kiosk.staff_pin_hash == ""


def test_the_shipped_demo_staff_pin_is_the_one_the_comment_names_and_not_the_technicians():
    from kiosk.config import load_config
    from kiosk.technician import check_pin
    cfg = load_config(Path(__file__).resolve().parent.parent / "kiosk.toml")
    assert check_pin(STAFF_PIN, cfg.kiosk.staff_pin_hash) and not check_pin(TECH_PIN, cfg.kiosk.staff_pin_hash)
    assert not check_pin(STAFF_PIN, cfg.kiosk.technician_pin_hash)
    assert f"Demo PIN: {STAFF_PIN}" in (Path(__file__).resolve().parent.parent / "kiosk.toml").read_text(encoding="utf-8")
