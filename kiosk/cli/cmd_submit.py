"""`kiosk submit ITEM --field K=V ...`: a headless submission through exactly the touch screen's
path (catalog validator → build_submission → durable outbox → delivery thread).

Exit 0 once the entry is durable, delivered or not; 64 with the reasons when invalid.
"""
from __future__ import annotations

import json
import sys

from kiosk.cli.common import (DEVICE_MISSING, OK, USAGE, add_config_arg, add_json_arg, config_from,
                              fail, print_json)


def register(sub) -> None:
    p = sub.add_parser("submit", help="submit an application headlessly (smoke tests, technicians) / 命令行提交申请")
    add_config_arg(p)
    add_json_arg(p)
    p.add_argument("item_code", metavar="ITEM_CODE")
    p.add_argument("--field", action="append", default=[], metavar="KEY=VALUE",
                   help="a form field; prefilled fields come from the applicant")
    p.add_argument("--material", action="append", default=[], metavar="KEY=PATH",
                   help="a material file (photo or PDF)")
    p.add_argument("--applicant-file", metavar="FILE",
                   help="identity JSON as `kiosk card read --json --reveal` prints it "
                        "(default with an emulated reader: its demo card)")
    p.add_argument("--wait", type=float, default=None, metavar="S",
                   help="seconds to wait for the tracking number (default gateway.wait_tracking_s)")
    p.set_defaults(func=cmd_submit)


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            fail(USAGE, f"--{what} needs KEY=VALUE, got {v!r}", f"--{what} 的格式应为 键=值")
        k, _, val = v.partition("=")
        out[k.strip()] = val
    return out


def _identity(cfg, path: str | None):
    from drivers.identity import IdentityRecord
    if path is None and cfg.devices.id_reader.driver == "emulated" and cfg.devices.id_reader.card:
        path = cfg.devices.id_reader.card
    if path is None:
        fail(USAGE, "--applicant-file is required", "必须提供 --applicant-file（申请人身份文件）")
    from kiosk.safe_files import read_regular_file
    try:
        data = json.loads(read_regular_file(path, 1_000_000).decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return IdentityRecord.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        fail(USAGE, f"cannot read the applicant file {path}: {type(exc).__name__}",
             f"无法读取申请人文件 {path}")


def cmd_submit(args) -> int:
    from kiosk.catalog.forms import prefill
    from kiosk.catalog.store import load_catalog
    from kiosk.outbox_service import OutboxService, gateway_router
    from kiosk.submission import SubmissionInvalid, applicant_group, build_submission

    cfg = config_from(args)
    item = load_catalog(cfg).get(args.item_code)
    if item is None:
        fail(USAGE, f"unknown item {args.item_code}", f"没有编码为 {args.item_code} 的事项")
    identity = _identity(cfg, args.applicant_file)
    form = {**prefill(item, identity), **_pairs(args.field, "field")}
    from kiosk.safe_files import InputFileError, read_regular_file
    materials = []
    for key, path in _pairs(args.material, "material").items():
        try:   # a FIFO, /dev/zero or a 200 MB file is refused here, before anything is queued
            data = read_regular_file(path, cfg.limits.material_max_bytes)
        except InputFileError as exc:
            fail(USAGE, f"material {key}: {exc.en}", f"材料 {key}：{exc.zh}", where=exc.path)
        except OSError as exc:
            fail(USAGE, f"cannot read material {key}: {type(exc).__name__}: {exc.strerror}",
                 f"无法读取材料 {key}", where=path)
        materials.append({"key": key, "data": data})   # its type is what it decodes as
    try:
        body = build_submission(cfg, item, identity, form, materials)
    except SubmissionInvalid as exc:
        if args.json:
            print_json({"errors": exc.as_wire()})
        for e in exc.errors:
            where = f"{e.key}: " if e.key else ""
            print(f"invalid: {where}{e.message_en}\n无效：{e.message_zh}", file=sys.stderr)
        return USAGE
    wait = cfg.gateway.wait_tracking_s if args.wait is None else args.wait
    with gateway_router(cfg) as router:
        if not item.offline_allowed and not router.health(item.region):
            fail(DEVICE_MISSING, f"item {item.code} needs the gateway online and it is unreachable; nothing queued",
                 "该事项需要联网办理，当前网络不可用，未提交")
        svc = OutboxService(cfg, router, heartbeats=False, probe_interval_s=0.5)
        try:
            local_id = svc.submit(body, applicant_group(identity, cfg))   # durable from here on
            tracking_no = None
            if wait > 0:
                svc.start()
                tracking_no = svc.wait_delivered(local_id, wait)
        finally:
            svc.close(abandon_in_flight=True)   # the wait is the wait it says; the entry stays queued
    out = {"local_id": local_id, "status": "delivered" if tracking_no else "queued", "tracking_no": tracking_no}
    if args.json:
        print(json.dumps(out, ensure_ascii=False), flush=True)
    else:
        if tracking_no:
            print(f"delivered / 已提交: {local_id} → {tracking_no}", flush=True)
        else:
            print(f"queued / 已保存，将在网络恢复后自动提交: {local_id}", flush=True)
    return OK
