"""The reference gateway's HTTP transport: a threading server whose connections can all be
cut at once (set_offline), and the request handler that hands each request to the sim."""
from __future__ import annotations

import hashlib
import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kiosk.gateway_sim import validate

log = logging.getLogger("kiosk.gateway_sim.server")

MAX_BODY = 64 * 1024 * 1024


class _Drop(Exception):
    """Close the connection without answering (fault injection)."""


def body_hash(body) -> str:
    """Same JSON value → same hash, whatever the key order or spacing."""
    canon = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()


def make_tracking_no(region: str, day: str, serial: int) -> str:
    """办件编号: region (6) + yyyymmdd + 6-digit serial — 20 digits, easy to type on a keypad."""
    return f"{region}{day}{serial:06d}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler, sim):     # sim: kiosk.gateway_sim.server.GatewaySim
        self.sim = sim
        self.connections: set[socket.socket] = set()
        self.conn_lock = threading.Lock()
        super().__init__(addr, handler)

    def process_request(self, request, client_address):
        with self.conn_lock:
            self.connections.add(request)
            self.sim.connections_accepted += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.conn_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        # A client that hung up is normal; anything else is a bug worth an ERROR.
        import sys
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)) or not self.sim.running_store:
            log.debug("connection from %s ended: %r", client_address, exc)
        else:
            log.error("gateway-sim: request from %s failed", client_address, exc_info=True)

    def drop_all_connections(self) -> None:
        with self.conn_lock:
            conns = list(self.connections)
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"      # keep-alive, so the client's session reuses connections
    timeout = 30                       # idle keep-alive connections end after this
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY each answer
        # waits ~40 ms for the client's delayed ACK (22 submissions/s instead of 400+).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):   # no access log: paths may carry tracking numbers only, but keep quiet
        log.debug("%s %s", self.address_string(), fmt % args)

    # -- plumbing ----------------------------------------------------------
    def _send(self, status: int, body=None, headers: dict | None = None) -> None:
        data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)

    def _errors(self, status: int, errors: list[dict], headers: dict | None = None) -> None:
        self._send(status, {"errors": errors}, headers)

    def _read_body(self):
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return None, [validate.err("", "缺少请求体", "a JSON body with Content-Length is required")]
        n = int(length)
        if n > MAX_BODY:
            self.close_connection = True
            return None, [validate.err("", "请求体过大", f"body larger than {MAX_BODY} bytes")]
        raw = self.rfile.read(n)
        try:
            return json.loads(raw.decode("utf-8")), None
        except (UnicodeDecodeError, ValueError):
            return None, [validate.err("", "请求体不是有效的 JSON", "the body is not valid UTF-8 JSON")]

    def _dispatch(self) -> None:
        sim = self.server.sim
        path = urlsplit(self.path).path
        sim.request_log.append((self.command, path))
        body = None
        if self.command in ("POST", "PUT", "PATCH") and sim._route(self.command, path) is not None:
            body, problem = self._read_body()
            if problem:
                return self._errors(400, problem)
        try:
            sim._before_request()
            if path != "/v1/health" and not sim._authorized(self.headers.get("Authorization", "")):
                return self._errors(401, [validate.err("Authorization", "终端令牌无效", "missing or wrong bearer token")],
                                    {"WWW-Authenticate": "Bearer"})
            fault = sim._injected_failure()
            if fault is not None:
                status, retry_after = fault
                return self._errors(status, [validate.err("", "网关繁忙，请稍后再试", "injected fault: try later")],
                                    {"Retry-After": f"{retry_after:g}"})
            route = sim._route(self.command, path)
            if route is None:
                allowed = sim._allowed_methods(path)
                if not allowed:
                    return self._errors(404, [validate.err("", "接口不存在", f"no route for {path}")])
                return self._errors(405, [validate.err("", "不支持的请求方法", f"{self.command} not allowed")],
                                    {"Allow": ", ".join(allowed)})
            handler, params = route
            query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            unknown = sorted(set(query) - sim._QUERY_PARAMS.get(handler.__name__, set()))
            if unknown:
                return self._errors(400, [validate.err(unknown[0], "未知的查询参数", f"unknown query parameter(s) {unknown}")])
            handler(self, body, **params)
        except _Drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def do_GET(self):
        self._dispatch()

    def __getattr__(self, name: str):
        # Every method (POST, TRACE, QUERY, …) reaches the router, which answers 405 with
        # Allow for the ones a path does not take — not http.server's HTML 501.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)
