"""Technician PIN: stored hashed, made with `kiosk pin-hash`, locked out after 5 failures."""
import os
import subprocess
import sys
from pathlib import Path

from kiosk.technician import MAX_FAILURES, TechnicianGate, check_pin, hash_pin

ROOT = Path(__file__).resolve().parent.parent


def pin_hash_cli(pin: str):
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", "pin-hash", "--stdin"], input=pin + "\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60, env=dict(os.environ))


def test_pin_hash_cli_makes_a_hash_that_checks_and_hides_the_pin():
    r = pin_hash_cli("135790")
    assert r.returncode == 0, r.stderr
    stored = r.stdout.strip()
    assert "135790" not in stored and stored.startswith("pbkdf2_sha256$")
    assert check_pin("135790", stored) and not check_pin("135791", stored)
    assert hash_pin("135790") != hash_pin("135790")          # salted


def test_pin_hash_cli_refuses_a_bad_pin():
    r = pin_hash_cli("12ab")
    assert r.returncode == 64 and "PIN" in r.stderr and "错误" in r.stderr


def test_lockout_after_five_failures_then_open_again(tmp_path):
    now = [1000.0]
    gate = TechnicianGate(hash_pin("918273"), tmp_path / "audit.log", clock=lambda: now[0])
    for _ in range(MAX_FAILURES):
        assert not gate.try_pin("564738")
    assert gate.locked and not gate.try_pin("918273")
    now[0] += 301
    assert not gate.locked and gate.try_pin("918273")
    audit = (tmp_path / "audit.log").read_text(encoding="utf-8")
    assert "918273" not in audit and "564738" not in audit      # PINs never reach the audit log
    assert audit.count("login_failed") == MAX_FAILURES and "login_refused_locked" in audit
