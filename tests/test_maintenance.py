"""The maintenance screen tells the truth: its outbox figures are what `kiosk queue status --json`
says, its printer row and test print are what the (emulated, over TCP) printer really answers, the
last receipt shown is the last one really printed, each live test shows its result, the logs are
masked, and the PIN screen counts the lockout down. At 1024×768 and 1366×768 it scrolls, and the
way out stays on screen."""
from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import QMetaObject, QPoint, QSize, Qt
from PySide6.QtWidgets import QScrollArea

from drivers.base import DeviceState
from kiosk.cli.main import main
from kiosk.receipt import sample_receipt
from drivers.identity import IdentityRecord
from kiosk.catalog.forms import prefill
from kiosk.submission import applicant_group, build_submission
from outbox_helpers import FIELDS, ITEM, RESIDENT_CARD
from tests.test_ui_flows import click_text, present_card

LEFT = Qt.MouseButton.LeftButton


def open_maintenance(qtbot, app):
    for _ in range(5):
        app.corner.tap()
    app.pin.pin_entered.emit("246810")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.maintenance, timeout=10000)
    return app.maintenance


def queue_status_json(cfg, capsys) -> dict:
    capsys.readouterr()
    assert main(["queue", "status", "--json", "--config", str(cfg.path)]) == 0
    return json.loads(capsys.readouterr().out)


def printer_state(qtbot, app, state):
    QMetaObject.invokeMethod(app.hub.worker("printer"), "check_status", Qt.ConnectionType.QueuedConnection)
    qtbot.waitUntil(lambda: getattr(app.hub.statuses.get("printer"), "state", None) is state, timeout=10000)


def test_outbox_figures_are_those_of_kiosk_queue_status_json(qtbot, make_kiosk, capsys):
    app = make_kiosk()
    app.dock.dock_action.emit("network_down", "")
    qtbot.waitUntil(lambda: not app.online, timeout=20000)
    cfg = app.cfg
    identity = IdentityRecord.from_dict(json.loads(RESIDENT_CARD.read_text(encoding="utf-8")))
    item = app.s.catalog.get(ITEM)
    for _ in range(2):       # committed as the touch screen commits, while offline
        body = build_submission(cfg, item, identity, {**prefill(item, identity), **FIELDS}, [])
        app.s.outbox.submit(body, applicant_group(identity, cfg))
    app.s.outbox.wake()
    qtbot.waitUntil(lambda: app.s.outbox.status()["counts"]["pending"] >= 2, timeout=20000)
    m = open_maintenance(qtbot, app)
    want = queue_status_json(cfg, capsys)
    qtbot.waitUntil(lambda: m.queue_labels["pending"].text() == str(want["counts"]["pending"]), timeout=10000)
    for state in ("in_flight", "needs_staff", "delivered"):
        assert m.queue_labels[state].text() == str(want["counts"][state])
    assert want["counts"]["pending"] >= 2 and m.queue_labels["oldest_pending_age_s"].text() != "-"
    err = want["last_error"]
    assert (err["local_id"] in m.queue_labels["last_error"].text()) if err else m.queue_labels["last_error"].text() == "-"
    retry_buttons = [b for b in m.findChildren(type(m.action_buttons["refresh"])) if b.text() == "重试 Retry"]
    assert len(retry_buttons) == want["counts"]["pending"] + want["counts"]["needs_staff"]
    # The gateway row says what is true: the home gateway does not answer.
    qtbot.waitUntil(lambda: any("无响应" in t for t in _texts(m)), timeout=20000)
    # Back online, one entry retried by hand: the figures follow the queue.
    app.dock.dock_action.emit("network_up", "")
    qtbot.waitUntil(lambda: app.online, timeout=20000)
    qtbot.mouseClick(retry_buttons[0], LEFT)
    # Nothing pending and nothing in flight (the oldest-pending age counts both: under load
    # a delivery can still be in flight when pending has just reached 0).
    qtbot.waitUntil(lambda: _drained(app.s.outbox.status()), timeout=30000)
    qtbot.mouseClick(m.action_buttons["refresh"], LEFT)
    want = queue_status_json(cfg, capsys)
    qtbot.waitUntil(lambda: m.queue_labels["delivered"].text() == str(want["counts"]["delivered"]), timeout=10000)
    assert m.queue_labels["pending"].text() == "0" and m.queue_labels["oldest_pending_age_s"].text() == "-"
    audit = app.flows["technician"].gate.audit.path.read_text(encoding="utf-8")
    assert "maintenance:retry_entry" in audit


def _drained(status) -> bool:
    return status["counts"]["pending"] == status["counts"]["in_flight"] == 0 \
        and status["oldest_pending_age_s"] is None


def _texts(root):
    from tests.ui_driver import all_texts
    return all_texts(root)


def test_printer_row_test_print_and_last_printed_follow_the_real_printer(qtbot, make_kiosk):
    app = make_kiosk()
    emulator = app.hub.emulator("printer")
    printed = []
    app.hub.worker("printer").printed.connect(printed.append)
    good = dataclasses.replace(sample_receipt(), receipt_no="K-GOOD-0001")
    app.flows["resident"]._print_request.emit(good)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    assert printed[0]["ok"]
    emulator.set_state("paper_out")
    printer_state(qtbot, app, DeviceState.NO_MEDIA)
    app.flows["resident"]._print_request.emit(dataclasses.replace(good, receipt_no="K-NOPAPER-0002"))
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=10000)
    assert not printed[1]["ok"]
    m = open_maintenance(qtbot, app)
    # The receipt refused for paper is not "the last printed"; the one before it is, with its picture.
    assert m.printed_label.text().startswith("K-GOOD-0001")
    qtbot.waitUntil(lambda: not m.preview_label.pixmap().isNull(), timeout=10000)
    assert any("no_media" in t and "无介质" in t for t in _texts(m))
    jobs_before = len(emulator.jobs)
    qtbot.mouseClick(m.action_buttons["test_print"], LEFT)
    qtbot.waitUntil(lambda: "失败" in m.test_results["test_print"].text(), timeout=10000)
    assert "缺纸" in m.test_results["test_print"].text()
    assert not any(j.has_content for j in emulator.jobs[jobs_before:])       # nothing was sent
    emulator.set_state("ok")
    qtbot.mouseClick(m.action_buttons["test_print"], LEFT)       # the row was rebuilt: find it again
    qtbot.waitUntil(lambda: "测试页已打印" in m.test_results["test_print"].text(), timeout=10000)
    qtbot.waitUntil(lambda: any("正常 ready" in t for t in _texts(m)), timeout=10000)


def test_card_camera_and_voice_tests_show_their_results(qtbot, make_kiosk, tmp_path):
    app = make_kiosk({"voice.command": "sh -c 'cat >/dev/null; echo no sound device >&2; exit 3'"})
    m = open_maintenance(qtbot, app)
    qtbot.mouseClick(m.action_buttons["test_card"], LEFT)
    assert "请放置证件" in m.test_results["test_card"].text()
    present_card(qtbot, app)
    qtbot.waitUntil(lambda: "读卡成功" in m.test_results["test_card"].text(), timeout=15000)
    shown = m.test_results["test_card"].text()
    record = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    assert record["id_number"] not in shown and record["name"] not in shown
    assert record["id_number"][:4] + "**********" + record["id_number"][-4:] in shown
    qtbot.mouseClick(m.action_buttons["test_camera"], LEFT)
    qtbot.waitUntil(lambda: "画面正常" in m.test_results["test_camera"].text(), timeout=15000)
    assert "640×480" in m.test_results["test_camera"].text() and m.camera_preview.isVisible()
    # The voice engine fails (as on a kiosk with no sound device): the screen says so.
    qtbot.mouseClick(m.action_buttons["test_voice"], LEFT)
    qtbot.waitUntil(lambda: "失败" in m.test_results["test_voice"].text(), timeout=15000)
    assert "no sound device" in m.test_results["test_voice"].text()
    app.maintenance.action.emit("back_to_service")
    assert m.test_results["test_card"].text() == ""           # the masked name does not stay


def test_logs_and_audit_are_shown_masked(qtbot, make_kiosk):
    app = make_kiosk()
    logs = app.cfg.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "kiosk.log").write_text("old line from a version that leaked 230102198506151234\nkiosk ready\n",
                                    encoding="utf-8")
    m = open_maintenance(qtbot, app)
    def seen(label):        # as read: without the zero-width spaces that let long tokens wrap
        return label.text().replace("\u200b", "")
    qtbot.waitUntil(lambda: "kiosk ready" in seen(m.log_label), timeout=10000)
    assert "230102198506151234" not in seen(m.log_label) and "2301**********1234" in seen(m.log_label)
    qtbot.waitUntil(lambda: "login_ok" in seen(m.audit_label), timeout=10000)
    qtbot.waitUntil(lambda: app.cfg.kiosk.id in m.about_labels["kiosk_id"].text(), timeout=10000)
    assert "0.1.0" in m.about_labels["version"].text()


def test_pin_screen_counts_the_lockout_down_and_after_a_restart(qtbot, make_kiosk):
    app = make_kiosk()
    for _ in range(5):
        app.corner.tap()
    for _ in range(5):
        app.pin.pin_entered.emit("000000")
    qtbot.waitUntil(lambda: "已锁定" in app.pin.error_label.text(), timeout=15000)
    first = app.pin.lockout_left()
    assert 280 <= first <= 300 and not app.pin.ok_button.isEnabled()
    assert f"{first // 60}:{first % 60:02d}" in app.pin.error_label.text()
    qtbot.waitUntil(lambda: app.pin.lockout_left() < first, timeout=3000)      # it counts
    app.pin.cancelled.emit()
    # Opening the PIN screen again (or after a restart: the lock is in a file) shows it at once.
    gate = app.flows["technician"].gate
    gate._loaded = False
    for _ in range(5):
        app.corner.tap()
    qtbot.waitUntil(lambda: "已锁定" in app.pin.error_label.text(), timeout=5000)
    gate.locked_until = 0
    app.pin.show_lockout(0)
    assert app.pin.ok_button.isEnabled() and app.pin.error_label.text() == ""


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_technician_screens_fit_small_screens(qtbot, make_kiosk, size):
    """Filled with a real kiosk's figures, each technician screen fits below the top bar: long
    content scrolls inside it (never sideways) and the way out stays on screen."""
    app = make_kiosk()
    m = open_maintenance(qtbot, app)
    qtbot.waitUntil(lambda: app.cfg.kiosk.id in m.about_labels["kiosk_id"].text(), timeout=10000)
    chrome = app.window.height() - app.window.stack.height()      # header, step bar, bottom bar
    room = QSize(size[0], size[1] - chrome)
    for screen, keep in ((m, [m.action_buttons[k] for k in ("refresh", "back_to_service", "exit_kiosk")]),
                         (app.pin, [app.pin.ok_button, app.pin.cancel_button])):
        hint = screen.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), type(screen).__name__
        screen.setParent(None)                  # measured alone, at exactly that size
        screen.resize(room)
        screen.show()
        qtbot.wait(100)
        scroll = screen.findChild(QScrollArea)
        assert scroll.widget().width() <= scroll.viewport().width()
        for b in keep:
            bottom = b.mapTo(screen, QPoint(0, 0)).y() + b.height()
            assert b.isVisible() and bottom <= room.height(), b.text()
        screen.hide()
        app.window.stack.addWidget(screen)
    assert m.findChild(QScrollArea).verticalScrollBar().maximum() > 0     # the maintenance body scrolls


def test_a_refresh_still_due_when_the_kiosk_shuts_down_starts_no_work(qtbot, make_kiosk):
    # 同步队列 and 重试 refresh a second later; a shutdown in that second (systemd's stop,
    # the technician's exit) let the refresh ask the closed runner for work: an exception
    # in the event loop (seen under load in a CI run). Its timer firing is this call.
    app = make_kiosk()
    open_maintenance(qtbot, app)
    technician = app.flows["technician"]
    app.shutdown()
    assert app.runner.closed
    technician.refresh()
    app.shutdown()           # a second stop (the window's exit after systemd's) is harmless
