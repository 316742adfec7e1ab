"""The reference gateway: the wire contract of DESIGN.md over stdlib HTTP, with fault injection.

`GatewaySim(...).start()` returns the base URL. Faults for tests and demos:
`fail_rate` (503/429 with Retry-After), `latency_ms`, `drop_rate` (close the
connection without an answer; for POSTs after the work is stored, i.e. "the
answer was lost"), scripted `fail_next()` / `drop_next()`, and
`set_offline(True)` which closes the listening socket and every open
connection so clients see a real connection error.
"""
from __future__ import annotations

import collections
import hashlib
import json
import logging
import random
import threading
import time
from pathlib import Path

from kiosk.catalog.model import CatalogError, Item, parse_document
from kiosk.gateway_sim.demo_ca import DemoCA
from kiosk.gateway_sim.documents import DocumentOffice
from kiosk.gateway_sim.licenses import LicenseRegistry
from kiosk.gateway_sim.recommend import Recommender
from kiosk.gateway_sim.residents import ResidentRecords
from kiosk.gateway_sim.http import _Drop, _Handler, _Server
from kiosk.gateway_sim.routes import Routes
from kiosk.gateway_sim.store import Store

log = logging.getLogger(__name__)

DEFAULT_SEED = Path(__file__).resolve().parents[2] / "assets" / "catalog" / "seed.json"


class GatewaySim(Routes):
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
        # item code → the reason (Chinese) this gateway refuses it with a 400, for tests and demos of
        # one refused item in a 一件事一次办 visit.
        self.refused_items: dict[str, str] = {}
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
        self.residents = ResidentRecords(self.clock)      # the demo people's records (主动服务)
        self.licenses = LicenseRegistry(self.office, self.residents)
        self.recommender = Recommender(self.residents, self.licenses, self.clock)
        # (method, path) of every request, no query, no header, no body: tests see what reached the
        # gateway (e.g. that no /v1/recommendations came without consent).
        self.request_log: "collections.deque[tuple[str, str]]" = collections.deque(maxlen=4096)
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
            scenes = out.get("scenes")
            if region and isinstance(scenes, list):     # 一件事一次办: each region serves its own scenes
                out["scenes"] = [x for x in scenes if not isinstance(x, dict) or x.get("region") == region]
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

    def requests_seen(self, path: str | None = None) -> list[tuple[str, str]]:
        """(method, path) of the requests received so far, or only those to `path`."""
        return [r for r in list(self.request_log) if path is None or r[1] == path]

    def in_flight(self) -> int:
        """Submissions being processed right now (tests wait for this to provoke a 409)."""
        return self._store.in_flight() if self._store else 0

    def last_heartbeat(self, kiosk_id: str) -> dict | None:
        return self._store.heartbeat(kiosk_id) if self._store else None


def start_embedded(cfg) -> GatewaySim:
    """The in-process home gateway for `gateway.url = "embedded"` (data under data_dir/gateway-sim)."""
    sim = GatewaySim(data_dir=Path(cfg.kiosk.data_dir) / "gateway-sim", region=cfg.kiosk.region,
                     catalog_path=cfg.catalog.seed, token=cfg.gateway.token)
    sim.start()
    return sim
