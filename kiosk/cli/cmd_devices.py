"""`kiosk devices`: each configured device, its driver and its status right now."""
from __future__ import annotations

from kiosk.cli.common import FAILED, OK, add_config_arg, add_json_arg, config_from, print_json


def register(sub) -> None:
    p = sub.add_parser("devices", help="list the configured devices and their status")
    add_config_arg(p)
    add_json_arg(p)
    p.add_argument("--timeout", type=float, default=8.0, metavar="S",
                   help="how long to wait for each device to report (default 8)")
    p.set_defaults(func=run)


def _driver(cfg, kind: str) -> str:
    d = getattr(cfg.devices, kind)
    return d.url if kind == "printer" else d.driver


def run(args) -> int:
    from kiosk.devices.probe import probe_devices
    cfg = config_from(args)
    rows = probe_devices(cfg, args.timeout)
    for row in rows:
        row["driver"] = _driver(cfg, row["kind"])
    if args.json:
        print_json(rows)
    else:
        if not rows:
            print("no devices configured / 未配置设备")
        for r in rows:
            print(f"{r['kind']:<10} {r['driver']:<14} {r['state']:<9} {r['message_en']} {r['message_zh']}".rstrip())
    return OK if all(r["ok"] for r in rows) else FAILED
