"""systemd's service notification protocol (sd_notify(3)), spoken directly.

It is one datagram of "KEY=value" lines to the unix socket named by
$NOTIFY_SOCKET ("@name" is the abstract namespace); systemd documents it as a
stable interface that services may implement themselves. We do, in a few
lines, rather than depend on `sdnotify` (unreleased since 2017) or
`systemd-python` (a C build against libsystemd): the socket is non-blocking,
so a call from the UI thread costs one sendto() and can never wait.

Without $NOTIFY_SOCKET (not under systemd, or Type=simple) every call is a no-op.
"""
from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, env: dict | None = None):
        env = os.environ if env is None else env
        path = env.get("NOTIFY_SOCKET", "")
        self._addr = ("\0" + path[1:]) if path.startswith("@") else path
        self._sock: socket.socket | None = None
        if self._addr:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.setblocking(False)
        # The watchdog is ours only if WATCHDOG_PID is unset or names this process (sd_watchdog_enabled).
        usec, pid = env.get("WATCHDOG_USEC", ""), env.get("WATCHDOG_PID", "")
        mine = not pid or pid == str(os.getpid())
        self.watchdog_usec = int(usec) if usec.isdigit() and mine and self._sock else 0
        self._failed = False

    @property
    def enabled(self) -> bool:
        return self._sock is not None

    @property
    def watchdog_interval_s(self) -> float:
        """How often to send WATCHDOG=1: a third of WatchdogSec (0: no watchdog)."""
        return self.watchdog_usec / 3e6

    def notify(self, **fields: str) -> bool:
        if self._sock is None:
            return False
        text = "\n".join(f"{k}={str(v).replace(chr(10), ' ')}" for k, v in fields.items())
        try:
            self._sock.sendto(text.encode("utf-8"), self._addr)
        except OSError as exc:     # systemd gone or its queue full: say so once, never raise
            if not self._failed:
                log.warning("sd_notify failed: %s", exc)
                self._failed = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify(READY="1", **({"STATUS": status} if status else {}))

    def status(self, text: str) -> bool:
        return self.notify(STATUS=text)

    def watchdog(self) -> bool:
        return self.notify(WATCHDOG="1")

    def stopping(self) -> bool:
        return self.notify(STOPPING="1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
