"""Shared by the outbox/submit tests: a kiosk.toml in a temp folder pointing at a given gateway."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESIDENT_CARD = REPO / "assets" / "cards" / "resident.json"
# The demo card's person (fictitious, valid check digit).
ID_NUMBER = "230102198506151234"
NAME = "李明华"
ITEM = "230100-GA-002"                 # phone + purpose, no materials, offline allowed
FIELDS = {"phone": "13800138000", "purpose": "就业"}
ITEM_WITH_PHOTO = "230100-RS-002"


def write_config(folder: Path, gateway_url: str, timeout_s: float = 2, **queue) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    q = {"key_file": str(folder / "var" / "queue.key"), "lease_s": 5, "max_backoff_s": 2, **queue}
    qlines = "\n".join(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in q.items())
    text = f"""
[kiosk]
id = "TEST-001"
region = "230100"
data_dir = "{folder / 'var'}"

[gateway]
url = "{gateway_url}"
timeout_s = {timeout_s}
wait_tracking_s = 5

[queue]
{qlines}

[catalog]
seed = "{REPO / 'assets' / 'catalog' / 'seed.json'}"

[devices.id_reader]
driver = "emulated"
card = "{RESIDENT_CARD}"
"""
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path
