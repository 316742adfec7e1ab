"""Technician access: PIN hashing, verification with lockout, and the audit log."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from pathlib import Path

ITERATIONS = 200_000
MAX_FAILURES = 5
LOCKOUT_S = 300


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        algo, iters, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return False
    if algo != "pbkdf2_sha256":
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(iters))
    return hmac.compare_digest(digest.hex(), hash_hex)


class TechnicianGate:
    """PIN check with lockout after MAX_FAILURES; every attempt goes to the audit log."""

    def __init__(self, stored_hash: str, audit_path: Path, clock=time.time):
        self.stored_hash = stored_hash
        self.audit = AuditLog(audit_path)
        # Failures and the lockout survive a restart: pulling the plug must not reset them.
        # Hence wall-clock time, and a small file beside the audit log.
        self.state_path = Path(audit_path).with_name("technician-lock.json")
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
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            self.failures = int(state.get("failures", 0))
            self.locked_until = float(state.get("locked_until", 0.0))
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, AttributeError):
            # Unreadable: lock for the full period rather than open the door.
            self.locked_until = self.clock() + LOCKOUT_S

    def _save(self) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"failures": self.failures, "locked_until": self.locked_until}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state_path)

    def try_pin(self, pin: str) -> bool:
        if self.locked:
            self.audit.write("login_refused_locked")
            return False
        if self.stored_hash and check_pin(pin, self.stored_hash):
            if self.failures:
                self.failures = 0
                self._save()
            self.audit.write("login_ok")
            return True
        self.failures += 1
        self.audit.write("login_failed", failures=self.failures)
        if self.failures >= MAX_FAILURES:
            self.locked_until = self.clock() + LOCKOUT_S
            self.failures = 0
            self.audit.write("locked_out", seconds=LOCKOUT_S)
        self._save()
        return False


class AuditLog:
    """Append-only JSON lines of technician actions (no personal data)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def write(self, action: str, **detail) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "action": action, **detail},
                          ensure_ascii=False)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())
