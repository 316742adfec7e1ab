"""The whole resident transaction through the real widgets, emulators and gateway simulator.

attract → home → item → identity (card presented on the pty reader emulator) →
form (prefilled) → [materials] → review → commit → delivery to the embedded
gateway simulator → receipt (TCP printer emulator) → rating → wipe → attract.
"""
from __future__ import annotations

import pytest

from drivers.printer.decode import decode
from kiosk.app import KioskApp
from kiosk.services import Services
from kiosk.session import Step
from tests.ui_driver import all_texts, click_text, fill_empty_required

RESIDENT_NAME_PARTS = None


@pytest.fixture
def kiosk(qtbot, demo_config):
    cfg = demo_config({"kiosk.fullscreen": False})
    services = Services(cfg)
    app = KioskApp(cfg, services)
    services.outbox.device_status = app.hub.summary
    services.start()
    app.start(show=True)
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()
    services.stop()


def _resident(app):
    import json
    return json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())


def wait_step(qtbot, app, step, timeout=15000):
    qtbot.waitUntil(lambda: app.flows["resident"].tx.step == step, timeout=timeout)


def test_whole_slice_local_item_then_wipe(qtbot, kiosk):
    app = kiosk
    assert app.window.stack.currentWidget() is app.attract
    qtbot.mouseClick(app.attract, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    wait_step(qtbot, app, Step.HOME)
    qtbot.keyClicks(app.home.search_edit, "hjzm")      # pinyin initials of 户籍证明
    click_text(qtbot, app.home, "户籍证明开具")
    wait_step(qtbot, app, Step.ITEM)
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    # The resident puts the card on the (emulated) reader: through the dock, like the demo.
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    wait_step(qtbot, app, Step.FORM)
    card = _resident(app)
    values = app.form.values()
    assert values["name"] and values["id_number"]          # prefilled from the card
    app.dock.dock_action.emit("remove_card", "")
    fill_empty_required(qtbot, app.form, {"purpose": app.form.rows["purpose"].field["options"][0],
                                          "pickup": app.form.rows["pickup"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    wait_step(qtbot, app, Step.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    s = app.flows["resident"].tx.session
    assert s.local_id and s.tracking_no, "online: the official tracking number arrives"
    # The submission arrived at the gateway simulator, exactly once.
    sub = app.s.gateway.progress(s.tracking_no)
    assert sub["tracking_no"] == s.tracking_no
    # The receipt bytes reached the emulated printer; personal data only masked.
    printer = app.hub.emulator("printer")
    jobs = printer.wait_for_print_jobs(1, timeout=10)
    text = decode(bytes(jobs[-1].data)).text
    assert s.tracking_no in text
    name, number = s.identity.name, s.identity.id_number
    assert number not in text and number[:4] in text and number[-4:] in text
    assert name not in text
    click_text(qtbot, app.result, "完成")
    wait_step(qtbot, app, Step.RATING)
    click_text(qtbot, app.rating, "非常满意")
    click_text(qtbot, app.rating, "提交评价")
    wait_step(qtbot, app, Step.ATTRACT)
    # After the wipe: nothing personal in the session or in any widget.
    assert app.flows["resident"].tx.session.identity is None and app.flows["resident"].tx.session.form == {}
    texts = "\n".join(all_texts(app.window))
    for personal in (name, number, card.get("address", "")):
        assert personal and personal not in texts
    # Staff see what was printed (the exact bytes rendered) on the maintenance screen.
    for _ in range(5):
        app.corner.tap()
    app.pin.pin_entered.emit("246810")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.maintenance, timeout=10000)
    qtbot.waitUntil(lambda: not app.maintenance.preview_label.pixmap().isNull(), timeout=10000)
    app.maintenance.action.emit("back_to_service")
    # The rating went through the outbox too.
    try:
        qtbot.waitUntil(lambda: app.s.outbox.status()["counts"].get("delivered", 0) >= 2, timeout=15000)
    finally:
        print("STATUS", app.s.outbox.status(), app.s.outbox.outbox.list())
