"""`kiosk emulate id-reader`: a GA/T 467 SAM reader on a pseudo-terminal.

First line printed: the pty path (point `devices.id_reader.port` or
`kiosk card read --port` at it, or at the --link symlink).
"""
from __future__ import annotations

import signal
import sys
import threading

from drivers.id_reader.cards import CARDS_DIR

DEFAULT_CARD = CARDS_DIR / "resident.json"


def register(emu) -> None:
    p = emu.add_parser("id-reader", help="GA/T 467 ID-card reader on a pty, serving a card from JSON")
    p.add_argument("--card", metavar="FILE", default=str(DEFAULT_CARD),
                   help="card JSON (assets/cards/*.json); default: the resident sample")
    p.add_argument("--link", metavar="PATH", help="keep a symlink to the pty here (hot-plug tests, kiosk.toml)")
    p.add_argument("--no-card", action="store_true", help="start with no card on the reader")
    p.add_argument("--baud", type=int, default=0, help="simulate wire time at this baud (0 = instant)")
    p.add_argument("--latency", type=float, default=0.0, metavar="S", help="extra SAM time per reply")
    p.add_argument("--fragment", action="store_true", help="send replies in small fragments")
    p.add_argument("--garbage", action="store_true", help="random bytes between frames")
    p.add_argument("--bad-checksum", type=int, default=0, metavar="N",
                   help="corrupt the checksum of the next N replies (-1: all)")
    p.add_argument("--remove-after", type=int, default=0, metavar="N", help="card leaves after N reads")
    p.add_argument("--read-sw3", type=lambda s: int(s, 16), metavar="HEX",
                   help="answer reads with this SW3 error, e.g. 41")
    p.add_argument("--silent", action="store_true", help="never answer (timeouts)")
    p.add_argument("--no-refind", action="store_true",
                   help="a card left on the reader answers 80 until re-presented (many real readers)")
    p.set_defaults(func=run)


def run(args) -> int:
    from drivers.id_reader.emulator import IdReaderEmulator
    emu = IdReaderEmulator(None if args.no_card else args.card, link=args.link, baud=args.baud,
                           fragment=args.fragment, garbage=args.garbage, bad_checksum=args.bad_checksum,
                           remove_after_reads=args.remove_after, silent=args.silent,
                           read_sw3=args.read_sw3, latency_s=args.latency, sticky=not args.no_refind)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    path = emu.start()
    print(path, flush=True)
    if args.link:
        print(f"link: {args.link} -> {path}", flush=True)
    print("GA/T 467 emulator running; Ctrl+C to stop / 身份证阅读器模拟器运行中，Ctrl+C 退出",
          file=sys.stderr, flush=True)
    try:
        stop.wait()
    finally:
        emu.stop()
    return 0
