"""Resident flows beyond the basic slice, through the real widgets and emulators."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.session import Step
from tests.ui_driver import all_texts, click_text, fill_empty_required, leave, touches

LEFT = Qt.MouseButton.LeftButton


def wait_step(qtbot, app, step, timeout=15000):
    qtbot.waitUntil(lambda: app.flows["resident"].tx.step == step, timeout=timeout)


def open_item(qtbot, app, query, name):
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    qtbot.keyClicks(app.home.search_edit, query)
    click_text(qtbot, app.home, name, touches(app))
    wait_step(qtbot, app, Step.ITEM)


def present_card(qtbot, app):
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)


def reach_beijing_face_check(qtbot, app):
    """北京社保卡补换 up to its face check: the card read and taken away again."""
    open_item(qtbot, app, "bjsbk", "北京社会保障卡补换")
    click_text(qtbot, app.guide, "办理", touches(app))
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FACE)
    app.dock.dock_action.emit("remove_card", "")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.face_consent, timeout=5000)
    for _ in range(touches(app)):
        qtbot.mouseClick(app.face_consent.agree_button, LEFT)   # the face's own consent, before the camera opens
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.face, timeout=5000)


def submit_beijing_card_replacement(qtbot, app):
    """北京社保卡补换: card, face check, form, one photographed page, review, submit."""
    reach_beijing_face_check(qtbot, app)
    # The resident looks at the camera (the emulated camera shows a face).
    app.dock.dock_action.emit("camera_face", "")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=30000)
    assert app.flows["resident"].tx.session.face_checked
    rows = app.form.rows
    fill_empty_required(qtbot, app.form, {"phone": "13812345678",
                                          "reason": rows["reason"].field["options"][0],
                                          "pickup": rows["pickup"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.MATERIALS)
    app.dock.dock_action.emit("camera_document", "")
    qtbot.wait(300)
    click_text(qtbot, app.materials, "拍照")
    qtbot.waitUntil(lambda: app.materials.page_counts().get("photo", 0) == 1, timeout=15000)
    click_text(qtbot, app.materials, "下一步")
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)


def test_cross_region_item_with_face_check_and_materials(qtbot, make_kiosk):
    app = make_kiosk()
    submit_beijing_card_replacement(qtbot, app)
    s = app.flows["resident"].tx.session
    assert s.tracking_no
    # No [regions."110000"] gateway: it went to the home gateway with the region in the body.
    received = [x for x in app.s.sim.submissions() if x["tracking_no"] == s.tracking_no]
    assert len(received) == 1
    assert received[0]["region"] == "110000" and received[0]["item_code"].startswith("110000-")
    # The simulator validates required materials against the catalog (400 without the photo),
    # so an official tracking number means the photographed page arrived.


def test_offline_commit_then_delivery_when_the_network_returns(qtbot, make_kiosk):
    app = make_kiosk({"gateway.wait_tracking_s": 1})
    app.dock.dock_action.emit("network_down", "")
    qtbot.waitUntil(lambda: not app.online, timeout=20000)
    assert app.banner.isVisibleTo(app.window)
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    fill_empty_required(qtbot, app.form, {"purpose": app.form.rows["purpose"].field["options"][0],
                                          "pickup": app.form.rows["pickup"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.REVIEW)
    assert any("网络" in t for t in all_texts(app.review))    # the resident is told
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    s = app.flows["resident"].tx.session
    assert s.local_id and s.tracking_no is None           # accepted locally, 待提交
    job = app.hub.emulator("printer").wait_for_print_jobs(1, timeout=10)[-1]
    from drivers.printer.decode import decode
    assert "待提交" in decode(bytes(job.data)).text
    local_id = s.local_id
    app.dock.dock_action.emit("network_up", "")
    qtbot.waitUntil(lambda: app.s.outbox.outbox.tracking_no(local_id) is not None, timeout=30000)
    assert app.online


def test_offline_deny_item_refused_before_identity(qtbot, make_kiosk):
    app = make_kiosk()
    app.dock.dock_action.emit("network_down", "")
    qtbot.waitUntil(lambda: not app.online, timeout=20000)
    open_item(qtbot, app, "gjjjczm", "住房公积金缴存证明打印")
    assert not app.guide.proceed_button.isEnabled()
    assert any("联网" in t for t in all_texts(app.guide))
    app.guide.proceed.emit()      # even if the intent arrives, the step machine refuses
    assert app.flows["resident"].tx.step == Step.ITEM


def test_idle_timeout_wipes_and_returns_to_attract(qtbot, make_kiosk):
    app = make_kiosk()
    app.idle.timeout_ms = 600      # the shortest configurable is 10 s; the logic is the same
    app.idle.prompt_s = 1
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    name = app.flows["resident"].tx.session.identity.name
    qtbot.waitUntil(lambda: app.idle_prompt.isVisible(), timeout=5000)
    assert any("还在吗" in t for t in all_texts(app.idle_prompt))
    wait_step(qtbot, app, Step.ATTRACT, timeout=5000)
    assert app.window.stack.currentWidget() is app.attract
    assert app.flows["resident"].tx.session.identity is None
    assert not any(name in t for t in all_texts(app.window))


@pytest.mark.expect_error_log
def test_exception_in_a_slot_shows_the_friendly_screen_and_wipes(qtbot, make_kiosk):
    app = make_kiosk()
    open_item(qtbot, app, "hjzm", "户籍证明开具")

    def broken(_query):
        raise RuntimeError("bug in a slot")
    app.progress.query.connect(broken)
    app.progress.query.emit("X")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.error, timeout=3000)
    assert any("暂时无法办理" in t for t in all_texts(app.error))
    assert app.flows["resident"].tx.step == Step.ATTRACT and app.flows["resident"].tx.session.item is None
    click_text(qtbot, app.error, "返回")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.attract, timeout=3000)


def test_technician_pin_lockout_and_maintenance(qtbot, make_kiosk):
    app = make_kiosk()
    for _ in range(5):
        app.corner.tap()
    assert app.window.stack.currentWidget() is app.pin
    for _ in range(5):
        app.pin.pin_entered.emit("000000")
    qtbot.waitUntil(lambda: app.flows["technician"].gate.locked, timeout=30000)      # Argon2id, off the UI thread
    app.pin.pin_entered.emit("246810")   # right PIN, but locked out
    qtbot.waitUntil(lambda: any("锁定" in t for t in all_texts(app.pin)), timeout=10000)
    assert app.window.stack.currentWidget() is app.pin
    app.flows["technician"].gate.locked_until = 0            # the lockout has passed
    app.pin.pin_entered.emit("246810")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.maintenance, timeout=10000)
    audit = (app.flows["technician"].gate.audit.path).read_text(encoding="utf-8")
    assert audit.count("login_failed") == 5 and "locked_out" in audit and "login_ok" in audit
    bar, staff = app.header, app.bottombar.staff_button   # residents' tools are not on technician screens
    assert not (staff.isVisibleTo(app.bottombar) or bar.elder_button.isVisibleTo(bar)
                or bar.voice_button.isVisibleTo(bar))
    app.maintenance.action.emit("back_to_service")
    assert app.window.stack.currentWidget() is app.attract
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    assert staff.isVisibleTo(app.bottombar) and bar.elder_button.isVisibleTo(bar)
    assert bar.voice_button.isVisibleTo(bar)


def test_elder_mode_resets_with_the_session(qtbot, make_kiosk):
    app = make_kiosk()
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    app.header.elder_toggled.emit(True)
    assert app.window.property("elder") == "true"
    leave(qtbot, app)
    assert app.window.property("elder") == "false"



def test_the_thank_you_keeps_the_visits_elder_mode_and_its_button_shows_it(qtbot, make_kiosk):
    """The session is wiped before the thank-you, which is shown again in the visit's size:
    the 长辈模式 button must say so (it showed ☐ over large text)."""
    app = make_kiosk()
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    qtbot.mouseClick(app.header.elder_button, LEFT)
    assert app.header.elder_button.isChecked() and app.window.property("elder") == "true"
    app.end_session(farewell="good")
    assert app.window.property("elder") == "true"
    assert app.header.elder_button.isChecked()
    app.end_session()
    assert app.window.property("elder") == "false"
    assert not app.header.elder_button.isChecked()

def test_two_residents_in_a_row_each_card_read_once(qtbot, make_kiosk):
    """The first card is taken away while no screen waits; the next resident's card is read."""
    app = make_kiosk()
    cards = __import__("pathlib").Path(app.cfg.devices.id_reader.card).parent
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    app.dock.dock_action.emit("present_card", str(cards / "resident.json"))
    wait_step(qtbot, app, Step.FORM)
    qtbot.wait(200)
    app.dock.dock_action.emit("remove_card", "")   # taken away after the read
    qtbot.wait(1500)                                # the reader notices while no screen waits
    leave(qtbot, app)
    # The next resident lays the card down early, before the identity step.
    app.dock.dock_action.emit("present_card", str(cards / "permit_hk.json"))
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.FORM)
    assert app.flows["resident"].tx.session.identity.id_number.startswith("81")   # the second resident's HK permit


def test_expired_card_is_refused_with_a_plain_message(qtbot, make_kiosk, tmp_path):
    import json
    app = make_kiosk()
    card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    card["valid_from"], card["valid_until"] = "2005-01-01", "2025-01-01"
    expired = tmp_path / "expired.json"
    expired.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    app.dock.dock_action.emit("present_card", str(expired))
    qtbot.waitUntil(lambda: any("过期" in t for t in all_texts(app.identity)), timeout=10000)
    assert app.flows["resident"].tx.step == Step.IDENTITY and app.flows["resident"].tx.session.identity is None


def _submit_household_certificate(qtbot, app):
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    fill_empty_required(qtbot, app.form, {"purpose": app.form.rows["purpose"].field["options"][0],
                                          "pickup": app.form.rows["pickup"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    done = (app.flows["resident"].tx.session.tracking_no, app.flows["resident"].tx.session.receipt_key)
    app.dock.dock_action.emit("remove_card", "")
    # The reader notices the card is gone (it polls about once a second while no screen waits).
    qtbot.waitUntil(lambda: app.hub.statuses["id_reader"].code != "take_card", timeout=5000)
    leave(qtbot, app)
    wait_step(qtbot, app, Step.ATTRACT)
    return done


def test_progress_query_by_number_by_receipt_qr_and_by_card(qtbot, make_kiosk):
    app = make_kiosk()
    tracking_no, receipt_key = _submit_household_certificate(qtbot, app)
    assert tracking_no and receipt_key and receipt_key != tracking_no
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    click_text(qtbot, app.home, "进度查询")
    # 1. typed tracking number
    qtbot.keyClicks(app.progress.number_edit, tracking_no)
    qtbot.mouseClick(app.progress.query_button, LEFT)
    qtbot.waitUntil(lambda: tracking_no in app.progress.number_label.text(), timeout=10000)
    assert app.progress.status_label.text()
    # 2. the receipt's QR code shown to the camera (it carries the opaque key, not the number)
    app.progress.wipe()
    qtbot.mouseClick(app.progress.scan_button, LEFT)
    app.dock.dock_action.emit("camera_qr", receipt_key)
    qtbot.waitUntil(lambda: tracking_no in app.progress.number_label.text(), timeout=15000)
    # 3. the ID card: this person's submissions from this kiosk
    app.progress.wipe()
    qtbot.mouseClick(app.progress.card_button, LEFT)
    present_card(qtbot, app)
    qtbot.waitUntil(lambda: tracking_no in app.progress.number_label.text(), timeout=15000)


def test_app_qr_login_for_an_item_that_accepts_it(qtbot, make_kiosk):
    import json

    from drivers.identity import IdentityRecord
    from kiosk.identity_qr import make_demo_app_qr
    app = make_kiosk()
    person = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    person = {k: v for k, v in person.items() if not k.startswith("_")}
    person["card_type"] = "app_qr"
    token = make_demo_app_qr(IdentityRecord.from_dict(person))
    open_item(qtbot, app, "lhjy", "灵活就业人员参保登记")
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    click_text(qtbot, app.identity, "扫码")
    app.dock.dock_action.emit("camera_qr", "not-a-kiosk-code")
    qtbot.waitUntil(lambda: any("无法识别" in t for t in all_texts(app.identity)), timeout=15000)
    click_text(qtbot, app.identity, "扫码")
    app.dock.dock_action.emit("camera_qr", token)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=15000)
    assert app.flows["resident"].tx.session.identity.name == person["name"]


def test_catalog_synced_from_the_gateway_after_start_and_cached(qtbot, make_kiosk):
    app = make_kiosk()
    # A fresh kiosk starts from the seed; the first sync after start replaces it and caches it.
    qtbot.waitUntil(lambda: app.s.catalog.source == "cache", timeout=15000)
    cache = __import__("pathlib").Path(app.cfg.kiosk.data_dir) / "catalog" / "catalog.json"
    assert cache.exists()
    assert app.s.catalog.get("230100-GA-001") is not None


def test_staff_call_reaches_the_platform_and_the_resident_returns_to_the_same_step(qtbot, make_kiosk):
    app = make_kiosk()
    kiosk_id = app.cfg.kiosk.id

    def attention():
        beat = app.s.sim.last_heartbeat(kiosk_id)
        return None if beat is None else beat["body"].get("attention")

    open_item(qtbot, app, "hjzm", "户籍证明开具")
    click_text(qtbot, app.guide, "办理")
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    qtbot.mouseClick(app.bottombar.staff_button, LEFT)
    assert app.window.stack.currentWidget() is app.error
    assert any("已呼叫工作人员" in t for t in all_texts(app.error))
    qtbot.waitUntil(lambda: (attention() or {}).get("staff_call", {}).get("step") == "form", timeout=15000)
    call = attention()["staff_call"]
    assert set(call) == {"at", "step"}            # the kiosk, the time, the step: nothing personal
    click_text(qtbot, app.error, "好的")          # staff are coming; back to the same form
    assert app.window.stack.currentWidget() is app.form and app.flows["resident"].tx.step == Step.FORM
    assert app.flows["resident"].tx.session.identity is not None
    before = app.s.sim.last_heartbeat(kiosk_id)["received_at"]
    app.s.outbox.heartbeat_now()                  # a routine heartbeat still carries the call
    qtbot.waitUntil(lambda: app.s.sim.last_heartbeat(kiosk_id)["received_at"] != before, timeout=15000)
    assert attention()["staff_call"] == call
    leave(qtbot, app)          # the visit ends: the call is closed
    wait_step(qtbot, app, Step.ATTRACT)
    qtbot.waitUntil(lambda: attention() is None, timeout=15000)


def test_a_failure_screen_after_a_staff_call_still_goes_home(qtbot, make_kiosk):
    app = make_kiosk()
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    qtbot.mouseClick(app.bottombar.staff_button, LEFT)
    app.fail("终端暂时无法提供服务，请联系工作人员。")
    click_text(qtbot, app.error, "返回首页")
    wait_step(qtbot, app, Step.ATTRACT)


def test_a_resident_finds_an_item_by_touch_alone(qtbot, make_kiosk):
    """No keyboard on a kiosk: the letter keys type the pinyin initials into the search."""
    app = make_kiosk()
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, app, Step.HOME)
    qtbot.mouseClick(app.home.search_edit, LEFT)
    for key in "HJZM":
        qtbot.mouseClick(app.home.letter_pad.buttons[key], LEFT)
    click_text(qtbot, app.home, "户籍证明开具")
    wait_step(qtbot, app, Step.ITEM)
    assert app.flows["resident"].tx.session.item.name == "户籍证明开具"
    leave(qtbot, app)
    wait_step(qtbot, app, Step.ATTRACT)
    assert not app.home.letter_pad.isVisibleTo(app.home) and app.home.search_edit.text() == ""
