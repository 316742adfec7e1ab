"""A small real HTTP gateway on 127.0.0.1 for the outbox tests (not a mock: real sockets).

Implements the submission part of the wire contract: Idempotency-Key replay
(same key + same body → same 201), 422 on a reused key with another body,
/v1/health, plus scripted faults: 500, 503 + Retry-After, 429, a slow answer
(client timeout), connection resets before or after the request takes effect,
and 400 with field errors.
"""
from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class GatewayState:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_key: dict[str, tuple[str, dict]] = {}   # key → (body sha, 201 body)
        self.effects: list[dict] = []                   # every submission that took effect
        self.requests = 0
        self.heartbeats = 0
        self.up = True
        # fault(key, attempt_no, body) -> None | "500" | "503" | "429" | "slow" |
        #   "reset_before" | "reset_after" | "400"
        self.fault = None
        self.slow_s = 1.0
        self.attempts: dict[str, int] = {}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: GatewayState

    def log_message(self, *args):   # quiet
        pass

    def setup(self):
        super().setup()
        # headers and body go out in two writes: without NODELAY, Nagle + delayed ACK add 40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, code: int, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body or {}).encode() if body is not None else b""
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _reset(self):
        # RST instead of FIN: SO_LINGER 0 then close.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def do_GET(self):
        if self.path.startswith("/v1/health") and self.state.up:
            return self._send(200, {"status": "ok"})
        return self._send(503 if not self.state.up else 404, {})

    def do_POST(self):
        st = self.state
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not st.up:
            return self._reset()
        if self.path.endswith("/heartbeat"):
            with st.lock:
                st.heartbeats += 1
            return self._send(204)
        key = self.headers.get("Idempotency-Key")
        if not key:
            return self._send(400, {"errors": [{"field": "Idempotency-Key", "message": "missing"}]})
        body = json.loads(raw)
        with st.lock:
            st.requests += 1
            n = st.attempts[key] = st.attempts.get(key, 0) + 1
        fault = st.fault(key, n, body) if st.fault else None
        if fault == "500":
            return self._send(500, {"error": "boom"})
        if fault == "503":
            return self._send(503, {}, {"Retry-After": "0"})
        if fault == "429":
            return self._send(429, {}, {"Retry-After": "0"})
        if fault == "reset_before":
            return self._reset()
        if fault == "400":
            return self._send(400, {"errors": [{"field": "form.reason", "message": "必填 required"}]})
        sha = hashlib.sha256(raw).hexdigest()
        with st.lock:
            if key in st.by_key:
                old_sha, resp = st.by_key[key]
                if old_sha != sha:
                    return self._send(422, {"errors": [{"field": "Idempotency-Key", "message": "reused"}]})
            else:
                resp = {"tracking_no": f"T{len(st.by_key) + 1:08d}", "status": "received",
                        "received_at": time.time()}
                st.by_key[key] = (sha, resp)
                st.effects.append(body)
        if fault == "slow":
            time.sleep(st.slow_s)
        if fault == "reset_after":
            return self._reset()
        self._send(201, resp)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):   # the client gave up (timeout): expected
        pass


class QueueTestGateway:
    def __init__(self):
        self.state = GatewayState()
        handler = type("H", (_Handler,), {"state": self.state})
        self.server = _QuietServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, name="test-gateway",
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> str:
        self._thread.start()
        return self.url

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)


def requests_deliver(url: str, timeout: float = 2.0):
    """A plain `requests` deliver callable for library tests (the kiosk uses GatewayRouter)."""
    import requests
    from offline_queue import Delivered, NeedsStaff, Retry

    session = requests.Session()

    def deliver(entry):
        try:
            r = session.post(f"{url}/v1/submissions", json=entry.payload, timeout=timeout,
                             headers={"Idempotency-Key": entry.idempotency_key})
        except (requests.ConnectionError, requests.Timeout) as exc:
            return Retry(f"{type(exc).__name__}", offline=isinstance(exc, requests.ConnectionError)
                         and not isinstance(exc, requests.ReadTimeout))
        if r.status_code in (200, 201):
            return Delivered(r.json()["tracking_no"])
        if r.status_code >= 500 or r.status_code in (409, 429):
            ra = r.headers.get("Retry-After")
            return Retry(f"HTTP {r.status_code}", retry_after=float(ra) if ra else None)
        return NeedsStaff(f"HTTP {r.status_code}: {r.text[:200]}")

    def probe():
        try:
            return session.get(f"{url}/v1/health", timeout=timeout).status_code == 200
        except requests.RequestException:
            return False

    return deliver, probe
