"""PrinterWorker on a real QThread against the in-process TCP emulator (url "emulated:")."""
import pytest
from PySide6.QtCore import QObject, QThread, Signal

from drivers.base import DeviceState
from drivers.printer.decode import decode
from kiosk.config import load_config
from kiosk.devices.printer_worker import create_printer_worker
from kiosk.receipt import sample_receipt


class Driver(QObject):
    """Stands in for the DeviceHub: calls the worker's slots through queued signals,
    and receives the worker's signals on this (the UI) thread, as the hub does.
    (pytest-qt's waitSignal on a cross-thread signal would stop its timer from the
    worker thread, so tests wait on these relays.)"""
    check = Signal()
    print_receipt = Signal(object)
    reprint = Signal(str)
    status_changed = Signal(object)
    status_checked = Signal(object)
    printed = Signal(object)


@pytest.fixture
def cfg(tmp_path):
    p = tmp_path / "kiosk.toml"
    p.write_text('[devices.printer]\nurl = "emulated:"\nstatus_timeout_s = 0.5\n', encoding="utf-8")
    return load_config(p)


@pytest.fixture
def running(qtbot, cfg):
    worker = create_printer_worker(cfg)
    thread = QThread()
    driver = Driver()
    worker.moveToThread(thread)
    driver.check.connect(worker.check_status)
    driver.print_receipt.connect(worker.print_receipt)
    driver.reprint.connect(worker.reprint)
    worker.status_changed.connect(driver.status_changed)
    worker.status_checked.connect(driver.status_checked)
    worker.printed.connect(driver.printed)
    thread.started.connect(worker.start)
    with qtbot.waitSignal(driver.status_changed, timeout=5000) as first:
        thread.start()
    assert first.args[0].state is DeviceState.READY
    yield worker, driver
    from PySide6.QtCore import QMetaObject, Qt
    QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
    thread.quit()
    assert thread.wait(5000)


def test_prints_a_receipt_when_ready(qtbot, running):
    worker, driver = running
    with qtbot.waitSignal(driver.printed, timeout=5000) as got:
        driver.print_receipt.emit(sample_receipt())
    r = got.args[0]
    assert r["ok"] and r["status"] == "ready" and r["job_id"] and r["reason_zh"] == "回执已打印"
    [job] = worker.emulator.wait_for_print_jobs(1)
    out = decode(bytes(job.data))
    assert out.first_offset("status") < out.first_offset("line")
    assert out.qr_payloads == ["Q7F3K9X2M4P8"] and out.cuts == 1
    assert worker.recent_receipts()[0]["job_id"] == r["job_id"]


@pytest.mark.parametrize("state,device_state", [("paper_out", DeviceState.NO_MEDIA),
                                                ("cover_open", DeviceState.ERROR),
                                                ("silent", DeviceState.OFFLINE)])
def test_does_not_print_when_not_ready_and_reports_why(qtbot, running, state, device_state):
    worker, driver = running
    worker.emulator.set_state(state)
    changes = []
    driver.status_changed.connect(changes.append)
    with qtbot.waitSignal(driver.printed, timeout=5000) as got:
        driver.print_receipt.emit(sample_receipt())
    report = got.args[0]
    assert [c.state for c in changes] == [device_state]      # the technician sees the fault
    assert report["ok"] is False and report["sent"] is False
    assert report["status"] == ("unknown" if state == "silent" else state)
    assert report["reason_zh"].startswith("未打印")
    assert worker._last_device_status.state is device_state
    assert worker.emulator.print_jobs == []


def test_paper_out_mid_job_then_staff_reprint(qtbot, running):
    worker, driver = running
    worker.emulator.set_state("paper_out", after_bytes=200)
    with qtbot.waitSignal(driver.printed, timeout=5000) as got:
        driver.print_receipt.emit(sample_receipt())
    first = got.args[0]
    assert first["sent"] and not first["ok"] and first["status"] == "paper_out"
    worker.emulator.set_state("ok")            # staff loaded paper
    with qtbot.waitSignal(driver.printed, timeout=5000) as again:
        driver.reprint.emit(first["job_id"])
    assert again.args[0]["ok"] and again.args[0]["job_id"] == first["job_id"]
    jobs = worker.emulator.wait_for_print_jobs(2)
    assert len(jobs) == 2
    assert worker.receipt_bytes(first["job_id"]) in bytes(jobs[1].data)


def test_reprint_of_unknown_job(qtbot, running):
    worker, driver = running
    with qtbot.waitSignal(driver.printed, timeout=5000) as got:
        driver.reprint.emit("P9999")
    assert got.args[0]["ok"] is False and "补打" in got.args[0]["reason_zh"]


def test_keeps_only_the_last_20_receipts(qtbot, running):
    worker, driver = running
    for _ in range(22):
        with qtbot.waitSignal(driver.printed, timeout=5000):
            driver.print_receipt.emit(sample_receipt())
    kept = worker.recent_receipts()
    assert len(kept) == 20 and kept[0]["job_id"] == "P0022" and kept[-1]["job_id"] == "P0003"


def test_status_change_is_reported(qtbot, running):
    worker, driver = running
    worker.emulator.set_state("near_end")
    with qtbot.waitSignal(driver.status_checked, timeout=5000) as got:
        driver.check.emit()
    assert got.args[0].state.value == "near_end" and got.args[0].printable


def test_no_printer_configured(qtbot, tmp_path):
    p = tmp_path / "kiosk.toml"
    p.write_text('[devices.printer]\nurl = "none"\n', encoding="utf-8")
    worker = create_printer_worker(load_config(p))
    assert worker.emulator is None
    statuses = []
    worker.status_changed.connect(statuses.append)
    worker.check_status()                     # no thread needed: nothing blocks
    assert statuses[0].state is DeviceState.OFFLINE


def test_recovers_by_itself_when_the_printer_answers_again(qtbot, running):
    """Silent → unknown (offline to the hub) → retried with backoff → ready again."""
    worker, driver = running
    worker.emulator.set_state("silent")
    with qtbot.waitSignal(driver.status_changed, timeout=5000) as lost:
        driver.check.emit()
    assert lost.args[0].state is DeviceState.OFFLINE and lost.args[0].code == "unknown"
    worker.emulator.set_state("ok")
    with qtbot.waitSignal(driver.status_changed, timeout=8000) as back:   # first retry after 2 s
        pass
    assert back.args[0].state is DeviceState.READY


def test_no_personal_data_in_logs_or_signals(qtbot, running, caplog):
    worker, driver = running
    worker.emulator.set_state("paper_out", after_bytes=200)
    with caplog.at_level("DEBUG"):
        with qtbot.waitSignal(driver.printed, timeout=5000) as got:
            driver.print_receipt.emit(sample_receipt())
    text = caplog.text + repr(got.args[0]) + repr(worker.recent_receipts())
    assert "110105194912310021" not in text and "张三丰" not in text
    kept = worker.receipt_bytes(got.args[0]["job_id"])
    assert "110105194912310021".encode() not in kept and "张三丰".encode("gb18030") not in kept


def test_test_page_from_the_technician_screen(qtbot, running):
    worker, driver = running
    from PySide6.QtCore import QMetaObject, Qt
    with qtbot.waitSignal(driver.printed, timeout=5000) as got:
        QMetaObject.invokeMethod(worker, "print_test", Qt.ConnectionType.QueuedConnection)
    assert got.args[0]["ok"] and got.args[0]["job_id"].startswith("T")
    [job] = worker.emulator.wait_for_print_jobs(1)
    assert "打印机测试页" in decode(bytes(job.data)).text
    assert worker.recent_receipts() == []          # test pages are not kept for reprint
