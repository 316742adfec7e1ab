"""The face's own consent (issue 16, point 4) through the real widgets: asked before the camera
opens, refusable, never a dead end, never asked twice a visit, and carried with the submission
(answer, time, wording's version; no image) to the reference gateway, which accepts it."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from kiosk.gateway_sim import validate
from kiosk.session import Step
from screens.face_consent import CONSENT_VERSION
from tests.test_ui_flows import open_item, present_card, wait_step
from tests.ui_driver import all_texts, click_text, fill_empty_required

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def spied(monkeypatch):
    """The bodies the reference gateway validated (its real check runs)."""
    bodies, real = [], validate.check_submission

    def check(body, *args, **kwargs):
        bodies.append(body)
        return real(body, *args, **kwargs)
    monkeypatch.setattr(validate, "check_submission", check)
    return bodies


def camera_modes(app, monkeypatch) -> list[str]:
    modes, real = [], app.camera.start

    def start(mode, *args, **kwargs):
        modes.append(mode)
        return real(mode, *args, **kwargs)
    monkeypatch.setattr(app.camera, "start", start)
    return modes


def on(app, screen) -> bool:
    return app.window.stack.currentWidget() is screen


def submit_from_the_form(qtbot, app) -> None:
    """无犯罪记录证明开具 (no materials) from its form to 已受理."""
    fill_empty_required(qtbot, app.form, {"phone": "13812345678",
                                          "purpose": app.form.rows["purpose"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: on(app, app.result), timeout=20000)


def test_refusing_the_face_leads_to_the_app_code_or_staff_and_the_refusal_travels(qtbot, make_kiosk, spied,
                                                                                  monkeypatch):
    from drivers.identity import IdentityRecord
    from kiosk.identity_qr import make_demo_app_qr
    app = make_kiosk()
    flow = app.flows["resident"]
    modes = camera_modes(app, monkeypatch)
    open_item(qtbot, app, "wfzjl", "无犯罪记录证明开具")
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FACE)
    app.dock.dock_action.emit("remove_card", "")
    qtbot.waitUntil(lambda: on(app, app.face_consent), timeout=5000)
    texts = " ".join(all_texts(app.face_consent))
    assert "无犯罪记录证明开具" in texts and "比对一次" in texts and "不保存" in texts
    assert "face" not in modes                          # asked before the camera opens
    qtbot.mouseClick(app.face_consent.refuse_button, LEFT)
    consent = flow.tx.session.face_consent
    assert consent["agreed"] is False and consent["version"] == CONSENT_VERSION and consent["at"]
    assert app.face_consent.app_button.isVisible() and app.face_consent.staff_button.isVisible()
    assert "face" not in modes
    # 请工作人员核验: the staff call, which holds the visit at this step.
    qtbot.mouseClick(app.face_consent.staff_button, LEFT)
    assert on(app, app.error) and "已呼叫工作人员" in app.error.title_label.text()
    qtbot.waitUntil(lambda: app.s.outbox.attention is not None, timeout=5000)
    assert flow.tx.step == Step.FACE and flow.tx.session.identity is not None
    qtbot.mouseClick(app.error.done_button, LEFT)
    assert on(app, app.face_consent) and app.face_consent.refused_shown()    # not asked again
    assert not app.face_consent.agree_button.isVisible()
    # The app's identity code instead: the same person as the card.
    person = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    person = {k: v for k, v in person.items() if not k.startswith("_")} | {"card_type": "app_qr"}
    qtbot.mouseClick(app.face_consent.app_button, LEFT)
    wait_step(qtbot, app, Step.IDENTITY)
    assert flow.tx.identity_methods() == ["app_qr"] and modes[-1] == "qr"
    app.dock.dock_action.emit("camera_qr", make_demo_app_qr(IdentityRecord.from_dict(person)))
    qtbot.waitUntil(lambda: on(app, app.form), timeout=15000)
    assert "face" not in modes and not flow.tx.session.face_checked
    submit_from_the_form(qtbot, app)
    assert flow.tx.session.tracking_no                      # the gateway accepted the new field
    body = spied[-1]
    face = body["consents"]["face"]
    assert face == {"agreed": False, "at": consent["at"], "version": CONSENT_VERSION, "verified_by": "app_qr"}
    assert set(body["consents"]) == {"face"} and "jpeg" not in json.dumps(body["consents"])


def test_a_refusal_is_kept_for_the_visit_and_the_resident_may_still_agree(qtbot, make_kiosk, monkeypatch):
    app = make_kiosk()
    flow = app.flows["resident"]
    modes = camera_modes(app, monkeypatch)
    open_item(qtbot, app, "sbksl", "社会保障卡申领")          # staff is its only other way
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    qtbot.waitUntil(lambda: on(app, app.face_consent), timeout=15000)
    app.dock.dock_action.emit("remove_card", "")
    qtbot.mouseClick(app.face_consent.refuse_button, LEFT)
    assert not app.face_consent.app_button.isVisible() and app.face_consent.staff_button.isVisible()
    # Back to the card and on again: the question is not asked a second time.
    qtbot.mouseClick(app.bottombar.back_button, LEFT)
    wait_step(qtbot, app, Step.IDENTITY)
    qtbot.waitUntil(lambda: app.hub.statuses["id_reader"].code != "take_card", timeout=5000)
    present_card(qtbot, app)
    qtbot.waitUntil(lambda: on(app, app.face_consent), timeout=15000)
    assert app.face_consent.refused_shown() and not app.face_consent.agree_button.isVisible()
    assert "face" not in modes
    qtbot.mouseClick(app.face_consent.agree_again_button, LEFT)     # changed their mind
    qtbot.waitUntil(lambda: on(app, app.face), timeout=5000)
    assert modes[-1] == "face" and flow.tx.session.face_consent["agreed"] is True
    # A new visit asks again.
    app.end_session()
    assert flow.tx.session.face_consent is None


def test_the_gateway_accepts_bodies_without_consents_and_refuses_a_broken_one():
    base = {"consents": {"face": {"agreed": True, "at": "2026-12-02T05:00:00+08:00", "version": CONSENT_VERSION}}}
    assert validate._consents(None) == [] and validate._consents(base["consents"]) == []
    assert validate._consents({"face": {"agreed": "yes", "at": "x", "version": "v"}})[0]["field"] == "consents.face"
    assert validate._consents([])[0]["field"] == "consents"


def test_the_catalog_names_the_ways_instead_of_the_face_and_staff_is_always_one():
    from kiosk.catalog.model import CatalogError, parse_item
    seed = json.loads((__import__("pathlib").Path(__file__).resolve().parent.parent / "assets" / "catalog" /
                       "seed.json").read_text(encoding="utf-8"))
    raw = next(i for i in seed["items"] if i["code"] == "230100-RS-001")
    assert parse_item(raw).face_alternatives == ["staff"]                 # the default
    assert parse_item(raw | {"face_alternatives": ["app_qr"]}).face_alternatives == ["app_qr", "staff"]
    with pytest.raises(CatalogError):
        parse_item(raw | {"face_alternatives": ["fingerprint"]})
