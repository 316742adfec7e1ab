"""`kiosk progress ID`: a submission's status (进度查询) by tracking number or receipt key."""
from __future__ import annotations

import argparse

from kiosk.cli.common import DEVICE_MISSING, FAILED, NOT_FOUND, OK, add_config_arg, add_json_arg, config_from, \
    fail, print_json


def register(sub) -> None:
    p = sub.add_parser("progress", help="status of a submission by tracking number (办件编号) or receipt key")
    p.add_argument("ident", metavar="ID", help="the tracking number or the receipt's key (from its QR code)")
    add_config_arg(p)
    add_json_arg(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.cmd_catalog import gateway_router
    from kiosk.gateway.errors import GatewayRejected, GatewayUnavailable
    from kiosk.gateway.wire import STATUS_ZH
    cfg = config_from(args)
    with gateway_router(cfg) as router:
        try:
            data = router.progress(args.ident)
        except GatewayRejected as exc:
            if exc.status == 404:
                fail(NOT_FOUND, f"no gateway knows {args.ident}", f"未查询到办件 {args.ident}")
            fail(FAILED, f"the gateway refused the query: {exc.reason}", "网关拒绝了查询")
        except GatewayUnavailable as exc:
            fail(DEVICE_MISSING, f"gateway unreachable: {exc.reason}", "无法连接政务服务网关，请稍后再试")
    if args.json:
        print_json(data)
        return OK
    status = data.get("status", "")
    print(f"{data.get('tracking_no')}  {status} {STATUS_ZH.get(status, '')}  item {data.get('item_code', '-')}")
    for h in data.get("history", []):
        print(f"  {h.get('at')}  {h.get('status')} {STATUS_ZH.get(h.get('status'), '')}")
    return OK
