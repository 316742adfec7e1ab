"""The A4 document printer through a real private cupsd and the project's recording backend."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from cups_helpers import copies_of, pdftoppm_pages, pdftotext, private_cups  # noqa: F401 (fixture)
from document_helpers import signed
from drivers.base import DeviceState
from drivers.document_printer import A4Status, CupsDocumentPrinter, JobState, preserve_setting


@pytest.fixture
def printer(private_cups):
    return CupsDocumentPrinter(private_cups.server, private_cups.queue)


def test_prints_from_memory_and_leaves_no_copy(printer, private_cups, tmp_path):
    data, listing = signed(pages=3)
    code = listing["verification_code"]
    assert printer.status().printable
    result = printer.print_pdf(data, f"tongban-{code}", timeout_s=30)
    assert result.completed and result.state is JobState.COMPLETED, result.reason_en
    (name, got), = private_cups.received()
    assert got == data
    text = pdftotext(got)
    assert "个人参保证明" in text and code in text
    assert pdftoppm_pages(got) == 3
    # cupsd's spool keeps no document once the job ended (PreserveJobFiles No): control files only
    assert all(not f.startswith("d") for f in private_cups.spool_files()), private_cups.spool_files()
    assert copies_of(data, [Path(tempfile.gettempdir())], skip=[private_cups.tray]) == []
    planted = tmp_path / "copy.bin"          # guards the check: a copy would be found
    planted.write_bytes(data[100:-100])
    assert copies_of(data, [tmp_path]) == [planted]
    jobs = printer.jobs()
    assert jobs[0]["name"] == f"tongban-{code}" and jobs[0]["state"] == "completed"


def test_out_of_paper_before_the_job_sends_nothing(printer, private_cups):
    private_cups.set_condition("media-empty")
    st = printer.status()
    assert not st.printable and st.device_status().state is DeviceState.NO_MEDIA
    assert st.reason_zh == "A4 打印机缺纸" and "media-empty-error" in st.reasons
    result = printer.print_pdf(signed(pages=1)[0], "tongban-X", timeout_s=10)
    assert not result.sent and not result.completed and result.offer_again
    assert "缺纸" in result.reason_zh
    assert printer.jobs() == [] and private_cups.received() == []


def test_jammed_during_the_job_is_aborted_and_can_print_again(printer, private_cups):
    data, _ = signed(pages=1)
    private_cups.set_condition("jam")
    assert printer.status().printable, "a jam is only met by the next job"
    result = printer.print_pdf(data, "tongban-JAM", timeout_s=30)
    assert result.sent and result.state is JobState.ABORTED and result.offer_again
    assert "卡纸" in result.reason_zh and private_cups.received() == []
    assert printer.status().device_status().code == "media_jam"
    private_cups.set_condition("ok")                 # staff cleared it
    again = printer.print_pdf(data, "tongban-JAM", timeout_s=30)
    assert again.completed and private_cups.received()[0][1] == data


def test_paper_running_out_mid_job_cancels_it_so_it_never_prints_later(printer, private_cups):
    data, _ = signed(pages=1)
    (private_cups.dir / "condition").write_text("media-empty")   # CUPS does not know yet
    result = printer.print_pdf(data, "tongban-MID", timeout_s=30)
    assert result.interrupted and result.offer_again and not result.completed
    assert printer.jobs()[0]["state"] == "canceled"
    private_cups.set_condition("ok")                 # paper refilled, queue resumed
    time.sleep(1.0)
    assert private_cups.received() == [], "the cancelled job must not come out for the next person"
    assert all(not f.startswith("d") for f in private_cups.spool_files())


def test_offline_printer_is_offline(printer, private_cups):
    private_cups.set_condition("offline")
    st = printer.status()
    assert st.device_status().state is DeviceState.OFFLINE and "离线" in st.reason_zh


def test_cups_not_running_is_a_clear_offline_status(tmp_path):
    st = CupsDocumentPrinter(str(tmp_path / "no-cups.sock"), "kiosk-a4").status()
    assert not st.printable and st.problem == "unreachable"
    ds = st.device_status()
    assert ds.state is DeviceState.OFFLINE and ds.code == "cups_unreachable"
    assert "CUPS" in ds.message_zh and "cannot be reached" in ds.message_en
    assert not CupsDocumentPrinter(str(tmp_path / "no-cups.sock")).print_pdf(b"%PDF", "x").sent


def test_unknown_queue(printer, private_cups):
    st = CupsDocumentPrinter(private_cups.server, "no-such-queue").status()
    assert st.problem == "no_queue" and st.device_status().code == "no_queue"


def test_preserve_job_files_is_read_from_the_server(printer):
    assert printer.preserve_job_files() == "No"


@pytest.mark.parametrize("conf, value", [
    ("", "86400"), ("PreserveJobFiles No\n", "No"), ("# PreserveJobFiles No\nPreserveJobFiles 3600\n", "3600"),
    ("preservejobfiles Yes\n", "Yes"),
])
def test_preserve_setting_defaults_to_cups_one_day(conf, value):
    assert preserve_setting(conf) == value


@pytest.mark.parametrize("attrs, printable, code, state", [
    ({"printer-state": 3, "printer-state-reasons": ["none"]}, True, "", DeviceState.READY),
    ({"printer-state": 4, "printer-state-reasons": ["toner-low-warning"]}, True, "", DeviceState.BUSY),
    ({"printer-state": 3, "printer-state-reasons": ["media-empty-error"]}, False, "media_empty", DeviceState.NO_MEDIA),
    ({"printer-state": 5, "printer-state-reasons": ["media-jam-error", "paused"]}, False, "media_jam", DeviceState.ERROR),
    ({"printer-state": 3, "printer-state-reasons": ["door-open"]}, False, "door_open", DeviceState.ERROR),
    ({"printer-state": 3, "printer-state-reasons": ["toner-empty-error"]}, False, "toner_empty", DeviceState.ERROR),
    ({"printer-state": 3, "printer-state-reasons": ["offline-report"]}, False, "offline", DeviceState.OFFLINE),
    ({"printer-state": 5, "printer-state-reasons": ["paused"]}, False, "stopped", DeviceState.ERROR),
    ({"printer-state": 3, "printer-is-accepting-jobs": False}, False, "not_accepting", DeviceState.ERROR),
    ({"printer-state": 3, "printer-state-reasons": ["fuser-over-temp-error"]}, False, "error", DeviceState.ERROR),
])
def test_status_from_cups_attributes(attrs, printable, code, state):
    st = A4Status.from_attributes(attrs)
    assert st.printable is printable
    ds = st.device_status()
    assert ds.code == code and ds.state is state and ds.message_zh and ds.message_en
