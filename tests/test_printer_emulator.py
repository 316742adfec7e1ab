"""The real driver (python-escpos Network transport + our DLE EOT) against the TCP
printer emulator on 127.0.0.1, in every state."""
import socket
import time

import pytest

from drivers.printer import Document, PrinterProfile, PrinterState, ReceiptPrinter
from drivers.printer.decode import decode
from drivers.printer.emulator import PrinterEmulator

CONTENT = Document(PrinterProfile()).line("测试回执").qr("Q1").cut().bytes()


@pytest.fixture
def emu():
    e = PrinterEmulator().start()
    yield e
    e.stop()


def printer(emu, timeout=1.0):
    return ReceiptPrinter(emu.url, PrinterProfile(), status_timeout=timeout)


@pytest.mark.parametrize("state,expected", [
    ("ok", PrinterState.READY), ("near_end", PrinterState.NEAR_END),
    ("paper_out", PrinterState.PAPER_OUT), ("cover_open", PrinterState.COVER_OPEN),
    ("offline", PrinterState.OFFLINE), ("silent", PrinterState.UNKNOWN),
])
def test_status_in_each_state(emu, state, expected):
    emu.set_state(state)
    st = printer(emu, timeout=0.5).status()
    assert st.state is expected
    assert st.answered == (state != "silent")


@pytest.mark.parametrize("state", ["ok", "near_end"])
def test_prints_when_ready_and_status_comes_before_any_content(emu, state):
    emu.set_state(state)
    result = printer(emu).print_bytes(CONTENT)
    assert result.printed and result.sent
    [job] = emu.wait_for_print_jobs(1)
    data = bytes(job.data)
    assert data.startswith(b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04")
    assert CONTENT in data
    out = decode(data)
    first_content = out.first_offset("line", "qr", "image", "barcode", "cut")
    assert out.first_offset("status") < first_content
    assert out.status_requests == [1, 2, 3, 4, 1, 2, 3, 4]    # asked before and after
    assert out.lines[0].text == "测试回执" and out.cuts == 1


@pytest.mark.parametrize("state", ["paper_out", "cover_open", "offline", "silent"])
def test_nothing_is_sent_when_not_ready(emu, state):
    emu.set_state(state)
    t0 = time.monotonic()
    result = printer(emu, timeout=0.5).print_bytes(CONTENT)
    assert not result.printed and not result.sent
    assert time.monotonic() - t0 < 3          # a silent printer costs the timeout, not a minute
    emu.wait_for_print_jobs(1, timeout=0.3)
    assert emu.print_jobs == []                # only status questions reached the printer
    assert all(len(j.data) <= 12 for j in emu.jobs)
    assert "未打印" in result.reason_zh and "not printed" in result.reason_en


def test_paper_runs_out_between_the_check_and_the_print(emu):
    """The worker checked (ready) a moment ago; by the time it prints, paper is out."""
    p = printer(emu)
    assert p.status().printable
    emu.set_state("paper_out")
    result = p.print_bytes(CONTENT)
    assert not result.sent and result.before.state is PrinterState.PAPER_OUT


def test_paper_runs_out_in_the_middle_of_the_job(emu):
    """Ready at the check, out of paper after 30 bytes: sent, but reported incomplete."""
    emu.set_state("paper_out", after_bytes=30)
    result = printer(emu).print_bytes(CONTENT)
    assert result.sent and not result.printed
    assert result.before.state is PrinterState.READY
    assert result.after.state is PrinterState.PAPER_OUT
    assert "不完整" in result.reason_zh
    assert emu.state == "paper_out"


def test_unreachable_printer_is_offline_quickly():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()                                   # nobody listens there now
    p = ReceiptPrinter(f"tcp://127.0.0.1:{port}", PrinterProfile(), status_timeout=0.5)
    st = p.status()
    assert st.state is PrinterState.OFFLINE and not st.answered
    result = p.print_bytes(CONTENT)
    assert not result.sent


def test_no_printer_configured():
    p = ReceiptPrinter("none")
    assert p.status().state is PrinterState.OFFLINE
    assert not p.print_bytes(CONTENT).sent


def test_emulator_records_jobs_to_a_folder(tmp_path):
    with PrinterEmulator(out_dir=str(tmp_path)) as e:
        assert printer(e).print_bytes(CONTENT).printed
        e.wait_for_print_jobs(1)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 1 and CONTENT in files[0].read_bytes()


def test_status_bytes_inside_an_image_are_not_taken_for_questions(emu):
    """GS v 0 data containing 10 04 01 must not make the emulator answer."""
    from drivers.printer import commands as C
    evil = C.INIT + C.raster(3, 1, b"\x10\x04\x01")
    result = printer(emu).print_bytes(evil)
    assert result.printed
    [job] = emu.wait_for_print_jobs(1)
    assert job.status_requests == 8


def test_escpos_connection_chatter_stays_out_of_the_logs(emu, caplog):
    with caplog.at_level("DEBUG"):
        printer(emu).status()
    assert not [r for r in caplog.records if "/escpos/" in r.pathname]
