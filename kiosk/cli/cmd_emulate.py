"""`kiosk emulate id-reader|printer|smartcard`: protocol-level emulators as a product feature.

Each emulator prints its address (pty path, port, reader) as its first line
and runs until Ctrl+C / SIGTERM.
"""
from __future__ import annotations

import importlib

# Each module adds one `kiosk emulate <kind>` parser with `register(subparsers)`.
EMULATOR_MODULES = ["emu_id_reader", "emu_smartcard", "emu_printer"]


def register(sub) -> None:
    p = sub.add_parser("emulate", help="run a device emulator (ID reader, printer, smart card)")
    emu = p.add_subparsers(dest="emulator", metavar="KIND", required=True)
    for name in EMULATOR_MODULES:
        module_name = f"kiosk.cli.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        module.register(emu)
