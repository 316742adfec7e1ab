"""`kiosk pin-hash`: make a PIN hash for kiosk.toml, the technician's or the hall staff's (the PIN is never stored)."""
from __future__ import annotations

import getpass
import sys

from kiosk.technician import hash_pin, pin_problem


def register(sub) -> None:
    p = sub.add_parser("pin-hash", help="hash a PIN for [kiosk] technician_pin_hash or staff_pin_hash")
    p.add_argument("--stdin", action="store_true", help="read the PIN from standard input")
    p.set_defaults(func=run)


def run(args) -> int:
    pin = sys.stdin.readline().strip() if args.stdin else getpass.getpass("PIN: ")
    problem = pin_problem(pin)
    if problem:
        print(f"error: {problem[0]}\n错误：{problem[1]}", file=sys.stderr)
        return 64
    print(hash_pin(pin))
    return 0
