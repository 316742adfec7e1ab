"""A real HTTP server on 127.0.0.1 that misbehaves the way issue 13 found gateways do.

`behave(handler, body)` decides each answer; helpers below make the usual ones:
redirect elsewhere, trickle one byte at a time, echo the applicant in a 400,
answer far too much, or give a tracking number that is not one.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "HostileGateway._Server"

    def log_message(self, *args):
        pass

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def _handle(self):
        body = self._body()
        gw = self.server.owner
        with gw.lock:
            gw.received.append((self.command, self.path, body))
        try:
            gw.behave(self, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = _handle

    def answer(self, code: int, obj=None, headers: dict | None = None):
        data = b"" if obj is None else json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class HostileGateway:
    class _Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):   # a client that gave up: expected
            pass

    def __init__(self, behave):
        self.behave = behave
        self.lock = threading.Lock()
        self.received: list[tuple[str, str, object]] = []
        self.server = self._Server(("127.0.0.1", 0), _Handler)
        self.server.owner = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def posts(self, path_part: str = "") -> list:
        with self.lock:
            return [b for m, p, b in self.received if m == "POST" and path_part in p]


def healthy_then(submission):
    """/v1/health answers ok; everything else goes to `submission(handler, body)`."""
    def behave(h, body):
        if h.path.startswith("/v1/health"):
            return h.answer(200, {"status": "ok"})
        return submission(h, body)
    return behave


def trickle(h, body, interval: float = 0.25, total: int = 400):
    """A status line, then headers one byte every `interval` (each read is quick; the whole never ends)."""
    h.wfile.write(b"HTTP/1.1 201 Created\r\n")
    h.wfile.flush()
    for _ in range(total):
        h.wfile.write(b"X")
        h.wfile.flush()
        time.sleep(interval)
