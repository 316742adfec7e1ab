"""The functional defects a new user met (issue 12), each through the real widgets.

Every test here failed on the code before the screens rework."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt

from kiosk.session import Step
from tests.screen_tour import FACE_ITEM, LOCAL_ITEM, MATERIALS_ITEM, OFFLINE_DENY_ITEM
from tests.ui_driver import all_texts, click_text

LEFT = Qt.MouseButton.LeftButton


def start_at(qtbot, app, code: str) -> None:
    flow = app.flows["resident"]
    app.start_session(code)
    qtbot.waitUntil(lambda: flow.tx.step == Step.ITEM, timeout=10000)


def to_form(qtbot, app, code: str = LOCAL_ITEM) -> None:
    flow = app.flows["resident"]
    start_at(qtbot, app, code)
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.IDENTITY, timeout=10000)
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    qtbot.waitUntil(lambda: flow.tx.step in (Step.FORM, Step.FACE), timeout=15000)
    app.dock.dock_action.emit("remove_card", "")


def pick(qtbot, app, key: str, value: str) -> None:
    row = app.form.rows[key]
    qtbot.mouseClick(next(b for b in row.group.buttons() if b.property("value") == value), LEFT)


def test_mail_address_is_required_when_delivery_by_post(qtbot, make_kiosk):
    app = make_kiosk()
    to_form(qtbot, app)
    flow, mail = app.flows["resident"], app.form.rows["mail_address"]
    assert "必填" not in mail.label.text()
    pick(qtbot, app, "purpose", app.form.rows["purpose"].field["options"][0])
    pick(qtbot, app, "pickup", "邮寄送达")
    assert "必填" in mail.label.text()                       # said as soon as it applies
    qtbot.mouseClick(app.form.submit_button, LEFT)
    assert flow.tx.step == Step.FORM and mail.has_error()   # not on to the review
    qtbot.keyClicks(mail.edit, "abc")                        # typing clears the field's error
    assert not mail.has_error()


def test_chinese_free_text_can_be_typed_by_touch_in_the_demo(qtbot, make_kiosk):
    app = make_kiosk()
    to_form(qtbot, app)
    mail = app.form.rows["mail_address"]
    app.form.open_keys_for(mail)
    kb = app.form.text_keyboard
    assert kb.isVisible() and kb.target() is mail.edit
    qtbot.waitUntil(lambda: kb.candidates() is not None and app.flows["resident"]._pinyin_ready, timeout=120000)
    for ch in "beijing":
        kb.press(ch)
    qtbot.waitUntil(lambda: bool(kb.candidates()), timeout=5000)
    kb.choose(0)
    kb.finish()
    assert "北京" in mail.edit.text()
    assert not app.form.keys_open() and app.form.submit_button.isVisible()


def test_the_digit_pad_closes(qtbot, make_kiosk):
    app = make_kiosk()
    to_form(qtbot, app, "230100-RS-008")          # 灵活就业人员参保登记: a phone number to type
    phone = next(r for r in app.form.rows.values() if r.type == "phone")
    app.form.open_keys_for(phone)
    assert app.form.pad.isVisible() and not app.form.submit_button.isVisible()
    qtbot.mouseClick(app.form.pad.buttons["close"], LEFT)
    assert not app.form.pad.isVisible() and app.form.submit_button.isVisible()


def test_materials_need_every_page_and_refuse_a_face(qtbot, make_kiosk):
    app = make_kiosk()
    flow = app.flows["resident"]
    to_form(qtbot, app, MATERIALS_ITEM)          # 居民身份证正反面: two pages
    for key, row in app.form.rows.items():
        if row.group is not None and not row.value():
            qtbot.mouseClick(row.group.buttons()[0], LEFT)
    qtbot.mouseClick(app.form.submit_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.MATERIALS, timeout=10000)
    key = next(iter(app.materials.rows))
    row = app.materials.rows[key]
    assert row.wanted == 2
    app.dock.dock_action.emit("camera_face", "")             # a face held up to the document camera
    qtbot.wait(600)
    qtbot.mouseClick(row.capture_button, LEFT)
    qtbot.waitUntil(lambda: row.refused_label.isVisible(), timeout=15000)
    assert row.page_count() == 0 and "人像" in row.refused_label.text()
    app.dock.dock_action.emit("camera_document", "")
    qtbot.wait(600)
    qtbot.mouseClick(row.capture_button, LEFT)
    qtbot.waitUntil(lambda: row.page_count() == 1, timeout=15000)
    assert not app.materials.done_button.isEnabled()         # one page of two
    qtbot.mouseClick(row.capture_button, LEFT)
    qtbot.waitUntil(lambda: row.page_count() == 2, timeout=15000)
    assert app.materials.done_button.isEnabled()


def test_offline_the_result_says_saved_not_accepted_and_face_items_are_refused(qtbot, make_kiosk):
    app = make_kiosk()
    flow = app.flows["resident"]
    app.dock.dock_action.emit("network_down", "")
    qtbot.waitUntil(lambda: not app.online, timeout=30000)
    start_at(qtbot, app, FACE_ITEM)                          # a face check needs the gateway
    assert not app.guide.proceed_button.isEnabled() and "人脸核验" in app.guide.refused_label.text()
    app.end_session()
    start_at(qtbot, app, OFFLINE_DENY_ITEM)
    assert not app.guide.proceed_button.isEnabled()
    app.end_session()
    to_form(qtbot, app)
    for row in app.form.rows.values():
        if row.group is not None and not row.value():
            qtbot.mouseClick(row.group.buttons()[0], LEFT)
    qtbot.mouseClick(app.form.submit_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.REVIEW, timeout=10000)
    app.review.consent_check.setChecked(True)
    qtbot.mouseClick(app.review.confirm_button, LEFT)
    qtbot.waitUntil(lambda: app.nav.current() is app.result, timeout=30000)
    assert app.result.heading.text() == "已保存，联网后自动提交"
    assert "已受理" not in "".join(all_texts(app.result))
    assert "本机受理号" in app.result.number_label.text()


def test_progress_takes_letters_and_shows_the_item(qtbot, make_kiosk):
    app = make_kiosk()
    app.start_session()
    qtbot.mouseClick(app.home.progress_button, LEFT)
    pad = app.progress.pad
    for key in "L2A":
        qtbot.mouseClick(pad.buttons[key], LEFT)
    assert app.progress.number_edit.text() == "L2A"          # a kiosk number has letters
    app.progress.number_edit.clear()
    body = {"item_code": LOCAL_ITEM}
    tracking = app.s.gateway.submit(dict(_body(app), **body), "key-progress-1")["tracking_no"]
    app.progress.number_edit.setText(tracking)
    qtbot.mouseClick(app.progress.query_button, LEFT)
    qtbot.waitUntil(lambda: app.progress.item_label.text() != "", timeout=15000)
    assert app.progress.item_label.text() == "户籍证明开具"
    assert app.progress.answer_card.height() >= 200                 # room to read it


def _body(app) -> dict:
    from drivers.identity import CardType, IdentityRecord
    from kiosk.submission import build_submission
    ident = IdentityRecord(card_type=CardType.RESIDENT, id_number="11010519491231002X", name="张三丰")
    item = app.s.catalog.get(LOCAL_ITEM)
    form = {"name": "张三丰", "id_number": "11010519491231002X", "address": "北京市东城区某街1号",
            "purpose": item.fields[3].options[0], "pickup": "窗口领取"}
    return build_submission(app.cfg, item, ident, form, [])


def test_waiting_for_staff_pauses_the_idle_wipe(qtbot, make_kiosk):
    app = make_kiosk()
    to_form(qtbot, app)
    qtbot.mouseClick(app.bottombar.staff_button, LEFT)
    assert app.nav.current() is app.error and not app.idle.active
    qtbot.mouseClick(app.error.done_button, LEFT)
    assert app.nav.current() is app.form and app.idle.active


def test_only_configured_identity_methods_and_the_app_qr_where_promised(qtbot, make_kiosk):
    app = make_kiosk({"devices.smartcard.driver": "none"})
    flow = app.flows["resident"]
    start_at(qtbot, app, LOCAL_ITEM)
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.IDENTITY, timeout=10000)
    assert set(app.identity.method_buttons) == {"id_card", "app_qr"}     # no reader: no 插社保卡
    app.end_session()
    start_at(qtbot, app, FACE_ITEM)
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.IDENTITY, timeout=10000)
    assert set(app.identity.method_buttons) == {"id_card"}              # the face needs the card


def test_the_form_masks_the_id_number(qtbot, make_kiosk):
    app = make_kiosk()
    to_form(qtbot, app)
    number = app.flows["resident"].tx.session.identity.id_number
    shown = app.form.rows["id_number"].edit.text()
    assert number not in "".join(all_texts(app.form)) and re.fullmatch(r"\d{4}\*{10}[\dX]{4}", shown)
    assert app.form.values()["id_number"] == number                    # submitted in full


def test_home_asks_before_abandoning_a_started_application(qtbot, make_kiosk):
    app = make_kiosk()
    flow = app.flows["resident"]
    to_form(qtbot, app)
    qtbot.mouseClick(app.bottombar.home_button, LEFT)
    assert app.confirm.isVisible() and flow.tx.step == Step.FORM
    qtbot.mouseClick(app.confirm.stay_button, LEFT)
    assert not app.confirm.isVisible() and app.nav.current() is app.form
    qtbot.mouseClick(app.bottombar.home_button, LEFT)
    qtbot.mouseClick(app.confirm.leave_button, LEFT)
    assert flow.tx.step == Step.ATTRACT and app.nav.current() is app.attract


def test_the_idle_countdown_shows_in_the_bottom_bar(qtbot, make_kiosk):
    app = make_kiosk()
    app.start_session()
    app.idle.timeout_ms = 100                 # a minute of nothing, made short
    app.idle.prompt_s = 20
    qtbot.waitUntil(lambda: app.bottombar.countdown_label.isVisible(), timeout=5000)
    assert re.search(r"\d+ 秒后回到首页", app.bottombar.countdown_label.text())
    click_text(qtbot, app.idle_prompt, "我还在")
    assert not app.bottombar.countdown_label.isVisible()
