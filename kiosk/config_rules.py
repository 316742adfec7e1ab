"""Rules kiosk.toml checks that need no heavy import (config is parsed before the first paint)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_PIN_HASH = re.compile(r"argon2id\$m=(\d+),t=(\d+),p=(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})")


def is_loopback_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "::1") or host.startswith("127."):
        return host == "localhost" or host == "::1" or all(p.isdigit() and int(p) < 256 for p in host.split("."))
    return False


def pin_hash_problem(stored: str) -> tuple[str, str] | None:
    """Why a technician_pin_hash or staff_pin_hash is not acceptable (an old pbkdf2 hash, weak parameters), else None."""
    if stored.startswith("pbkdf2_sha256$"):
        return ("an old pbkdf2 hash (fast to guess, and its PIN may be 4 digits); make a new one with "
                "`kiosk pin-hash`", "旧格式的 PIN 哈希（易被破解），请用 kiosk pin-hash 重新生成")
    m = _PIN_HASH.fullmatch(stored)
    if not m:
        return ("not a PIN hash made by `kiosk pin-hash` (argon2id$m=…,t=…,p=…$salt$hash)",
                "不是 kiosk pin-hash 生成的 PIN 哈希")
    mem, t, p = (int(x) for x in m.groups()[:3])
    if mem < 19456 or t < 2 or not 1 <= p <= 16 or mem > 1 << 21 or t > 20:
        return ("Argon2id parameters too weak or out of range; make a new hash with `kiosk pin-hash`",
                "Argon2id 参数过弱或超出范围，请重新生成")
    return None
