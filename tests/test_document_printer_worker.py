"""DocumentPrinterWorker on a real QThread, its printer the private cupsd (driver "emulated")."""
import pytest
from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal

from document_helpers import signed
from drivers.base import DeviceState
from kiosk.config import load_config
from kiosk.devices.document_printer_worker import create_document_printer_worker
from kiosk.documents import DocumentVerifier


class Driver(QObject):
    """The hub's part: queued calls to the worker, its signals relayed to this (UI) thread."""
    print_document = Signal(object)
    reprint = Signal(str)
    forget = Signal()
    test_page = Signal()
    status_changed = Signal(object)
    printed = Signal(object)


@pytest.fixture
def running(qtbot, tmp_path):
    p = tmp_path / "kiosk.toml"
    p.write_text('[devices.document_printer]\ndriver = "emulated"\njob_timeout_s = 20\n', encoding="utf-8")
    worker = create_document_printer_worker(load_config(p))
    thread, driver = QThread(), Driver()
    worker.moveToThread(thread)
    driver.print_document.connect(worker.print_document)
    driver.reprint.connect(worker.reprint)
    driver.forget.connect(worker.forget_documents)
    driver.test_page.connect(worker.print_test)
    worker.status_changed.connect(driver.status_changed)
    worker.printed.connect(driver.printed)
    thread.started.connect(worker.start)
    with qtbot.waitSignal(driver.status_changed, timeout=5000) as first:
        thread.start()
    assert first.args[0].state is DeviceState.READY
    yield worker, driver
    QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
    thread.quit()
    assert thread.wait(5000)
    assert worker.emulator.proc is None, "the private cupsd was stopped with the worker"


def verified(tmp_path, pages=1):
    from document_helpers import trusted_root_file
    data, listing = signed(pages=pages)
    return DocumentVerifier([trusted_root_file(tmp_path)]).verify(data, dict(listing, id="DOC-w1"))


def test_prints_a_verified_document_and_reports_by_title_and_code(qtbot, running, tmp_path):
    worker, driver = running
    doc = verified(tmp_path)
    with qtbot.waitSignal(driver.printed, timeout=20000) as got:
        driver.print_document.emit(doc)
    r = got.args[0]
    assert r["ok"] and r["state"] == "completed" and r["doc_id"] == "DOC-w1", r
    assert r["label"] == doc.label and "王小明" not in str(r)
    assert worker.emulator.received()[0][1] == doc.data


def test_out_of_paper_is_no_promise_and_a_jam_is_offered_again(qtbot, running, tmp_path):
    worker, driver = running
    doc = verified(tmp_path)
    worker.emulator.set_condition("media-empty")
    with qtbot.waitSignal(driver.printed, timeout=20000) as got:
        driver.print_document.emit(doc)
    assert not got.args[0]["sent"] and "缺纸" in got.args[0]["reason_zh"]
    worker.emulator.set_condition("jam")
    with qtbot.waitSignal(driver.printed, timeout=20000) as got:
        driver.reprint.emit(doc.id)
    r = got.args[0]
    assert r["sent"] and not r["ok"] and r["offer_again"] and r["state"] == "aborted"
    worker.emulator.set_condition("ok")
    with qtbot.waitSignal(driver.printed, timeout=20000) as got:
        driver.reprint.emit(doc.id)
    assert got.args[0]["ok"]


def test_the_wipe_drops_the_documents(qtbot, running, tmp_path):
    worker, driver = running
    doc = verified(tmp_path)
    with qtbot.waitSignal(driver.printed, timeout=20000):
        driver.print_document.emit(doc)
    assert worker.kept_documents() == ["DOC-w1"]
    driver.forget.emit()
    qtbot.waitUntil(lambda: worker.kept_documents() == [], timeout=3000)
    with qtbot.waitSignal(driver.printed, timeout=5000) as got:
        driver.reprint.emit("DOC-w1")
    assert not got.args[0]["sent"] and "已清除" in got.args[0]["reason_zh"]


def test_the_a4_test_page(qtbot, running):
    worker, driver = running
    with qtbot.waitSignal(driver.printed, timeout=20000) as got:
        driver.test_page.emit()
    assert got.args[0]["ok"]
    from cups_helpers import pdftotext
    assert "A4 打印测试页" in pdftotext(worker.emulator.received()[0][1])
