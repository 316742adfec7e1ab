"""`kiosk`: the technician's and scripts' command line. `kiosk` alone = `kiosk run`."""
from __future__ import annotations

import argparse
import importlib
import sys

from kiosk.cli.common import EXIT_CODES_HELP

# Each module registers one top-level subcommand with `register(subparsers)`
# and sets `func` on its parser; func(args) returns the exit code.
COMMAND_MODULES = [
    "run", "doctor", "devices", "card", "camera", "print_cmd", "queue", "submit",
    "catalog", "progress", "gateway_sim", "emulate", "pin_hash", "voice", "print_doc",
]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """All subcommands, or with `only` just that one (start-up speed: `kiosk run`
    should not import every device library)."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="政务服务自助终端 — self-service terminal for government service halls.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = COMMAND_MODULES
    if only and only.replace("-", "_") in COMMAND_MODULES:
        names = [only.replace("-", "_")]
    elif only == "print":
        names = ["print_cmd"]
    for name in names:
        module_name = f"kiosk.cli.cmd_{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:   # not written yet; anything else is a real error
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("--config"):
        argv = ["run", *argv]
    parser = build_parser(only=argv[0] if not argv[0].startswith("-") else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 64
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
