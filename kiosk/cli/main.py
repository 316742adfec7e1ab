"""`kiosk`: the technician's and scripts' command line. `kiosk` alone = `kiosk run`."""
from __future__ import annotations

import argparse
import importlib
import os
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
    # Files the kiosk makes (logs, audit, queue, caches) are the kiosk user's alone: 0600 / 0700.
    os.umask(0o077)
    for stream in (sys.stdout, sys.stderr):   # a name or path that cannot be encoded never crashes a print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from kiosk.cli.errors import bad_argument, report
    bad = bad_argument(argv)
    if bad is not None:
        print(f"error: an argument is not valid UTF-8: {bad}\n错误：参数不是有效的 UTF-8 文本", file=sys.stderr)
        return 64
    if not argv or argv[0].startswith("--config"):
        argv = ["run", *argv]
    try:
        parser = build_parser(only=argv[0] if not argv[0].startswith("-") else None)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 64
        return int(args.func(args) or 0)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:   # noqa: BLE001  the last line of defence: a message and a documented code
        return report(exc)


if __name__ == "__main__":
    raise SystemExit(main())
