"""serial:// through real pyserial (python-escpos Serial) to the printer emulator behind
a pty, and file:// (one-way: status unknown, so no paper is promised)."""
import time

import pytest

from drivers.printer import Document, PrinterProfile, PrinterState, ReceiptPrinter
from drivers.printer.decode import decode
from drivers.printer.emulator import SerialPrinterEmulator

CONTENT = Document(PrinterProfile(58, "gbk")).line("串口打印：陶喆").qr("Q-SERIAL").cut().bytes()


@pytest.fixture
def pty_printer():
    e = SerialPrinterEmulator(idle_s=0.2).start()
    yield e
    e.stop()


@pytest.mark.parametrize("state,expected", [
    ("ok", PrinterState.READY), ("near_end", PrinterState.NEAR_END),
    ("paper_out", PrinterState.PAPER_OUT), ("cover_open", PrinterState.COVER_OPEN),
    ("offline", PrinterState.OFFLINE), ("silent", PrinterState.UNKNOWN),
])
def test_serial_status(pty_printer, state, expected):
    pty_printer.set_state(state)
    assert pty_printer.url.startswith("serial:///dev/")
    p = ReceiptPrinter(pty_printer.url, PrinterProfile(58, "gbk"), status_timeout=0.5)
    assert p.status().state is expected


def test_serial_print_checks_first_and_round_trips(pty_printer):
    p = ReceiptPrinter(pty_printer.url, PrinterProfile(58, "gbk"), status_timeout=1)
    assert p.print_bytes(CONTENT).printed
    [job] = pty_printer.wait_for_print_jobs(1)
    out = decode(bytes(job.data), "gbk")
    assert bytes(job.data).startswith(b"\x10\x04\x01")
    assert out.lines[0].text == "串口打印：陶喆" and out.qr_payloads == ["Q-SERIAL"]


def test_serial_paper_out_sends_nothing(pty_printer):
    pty_printer.set_state("paper_out")
    p = ReceiptPrinter(pty_printer.url, PrinterProfile(58, "gbk"), status_timeout=1)
    assert not p.print_bytes(CONTENT).sent
    time.sleep(0.4)
    assert pty_printer.print_jobs == []


def test_missing_serial_device_is_offline():
    p = ReceiptPrinter("serial:///dev/does-not-exist?baudrate=9600", status_timeout=0.5)
    st = p.status()
    assert st.state is PrinterState.OFFLINE and not st.answered


def test_file_printer_is_one_way_so_nothing_is_promised(tmp_path):
    dev = tmp_path / "lp0"
    dev.write_bytes(b"")
    p = ReceiptPrinter(f"file://{dev}", status_timeout=0.5)
    t0 = time.monotonic()
    assert p.status().state is PrinterState.UNKNOWN
    assert time.monotonic() - t0 < 2
    assert not p.print_bytes(CONTENT).sent
    assert dev.read_bytes() == b""                 # a plain file cannot answer: nothing asked or sent
