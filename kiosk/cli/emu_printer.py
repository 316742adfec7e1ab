"""`kiosk emulate printer`: a TCP receipt printer on 127.0.0.1 that records bytes
and answers DLE EOT status. Prints its URL first; one line per job after."""
from __future__ import annotations

import signal
import sys
import threading

from drivers.printer.emulator import STATES, PrinterEmulator, SerialPrinterEmulator


def register(sub) -> None:
    p = sub.add_parser("printer", help="TCP receipt printer emulator (ESC/POS, DLE EOT status)")
    p.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any free port)")
    p.add_argument("--state", choices=STATES, default="ok",
                   help="what DLE EOT answers (silent = no answer at all)")
    p.add_argument("--out", metavar="DIR", help="write each print job to DIR/job-NNNN.bin")
    p.add_argument("--serial", action="store_true",
                   help="behind a pseudo-terminal instead of TCP (prints serial:///dev/pts/N)")
    p.set_defaults(func=run)


def run(args) -> int:
    def on_job(job):
        if job.has_content:
            print(f"job {job.id}: {len(job.data)} bytes, {job.status_requests} status requests",
                  flush=True)

    if args.serial:
        emu = SerialPrinterEmulator(state=args.state, out_dir=args.out, on_job=on_job)
    else:
        emu = PrinterEmulator(port=args.port, state=args.state, out_dir=args.out, on_job=on_job)
    try:
        emu.start()
    except OSError as exc:
        print(f"error: cannot start the printer emulator: {exc}\n错误：打印机模拟器无法启动",
              file=sys.stderr)
        return 3
    print(emu.url, flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        emu.stop()
    return 0
