"""A total deadline per gateway request: connect, TLS, send, wait and read, all within it.

requests' `timeout` bounds each socket operation, so a gateway that trickles
one byte a second holds a request for ever. Here every connection a request
takes from urllib3's pool is registered with the request's `Deadline`; when it
runs out (or `abort()` is called: a command leaving after its wait) the
socket is shut down, which ends whatever read or write is blocked on it.
"""
from __future__ import annotations

import socket
import threading
import time

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class Deadline:
    """`with Deadline(s):` around one request on this thread."""

    def __init__(self, seconds: float, registry: set | None = None):
        self.seconds = float(seconds)
        self.at = time.monotonic() + self.seconds
        self.expired = False
        self.aborted = False
        self._conns: list = []
        self._lock = threading.Lock()
        self._done = False
        self._timer: threading.Timer | None = None
        self._registry = registry

    def remaining(self) -> float:
        return max(0.001, self.at - time.monotonic())

    def __enter__(self) -> "Deadline":
        _current.deadline = self
        if self._registry is not None:
            self._registry.add(self)
        self._arm(self.seconds)
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()
        _current.deadline = None
        if self._registry is not None:
            self._registry.discard(self)

    @property
    def over(self) -> bool:
        return self.expired or self.aborted

    def attach(self, conn) -> None:
        with self._lock:
            if not self._done:
                self._conns.append(conn)

    def abort(self) -> None:
        self.aborted = True
        self._fire()

    def _arm(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = self.expired or not self.aborted
            waiting = False
            for conn in self._conns:
                sock = getattr(conn, "sock", None)
                if sock is None:
                    waiting = True      # still connecting (bounded by the connect timeout): look again
                    continue
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            if waiting or not self._conns:
                self._arm(0.05)


def _watch(conn):
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.attach(conn)
    return conn


class _HTTPPool(HTTPConnectionPool):
    def _get_conn(self, timeout=None):
        return _watch(super()._get_conn(timeout))


class _HTTPSPool(HTTPSConnectionPool):
    def _get_conn(self, timeout=None):
        return _watch(super()._get_conn(timeout))


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools register every connection they hand out with the current Deadline."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return manager
