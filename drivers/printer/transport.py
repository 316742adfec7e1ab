"""Printer URLs onto python-escpos 3.1 transports, with kiosk-sized timeouts.

    tcp://HOST[:9100]
    serial:///dev/ttyUSB0?baudrate=9600
    usb://VID:PID[?in_ep=0x81&out_ep=0x03]
    file:///dev/usb/lp0

python-escpos defaults are wrong for a kiosk (Network waits 60 s, Usb has no
write timeout, Serial has no write timeout): we set them all. Reading status
back is done here, not with escpos's `_read()`, so a silent printer costs at
most the status timeout.
"""
from __future__ import annotations

import os
import select
import socket
import stat
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from drivers.base import DeviceOffline
from drivers.printer._escpos import escpos_printer_module

WRITE_TIMEOUT_S = 10.0   # a whole receipt (even with images) is well under this


@dataclass(frozen=True)
class PrinterUrl:
    kind: str                       # tcp | serial | usb | file | emulated | none
    target: str = ""                # host, device path, or VID:PID
    port: int = 9100
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return {"tcp": f"tcp://{self.target}:{self.port}", "none": "none",
                "emulated": "emulated:"}.get(self.kind, f"{self.kind}://{self.target}")


def _int(v: str) -> int:
    return int(v, 0)


def parse_printer_url(url: str) -> PrinterUrl:
    """Parse a kiosk.toml printer URL; ValueError with the reason if it is not one."""
    url = url.strip()
    if url == "none":
        return PrinterUrl("none")
    if url.startswith("emulated:"):
        return PrinterUrl("emulated")
    parts = urlsplit(url)
    q = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"no host in {url!r} (tcp://HOST:9100)")
        return PrinterUrl("tcp", parts.hostname, parts.port or 9100)
    if parts.scheme == "serial":
        if not parts.path:
            raise ValueError(f"no device in {url!r} (serial:///dev/ttyUSB0?baudrate=9600)")
        baud = int(q.get("baudrate", "9600"))
        return PrinterUrl("serial", parts.path, params={"baudrate": baud})
    if parts.scheme == "usb":
        vid_pid = parts.netloc
        try:
            vid, pid = (int(x, 16) for x in vid_pid.split(":"))
        except ValueError:
            raise ValueError(f"expected usb://VID:PID in hex, got {url!r}") from None
        params = {"id_vendor": vid, "id_product": pid}
        for ep in ("in_ep", "out_ep"):
            if ep in q:
                params[ep] = _int(q[ep])
        return PrinterUrl("usb", f"{vid:04x}:{pid:04x}", params=params)
    if parts.scheme == "file":
        if not parts.path:
            raise ValueError(f"no path in {url!r} (file:///dev/usb/lp0)")
        return PrinterUrl("file", parts.path)
    raise ValueError(f"unsupported printer URL {url!r}: use tcp://, serial://, usb://, file://")


class Transport:
    """One open connection to a printer: write bytes, read status bytes with a timeout."""

    def __init__(self, url: PrinterUrl, connect_timeout: float = 2.0):
        self.url = url
        self.connect_timeout = connect_timeout
        self._p = None          # the escpos printer object
        self._read_fd = None    # file:// status channel, when the device allows reading

    # -- life cycle -------------------------------------------------------
    def open(self) -> "Transport":
        m = escpos_printer_module()
        u = self.url
        try:
            if u.kind == "tcp":
                self._p = m.Network(u.target, u.port, timeout=self.connect_timeout)
                self._p.open()
                self._p.device.settimeout(WRITE_TIMEOUT_S)
                # status questions are 3-byte writes waiting for an answer: without this,
                # Nagle + delayed ACK add ~40 ms to each round trip
                self._p.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            elif u.kind == "serial":
                self._p = m.Serial(u.target, baudrate=u.params["baudrate"],
                                   timeout=self.connect_timeout)
                self._p.open()
                self._p.device.write_timeout = WRITE_TIMEOUT_S
            elif u.kind == "usb":
                kw = {k: u.params[k] for k in ("in_ep", "out_ep") if k in u.params}
                self._p = m.Usb(u.params["id_vendor"], u.params["id_product"],
                                timeout=int(WRITE_TIMEOUT_S * 1000), **kw)
                self._p.open()
            elif u.kind == "file":
                self._p = m.File(u.target)
                self._p.open()
                # bidirectional usblp devices answer status on read(); a plain file cannot
                if stat.S_ISCHR(os.stat(u.target).st_mode):
                    try:
                        self._read_fd = os.open(u.target, os.O_RDONLY | os.O_NONBLOCK)
                    except OSError:
                        self._read_fd = None
            else:
                raise DeviceOffline("no_printer", "未配置打印机", f"no printer transport for {u}")
        except DeviceOffline:
            raise
        except Exception as exc:   # escpos raises its own DeviceNotFoundError, usb.core errors…
            self.close()
            raise DeviceOffline("unreachable", "无法连接打印机",
                                f"cannot open printer {u}: {type(exc).__name__}: {exc}") from None
        return self

    def close(self) -> None:
        if self._read_fd is not None:
            os.close(self._read_fd)
            self._read_fd = None
        if self._p is not None:
            try:
                self._p.close()
            except Exception:   # closing a dead link must not hide the real error
                pass
            self._p._device = False   # escpos's __del__ closes again otherwise
            self._p = None

    def __enter__(self):
        return self if self._p is not None else self.open()

    def __exit__(self, *exc):
        self.close()

    # -- I/O --------------------------------------------------------------
    def write(self, data: bytes) -> None:
        try:
            self._p._raw(data)
        except Exception as exc:
            raise DeviceOffline("write_failed", "向打印机发送数据失败",
                                f"write to {self.url} failed: {type(exc).__name__}: {exc}") from None

    @property
    def can_read(self) -> bool:
        return self.url.kind in ("tcp", "serial", "usb") or self._read_fd is not None

    def drain(self) -> None:
        """Drop stale bytes (a late answer to an earlier question)."""
        k = self.url.kind
        if k == "tcp":
            s = self._p.device
            s.setblocking(False)
            try:
                while s.recv(64):
                    pass
            except (BlockingIOError, OSError):
                pass
            finally:
                s.settimeout(WRITE_TIMEOUT_S)
        elif k == "serial":
            self._p.device.reset_input_buffer()

    def read_byte(self, timeout: float) -> int | None:
        """One status byte, or None when nothing came within `timeout` seconds."""
        k = self.url.kind
        try:
            if k == "tcp":
                s = self._p.device
                s.settimeout(timeout)
                try:
                    b = s.recv(1)
                finally:
                    s.settimeout(WRITE_TIMEOUT_S)
                if not b:
                    raise DeviceOffline("closed", "打印机断开了连接", "printer closed the connection")
                return b[0]
            if k == "serial":
                dev = self._p.device
                dev.timeout = timeout
                b = dev.read(1)
                return b[0] if b else None
            if k == "usb":
                data = self._p.device.read(self._p.in_ep, 16, int(timeout * 1000))
                return data[-1] if len(data) else None
            if k == "file" and self._read_fd is not None:
                r, _, _ = select.select([self._read_fd], [], [], timeout)
                if r:
                    b = os.read(self._read_fd, 1)
                    return b[0] if b else None
            return None
        except (socket.timeout, TimeoutError):
            return None
        except DeviceOffline:
            raise
        except Exception as exc:
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                return None   # pyusb USBTimeoutError
            raise DeviceOffline("read_failed", "读取打印机状态失败",
                                f"status read from {self.url} failed: {type(exc).__name__}: {exc}") from None
