"""The reference gateway: the wire contract of DESIGN.md over stdlib HTTP, with fault injection.

`GatewaySim(...).start()` returns the base URL. Faults for tests and demos:
`fail_rate` (503/429 with Retry-After), `latency_ms`, `drop_rate` (close the
connection without an answer; for POSTs after the work is stored, i.e. "the
answer was lost"), scripted `fail_next()` / `drop_next()`, and
`set_offline(True)` which closes the listening socket and every open
connection so clients see a real connection error.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.catalog.model import CatalogError, Item, parse_document
from kiosk.gateway.wire import MAX_KEY_LEN
from kiosk.gateway_sim import document_routes, identity_rule, validate
from kiosk.gateway_sim.demo_ca import DemoCA
from kiosk.gateway_sim.documents import DocumentOffice
from kiosk.gateway_sim.licenses import LicenseRegistry
from kiosk.gateway_sim.store import Store

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "assets" / "catalog" / "seed.json"


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

    def __init__(self, addr, handler, sim: "GatewaySim"):
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


class GatewaySim:
    """The reference gateway. Thread-safe; every request runs on its own thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, data_dir: str | Path | None = None,
                 region: str = "230100", catalog_path: str | Path | None = None, fail_rate: float = 0.0,
                 latency_ms: int = 0, token: str = "", drop_rate: float = 0.0,
                 accept_after_s: float = 5.0, complete_after_s: float = 30.0,
                 processing_ms: int = 0, seed: int | None = None,
                 tls_cert: str | Path | None = None, tls_key: str | Path | None = None,
                 clock=time.time):
        self.host, self.port = host, port
        self.data_dir = Path(data_dir) if data_dir else None
        self.region = region
        self.catalog_path = Path(catalog_path) if catalog_path else DEFAULT_SEED
        self.fail_rate, self.drop_rate = float(fail_rate), float(drop_rate)
        self.latency_ms, self.processing_ms = int(latency_ms), int(processing_ms)
        self.token = token
        self.accept_after_s, self.complete_after_s = float(accept_after_s), float(complete_after_s)
        self.mismatch_ids: set[str] = set()
        self.tls_cert, self.tls_key = tls_cert, tls_key
        self.clock = clock       # wall-clock seconds; tests pass their own to step statuses without sleeping
        self.connections_accepted = 0      # TCP connections so far (connection reuse is visible)
        self._random = random.Random(seed)
        self._fault_lock = threading.Lock()
        self._scripted_fail: list[tuple[int, float]] = []
        self._scripted_drop = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._catalog_doc: dict = {}
        self._items: dict[str, Item] = {}
        self._catalog_cache: dict[str | None, tuple[bytes, str]] = {}
        self.load_catalog_file(self.catalog_path)
        # The demo CA that seals documents: kept under data_dir/demo-ca (its root.pem is what
        # the demo kiosk.toml trusts), or in memory without a data dir (demo_ca.py says why).
        self.ca = DemoCA.load_or_create(self.data_dir / "demo-ca" if self.data_dir else None)
        self.office = DocumentOffice(self.ca)
        self.licenses = LicenseRegistry(self.office)
        self._material_shapes: dict[str, list[dict]] = {}   # tracking no → what came, without data

    # -- life cycle -------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{'https' if self.tls_cert else 'http'}://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def running_store(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> Store:
        """The store, or end the request quietly: the simulator was stopped while it ran."""
        store = self._store
        if store is None:
            raise _Drop()
        return store

    def start(self) -> str:
        if self._store is None:
            db = (self.data_dir / "gateway.sqlite3") if self.data_dir else ":memory:"
            self._store = Store(db)
        self._listen()
        return self.url

    def _listen(self) -> None:
        self._server = _Server((self.host, self.port), _Handler, self)
        if self.tls_cert:
            import ssl
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(self.tls_cert), str(self.tls_key) if self.tls_key else None)
            self._server.socket = ctx.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]   # port 0 → the real one, kept for set_offline(False)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"gateway-sim:{self.port}", daemon=True)
        self._thread.start()

    def _close_listener(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        server.drop_all_connections()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def set_offline(self, offline: bool) -> None:
        """Offline: refuse connections (the listening socket is closed, open ones are cut)."""
        if offline:
            self._close_listener()
        elif self._server is None:
            self._listen()

    @property
    def offline(self) -> bool:
        return self._server is None

    def stop(self) -> None:
        self._close_listener()
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> "GatewaySim":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- catalog ----------------------------------------------------------
    def load_catalog_file(self, path: str | Path) -> None:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        parse_document(doc)    # a simulator with a broken seed would only confuse
        self.set_catalog(doc)

    def set_catalog(self, doc: dict) -> None:
        """Serve `doc` from now on. Not validated on purpose: tests serve broken catalogs."""
        self._catalog_doc = doc
        try:
            _, items = parse_document(doc)
            self._items = {i.code: i for i in items}
        except CatalogError:
            pass    # keep validating submissions against the last good items
        self._catalog_cache = {}

    def _catalog_bytes(self, region: str | None) -> tuple[bytes, str]:
        cached = self._catalog_cache.get(region)
        if cached is None:
            doc = self._catalog_doc
            items = doc.get("items") if isinstance(doc, dict) else None
            if region and isinstance(items, list):
                items = [i for i in items if not isinstance(i, dict) or i.get("region") == region]
            out = dict(doc) if isinstance(doc, dict) else {}
            out["items"] = items
            if region:
                out["region"] = region
            data = json.dumps(out, ensure_ascii=False).encode()
            cached = (data, '"' + hashlib.sha256(data).hexdigest()[:24] + '"')
            self._catalog_cache[region] = cached
        return cached

    @property
    def items(self) -> dict[str, Item]:
        """The items submissions are validated against (the last valid catalog served)."""
        return dict(self._items)

    # -- faults -----------------------------------------------------------
    def fail_next(self, n: int = 1, status: int = 503, retry_after: float = 1.0) -> None:
        with self._fault_lock:
            self._scripted_fail += [(status, retry_after)] * n

    def drop_next(self, n: int = 1) -> None:
        with self._fault_lock:
            self._scripted_drop += n

    def _before_request(self) -> None:
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)

    def _injected_failure(self) -> tuple[int, float] | None:
        with self._fault_lock:
            if self._scripted_fail:
                return self._scripted_fail.pop(0)
            if self.fail_rate and self._random.random() < self.fail_rate:
                return (self._random.choice((503, 429)), 1.0)
        return None

    def _should_drop(self) -> bool:
        with self._fault_lock:
            if self._scripted_drop:
                self._scripted_drop -= 1
                return True
            return bool(self.drop_rate) and self._random.random() < self.drop_rate

    def _authorized(self, header: str) -> bool:
        return not self.token or header == f"Bearer {self.token}"

    # -- inspection for tests and the demo dock ----------------------------
    def submissions(self) -> list[dict]:
        return self._store.submissions() if self._store else []

    def evaluations(self) -> list[dict]:
        return self._store.evaluations() if self._store else []

    def material_shapes(self, tracking_no: str) -> list[dict]:
        """For tests and the demo: each material's key, licence reference and whether image data
        came — never the data (kept in memory only)."""
        return list(self._material_shapes.get(tracking_no, []))

    def in_flight(self) -> int:
        """Submissions being processed right now (tests wait for this to provoke a 409)."""
        return self._store.in_flight() if self._store else 0

    def last_heartbeat(self, kiosk_id: str) -> dict | None:
        return self._store.heartbeat(kiosk_id) if self._store else None

    # -- routing ----------------------------------------------------------
    _ROUTES = [
        ("GET", re.compile(r"/v1/health"), "_h_health"),
        ("GET", re.compile(r"/v1/catalog"), "_h_catalog"),
        ("POST", re.compile(r"/v1/submissions"), "_h_submit"),
        ("GET", re.compile(r"/v1/submissions/(?P<ident>[^/]+)"), "_h_submission"),
        ("POST", re.compile(r"/v1/identity/verify"), "_h_verify"),
        ("POST", re.compile(r"/v1/evaluations"), "_h_evaluate"),
        ("POST", re.compile(r"/v1/kiosks/(?P<kiosk_id>[^/]+)/heartbeat"), "_h_heartbeat"),
        ("GET", re.compile(r"/v1/documents/(?P<doc_id>[^/]+)"), "_h_document"),
        ("GET", re.compile(r"/v1/licenses"), "_h_licenses"),
        ("GET", re.compile(r"/v1/licenses/(?P<license_id>[^/]+)/file"), "_h_license_file"),
    ]

    _QUERY_PARAMS = {"_h_catalog": {"region"}}

    def _route(self, method: str, path: str):
        for m, rx, name in self._ROUTES:
            match = rx.fullmatch(path)
            if match and m == method:
                params = {k: unquote(v) for k, v in match.groupdict().items()}
                return getattr(self, name), params
        return None

    def _allowed_methods(self, path: str) -> list[str]:
        return [m for m, rx, _ in self._ROUTES if rx.fullmatch(path)]

    # -- handlers (run on the request's thread) -----------------------------
    def _h_health(self, h: _Handler, body) -> None:
        h._send(200, {"status": "ok"})

    def _h_catalog(self, h: _Handler, body) -> None:
        query = parse_qs(urlsplit(h.path).query, keep_blank_values=True)
        region = (query.get("region") or [None])[0]
        if region is not None and not re.fullmatch(r"\d{6}", region):
            return h._errors(400, [validate.err("region", "区划代码必须是 6 位数字", "region must be 6 digits")])
        data, etag = self._catalog_bytes(region)
        inm = h.headers.get("If-None-Match", "")
        if etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*":
            return h._send(304, None, {"ETag": etag})
        h.send_response(200)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.send_header("ETag", etag)
        h.end_headers()
        h.wfile.write(data)

    @staticmethod
    def _key_problem(key: str | None) -> list[dict] | None:
        if not key:
            return [validate.err("Idempotency-Key", "缺少幂等键", "the Idempotency-Key header is required")]
        if len(key) > MAX_KEY_LEN:
            return [validate.err("Idempotency-Key", "幂等键过长", f"Idempotency-Key longer than {MAX_KEY_LEN}")]
        return None

    def _h_submit(self, h: _Handler, body) -> None:
        key = h.headers.get("Idempotency-Key")
        problem = self._key_problem(key)
        if problem:
            return h._errors(400, problem)
        digest = body_hash(body)
        state, response = self.store.begin_submission(key, digest)
        if state == "conflict":
            return h._errors(422, [validate.err("Idempotency-Key", "该幂等键已用于另一份申请",
                                                "this key was used with a different body")])
        if state == "in_flight":
            return h._errors(409, [validate.err("Idempotency-Key", "该申请正在处理", "still being processed")],
                             {"Retry-After": "1"})
        if state == "done":
            return h._send(201, response)
        errors, item = validate.check_submission(body, self._items, document_routes.check_license(self))
        if errors:
            self.store.abandon_submission(key)   # an invalid body is not remembered: fix and resend
            return h._errors(400, errors)
        try:
            if self.processing_ms:
                time.sleep(self.processing_ms / 1000)
            documents = [d.listing() for d in self.office.issue_for(item, body)]
            response = self.store.finish_submission(key, digest, item.code, body["region"], body["kiosk_id"],
                                                     item.instant, self.clock(), make_tracking_no, documents)
        except BaseException:
            self.store.abandon_submission(key)
            raise
        self._material_shapes[response["tracking_no"]] = [
            {"key": m.get("key"), "license_id": m.get("license_id"), "sha256": m.get("sha256"),
             "data_b64": "data_b64" in m} for m in body.get("materials", []) if isinstance(m, dict)]
        if self._should_drop():
            raise _Drop()    # stored, but the answer is lost: the client's retry must get the same body
        h._send(201, response)

    def _status_of(self, rec: dict, now: float) -> tuple[str, list[dict]]:
        from kiosk.gateway_sim.store import _iso
        t0 = rec["received_at"]
        accept_at = t0 if rec["instant"] else t0 + self.accept_after_s
        done_at = t0 if rec["instant"] else t0 + max(self.complete_after_s, self.accept_after_s)
        history = [{"status": "received", "at": _iso(t0)}]
        status = "received"
        if now >= accept_at:
            history.append({"status": "accepted", "at": _iso(accept_at)})
            status = "accepted"
        if now >= done_at:
            history.append({"status": "completed", "at": _iso(done_at)})
            status = "completed"
        return status, history

    def _h_submission(self, h: _Handler, body, ident: str) -> None:
        rec = self.store.find_submission(ident)
        if rec is None:
            return h._errors(404, [validate.err("id", "未找到该办件", "no submission with this number or key")])
        status, history = self._status_of(rec, self.clock())
        answer = {"tracking_no": rec["tracking_no"], "status": status, "history": history,
                  "item_code": rec["item_code"], "region": rec["region"]}
        if status == "completed" and rec["documents"]:
            answer["documents"] = rec["documents"]
        h._send(200, answer)

    def _h_document(self, h: _Handler, body, doc_id: str) -> None:
        document_routes.document(self, h, doc_id)

    def _h_licenses(self, h: _Handler, body) -> None:
        document_routes.licenses(self, h, body)

    def _h_license_file(self, h: _Handler, body, license_id: str) -> None:
        document_routes.license_file(self, h, body, license_id)

    def _h_verify(self, h: _Handler, body) -> None:
        errors, face = validate.check_verify(body)
        if errors:
            return h._errors(400, errors)
        h._send(200, identity_rule.verify(body["id_number"], body["name"], face, self.mismatch_ids))

    def _h_evaluate(self, h: _Handler, body) -> None:
        key = h.headers.get("Idempotency-Key")
        problem = self._key_problem(key)
        if problem:
            return h._errors(400, problem)
        errors = validate.check_evaluation(body)
        if errors:
            return h._errors(400, errors)
        state, response = self.store.put_evaluation(key, body_hash(body), body, self.clock())
        if state == "conflict":
            return h._errors(422, [validate.err("Idempotency-Key", "该幂等键已用于另一条评价",
                                                "this key was used with a different body")])
        if self._should_drop():
            raise _Drop()
        h._send(201, response)

    def _h_heartbeat(self, h: _Handler, body, kiosk_id: str) -> None:
        if not isinstance(body, dict):
            return h._errors(400, [validate.err("", "请求体必须是 JSON 对象", "the body must be a JSON object")])
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", kiosk_id):
            return h._errors(400, [validate.err("kiosk_id", "终端编号无效",
                                                "kiosk id must be 1..64 of A-Z a-z 0-9 . _ -")])
        problems = _attention_problems(body["attention"]) if "attention" in body else []
        if problems:
            return h._errors(400, problems)
        self.store.put_heartbeat(kiosk_id, body, self.clock())
        h._send(204)


def _attention_problems(attention) -> list[dict]:
    """A heartbeat's optional `attention` (an open 呼叫工作人员), as the OpenAPI document says."""
    if not isinstance(attention, dict):
        return [validate.err("attention", "attention 必须是对象", "attention must be an object")]
    if "staff_call" not in attention:
        return []
    call = attention["staff_call"]
    if not isinstance(call, dict):
        return [validate.err("attention.staff_call", "staff_call 必须是对象", "staff_call must be an object")]
    problems = [validate.err(f"attention.staff_call.{k}", f"{k} 必须是字符串", f"{k} must be a string")
                for k in ("at", "step") if k in call and not isinstance(call[k], str)]
    if not problems and "at" in call and not _is_rfc3339(call["at"]):
        problems.append(validate.err("attention.staff_call.at", "时间格式无效",
                                     "at must be an RFC 3339 date-time with its offset"))
    return problems


_RFC3339 = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _is_rfc3339(text: str) -> bool:
    import datetime as dt
    m = _RFC3339.fullmatch(text)
    if not m:
        return False
    date, clock, _, offset = m.groups()
    offset = "+00:00" if offset in ("Z", "z") else offset
    try:
        dt.datetime.fromisoformat(f"{date}T{clock}{offset}")
    except ValueError:
        return False
    return True


def start_embedded(cfg) -> GatewaySim:
    """The in-process home gateway for `gateway.url = "embedded"` (data under data_dir/gateway-sim)."""
    sim = GatewaySim(data_dir=Path(cfg.kiosk.data_dir) / "gateway-sim", region=cfg.kiosk.region,
                     catalog_path=cfg.catalog.seed, token=cfg.gateway.token)
    sim.start()
    return sim
