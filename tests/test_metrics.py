"""Prometheus metrics: what the events count, what is read on scrape, and that nothing
personal reaches a label or a value — after whole transactions through the real widgets."""
from __future__ import annotations

import json
import urllib.request

from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot

from drivers.base import DeviceState, DeviceStatus
from kiosk.devices.hub import DeviceHub
from kiosk.metrics import KioskMetrics, item_label
from kiosk.metrics_server import start_metrics_server
from kiosk.session import Step
from tests.test_ui_flows import (click_text, open_item, present_card, submit_beijing_card_replacement,
                                 wait_step)


def samples(metrics: KioskMetrics) -> dict[tuple, float]:
    """(sample name, sorted label pairs) → value, from the real text exposition."""
    out = {}
    for family in text_string_to_metric_families(metrics.exposition().decode("utf-8")):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(metrics, name, **labels) -> float | None:
    return samples(metrics).get((name, tuple(sorted(labels.items()))))


def test_transactions_by_item_and_the_step_they_stopped_at():
    m = KioskMetrics("T-1", "230100", process=False)
    m.session_started()
    m.item_chosen("HRB-HJZM")
    m.item_chosen("HRB-GJJ")            # went back and chose another: the first is abandoned at "item"
    m.committed()
    m.session_ended("rating")            # completed: not abandoned
    m.session_started()
    m.item_chosen("HRB-HJZM")
    m.idle_wipe("form")
    m.session_ended("form")
    m.session_started()
    m.session_ended("home")              # never chose an item: no transaction at all
    assert value(m, "kiosk_transactions_started_total", item="HRB-HJZM") == 2
    assert value(m, "kiosk_transactions_completed_total", item="HRB-GJJ") == 1
    assert value(m, "kiosk_transactions_abandoned_total", item="HRB-HJZM", step="item") == 1
    assert value(m, "kiosk_transactions_abandoned_total", item="HRB-HJZM", step="form") == 1
    assert value(m, "kiosk_transactions_abandoned_total", item="HRB-GJJ", step="rating") is None
    assert value(m, "kiosk_idle_wipes_total", step="form") == 1
    assert value(m, "kiosk_sessions_started_total") == 3


def test_labels_never_carry_free_text():
    assert item_label("HLJ-HRB-0001") == "HLJ-HRB-0001"
    assert item_label("李明华") == "other" and item_label("a b") == "other" and item_label(None) == "none"
    m = KioskMetrics(process=False)
    m.idle_wipe("230102198506151234")
    m.face_checked("李明华")
    m.staff_called("Form Step")
    assert value(m, "kiosk_idle_wipes_total", step="other") == 1
    assert value(m, "kiosk_face_checks_total", outcome="error") == 1
    assert value(m, "kiosk_staff_calls_total", step="other") == 1


class _DocumentPrinter(QObject):
    """Stands in for issue 14's A4 printer worker: a new kind the hub did not know before."""
    status_changed = Signal(object)

    @Slot()
    def start(self):
        self.status_changed.emit(DeviceStatus(DeviceState.NO_MEDIA, "media-empty", "A4 纸张用完", "out of paper"))

    @Slot()
    def shutdown(self):
        pass


def test_a_new_device_kind_appears_by_itself_with_its_paper(qtbot, demo_config):
    cfg = demo_config()
    hub = DeviceHub(cfg, kinds=["document_printer"], factory_override={"document_printer": lambda c: _DocumentPrinter()})
    m = KioskMetrics(process=False)
    hub.status_changed.connect(m.device_status)
    m.attach(hub.kinds, None)
    assert value(m, "kiosk_device_state", kind="document_printer", kiosk_device_state="unknown") == 1
    hub.start()
    try:
        qtbot.waitUntil(lambda: "document_printer" in hub.statuses, timeout=5000)
    finally:
        hub.stop()
    assert value(m, "kiosk_device_state", kind="document_printer", kiosk_device_state="no_media") == 1
    assert value(m, "kiosk_paper_state", kind="document_printer", kiosk_paper_state="out") == 1
    assert value(m, "kiosk_paper_state", kind="document_printer", kiosk_paper_state="ok") == 0


def test_whole_transactions_counted_with_no_personal_data_anywhere(qtbot, make_kiosk):
    app = make_kiosk()
    card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    submit_beijing_card_replacement(qtbot, app)          # face check, form, a material, commit
    code = app.flows["resident"].tx.session.item.code
    click_text(qtbot, app.result, "完成")
    click_text(qtbot, app.rating, "满意")
    click_text(qtbot, app.rating, "提交评价")
    wait_step(qtbot, app, Step.ATTRACT)
    # A second resident gives up on the form.
    open_item(qtbot, app, "hjzm", "户籍证明开具")
    hjzm = app.flows["resident"].tx.session.item.code
    click_text(qtbot, app.guide, "办理")
    present_card(qtbot, app)
    wait_step(qtbot, app, Step.FORM)
    app.call_staff()                     # 呼叫工作人员
    app.end_session()
    qtbot.waitUntil(lambda: (value(app.metrics, "kiosk_outbox_entries", state="delivered") or 0) >= 2,
                    timeout=20000)
    m = app.metrics
    assert value(m, "kiosk_transactions_started_total", item=code) == 1
    assert value(m, "kiosk_transactions_completed_total", item=code) == 1
    assert value(m, "kiosk_face_checks_total", outcome="match") == 1
    assert value(m, "kiosk_transactions_abandoned_total", item=hjzm, step="form") == 1
    assert value(m, "kiosk_staff_calls_total", step="form") == 1
    assert value(m, "kiosk_outbox_deliveries_total", kind="submission", outcome="delivered") == 1
    assert value(m, "kiosk_outbox_deliveries_total", kind="evaluation", outcome="delivered") == 1
    assert value(m, "kiosk_device_state", kind="id_reader", kiosk_device_state="ready") == 1
    assert value(m, "kiosk_paper_state", kind="printer", kiosk_paper_state="ok") == 1
    text = m.exposition().decode("utf-8")
    secrets = [card["name"], card["id_number"], card["address"], card["birth_date"],
               card["id_number"][-6:], "13812345678", card["name"][1:]]
    assert [s for s in secrets if s in text] == []


def test_paper_out_and_outbox_read_on_scrape_through_the_http_server(qtbot, make_kiosk):
    app = make_kiosk()
    server = start_metrics_server(app.metrics.registry, "127.0.0.1:0")
    try:
        app.dock.dock_action.emit("printer_paper_out", "")
        printer = app.hub.worker("printer")
        QMetaObject.invokeMethod(printer, "check_status", Qt.ConnectionType.QueuedConnection)
        qtbot.waitUntil(lambda: getattr(app.hub.statuses.get("printer"), "state", None) is DeviceState.NO_MEDIA, timeout=10000)
        app.dock.dock_action.emit("network_down", "")
        qtbot.waitUntil(lambda: not app.online, timeout=20000)
        with urllib.request.urlopen(server.url, timeout=10) as resp:
            body = resp.read().decode("utf-8")
    finally:
        server.stop()
    got = {}
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            got[(s.name, tuple(sorted(s.labels.items())))] = s.value
    assert got[("kiosk_paper_state", (("kind", "printer"), ("kiosk_paper_state", "out")))] == 1
    assert got[("kiosk_gateway_online", ())] == 0
    status = app.s.outbox.status()
    assert got[("kiosk_outbox_entries", (("state", "pending"),))] == status["counts"]["pending"]
    assert got[("kiosk_build_info", (("commit", got_commit(got)), ("kiosk_id", app.cfg.kiosk.id),
                                    ("region", "230100"), ("version", "0.1.0")))] == 1
    assert got[("process_resident_memory_bytes", ())] > 50e6


def got_commit(got) -> str:
    return next(dict(k[1])["commit"] for k in got if k[0] == "kiosk_build_info")


def test_metrics_off_and_a_taken_port_do_not_stop_the_kiosk():
    m = KioskMetrics(process=False)
    assert start_metrics_server(m.registry, "") is None
    first = start_metrics_server(m.registry, "127.0.0.1:0")
    try:
        port = first.address.rsplit(":", 1)[1]
        assert start_metrics_server(m.registry, f"127.0.0.1:{port}") is None   # a warning, no crash
    finally:
        first.stop()
