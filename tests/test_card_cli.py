"""`kiosk card read` and `kiosk emulate id-reader`: JSON keys, masking, exit codes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.id_reader.cards import CARDS_DIR
from drivers.id_reader.emulator import IdReaderEmulator
from kiosk.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
BASE_KEYS = ["card_type", "name", "gender", "ethnicity", "birth_date", "address", "id_number",
             "issuer", "valid_from", "valid_until"]


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main(["card", "read", *argv])
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("stem, extra", [
    ("resident", set()),
    ("resident_long_term", {"appended_address"}),
    ("permit_hk", {"pass_number", "issue_count"}),
    ("foreign_2017", {"english_name", "chinese_name", "nationality", "spec_version"}),
    ("foreign_2023", {"english_name", "chinese_name", "nationality", "issue_count"}),
])
def test_json_keys_and_masking(capsys, stem, extra):
    card = json.loads((CARDS_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    with IdReaderEmulator(card) as emu:
        code, out, err = run(capsys, "--port", emu.path, "--json", "--timeout", "2")
    assert code == 0, err
    data = json.loads(out)
    assert list(data)[:len(BASE_KEYS)] == BASE_KEYS
    assert set(data) - set(BASE_KEYS) == extra
    assert data["card_type"] == card["card_type"]
    assert card["id_number"] not in out and card["name"] not in out
    assert data["id_number"] != card["id_number"] and "*" in data["name"]


def test_reveal_and_long_term(capsys):
    card = json.loads((CARDS_DIR / "resident_long_term.json").read_text(encoding="utf-8"))
    with IdReaderEmulator(card) as emu:
        code, out, _ = run(capsys, "--port", emu.path, "--json", "--reveal")
    data = json.loads(out)
    assert code == 0 and data["id_number"] == card["id_number"] and data["name"] == "赵桂兰"
    assert data["valid_until"] is None and data["gender"] == "female" and data["ethnicity"] == "满"
    assert data["birth_date"] == "1955-11-02"


def test_human_output_is_masked(capsys):
    with IdReaderEmulator(CARDS_DIR / "resident.json") as emu:
        code, out, _ = run(capsys, "--port", emu.path)
    assert code == 0 and "李*华" in out and "230102198506151234" not in out


def test_no_card_exits_2(capsys):
    with IdReaderEmulator(None) as emu:
        code, _, err = run(capsys, "--port", emu.path, "--timeout", "0.5")
    assert code == 2 and "no card" in err and "超时未读到卡" in err


def test_missing_port_exits_3(capsys):
    code, _, err = run(capsys, "--port", "/dev/no-such-reader", "--timeout", "0.5")
    assert code == 3 and "cannot be opened" in err


def test_silent_reader_exits_3(capsys):
    with IdReaderEmulator(CARDS_DIR / "resident.json", silent=True) as emu:
        code, _, err = run(capsys, "--port", emu.path, "--timeout", "0.5")
    assert code == 3


def test_sw3_error_exits_4_naming_its_meaning(capsys):
    with IdReaderEmulator(CARDS_DIR / "resident.json", read_sw3=0x31) as emu:
        code, _, err = run(capsys, "--port", emu.path, "--timeout", "1")
    assert code == 4 and "card failed to authenticate the SAM" in err and "证/卡认证机具失败" in err


def test_check_digit_failure_exits_4(capsys):
    card = json.loads((CARDS_DIR / "resident.json").read_text(encoding="utf-8"))
    card["id_number"] = "230102198506151230"
    with IdReaderEmulator(card) as emu:
        code, out, err = run(capsys, "--port", emu.path, "--timeout", "1")
    assert code == 4 and "GB 11643" in err and "230102198506151230" not in out + err


def test_emulate_id_reader_prints_the_pty_and_keeps_the_link(tmp_path):
    link = tmp_path / "idr"
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "emulate", "id-reader",
                             "--card", str(CARDS_DIR / "permit_hk.json"), "--link", str(link)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        assert first.startswith("/dev/pts/") and os.path.realpath(link) == first
        out = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "card", "read", "--port", str(link),
                              "--json", "--reveal", "--timeout", "3"], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["pass_number"] == "H12345678"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
    assert proc.returncode == 0 and not link.exists()
