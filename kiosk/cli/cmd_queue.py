"""`kiosk queue status|list|retry|sync|ack-damage|new-key`: the technician's view of the outbox (no personal data).

Damage to the outbox file (found and repaired at open, README "A damaged outbox")
is printed by every one of them, and `status` and `sync` exit 1 until staff
run `kiosk queue ack-damage`."""
from __future__ import annotations

import datetime as dt
import time

from kiosk.cli.common import (DEVICE_MISSING, FAILED, NOT_FOUND, OK, USAGE, add_config_arg,
                              add_json_arg, config_from, fail, print_json)

STATES = ("pending", "in_flight", "delivered", "needs_staff")
STATE_ZH = {"pending": "待提交", "in_flight": "提交中", "delivered": "已送达", "needs_staff": "需人工处理"}


def register(sub) -> None:
    p = sub.add_parser("queue", help="the offline outbox: status, list, retry, sync / 离线队列")
    qs = p.add_subparsers(dest="queue_command", metavar="ACTION")

    s = qs.add_parser("status", help="counts by state, oldest pending age, last error")
    add_config_arg(s)
    add_json_arg(s)
    s.set_defaults(func=cmd_status)

    s = qs.add_parser("list", help="entries (metadata only, never personal data)")
    add_config_arg(s)
    add_json_arg(s)
    s.add_argument("--state", choices=STATES)
    s.add_argument("--limit", type=int, default=1000)
    s.set_defaults(func=cmd_list)

    s = qs.add_parser("retry", help="put a needs_staff (or backed-off) entry back, due now")
    add_config_arg(s)
    add_json_arg(s)
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("local_id", nargs="?", metavar="ID")
    g.add_argument("--all-needs-staff", action="store_true")
    s.set_defaults(func=cmd_retry)

    s = qs.add_parser("ack-damage", help="staff have read the damage report and told the residents: clear it")
    add_config_arg(s)
    add_json_arg(s)
    s.set_defaults(func=cmd_ack_damage)

    s = qs.add_parser("new-key", help="the outbox key is lost for good: make a new one (its entries stay unreadable)")
    add_config_arg(s)
    s.add_argument("--abandon-unreadable", action="store_true", required=True,
                   help="required: entries sealed with the lost key can never be sent")
    s.set_defaults(func=cmd_new_key)

    s = qs.add_parser("sync", help="deliver what is due now (one-shot)")
    add_config_arg(s)
    add_json_arg(s)
    s.add_argument("--until-empty", action="store_true",
                   help="keep going (waiting out backoffs) until nothing is pending")
    s.add_argument("--timeout", type=float, default=None, metavar="S",
                   help="give up after S seconds (default: no limit with --until-empty)")
    s.set_defaults(func=cmd_sync)

    p.set_defaults(func=lambda args: (p.print_help(), USAGE)[1])


def _open(args, **kw):
    """The outbox, or a message and exit code (kiosk/cli/errors.py: key file 78, disk 74, damage 1)."""
    from kiosk.outbox_service import open_outbox
    cfg = config_from(args)
    return cfg, open_outbox(cfg, **kw)


def _audit(cfg, action: str, **detail) -> None:
    from pathlib import Path

    from kiosk.technician import AuditLog
    AuditLog(Path(cfg.kiosk.data_dir) / "audit.log").write(action, **detail)


def _iso(t):
    return dt.datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds") if t else None


def _print_status(st: dict) -> None:
    c = st["counts"]
    print("  ".join(f"{s} {STATE_ZH[s]}: {c[s]}" for s in STATES))
    age = st["oldest_pending_age_s"]
    print(f"oldest pending / 最早待提交: {'-' if age is None else f'{age:.0f} s'}")
    err = st["last_error"]
    if err:
        print(f"last error / 最近错误: {err['local_id']} at {_iso(err['at'])}: {err['error']}")
    print_damage(st)


def print_damage(st: dict) -> None:
    """The damage reports, with what to do (README: "A damaged outbox")."""
    import sys
    for r in st.get("damage") or []:
        lost = r.get("lost") or []
        print(f"DAMAGE / 发件箱损坏: {r['file']} at {_iso(r['at'])}: {'; '.join(r.get('problems') or [])[:300]}",
              file=sys.stderr)
        if r.get("moved_to"):
            print(f"  damaged file kept at / 损坏文件保存在: {r['moved_to']}; {r.get('recovered', 0)} entries "
                  f"recovered / 已恢复", file=sys.stderr)
        print(f"  {len(lost)} acknowledged entries lost / 丢失的已受理条目: {' '.join(lost[:50])}"
              + (" …" if len(lost) > 50 else ""), file=sys.stderr)
    if st.get("damage"):
        print("  next: tell those residents (their receipts carry these numbers), keep the damaged file for "
              "the vendor, then `kiosk queue ack-damage` / 请联系上述回执编号的申请人，然后运行 kiosk queue ack-damage",
              file=sys.stderr)


def cmd_status(args) -> int:
    _, box = _open(args)
    with box:
        st = box.status()
    if args.json:
        print_json(st)
    else:
        _print_status(st)
    return OK if st["healthy"] else FAILED


def cmd_ack_damage(args) -> int:
    cfg, box = _open(args)
    with box:
        n = box.acknowledge_damage("kiosk queue ack-damage")
    _audit(cfg, "queue:ack-damage", reports=n)
    if args.json:
        print_json({"acknowledged": n})
    else:
        print(f"acknowledged {n} damage report(s) / 已确认 {n} 份损坏报告")
    return OK


def cmd_new_key(args) -> int:
    cfg, box = _open(args, new_key=True)
    with box:
        st = box.status()
    _audit(cfg, "queue:new-key", entries=sum(st["counts"].values()))
    print(f"new key at {cfg.queue.key_file}; entries sealed with the lost key go to needs_staff when met "
          f"/ 已生成新密钥，旧密钥加密的条目无法再提交")
    return OK


def cmd_list(args) -> int:
    _, box = _open(args)
    with box:
        rows = box.list(args.state, limit=args.limit)
        st = box.status()
    print_damage(st)
    out = [{"local_id": r["local_id"], "kind": r["kind"], "region": r["region"], "state": r["state"],
            "attempts": r["attempts"], "tracking_no": r["tracking_no"], "last_error": r["last_error"],
           "damage": r["damage"],
            "created_at": _iso(r["created_at"]), "next_attempt_at": _iso(r["next_attempt_at"])
            if r["state"] == "pending" else None, "delivered_at": _iso(r["delivered_at"])}
           for r in rows]
    if args.json:
        print_json(out)
        return OK
    for r in out:   # noqa: B007
        print(f"{r['local_id']}  {r['kind']:<10} {r['state']:<11} attempts={r['attempts']}"
              f"  {r['tracking_no'] or '-'}  {r['created_at']}  {r['last_error'] or ''}")
    if not out:
        print("(empty / 队列为空)")
    return OK


def cmd_retry(args) -> int:
    _, box = _open(args)
    with box:
        n = box.retry_now(args.local_id, all_needs_staff=args.all_needs_staff)
    if args.json:
        print_json({"requeued": n})
    else:
        print(f"requeued {n} / 已重新排队 {n} 条")
    if n == 0 and args.local_id:
        fail(NOT_FOUND, f"no pending or needs_staff entry {args.local_id}",
             f"没有编号为 {args.local_id} 的待提交或需人工处理条目")
    return OK


def cmd_sync(args) -> int:
    from kiosk.outbox_service import OutboxService, gateway_router
    cfg = config_from(args)
    t0 = time.monotonic()
    with gateway_router(cfg) as router:
        svc = OutboxService(cfg, router, probe_interval_s=1.0)
        try:
            res = svc.sync_once(until_empty=args.until_empty, timeout=args.timeout)
            st = svc.status()
        finally:
            svc.close()
    out = {"delivered": res.delivered, "retried": res.retried, "needs_staff": res.needs_staff,
           "online": st["online"], "counts": st["counts"], "seconds": round(time.monotonic() - t0, 3),
           "healthy": st["healthy"], "damage": st["damage"], "lost": st["lost"]}
    if args.json:
        print_json(out)
    else:
        print(f"delivered {res.delivered}, retried {res.retried}, needs staff {res.needs_staff} / "
              f"送达 {res.delivered}，重试 {res.retried}，需人工 {res.needs_staff}")
        _print_status(st)
    if not st["online"]:
        if not args.json:
            print("gateway unreachable / 网关无法连接")
        return DEVICE_MISSING
    if args.until_empty and st["counts"]["pending"] + st["counts"]["in_flight"]:
        return FAILED
    return OK if st["healthy"] else FAILED
