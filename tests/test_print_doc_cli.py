"""`kiosk print-doc` and the doctor's A4 checks, run as a technician runs them, against a private cupsd."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cups_helpers import pdftotext, private_cups  # noqa: F401 (fixture)
from drivers.document_printer import PrivateCups

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def target(pc):
    return ["--server", pc.server, "--queue", pc.queue]


def test_status_test_page_and_jobs(private_cups):
    r = cli("print-doc", "status", *target(private_cups), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["printable"] is True
    r = cli("print-doc", "test", *target(private_cups))
    assert r.returncode == 0 and "已打印" in r.stdout, r.stderr
    assert "A4 打印测试页" in pdftotext(private_cups.received()[0][1])
    r = cli("print-doc", "jobs", *target(private_cups), "--json")
    jobs = json.loads(r.stdout)["jobs"]
    assert jobs[0]["state"] == "completed" and jobs[0]["name"] == "tongban-TESTPAGE"


def test_out_of_paper_is_exit_5_and_nothing_sent(private_cups):
    private_cups.set_condition("media-empty")
    r = cli("print-doc", "status", *target(private_cups))
    assert r.returncode == 5 and "media_empty" in r.stdout and "缺纸" in r.stdout
    r = cli("print-doc", "test", *target(private_cups))
    assert r.returncode == 5 and "缺纸" in r.stderr and "Traceback" not in r.stderr
    assert private_cups.received() == []


def test_a_jam_during_the_test_page_is_exit_1(private_cups):
    private_cups.set_condition("jam")
    r = cli("print-doc", "test", *target(private_cups))
    assert r.returncode == 1 and "卡纸" in r.stderr


def test_cups_not_running_is_exit_3_with_a_clear_message(tmp_path):
    for action in ("status", "test", "jobs"):
        r = cli("print-doc", action, "--server", str(tmp_path / "none.sock"), "--queue", "q")
        assert r.returncode == 3, (action, r.stdout, r.stderr)
        out = r.stdout + r.stderr
        assert "CUPS" in out and "Traceback" not in out


def _config(tmp_path, server: str, queue: str = "kiosk-a4") -> Path:
    p = tmp_path / "kiosk.toml"
    p.write_text(f'[kiosk]\ndata_dir = "{tmp_path}/var"\n[queue]\nkey_file = "{tmp_path}/var/q.key"\n'
                 f'[devices.document_printer]\ndriver = "cups"\nserver = "{server}"\nqueue = "{queue}"\n',
                 encoding="utf-8")
    return p


def _doctor_checks(path) -> dict:
    r = cli("doctor", "--config", str(path), "--json", "--device-timeout", "3")
    return {c["check"]: c for c in json.loads(r.stdout)["checks"]}


def test_doctor_passes_a_cups_that_keeps_no_files(private_cups, tmp_path):
    checks = _doctor_checks(_config(tmp_path, private_cups.server))
    assert checks["document_printer:cups"]["ok"]
    assert checks["document_printer:queue"]["ok"]
    assert checks["document_printer:preserve_job_files"]["ok"]
    assert checks["device:document_printer"]["ok"]


def test_doctor_fails_a_cups_that_keeps_job_files_and_says_how_to_set_it(tmp_path):
    with PrivateCups(preserve_job_files="Yes") as pc:
        checks = _doctor_checks(_config(tmp_path, pc.server))
    c = checks["document_printer:preserve_job_files"]
    assert not c["ok"] and "PreserveJobFiles Yes" in c["detail"]
    assert "PreserveJobFiles No" in c["hint"] and "cupsd.conf" in c["hint"]


def test_doctor_fails_when_cups_is_not_running(tmp_path):
    path = _config(tmp_path, str(tmp_path / "none.sock"))
    r = cli("doctor", "--config", str(path), "--device-timeout", "3")
    assert r.returncode == 1
    line = next(x for x in r.stdout.splitlines() if "document_printer:cups" in x)
    assert line.startswith("[FAIL]") and "cannot be reached" in line
    assert "systemctl start cups" in r.stdout


def test_doctor_fails_without_trust_roots(tmp_path):
    path = _config(tmp_path, str(tmp_path / "none.sock"))
    assert not _doctor_checks(path)["documents:trust_roots"]["ok"]
