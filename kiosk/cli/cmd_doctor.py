"""`kiosk doctor`: is this kiosk fit to serve? Exit 0 only when every check passes."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from kiosk.cli.common import FAILED, OK, add_config_arg, add_json_arg, config_from, print_json


def register(sub) -> None:
    p = sub.add_parser("doctor", help="check config, devices, gateway, data directory and fonts")
    add_config_arg(p)
    add_json_arg(p)
    p.add_argument("--device-timeout", type=float, default=8.0, metavar="S",
                   help="how long to wait for each device to report (default 8)")
    p.set_defaults(func=run)


def _check(name: str, ok: bool, detail: str = "", hint: str = "") -> dict:
    return {"check": name, "ok": ok, "detail": detail, "hint": "" if ok else hint}


def check_data_dir(cfg) -> dict:
    d = Path(cfg.kiosk.data_dir)
    try:
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=d, prefix=".doctor-") as f:
            f.write(b"x")
            f.flush()
            os.fsync(f.fileno())
        return _check("data_dir", True, str(d))
    except OSError as exc:
        return _check("data_dir", False, f"{d}: {exc}",
                      "make the folder writable by the kiosk user / 请确认数据目录可写")


def _font_check(name: str, pattern: str, none: str, hint: str) -> dict:
    """Font families fontconfig finds for `pattern` (fc-list), as one doctor check."""
    try:
        out = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _check(name, False, str(exc), f"install fontconfig; {hint}")
    families = sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})
    return _check(name, bool(families), ", ".join(families[:3]) or none, hint)


def check_fonts() -> dict:
    return _font_check("cjk_font", ":lang=zh", "none",
                       "apt-get install fonts-wqy-microhei (or fonts-noto-cjk) / 请安装中文字体")


UI_FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"


def check_ui_font() -> dict:
    """The set-up's cut of Noto Sans CJK SC (scripts/ui_font.py): without it the screens draw from
    the full font, which keeps ~11 MB more of the kiosk's memory resident."""
    built = sorted(p.name for p in UI_FONT_DIR.glob("KioskSansSC-*.otf") if p.stat().st_size > 0)
    return _check("ui_font", len(built) == 2, ", ".join(built) or f"none in {UI_FONT_DIR}",
                  ".venv/bin/python scripts/ui_font.py (needs fonts-noto-cjk) / "
                  "请运行 scripts/ui_font.py 生成界面字体")


def check_rare_characters() -> dict:
    """生僻字 in names: a font with CJK Extension B (𠮷 U+20BB7) for the screen and image-printed lines."""
    return _font_check("rare_characters", ":charset=20bb7", "no font has U+20BB7",
                       "apt-get install fonts-hanazono (CJK Extension A/B) / 请安装含生僻字的字体 fonts-hanazono")


def check_voice(cfg) -> dict:
    from kiosk.voice import Speaker
    speaker = Speaker(cfg.voice.command)
    if not speaker.enabled:
        return _check("voice", True, "off ([voice] command is empty)")
    return _check("voice", speaker.available(), speaker.argv[0],
                  "apt-get install espeak-ng, or set [voice] command = \"\" / 请安装 espeak-ng 或关闭语音播报")


def check_virtual_keyboard(cfg) -> dict:
    if not cfg.kiosk.virtual_keyboard:
        return _check("virtual_keyboard", True, "off")
    from PySide6.QtCore import QLibraryInfo
    plugin = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"
    found = sorted(p.name for p in plugin.glob("*virtualkeyboard*")) if plugin.is_dir() else []
    return _check("virtual_keyboard", bool(found), ", ".join(found) or f"nothing in {plugin}",
                  "install a PySide6 with Qt Virtual Keyboard (PySide6-Addons) / 请安装含虚拟键盘的 PySide6")


def check_gateway(cfg) -> list[dict]:
    from kiosk.gateway.client import GatewayRouter
    sim = None
    results = []
    try:
        home_url = None
        if cfg.gateway.url == "embedded":
            from kiosk.gateway_sim.server import start_embedded
            sim = start_embedded(cfg)
            home_url = sim.url
        router = GatewayRouter(cfg, home_url=home_url)
        targets = [("home", None)] + [(code, code) for code in cfg.regions]
        for label, region in targets:
            ok = router.health(region)
            results.append(_check(f"gateway:{label}", ok, "reachable" if ok else "no answer from /v1/health",
                                  "check [gateway]/[regions] url, token, network / 请检查网关地址与网络"))
    except Exception as exc:
        results.append(_check("gateway", False, f"{type(exc).__name__}: {exc}",
                              "check [gateway] in kiosk.toml / 请检查网关配置"))
    finally:
        if sim is not None:
            sim.stop()
    return results


PRESERVE_HINT = ("set `PreserveJobFiles No` in /etc/cups/cupsd.conf (CUPS keeps each document a day by "
                 "default) and restart CUPS, or run `cupsctl PreserveJobFiles=No` / 请在 cupsd.conf 中设置 "
                 "PreserveJobFiles No，打印服务不得保留文件")


def check_document_printer(cfg) -> list[dict]:
    """The A4 printer's CUPS: reachable, the queue known, and PreserveJobFiles No."""
    dc = cfg.devices.document_printer
    if dc.driver == "none":
        return [_check("document_printer", True, "off ([devices.document_printer] driver = \"none\")")]
    from drivers.document_printer import CupsDocumentPrinter, PrivateCups, PrivateCupsUnavailable
    emulator = None
    try:
        if dc.driver == "emulated":
            try:
                emulator = PrivateCups().start()
            except PrivateCupsUnavailable as exc:
                return [_check("document_printer:cups", False, exc.en,
                               "apt-get install cups-daemon cups-ipp-utils and run as root / 请安装 cups-daemon")]
            printer = CupsDocumentPrinter(emulator.server, emulator.queue)
        else:
            printer = CupsDocumentPrinter(dc.server, dc.queue)
        st = printer.status()
        if st.problem == "unreachable":
            return [_check("document_printer:cups", False, st.reason_en,
                           "start CUPS (systemctl start cups) or fix [devices.document_printer] server / "
                           "请启动打印服务 CUPS 或检查 server 配置")]
        out = [_check("document_printer:cups", True, printer.server)]
        out.append(_check("document_printer:queue", st.problem != "no_queue", st.reason_en,
                          "create the queue (lpadmin -p NAME -E -v URI -m everywhere) or fix "
                          "[devices.document_printer] queue / 请创建 A4 打印队列或检查 queue 配置"))
        try:
            value = printer.preserve_job_files()
        except Exception as exc:        # pycups raises RuntimeError or cups.HTTPError (403 …)
            return out + [_check("document_printer:preserve_job_files", False,
                                 f"cannot read the server's cupsd.conf: {exc}", PRESERVE_HINT)]
        ok = value.strip().lower() in ("no", "off", "false")
        out.append(_check("document_printer:preserve_job_files", ok, f"PreserveJobFiles {value}", PRESERVE_HINT))
        return out
    finally:
        if emulator is not None:
            emulator.stop()


def check_trust_roots(cfg) -> dict:
    """[documents] trust_roots: readable PEM certificates (after the gateway check, which makes
    the demo's root on the embedded gateway's first start)."""
    from kiosk.documents.trust import TrustRoots, TrustRootsError
    try:
        certs = TrustRoots(cfg.documents.trust_roots).certificates()
    except TrustRootsError as exc:
        return _check("documents:trust_roots", False, exc.en,
                      "set [documents] trust_roots to the province's root certificate (PEM) / "
                      "请在 [documents] trust_roots 配置发证部门的根证书")
    names = "; ".join(c.subject.human_friendly for c in certs[:2])
    return _check("documents:trust_roots", True, f"{len(certs)} root(s): {names}")


def check_devices(cfg, timeout_s: float) -> list[dict]:
    from kiosk.devices.probe import probe_devices
    return [_check(f"device:{row['kind']}", row["ok"],
                   f"{row['state']} {row['message_en']} {row['message_zh']}".strip(),
                   "see `kiosk devices` and the device's section in kiosk.toml / 请检查设备连接与配置")
            for row in probe_devices(cfg, timeout_s)]


def run(args) -> int:
    from kiosk.cli.doctor_files import check_audit, check_outbox, check_permissions
    cfg = config_from(args)
    checks = [_check("config", True, str(cfg.path)), check_data_dir(cfg), *check_permissions(cfg),
              *check_outbox(cfg), check_audit(cfg), check_fonts(), check_ui_font(), check_rare_characters(), check_voice(cfg),
              check_virtual_keyboard(cfg)]
    checks += check_gateway(cfg)
    checks += [check_trust_roots(cfg)] + check_document_printer(cfg)
    checks += check_devices(cfg, args.device_timeout)
    all_ok = all(c["ok"] for c in checks)
    if args.json:
        print_json({"ok": all_ok, "checks": checks})
    else:
        for c in checks:
            mark = "OK  " if c["ok"] else "FAIL"
            print(f"[{mark}] {c['check']}: {c['detail']}")
            if not c["ok"]:
                print(f"       hint: {c['hint']}")
        print("all checks passed / 全部检查通过" if all_ok else "some checks failed / 部分检查未通过")
    return OK if all_ok else FAILED
