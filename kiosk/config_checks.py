"""The checks of single kiosk.toml values: each returns None or an (en, zh) message.

Kept apart from kiosk/config.py (the schema, parsing and loading) so each stays short.
"""
from __future__ import annotations

import re
from typing import Any, Callable

# A key's rule: (type or tuple of types, default, optional extra check).
# The check returns an error message pair (en, zh) or None.
Check = Callable[[Any], "tuple[str, str] | None"]


def _one_of(*allowed) -> Check:
    def check(v):
        if v not in allowed:
            names = [str(a) for a in allowed]
            return (f"must be one of {', '.join(names)}", f"取值必须是 {'、'.join(names)} 之一")
        return None
    return check


def _range(lo: float, hi: float) -> Check:
    def check(v):
        if not lo <= v <= hi:
            return (f"must be between {lo} and {hi}", f"取值必须在 {lo} 到 {hi} 之间")
        return None
    return check


def _region(v):
    if not re.fullmatch(r"\d{6}", v):
        return ("must be a 6-digit GB/T 2260 region code such as 230100",
                "必须是 6 位行政区划代码（GB/T 2260），例如 230100")
    return None


def _url(v):
    if v == "embedded" or re.match(r"https?://", v):
        return None
    return ('must be "embedded" or an http(s):// URL', '必须是 "embedded" 或 http(s):// 地址')


def _strings(v):
    if not all(isinstance(x, str) and x for x in v) or len(v) > 12:
        return ("must be a list of at most 12 item codes (strings)", "必须是最多 12 个事项编码（字符串）的列表")
    return None


def _window_size(v):
    m = re.fullmatch(r"(\d{3,5})x(\d{3,5})", v)
    if not m or int(m[1]) < 1024 or int(m[2]) < 768:
        return ('must be WIDTHxHEIGHT, at least 1024x768 (e.g. "1366x768")',
                '必须是“宽x高”，至少 1024x768（例如 "1366x768"）')
    return None


def _pin_hash(v):
    from kiosk.config_rules import pin_hash_problem
    return pin_hash_problem(v) if v else None


def _printer_url(v):
    if re.match(r"(emulated:|tcp://|serial://|usb://|file://|none$)", v):
        return None
    return ("must start with emulated:, tcp://, serial://, usb:// or file:// (or be none)",
            "必须以 emulated:、tcp://、serial://、usb:// 或 file:// 开头（或为 none）")


def _listen(v):
    """"" (off) or HOST:PORT with a numeric IPv4 address or a bracketed IPv6 one."""
    if v == "":
        return None
    import ipaddress
    m = re.fullmatch(r"(?:\[([0-9A-Fa-f:.]+)\]|([0-9.]+)):(\d{1,5})", v)
    try:
        ok = m is not None and 1 <= int(m.group(3)) <= 65535 and bool(ipaddress.ip_address(m.group(1) or m.group(2)))
    except ValueError:
        ok = False
    if ok:
        return None
    return ('must be "" (off) or an address and port such as 127.0.0.1:9464 or [::1]:9464',
            '必须为空（关闭）或“地址:端口”，例如 127.0.0.1:9464 或 [::1]:9464')


def _cups_server(v):
    if v == "" or v.startswith("/") or re.fullmatch(r"(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?", v):
        return None
    return ('must be "" (the local cupsd), /path/to/cups.sock or host[:port]',
            '必须为空（本机 cupsd）、/路径/cups.sock 或 主机[:端口]')


def _queue_name(v):
    if v == "" or re.fullmatch(r"[A-Za-z0-9_.-]{1,127}", v):
        return None
    return ("must be a CUPS queue name (letters, digits, _ . -) or \"\" for the default",
            "必须是 CUPS 打印队列名（字母、数字、_ . -），或为空使用默认队列")


def _string_list(v):
    if all(isinstance(x, str) and x for x in v):
        return None
    return ("must be a list of non-empty strings (file paths)", "必须是非空字符串（文件路径）的列表")


def _region_url(v):
    return None if v == "" else _url(v)   # "" is reported as "required" below
