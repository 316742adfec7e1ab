"""Documents out of the kiosk through the real widgets: 个人参保证明打印 on the private cupsd, and
免证办 (an electronic licence instead of a photo), on the demo configuration."""
from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt

from cups_helpers import copies_of, pdftotext
from kiosk.session import Step
from tests.test_ui_flows import open_item as open_guide, present_card, wait_step
from tests.ui_driver import click_text, fill_empty_required

LEFT = Qt.MouseButton.LeftButton


def shown(app):
    return app.window.stack.currentWidget()


def open_item(qtbot, app, query, name):
    """From the attract screen to the item's form, the card read and taken away again."""
    open_guide(qtbot, app, query, name)
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    app.dock.dock_action.emit("remove_card", "")


def submit_insurance_certificate(qtbot, app, from_month="2021-01", with_pages=True):
    """个人参保证明打印: card, form (险种, 起始年月), review, 确认提交 → the preview."""
    open_item(qtbot, app, "cbzm", "个人参保证明打印")
    fill_empty_required(qtbot, app.form, {"insurance_type": "养老保险", "from_month": from_month})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    flow = app.flows["resident"]
    qtbot.waitUntil(lambda: shown(app) is flow.document_preview and
                    (flow.document_preview.page_count() > 0 or not with_pages), timeout=30000)
    return flow


def test_insurance_certificate_verified_previewed_and_printed_on_the_private_cupsd(qtbot, make_kiosk):
    app = make_kiosk()
    cups = app.hub.emulator("document_printer")
    qtbot.waitUntil(lambda: app.hub.statuses.get("document_printer") is not None, timeout=10000)
    assert cups is not None and cups.pid, "the demo's A4 printer is a private cupsd"
    flow = submit_insurance_certificate(qtbot, app)
    s = flow.tx.session
    assert s.tracking_no
    (doc,) = s.documents
    preview = flow.document_preview
    assert preview.title_label.text() == "个人参保证明" and doc.verification_code in preview.info_label.text()
    assert f"共 {doc.pages} 页" in preview.info_label.text() and doc.pages >= 2
    qtbot.mouseClick(preview.print_button, LEFT)     # ("不打印" holds "打印" too)
    qtbot.waitUntil(lambda: bool(cups.received()), timeout=30000)
    qtbot.waitUntil(lambda: "已打印" in preview.message_label.text(), timeout=10000)
    (_, got), = cups.received()
    assert got == doc.data
    text = pdftotext(got)
    assert "个人参保证明" in text and doc.verification_code in text
    click_text(qtbot, preview, "完成")
    qtbot.waitUntil(lambda: shown(app) is app.result, timeout=20000)
    # the receipt names the document by its title and verification code
    from drivers.printer.decode import decode
    receipt = decode(bytes(app.hub.emulator("printer").wait_for_print_jobs(1, timeout=10)[-1].data)).text
    assert doc.verification_code in receipt
    # no copy of the document anywhere but the "paper": not in the data dir, temp folders, spool
    data_dir = Path(app.cfg.kiosk.data_dir)
    assert copies_of(got, [data_dir, Path(tempfile.gettempdir())], skip=[cups.tray]) == []
    assert all(not f.startswith("d") for f in cups.spool_files()), cups.spool_files()
    # logs (the kiosk's and cupsd's) name the document by title and code, never the person
    from privacy_scan import scan
    name, number = s.identity.name, s.identity.id_number
    assert scan(data_dir, [name, number]) == []
    assert [h for h in scan(cups.dir, [name, number]) if not h.startswith("tray")] == []
    a4 = app.hub.worker("document_printer")
    assert a4.kept_documents() == [doc.id]
    click_text(qtbot, app.result, "完成")
    wait_step(qtbot, app, Step.RATING)
    click_text(qtbot, app.rating, "跳过")
    wait_step(qtbot, app, Step.ATTRACT)
    assert flow.tx.session.documents == [] and preview.page_count() == 0
    qtbot.waitUntil(lambda: a4.kept_documents() == [], timeout=5000)   # the wipe reached the A4 worker


def a4_ready(qtbot, app):
    a4 = app.hub.worker("document_printer")
    qtbot.waitUntil(lambda: a4.last_status is not None and a4.last_status.printable, timeout=10000)
    return a4


def test_out_of_paper_no_promise_and_the_code_is_given(qtbot, make_kiosk):
    app = make_kiosk()
    a4 = a4_ready(qtbot, app)
    cups = app.hub.emulator("document_printer")
    cups.set_condition("media-empty")
    from PySide6.QtCore import QMetaObject, Qt as _Qt
    QMetaObject.invokeMethod(a4, "check_status", _Qt.ConnectionType.QueuedConnection)
    qtbot.waitUntil(lambda: a4.last_status is not None and not a4.last_status.printable, timeout=10000)
    flow = submit_insurance_certificate(qtbot, app)
    preview = flow.document_preview
    doc = flow.tx.session.documents[0]
    assert not preview.print_button.isVisible(), "no promise while the printer has no paper"
    assert "缺纸" in preview.message_label.text() and doc.verification_code in preview.info_label.text()
    click_text(qtbot, preview, "完成")
    qtbot.waitUntil(lambda: shown(app) is app.result, timeout=20000)
    assert cups.received() == []


def test_a_jam_during_the_job_is_offered_again(qtbot, make_kiosk):
    app = make_kiosk()
    a4_ready(qtbot, app)
    cups = app.hub.emulator("document_printer")
    flow = submit_insurance_certificate(qtbot, app)
    preview = flow.document_preview
    cups.set_condition("jam")
    qtbot.mouseClick(preview.print_button, LEFT)     # ("不打印" holds "打印" too)
    qtbot.waitUntil(lambda: preview.print_button.text() == "重新打印" and preview.print_button.isVisible(),
                    timeout=30000)
    assert "卡纸" in preview.message_label.text() and cups.received() == []
    cups.set_condition("ok")                    # staff cleared the jam
    click_text(qtbot, preview, "重新打印")
    qtbot.waitUntil(lambda: bool(cups.received()), timeout=30000)


def test_a_document_the_kiosk_cannot_verify_is_never_shown(qtbot, make_kiosk):
    """The demo trusts the embedded gateway's CA; a kiosk trusting another root refuses its seal."""
    other = Path(tempfile.mkdtemp()) / "other-root.pem"
    from kiosk.gateway_sim.demo_ca import DemoCA
    other.write_bytes(DemoCA.generate().root_pem)
    app = make_kiosk({"documents.trust_roots": [str(other)]})
    a4_ready(qtbot, app)
    cups = app.hub.emulator("document_printer")
    flow = submit_insurance_certificate(qtbot, app, "2025-01", with_pages=False)
    preview = flow.document_preview
    assert "工作人员" in preview.message_label.text() and preview.page_count() == 0
    assert not preview.print_button.isVisible() and flow.tx.session.documents == []
    click_text(qtbot, preview, "继续")
    qtbot.waitUntil(lambda: shown(app) is app.result, timeout=20000)
    assert cups.received() == []


def test_a_material_satisfied_by_an_electronic_licence(qtbot, make_kiosk):
    app = make_kiosk()
    open_item(qtbot, app, "bjhj", "北京户籍类证明开具")
    rows = app.form.rows
    fill_empty_required(qtbot, app.form, {"purpose": rows["purpose"].field["options"][0],
                                          "pickup": rows["pickup"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.MATERIALS)
    materials = app.materials
    assert not materials.done_button.isEnabled()
    click_text(qtbot, materials, "使用电子证照")
    # the separate consent comes first; nothing was asked of the gateway before it
    qtbot.waitUntil(lambda: "授权" in materials.license_panel.message_label.text(), timeout=5000)
    flow = app.flows["resident"]
    assert flow.tx.session.license_consent_at is None
    click_text(qtbot, materials, "同意授权")
    qtbot.waitUntil(lambda: bool(materials.license_panel.choice_buttons), timeout=30000)
    offered = [b.text() for b in materials.license_panel.choice_buttons]
    assert any("居民户口簿" in t for t in offered) and not any("驾驶证" in t for t in offered)
    assert all("*" in t for t in offered), "numbers masked"
    click_text(qtbot, materials, "居民户口簿")
    qtbot.waitUntil(lambda: materials.done_button.isEnabled(), timeout=5000)
    lic = flow.tx.session.licenses["id_card_copy"]
    click_text(qtbot, materials, "下一步")
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: shown(app) is app.result, timeout=30000)
    s = flow.tx.session
    assert s.tracking_no, "the gateway checked the reference and accepted it"
    # what the gateway received: the licence reference and no image
    assert app.s.sim.material_shapes(s.tracking_no) == [
        {"key": "id_card_copy", "license_id": lic.id, "sha256": lic.sha256, "data_b64": False}]


def test_the_demo_dock_puts_the_a4_printer_out_of_paper_and_back(qtbot, make_kiosk):
    app = make_kiosk()
    a4_ready(qtbot, app)
    app.dock.dock_action.emit("a4_media-empty", "")
    # the hub's table is written on the UI thread once the worker's report crosses: maybe not yet
    qtbot.waitUntil(lambda: getattr(app.hub.statuses.get("document_printer"), "code", None) == "media_empty",
                    timeout=10000)
    app.dock.dock_action.emit("a4_ok", "")
    qtbot.waitUntil(lambda: app.hub.statuses["document_printer"].state.value == "ready", timeout=10000)
