"""`kiosk print test|receipt|status` and `kiosk emulate printer`, against the TCP emulator."""
import dataclasses
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.printer import PrinterProfile, ReceiptPrinter
from drivers.printer.decode import decode
from drivers.printer.emulator import PrinterEmulator
from kiosk.cli.main import main
from kiosk.receipt import sample_receipt

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def emu():
    e = PrinterEmulator().start()
    yield e
    e.stop()


@pytest.fixture
def config(tmp_path, emu):
    p = tmp_path / "kiosk.toml"
    p.write_text(f'[devices.printer]\nurl = "{emu.url}"\npaper_width_mm = 58\n'
                 f'encoding = "gbk"\nnative_qr = false\nstatus_timeout_s = 0.5\n', encoding="utf-8")
    return str(p)


def run(*argv) -> int:
    try:
        return main(list(argv))
    except SystemExit as exc:
        return exc.code


def test_print_test_page_uses_the_configured_printer(emu, config, capsys):
    assert run("print", "test", "--config", config) == 0
    [job] = emu.wait_for_print_jobs(1)
    out = decode(bytes(job.data), "gbk")
    assert "打印机测试页" in out.text and out.cuts == 1
    assert out.barcodes == [("CODE128", "TEST-0123456789")]
    assert out.images                      # image QR (native_qr = false) and rare characters
    assert "已打印" in capsys.readouterr().out


def test_print_receipt_from_json_with_preview(emu, config, tmp_path):
    d = dataclasses.asdict(sample_receipt(tracking_no=None))
    d["submitted_at"] = d["submitted_at"].isoformat()
    f = tmp_path / "r.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    png = tmp_path / "r.png"
    assert run("print", "receipt", str(f), "--config", config, "--preview", str(png)) == 0
    [job] = emu.wait_for_print_jobs(1)
    text = decode(bytes(job.data), "gbk").text
    assert "待提交" in text and "110105194912310021" not in text
    assert png.stat().st_size > 1000


def test_bad_receipt_file_is_a_usage_error(config, tmp_path, capsys):
    f = tmp_path / "bad.json"
    f.write_text('{"hall": "x"}', encoding="utf-8")
    assert run("print", "receipt", str(f), "--config", config) == 64


@pytest.mark.parametrize("state,code", [("paper_out", 5), ("cover_open", 5), ("offline", 5),
                                        ("silent", 3)])
def test_not_ready_exits_with_reason_and_sends_nothing(emu, config, capsys, state, code):
    emu.set_state(state)
    assert run("print", "test", "--config", config) == code
    err = capsys.readouterr().err
    assert "not printed" in err and "未打印" in err
    assert emu.print_jobs == []


def test_unreachable_exits_3(config, capsys):
    assert run("print", "status", "--config", config, "--printer", "tcp://127.0.0.1:9") == 3
    assert run("print", "test", "--config", config, "--printer", "tcp://127.0.0.1:9") == 3


def test_status_json(emu, config, capsys):
    emu.set_state("near_end")
    assert run("print", "status", "--config", config, "--json") == 0
    got = json.loads(capsys.readouterr().out)
    assert got["state"] == "near_end" and got["printable"] is True
    assert got["answers"] == {"1": "0x12", "2": "0x12", "3": "0x12", "4": "0x1e"}
    emu.set_state("cover_open")
    assert run("print", "status", "--config", config) == 5
    assert "cover_open" in capsys.readouterr().out


def test_emulate_printer_prints_its_url_first_and_records(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "emulate", "printer",
                             "--state", "near_end", "--out", str(tmp_path)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("tcp://127.0.0.1:")
        p = ReceiptPrinter(url, PrinterProfile(), status_timeout=1)
        assert p.status().state.value == "near_end"
        assert p.print_bytes(b"\x1b@hello\n").printed
        line = proc.stdout.readline()
        assert line.startswith("job ") and "bytes" in line
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 0
    [f] = tmp_path.iterdir()
    assert b"hello" in f.read_bytes()


def test_emulate_printer_on_a_pty():
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "emulate", "printer",
                             "--serial", "--state", "cover_open"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("serial:///dev/")
        p = ReceiptPrinter(url, PrinterProfile(), status_timeout=1)
        assert p.status().state.value == "cover_open"
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 0
