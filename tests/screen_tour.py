"""A tour of every screen and state of the kiosk, on the demo configuration.

Used by scripts/screenshots.py (a picture of each stop) and by the layout and
elder-friendly tests (checks on each stop). `tour(app)` arranges one state at a
time through the real widgets, emulators and the embedded gateway, and yields
its name; the caller looks at the window before asking for the next one.
"""
from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QAbstractButton

from kiosk.session import Step

LOCAL_ITEM = "230100-GA-001"          # 户籍证明开具: the most common item
FACE_ITEM = "230100-RS-002"           # 社会保障卡补换: a face check and a photo
MATERIALS_ITEM = "110000-GA-001"      # 北京户籍类证明开具（跨省通办）: 居民身份证正反面, 2 pages
LONGEST_NAME_ITEM = "120000-GJJ-001"  # the longest name in the seed catalog
LONGEST_FORM_ITEM = "230100-JJ-002"   # the most fields of the items without a face check
OFFLINE_DENY_ITEM = "230100-RS-004"   # 个人参保证明打印: needs a live connection

STOPS = ["attract", "home", "home_letters", "guide", "guide_long", "identity", "identity_qr",
         "recommend", "recommend_cards", "form", "form_errors", "form_keys", "review", "result", "rating",
         "rating_bad", "thanks", "form_long", "face_consent", "face_consent_refused", "face_staff_called",
         "staff_pin", "face_consent_staff", "face", "face_failed", "face_staff_waiting",
         "materials", "idle", "confirm_home", "staff_called",
         "offline_guide", "offline_review", "offline_result", "error", "progress", "progress_result",
         "language_offer", "pin", "maintenance"]


def pump(ms: int = 50) -> None:
    """Run the event loop for `ms`, then deliver what is still posted (layout requests
    chain one another): on a loaded machine the time alone can end mid-layout, and the
    audit would measure a half-laid-out screen that no resident ever sees."""
    end = time.monotonic() + ms / 1000
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.monotonic() >= end:
            break
        time.sleep(0.005)
    for _ in range(5):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def wait(cond, timeout_s: float = 20.0, what: str = "a state") -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError(f"the kiosk did not reach {what} in {timeout_s} s")
        pump(30)


def click(root, text: str) -> None:
    """Click the visible, enabled button whose text contains `text` (as a resident taps)."""
    def find():
        return [b for b in root.findChildren(QAbstractButton)
                if b.isVisible() and b.isEnabled() and text in b.text().replace("\n", " ")]
    wait(lambda: bool(find()), 10, f"a button {text!r}")
    find()[0].click()


def _resident(app):
    return app.flows["resident"]


def _to_form(app, code: str) -> None:
    flow = _resident(app)
    app.end_session()
    app.start_session(code)
    wait(lambda: flow.tx.step == Step.ITEM, what="the guide")
    app.guide.proceed_button.click()
    wait(lambda: flow.tx.step == Step.IDENTITY, what="identity")
    app.dock.dock_action.emit("present_card", str(app.cfg.devices.id_reader.card))
    wait(lambda: flow.tx.step in (Step.FORM, Step.FACE), what="the card read")
    # Taken away, and seen to be: the reader looks for the removal once a second while no screen
    # waits for a card, and a card presented before it has looked counts as the last one "still
    # there" (not read again). A resident cannot swap cards that fast; the tour could.
    removed = []

    def on_removed(kind: str) -> None:
        removed.append(kind)

    app.hub.card_removed.connect(on_removed)
    app.dock.dock_action.emit("remove_card", "")
    wait(lambda: bool(removed), 10, "the card taken away")
    app.hub.card_removed.disconnect(on_removed)
    if app.nav.current() is app.recommend:       # 主动服务's question (once a session): 不用了
        app.recommend.decline_button.click()


def _fill_choices(app) -> None:
    """Pick the first option of every choice the card did not fill."""
    for row in app.form.rows.values():
        if row.group is not None and not row.value():
            row.group.buttons()[0].click()


def _network(app, up: bool) -> None:
    app.dock.dock_action.emit("network_up" if up else "network_down", "")
    wait(lambda: app.online == up, 30, "the network switch")


def tour(app) -> Iterator[str]:
    flow = _resident(app)
    app.show_attract()
    wait(lambda: bool(app.attract.frequent_buttons), what="the welcome page's items")
    yield "attract"
    app.start_session()
    wait(lambda: flow.tx.step == Step.HOME)
    yield "home"
    app.home.show_letters(True)
    for key in "HJZM":
        app.home.letter_pad.buttons[key].click()
    pump(100)
    yield "home_letters"
    app.home.item_buttons[LOCAL_ITEM].click()
    wait(lambda: flow.tx.step == Step.ITEM)
    yield "guide"
    flow.on_item_chosen(LONGEST_NAME_ITEM)
    yield "guide_long"
    flow.on_item_chosen(LOCAL_ITEM)
    app.guide.proceed_button.click()
    wait(lambda: flow.tx.step == Step.IDENTITY)
    yield "identity"
    app.identity.method_buttons["app_qr"].click()
    pump(300)
    yield "identity_qr"
    app.identity.method_buttons["id_card"].click()
    app.dock.dock_action.emit("present_card", str(app.cfg.devices.id_reader.card))
    wait(lambda: flow.tx.step == Step.FORM, what="the form")
    app.dock.dock_action.emit("remove_card", "")
    if app.cfg.kiosk.recommendations:            # 主动服务: the question, then the demo resident's card
        wait(lambda: app.nav.current() is app.recommend, what="为您推荐")
        yield "recommend"
        app.recommend.agree_button.click()
        wait(lambda: app.recommend.continue_button.isVisible(), what="the recommendations")
        yield "recommend_cards"
        app.recommend.continue_button.click()
    yield "form"
    app.form.submit_button.click()              # the choices are still empty: errors
    pump(100)
    yield "form_errors"
    _fill_choices(app)
    phone = next((r for r in app.form.rows.values() if r.type == "address" and r.edit is not None
                  and not r.edit.isReadOnly()), None)
    digit = next((r for r in app.form.rows.values() if r.type in ("phone", "number", "date")), None)
    row = digit or phone
    if row is not None:
        app.form.open_keys_for(row)
    pump(100)
    yield "form_keys"
    app.form.close_keys()
    _fill_choices(app)
    app.form.submit_button.click()
    wait(lambda: flow.tx.step == Step.REVIEW, what="the review")
    yield "review"
    app.review.consent_check.setChecked(True)
    app.review.confirm_button.click()
    wait(lambda: app.nav.current() is app.result, 30, "the result")
    yield "result"
    app.result.done_button.click()
    wait(lambda: flow.tx.step == Step.RATING)
    yield "rating"
    app.rating.level_buttons[1].click()
    pump(100)
    yield "rating_bad"
    app.rating.reason_buttons["slow"].click()
    app.rating.submit_button.click()
    wait(lambda: app.nav.current() is app.thanks)
    app.thanks._timer.stop()                 # it goes home by itself after 5 s; held while looked at
    yield "thanks"
    app.end_session()

    _to_form(app, LONGEST_FORM_ITEM)
    _fill_choices(app)
    yield "form_long"
    app.end_session()
    _to_form(app, FACE_ITEM)
    wait(lambda: flow.tx.step == Step.FACE, what="the face check")
    yield "face_consent"
    app.face_consent.refuse_button.click()
    yield "face_consent_refused"
    app.face_consent.staff_button.click()             # 请工作人员核验: the staff-call page
    yield "face_staff_called"
    app.error.staff_verify.button.click()             # 工作人员核验通过（工作人员操作）: the staff PIN
    wait(lambda: app.nav.current() is app.staff_pin, what="the staff PIN page")
    wait(app.staff_pin.ok_button.isEnabled, what="the staff lock file read")
    yield "staff_pin"
    app.staff_pin.cancel_button.click()               # back to the other ways, staff's button there
    wait(lambda: app.nav.current() is app.face_consent, what="the other ways again")
    yield "face_consent_staff"
    app.end_session()
    _to_form(app, FACE_ITEM)                          # a new visit that agrees at once
    wait(lambda: flow.tx.step == Step.FACE, what="the face check")
    app.face_consent.agree_button.click()
    wait(lambda: app.window.stack.currentWidget() is app.face, what="the camera after 同意")
    pump(500)
    yield "face"
    app.face.show_result(False, "人脸核验未通过。您可以重试，或请工作人员协助办理。")
    yield "face_failed"
    app.face.staff_button.click()                     # 请工作人员协助核验, then the call's 好的
    wait(lambda: app.nav.current() is app.error, what="the staff-call page")
    app.error.done_button.click()
    wait(lambda: app.window.stack.currentWidget() is app.face, what="the camera while staff come")
    pump(200)
    yield "face_staff_waiting"
    app.end_session()
    _to_form(app, MATERIALS_ITEM)
    _fill_choices(app)
    app.form.submit_button.click()
    wait(lambda: flow.tx.step == Step.MATERIALS, what="the materials")
    app.dock.dock_action.emit("camera_document", "")
    key = next(iter(app.materials.rows))
    app.materials.rows[key].capture_button.click()
    wait(lambda: app.materials.rows[key].page_count() >= 1, 20, "a page")
    yield "materials"

    app.idle.timeout_ms = 0                  # the countdown as it shows after a minute of nothing
    app.idle.prompt_s = 3600                 # (held while the caller looks at it)
    wait(lambda: app.idle_prompt.isVisible(), 5, "the idle prompt")
    yield "idle"
    app.idle.timeout_ms = app.cfg.kiosk.idle_timeout_s * 1000
    app.idle.prompt_s = app.cfg.kiosk.idle_prompt_s
    app.idle.reset()
    app.bottombar.home_button.click()
    wait(lambda: app.confirm.isVisible(), 5, "the 首页 question")
    yield "confirm_home"
    app.confirm.stay_button.click()
    app.bottombar.staff_button.click()
    yield "staff_called"
    app.error.done_button.click()
    app.end_session()

    _network(app, False)
    app.start_session(OFFLINE_DENY_ITEM)
    wait(lambda: flow.tx.step == Step.ITEM)
    yield "offline_guide"
    app.end_session()
    _to_form(app, LOCAL_ITEM)
    _fill_choices(app)
    app.form.submit_button.click()
    wait(lambda: flow.tx.step == Step.REVIEW)
    yield "offline_review"
    app.review.consent_check.setChecked(True)
    app.review.confirm_button.click()
    wait(lambda: app.nav.current() is app.result, 30, "the result")
    yield "offline_result"
    app.end_session()
    _network(app, True)

    app.start_session()
    wait(lambda: flow.tx.step == Step.HOME)
    app.fail("暂时无法保存您的申请，请联系工作人员。您的信息未提交。")
    yield "error"
    app.end_session()
    app.start_session()
    app.home.progress_button.click()
    wait(lambda: app.nav.current() is app.progress)
    yield "progress"
    tracking = next((r["tracking_no"] for r in app.s.sim.submissions()), "")
    app.progress.number_edit.setText(tracking)
    app.progress.query_button.click()
    wait(lambda: app.progress.status_label.text() != "", 15, "the progress answer")
    yield "progress_result"
    app.end_session()
    app.start_session()
    app.offer_language("en")
    yield "language_offer"
    app.language_offer.hide()
    app.end_session()

    for _ in range(5):
        app.corner.tap()
    yield "pin"
    app.pin.pin_entered.emit("246810")
    wait(lambda: app.nav.current() is app.maintenance, 15, "the maintenance screen")
    pump(300)
    yield "maintenance"
    app.end_session()
