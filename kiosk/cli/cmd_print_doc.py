"""`kiosk print-doc test|status|jobs`: the A4 document printer (a CUPS queue) from the command line.

Exit 0 printed (or ready); 5 not ready — CUPS reports the queue cannot print
(out of paper, jam, door open, stopped...), nothing was sent; 3 CUPS not
reachable or no such queue; 1 sent but the job did not complete (aborted or
interrupted: the message says why).
"""
from __future__ import annotations

import datetime as dt
import sys

from kiosk.cli.common import DEVICE_MISSING, FAILED, NOT_READY, OK, add_config_arg, add_json_arg, config_from, print_json


def register(sub) -> None:
    p = sub.add_parser("print-doc", help="A4 document printer (CUPS): test page, status, jobs")
    cmds = p.add_subparsers(dest="print_doc_command", metavar="ACTION", required=True)

    def common(q):
        add_config_arg(q)
        q.add_argument("--server", metavar="S", help="CUPS server: /path/cups.sock or host:port (default: kiosk.toml)")
        q.add_argument("--queue", metavar="Q", help="CUPS queue (default: kiosk.toml, else the server's default)")

    t = cmds.add_parser("test", help="print the A4 test page and follow the job to its end")
    common(t)
    t.set_defaults(func=run_test)
    s = cmds.add_parser("status", help="printer-state and printer-state-reasons of the queue")
    common(s)
    add_json_arg(s)
    s.set_defaults(func=run_status)
    j = cmds.add_parser("jobs", help="the queue's recent jobs (names are verification codes only)")
    common(j)
    add_json_arg(j)
    j.set_defaults(func=run_jobs)


class _Printer:
    """The configured queue, or a private cupsd for the command's duration (driver = "emulated")."""

    def __init__(self, args):
        self.args, self.emulator = args, None

    def __enter__(self):
        from drivers.document_printer import CupsDocumentPrinter, PrivateCups, PrivateCupsUnavailable
        a = self.args
        server, queue, timeout = a.server, a.queue, 120.0
        if server is None:
            cfg = config_from(a)
            dc = cfg.devices.document_printer
            timeout = dc.job_timeout_s
            if dc.driver == "none":
                print("error: no A4 printer: [devices.document_printer] driver = \"none\"\n"
                      "错误：未配置 A4 打印机", file=sys.stderr)
                raise SystemExit(DEVICE_MISSING)
            if dc.driver == "emulated":
                try:
                    self.emulator = PrivateCups().start()
                except PrivateCupsUnavailable as exc:
                    print(f"error: {exc.en}\n错误：{exc.zh}", file=sys.stderr)
                    raise SystemExit(DEVICE_MISSING)
                server, queue = self.emulator.server, self.emulator.queue
            else:
                server, queue = dc.server, queue or dc.queue
        try:
            self.printer = CupsDocumentPrinter(server or "", queue or "")
        except ValueError as exc:
            print(f"error: {exc}\n错误：CUPS 服务器地址无效", file=sys.stderr)
            self.__exit__()
            raise SystemExit(64)
        self.timeout = timeout
        return self

    def __exit__(self, *exc):
        if self.emulator is not None:
            self.emulator.stop()


def _not_ready(st) -> int:
    return DEVICE_MISSING if st.problem in ("unreachable", "no_queue") else NOT_READY


def run_status(args) -> int:
    with _Printer(args) as p:
        st = p.printer.status()
        where = p.printer.server + (f" {p.printer.queue}" if p.printer.queue else "")
    if args.json:
        print_json({"server": where, **st.as_dict()})
    else:
        reasons = ", ".join(st.reasons) or "none"
        print(f"{where}: {'ready' if st.printable else st.device_status().code} (reasons: {reasons}) — "
              f"{st.reason_en} / {st.reason_zh}")
    return OK if st.printable else _not_ready(st)


def run_test(args) -> int:
    from kiosk.documents.testpage import build_a4_test_page
    with _Printer(args) as p:
        result = p.printer.print_pdf(build_a4_test_page(), "tongban-TESTPAGE", p.timeout)
    if result.completed:
        print(f"test page printed (job {result.job_id}, {result.seconds:.1f}s)\nA4 测试页已打印")
        return OK
    print(f"error: {result.reason_en}\n错误：{result.reason_zh}", file=sys.stderr)
    return FAILED if result.sent else _not_ready(result.printer)


def run_jobs(args) -> int:
    import cups
    with _Printer(args) as p:
        try:
            jobs = p.printer.jobs()
        except (RuntimeError, cups.IPPError) as exc:
            print(f"error: CUPS not reachable at {p.printer.server}: {exc}\n错误：无法连接打印服务（CUPS）",
                  file=sys.stderr)
            return DEVICE_MISSING
    if args.json:
        print_json({"jobs": jobs})
    else:
        for j in jobs:
            when = dt.datetime.fromtimestamp(j["created"]).isoformat(timespec="seconds") if j["created"] else ""
            print(f"{j['job_id']:>6}  {j['state']:<10} {when}  {j['name']}")
        if not jobs:
            print("no jobs / 无打印任务")
    return OK
