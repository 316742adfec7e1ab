"""Technician access: PIN rules and hashing, verification with lockout, and the audit log.

PINs are 6–12 digits and not trivially guessable (all one digit, a run up or
down). The hash is Argon2id (RFC 9106: 64 MiB, 3 passes, 4 lanes) from
`cryptography`: about 0.3 s a guess a core and memory-hard, where the old
pbkdf2 at 200k iterations allowed some 24 guesses a second and 10^4 PINs fell
in minutes. The lockout file is checked for tampering (a negative count, a
lock in the far future, NaN) and the audit log is hash-chained (audit.py).
"""
from __future__ import annotations

import hmac
import json
import math
import os
import time
from pathlib import Path

from kiosk.audit import AuditLog
from kiosk.config_rules import _PIN_HASH as _HASH_RE, pin_hash_problem

MAX_FAILURES = 5
LOCKOUT_S = 300
PIN_MIN, PIN_MAX = 6, 12
ARGON2 = {"memory_cost": 65536, "iterations": 3, "lanes": 4}   # RFC 9106, second recommended option

__all__ = ["AuditLog", "StaffGate", "TechnicianGate", "check_pin", "hash_pin", "pin_problem", "pin_hash_problem",
           "MAX_FAILURES", "LOCKOUT_S"]


def pin_problem(pin: str) -> tuple[str, str] | None:
    """(en, zh) when `pin` breaks the PIN rules, else None."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        return (f"the PIN must be {PIN_MIN} to {PIN_MAX} digits", f"PIN 必须是 {PIN_MIN} 到 {PIN_MAX} 位数字")
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    if len(set(pin)) == 1 or steps in ({1}, {-1}):
        return ("the PIN is too easy to guess (one digit repeated, or a run such as 123456)",
                "PIN 过于简单（同一数字重复或连续数字，如 123456）")
    return None


def _derive(pin: str, salt: bytes, m: int, t: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    return Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(pin.encode())


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem[0])
    salt = salt or os.urandom(16)
    m, t, p = ARGON2["memory_cost"], ARGON2["iterations"], ARGON2["lanes"]
    return f"argon2id$m={m},t={t},p={p}${salt.hex()}${_derive(pin, salt, m, t, p).hex()}"


def check_pin(pin: str, stored: str) -> bool:
    m = _HASH_RE.fullmatch(stored or "")
    if not m or pin_hash_problem(stored):
        return False
    mem, t, p = (int(x) for x in m.groups()[:3])
    digest = _derive(pin, bytes.fromhex(m.group(4)), mem, t, p)
    return hmac.compare_digest(digest.hex(), m.group(5))


class TechnicianGate:
    """PIN check with lockout after MAX_FAILURES; every attempt goes to the audit log."""

    LOCK_FILE = "technician-lock.json"      # beside the audit log
    # The audit actions of: a right PIN, a wrong one, one refused while locked, the lockout, a bad lock file.
    EVENTS = {"ok": "login_ok", "failed": "login_failed", "refused": "login_refused_locked",
              "locked": "locked_out", "invalid": "lock_file_invalid"}

    def __init__(self, stored_hash: str, audit_path: Path, clock=time.time):
        self.stored_hash = stored_hash
        self.audit = AuditLog(audit_path)
        # Failures and the lockout survive a restart: pulling the plug must not reset them.
        # Hence wall-clock time, and a small file beside the audit log.
        self.state_path = Path(audit_path).with_name(self.LOCK_FILE)
        self.clock = clock
        self.failures = 0
        self.locked_until = 0.0
        self._loaded = False      # read on first use, on the worker lane that checks PINs

    @property
    def locked(self) -> bool:
        self._load()
        return self.clock() < self.locked_until

    def lock_remaining_s(self) -> float:
        """Seconds until PINs are accepted again (0: not locked). Reads the state file on first use."""
        self._load()
        return max(0.0, self.locked_until - self.clock())

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        now = self.clock()
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            failures, until = state["failures"], state["locked_until"]
            # bool is an int, NaN compares false with everything, a negative count never locks:
            # anything a person could have edited in counts as tampering.
            if (isinstance(failures, bool) or not isinstance(failures, int) or not 0 <= failures < MAX_FAILURES
                    or isinstance(until, bool) or not isinstance(until, (int, float)) or not math.isfinite(until)
                    or until > now + LOCKOUT_S + 5):
                raise ValueError("tampered")
            self.failures, self.locked_until = failures, float(until)
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # Unreadable or edited: lock for the full period rather than open the door.
            self.locked_until = now + LOCKOUT_S
            self.audit.write(self.EVENTS["invalid"])

    def _save(self) -> None:
        self.state_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"failures": self.failures, "locked_until": self.locked_until}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state_path)

    def try_pin(self, pin: str) -> bool:
        if self.locked:
            self.audit.write(self.EVENTS["refused"])
            return False
        if self.stored_hash and check_pin(pin, self.stored_hash):
            if self.failures:
                self.failures = 0
                self._save()
            self.audit.write(self.EVENTS["ok"])
            return True
        self.failures += 1
        self.audit.write(self.EVENTS["failed"], failures=self.failures)
        if self.failures >= MAX_FAILURES:
            self.locked_until = self.clock() + LOCKOUT_S
            self.failures = 0
            self.audit.write(self.EVENTS["locked"], seconds=LOCKOUT_S)
        self._save()
        return False


class StaffGate(TechnicianGate):
    """The hall staff's PIN ([kiosk] staff_pin_hash) for 工作人员核验: the same checks and lockout,
    its own lock file and audit actions. It opens no maintenance screen; a right PIN is written
    as "staff_verified_identity" (the kiosk and the time, never whose identity)."""

    LOCK_FILE = "staff-lock.json"
    EVENTS = {"ok": "staff_verified_identity", "failed": "staff_pin_failed",
              "refused": "staff_pin_refused_locked", "locked": "staff_pin_locked_out",
              "invalid": "staff_lock_file_invalid"}
