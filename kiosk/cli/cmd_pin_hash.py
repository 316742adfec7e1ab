"""`kiosk pin-hash`: make the technician PIN hash for kiosk.toml (the PIN is never stored)."""
from __future__ import annotations

import getpass
import sys

from kiosk.technician import hash_pin


def register(sub) -> None:
    p = sub.add_parser("pin-hash", help="hash a technician PIN for [kiosk] technician_pin_hash")
    p.add_argument("--stdin", action="store_true", help="read the PIN from standard input")
    p.set_defaults(func=run)


def run(args) -> int:
    pin = sys.stdin.readline().strip() if args.stdin else getpass.getpass("PIN: ")
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        print("error: the PIN must be 4 to 12 digits\n错误：PIN 必须是 4 到 12 位数字", file=sys.stderr)
        return 64
    print(hash_pin(pin))
    return 0
