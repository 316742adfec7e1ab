"""What every `kiosk` subcommand shares: --config, --json, exit codes, output."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.config import Config, ConfigError, load_config

# Exit codes (documented in `kiosk --help`).
OK = 0
FAILED = 1            # the command ran and something it checked is not fine
NOT_FOUND = 2         # nothing found within the timeout (no card, no QR, no face)
DEVICE_MISSING = 3    # device or gateway missing / unreachable / not answering
PROTOCOL_ERROR = 4    # the device answered with an error (the message says which)
NOT_READY = 5         # printer not ready: nothing was sent
USAGE = 64            # bad arguments or bad input file
IO_ERROR = 74         # the data directory cannot be written (disk full, read-only, no space for the WAL)
CONFIG = 78           # kiosk.toml is missing or invalid, or the outbox key file it names

EXIT_CODES_HELP = """exit codes:
  0   it worked
  1   the command ran and a check failed (doctor), or an unexpected error
  2   nothing found within the timeout (no card, no QR code, no face)
  3   device or gateway missing, unreachable or not answering
  4   the device answered with a protocol or card error (the message names it)
  5   printer not ready; nothing was sent (the message says why)
  64  bad arguments or input file (not UTF-8, too large, not a regular file, nested too deeply)
  74  the data directory cannot be written: disk full or read-only (the message names it)
  78  kiosk.toml missing or invalid, or the outbox key file missing (the message names the file)
"""


def add_config_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="PATH",
                   help="kiosk.toml to use (default: $KIOSK_CONFIG, then ./kiosk.toml)")


def add_json_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


def config_from(args: argparse.Namespace) -> Config:
    """Load the configuration or exit 78 with the bilingual reason."""
    try:
        return load_config(getattr(args, "config", None))
    except ConfigError as exc:
        fail(CONFIG, exc.en, exc.zh, where=f"{exc.file} [{exc.key}]" if exc.key else exc.file)
        raise  # unreachable


def print_json(obj: Any) -> None:
    import json   # here, not at import: `kiosk run` never prints JSON (start-up time)
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def fail(code: int, en: str, zh: str = "", where: str = "") -> "NoReturn":  # noqa: F821
    prefix = f"{where}: " if where else ""
    msg = f"error: {prefix}{en}"
    if zh:
        msg += f"\n错误：{prefix}{zh}"
    print(msg, file=sys.stderr)
    raise SystemExit(code)
