"""`kiosk emulate smartcard`: a virtual social-security card in vsmartcard's vpcd reader.

Needs pcscd running with the vsmartcard-vpcd driver. First line printed: the
reader the card sits in.
"""
from __future__ import annotations

import signal
import sys
import threading

from drivers.id_reader.cards import CARDS_DIR
from kiosk.cli import common

DEFAULT_CARD = CARDS_DIR / "social_security.json"


def register(emu) -> None:
    p = emu.add_parser("smartcard", help="virtual social-security card for pcscd + vsmartcard-vpcd")
    p.add_argument("--card", metavar="FILE", default=str(DEFAULT_CARD), help="card JSON")
    p.add_argument("--vpcd-port", type=int, default=35963,
                   help="vpcd port: 35963 = 'Virtual PCD 00 00', 35964 = '… 00 01'")
    p.add_argument("--remove-after-apdus", type=int, default=0, metavar="N",
                   help="pull the card out after N commands (removal mid-read)")
    p.set_defaults(func=run)


def run(args) -> int:
    from drivers.smartcard.virtual_card import VirtualSocialSecurityCard
    card = VirtualSocialSecurityCard(args.card, port=args.vpcd_port,
                                     remove_after_apdus=args.remove_after_apdus)
    try:
        card.present()
    except OSError as exc:
        common.fail(common.DEVICE_MISSING, f"vpcd is not listening on 127.0.0.1:{args.vpcd_port} "
                    f"(start pcscd with vsmartcard-vpcd): {exc}",
                    "vpcd 未监听（请先启动 pcscd 并安装 vsmartcard-vpcd）")
    slot = args.vpcd_port - 35963
    print(f"Virtual PCD 00 {slot:02d} (vpcd 127.0.0.1:{args.vpcd_port})", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print("virtual card inserted; Ctrl+C removes it / 虚拟社保卡已插入，Ctrl+C 取出",
          file=sys.stderr, flush=True)
    try:
        while not stop.wait(0.5):
            if not card.inserted:
                break     # vpcd went away (pcscd stopped)
    finally:
        card.remove()
    return 0
