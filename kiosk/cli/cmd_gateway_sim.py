"""`kiosk gateway-sim`: run the reference gateway; the first printed line is its base URL."""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from kiosk.cli.common import OK, USAGE, fail


def register(sub) -> None:
    p = sub.add_parser("gateway-sim", help="run the reference gateway (prints its base URL first)",
                       description="The reference gateway: the Gateway API v1 wire contract with a SQLite "
                                   "store and fault injection. Prints its base URL as the first line; runs "
                                   "until Ctrl+C or SIGTERM.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    p.add_argument("--data", metavar="DIR", default=None, help="folder for the SQLite store (default: in memory)")
    p.add_argument("--region", default="230100", help="this gateway's region code (default 230100)")
    p.add_argument("--catalog", metavar="JSON", default=None, help="catalog document to serve (default: the seed)")
    p.add_argument("--token", default="", help="require this bearer token (default: none)")
    p.add_argument("--fail-rate", type=float, default=0.0, help="fraction of requests answered 503/429 (0..1)")
    p.add_argument("--drop-rate", type=float, default=0.0, help="fraction of connections dropped unanswered (0..1)")
    p.add_argument("--latency-ms", type=int, default=0, help="added delay per request")
    p.add_argument("--accept-after-s", type=float, default=5.0, help="received → accepted after this (default 5)")
    p.add_argument("--complete-after-s", type=float, default=30.0, help="received → completed after this (default 30)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.catalog.model import CatalogError
    from kiosk.gateway_sim import GatewaySim

    for name in ("fail_rate", "drop_rate"):
        if not 0 <= getattr(args, name) <= 1:
            fail(USAGE, f"--{name.replace('_', '-')} must be between 0 and 1", "取值必须在 0 到 1 之间")
    try:
        sim = GatewaySim(host=args.host, port=args.port, data_dir=args.data, region=args.region,
                         catalog_path=args.catalog, fail_rate=args.fail_rate, latency_ms=args.latency_ms,
                         token=args.token, drop_rate=args.drop_rate, accept_after_s=args.accept_after_s,
                         complete_after_s=args.complete_after_s)
    except (OSError, ValueError, CatalogError) as exc:
        fail(USAGE, f"cannot load the catalog: {exc}", "无法加载事项目录")
    try:
        url = sim.start()
    except OSError as exc:
        fail(3, f"cannot listen on {args.host}:{args.port}: {exc}", "无法监听该地址或端口")
    print(url, flush=True)
    print(f"region {args.region}, {len(sim.items)} items, store {args.data or 'in memory'}; Ctrl+C stops",
          file=sys.stderr, flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    try:
        done.wait()
    finally:
        sim.stop()
    return OK
