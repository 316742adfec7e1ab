"""Each flow stands on its own: built alone with its screens and the services (issue 11).

The resident flow without the progress or technician flows still completes a
whole transaction through the real widgets; the technician flow alone still
logs in and drives the receipt printer. Neither reaches for a flow that is not there.
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from drivers.printer.decode import decode
from kiosk.session import Step
from tests.ui_driver import click_text, fill_empty_required

LEFT = Qt.MouseButton.LeftButton


def test_the_resident_flow_alone_completes_a_transaction(qtbot, make_kiosk):
    app = make_kiosk(flows=("resident",))
    flow = app.flows["resident"]
    assert set(app.flows) == {"resident"}
    assert not hasattr(app, "progress") and not hasattr(app, "pin") and not hasattr(app, "maintenance")
    assert app.screens == [app.attract, app.error, app.thanks, *flow.screens]

    def wait_step(step, timeout=15000):
        qtbot.waitUntil(lambda: flow.tx.step == step, timeout=timeout)

    for _ in range(5):                      # the technician gesture: no flow for it here
        app.corner.tap()
    assert app.window.stack.currentWidget() is app.attract
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(Step.HOME)
    click_text(qtbot, app.home, "进度查询")    # no progress flow: the resident stays home
    assert app.window.stack.currentWidget() is app.home
    qtbot.keyClicks(app.home.search_edit, "hjzm")
    click_text(qtbot, app.home, "户籍证明开具")
    wait_step(Step.ITEM)
    click_text(qtbot, app.guide, "办理")
    wait_step(Step.IDENTITY)
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    wait_step(Step.FORM)
    app.dock.dock_action.emit("remove_card", "")
    fill_empty_required(qtbot, app.form, {"purpose": app.form.rows["purpose"].field["options"][0],
                                          "pickup": app.form.rows["pickup"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    tracking_no = flow.tx.session.tracking_no
    assert tracking_no and app.s.gateway.progress(tracking_no)["tracking_no"] == tracking_no
    job = app.hub.emulator("printer").wait_for_print_jobs(1, timeout=10)[-1]
    assert tracking_no in decode(bytes(job.data)).text
    click_text(qtbot, app.result, "完成")
    wait_step(Step.RATING)
    click_text(qtbot, app.rating, "满意")
    click_text(qtbot, app.rating, "提交评价")
    wait_step(Step.ATTRACT)                 # wiped at once; a thank-you first, then the welcome page
    assert flow.tx.session.identity is None
    assert app.window.stack.currentWidget() is app.thanks
    qtbot.mouseClick(app.thanks.done_button, LEFT)
    assert app.window.stack.currentWidget() is app.attract


def test_the_technician_flow_alone_logs_in_and_prints_a_test_page(qtbot, make_kiosk):
    app = make_kiosk(flows=("technician",))
    flow = app.flows["technician"]
    assert set(app.flows) == {"technician"} and not hasattr(app, "home")
    qtbot.mouseClick(app.attract, LEFT)     # no resident flow: a tap starts nothing
    assert app.window.stack.currentWidget() is app.attract and not app.header.isVisible()
    for _ in range(5):
        app.corner.tap()
    assert app.window.stack.currentWidget() is app.pin
    app.pin.pin_entered.emit("000000")
    qtbot.waitUntil(lambda: "PIN 不正确" in app.pin.error_label.text(), timeout=10000)
    app.pin.pin_entered.emit("246810")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.maintenance, timeout=10000)
    printer = app.hub.emulator("printer")
    qtbot.mouseClick(app.maintenance.action_buttons["test_print"], LEFT)
    jobs = printer.wait_for_print_jobs(1, timeout=10)
    assert len(jobs) == 1 and "打印机测试页" in decode(bytes(jobs[0].data)).text
    a4 = app.hub.emulator("document_printer")        # 测试打印（A4）: the private cupsd's queue
    qtbot.mouseClick(app.maintenance.action_buttons["test_print_a4"], LEFT)
    qtbot.waitUntil(lambda: bool(a4.received()), timeout=20000)
    from cups_helpers import pdftotext
    assert "A4 打印测试页" in pdftotext(a4.received()[0][1])
    qtbot.mouseClick(app.maintenance.action_buttons["back_to_service"], LEFT)
    assert app.window.stack.currentWidget() is app.attract
    audit = flow.gate.audit.path
    qtbot.waitUntil(lambda: "maintenance:test_print" in audit.read_text(encoding="utf-8"), timeout=5000)
    assert "login_failed" in audit.read_text(encoding="utf-8") and "login_ok" in audit.read_text(encoding="utf-8")
