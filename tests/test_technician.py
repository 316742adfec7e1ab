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
    assert "135790" not in stored and stored.startswith("argon2id$")
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


def test_failures_and_the_lockout_survive_a_restart(tmp_path):
    now = [1_800_000_000.0]
    clock = lambda: now[0]   # noqa: E731
    stored = hash_pin("918273")
    first = TechnicianGate(stored, tmp_path / "audit.log", clock=clock)
    for _ in range(MAX_FAILURES - 2):
        assert not first.try_pin("000000")
    # The kiosk is restarted (or its plug pulled): the count goes on from where it was.
    second = TechnicianGate(stored, tmp_path / "audit.log", clock=clock)
    assert not second.locked
    assert not second.try_pin("000000") and not second.locked
    assert not second.try_pin("000000") and second.locked
    third = TechnicianGate(stored, tmp_path / "audit.log", clock=clock)
    assert third.locked and not third.try_pin("918273")        # still locked after another restart
    assert oct(third.state_path.stat().st_mode & 0o777) == "0o600"
    assert "918273" not in third.state_path.read_text() and "000000" not in third.state_path.read_text()
    now[0] += 301
    assert TechnicianGate(stored, tmp_path / "audit.log", clock=clock).try_pin("918273")


def test_an_unreadable_lock_file_keeps_the_door_shut(tmp_path):
    (tmp_path / "technician-lock.json").write_text("{not json", encoding="utf-8")
    gate = TechnicianGate(hash_pin("918273"), tmp_path / "audit.log", clock=lambda: 5000.0)
    assert gate.locked and not gate.try_pin("918273")


# --- issue 13 #10, #11: PIN rules, KDF, lock-file tampering, a tamper-evident audit log ----------

import json  # noqa: E402

import pytest  # noqa: E402


@pytest.mark.parametrize("pin", ["1234", "2468", "12345", "111111", "123456", "987654"])
def test_short_or_trivial_pins_are_refused(pin):
    r = pin_hash_cli(pin)
    assert r.returncode == 64 and "错误" in r.stderr
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_the_hash_is_argon2id_and_an_old_pbkdf2_hash_is_refused_by_the_config(tmp_path):
    import hashlib
    import time as _t

    from kiosk.config import ConfigError, parse_config
    t0 = _t.perf_counter()
    stored = hash_pin("918273")
    assert stored.startswith("argon2id$m=65536,t=3,p=4$") and _t.perf_counter() - t0 > 0.05  # not cheap
    old = "pbkdf2_sha256$200000$" + "00" * 16 + "$" + hashlib.pbkdf2_hmac("sha256", b"1234", bytes(16), 1).hex()
    with pytest.raises(ConfigError) as e:
        parse_config(f'[kiosk]\ntechnician_pin_hash = "{old}"\n', tmp_path / "kiosk.toml")
    assert "kiosk pin-hash" in e.value.en and e.value.zh
    assert not check_pin("1234", old)


@pytest.mark.parametrize("state", [{"failures": -1000000, "locked_until": 0}, {"failures": 2, "locked_until": "NaN"},
                                   {"failures": True, "locked_until": 0}, {"failures": 0, "locked_until": 1e300},
                                   "[" * 50000 + "]" * 50000])
def test_a_tampered_lock_file_keeps_the_door_shut(tmp_path, state):
    text = state if isinstance(state, str) else json.dumps(state).replace('"NaN"', "NaN")
    (tmp_path / "technician-lock.json").write_text(text, encoding="utf-8")
    gate = TechnicianGate(hash_pin("918273"), tmp_path / "audit.log", clock=lambda: 5000.0)
    assert gate.locked and not gate.try_pin("918273")
    assert "lock_file_invalid" in (tmp_path / "audit.log").read_text(encoding="utf-8")


def test_the_audit_log_is_chained_private_and_an_edit_is_found(tmp_path):
    from kiosk.audit import verify_chain
    gate = TechnicianGate(hash_pin("918273"), tmp_path / "audit.log", clock=lambda: 5000.0)
    gate.try_pin("000001")
    gate.try_pin("918273")
    gate.audit.write("maintenance:test_print")
    path = tmp_path / "audit.log"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    ok, detail, head = verify_chain(path)
    assert ok and "3 chained" in detail and len(head) == 64
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0].replace("login_failed", "login_ok")] + lines[1:]) + "\n", encoding="utf-8")
    ok, detail, _ = verify_chain(path)
    assert not ok and "line 1" in detail
    path.write_text("\n".join([lines[0], lines[2]]) + "\n", encoding="utf-8")        # a line removed
    assert not verify_chain(path)[0]
