"""`kiosk print test|receipt|status`: the receipt printer from the command line.

Exit 0 printed (or ready); 5 not ready — the printer answered paper out, cover
open, offline or error, and nothing was sent; 3 unreachable or not answering;
1 sent but the printer reported a problem afterwards (receipt may be incomplete).
"""
from __future__ import annotations

import json
import sys

from drivers.printer import PrinterProfile, PrinterStatus, ReceiptPrinter
from drivers.printer.emulator import PrinterEmulator
from drivers.printer.testpage import build_test_page
from kiosk.cli.common import (DEVICE_MISSING, FAILED, NOT_READY, OK, USAGE, add_config_arg,
                              add_json_arg, print_json)
from kiosk.config import ConfigError, load_config
from kiosk.receipt import ReceiptData, build_receipt_bytes


def register(sub) -> None:
    p = sub.add_parser("print", help="receipt printer: test page, print a receipt, status")
    cmds = p.add_subparsers(dest="print_command", metavar="ACTION", required=True)

    def common(q):
        add_config_arg(q)
        q.add_argument("--printer", metavar="URL",
                       help="tcp://HOST:9100, serial:///dev/ttyUSB0?baudrate=9600, "
                            "usb://VID:PID, file:///dev/usb/lp0 (default: kiosk.toml)")

    t = cmds.add_parser("test", help="print a test page (Chinese text, QR code, barcode)")
    common(t)
    t.add_argument("--preview", metavar="PNG", help="also save a picture of the bytes sent")
    t.set_defaults(func=run_test)
    r = cmds.add_parser("receipt", help="print a receipt from a JSON file (ReceiptData fields)")
    r.add_argument("file", metavar="FILE.json")
    common(r)
    r.add_argument("--preview", metavar="PNG", help="also save a picture of the bytes sent")
    r.set_defaults(func=run_receipt)
    s = cmds.add_parser("status", help="ask the printer (DLE EOT) and report its state")
    common(s)
    add_json_arg(s)
    s.set_defaults(func=run_status)


def _settings(args) -> tuple[str, PrinterProfile, float]:
    """URL, profile and status timeout from kiosk.toml, the URL overridden by --printer."""
    try:
        pc = load_config(getattr(args, "config", None)).devices.printer
        url, profile, timeout = pc.url, PrinterProfile.from_config(pc), pc.status_timeout_s
    except ConfigError as exc:
        if not args.printer:
            print(f"error: {exc.en}\n错误：{exc.zh}", file=sys.stderr)
            raise SystemExit(78)
        url, profile, timeout = args.printer, PrinterProfile(), 2.0
    return args.printer or url, profile, timeout


def _printer(args) -> tuple[ReceiptPrinter, PrinterEmulator | None]:
    url, profile, timeout = _settings(args)
    emulator = None
    if url.startswith("emulated:"):   # handy for trying the command with no printer
        emulator = PrinterEmulator().start()
        url = emulator.url
    try:
        return ReceiptPrinter(url, profile, status_timeout=timeout), emulator
    except ValueError as exc:
        if emulator:
            emulator.stop()
        print(f"error: bad printer URL: {exc}\n错误：打印机地址无效", file=sys.stderr)
        raise SystemExit(USAGE)


def _not_ready_code(st: PrinterStatus) -> int:
    return NOT_READY if st.answered else DEVICE_MISSING


def _print(args, payload: bytes) -> int:
    printer, emulator = _printer(args)
    try:
        if getattr(args, "preview", None):
            from drivers.printer.preview import save_preview
            save_preview(payload, args.preview, printer.profile)
        result = printer.print_bytes(payload)
    finally:
        if emulator:
            emulator.stop()
    if result.printed:
        print(f"printed {len(payload)} bytes ({result.status.state.value})\n已打印")
        return OK
    msg = f"error: {result.reason_en}\n错误：{result.reason_zh}"
    print(msg, file=sys.stderr)
    if result.sent:
        return FAILED
    return _not_ready_code(result.before)


def run_test(args) -> int:
    return _print(args, build_test_page(_settings(args)[1]))


def run_receipt(args) -> int:
    from kiosk.safe_files import read_regular_file
    try:
        raw = json.loads(read_regular_file(args.file, 1_000_000).decode("utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        data = ReceiptData.from_dict(raw)
    except (OSError, ValueError, TypeError, RecursionError) as exc:
        print(f"error: {args.file}: {exc}\n错误：回执文件无法读取或格式不对", file=sys.stderr)
        return USAGE
    return _print(args, build_receipt_bytes(data, _settings(args)[1]))


def run_status(args) -> int:
    printer, emulator = _printer(args)
    try:
        st = printer.status()
    finally:
        if emulator:
            emulator.stop()
    if args.json:
        print_json({"printer": str(printer.url), **st.as_dict()})
    else:
        print(f"{printer.url}: {st.state.value} — {st.reason_en} / {st.reason_zh}")
    if st.printable:
        return OK
    return _not_ready_code(st)
