"""HTTP client for the gateway wire contract (DESIGN.md "Gateway API v1"), and routing by region.

One `requests.Session` per gateway, so connections are reused. TLS verification
is always on (a per-gateway CA bundle may be given; it is never switched off),
and the environment does not change it (no $REQUESTS_CA_BUNDLE, no .netrc;
proxies from the environment are read once, explicitly). A hostile or broken
gateway cannot:
- redirect a request: 3xx is never followed (GatewayMisbehaved, for staff);
- hold a request: `timeout` is a total deadline for connect, send, wait and read;
- flood memory: an answer over `max_answer_bytes` is refused unread;
- put personal data on disk: server messages are masked against every value sent.
Every failure becomes a typed error from `kiosk.gateway.errors`:
`GatewayUnavailable` (retry later: no connection, timeout, 5xx, 429, 409) or
`GatewayRejected` (another 4xx, or GatewayMisbehaved: retrying cannot help).
"""
from __future__ import annotations

import base64
import email.utils
import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from kiosk.gateway.deadline import Deadline, DeadlineAdapter
from kiosk.gateway.errors import GatewayMisbehaved, GatewayRejected, GatewayUnavailable
from kiosk.config_rules import is_loopback_url
from kiosk.gateway.masking import mask_errors

log = logging.getLogger(__name__)

MAX_KEY_LEN = 255
USER_AGENT = "tongban-kiosk/0.1"
MAX_ANSWER_BYTES = 8_000_000     # [limits] answer_max_bytes
MAX_TRACKING_NO = 64


def parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class Answer:
    """A gateway's answer, read whole within the deadline and the size limit."""
    status_code: int
    headers: Any
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


def _errors_of(resp: Answer, body: Any) -> list:
    try:
        data = resp.json()
    except (ValueError, RecursionError):
        return []
    errs = data.get("errors") if isinstance(data, dict) else None
    return mask_errors(errs, body) if isinstance(errs, list) else []


class GatewayClient:
    """One gateway: base URL, bearer token, optional CA bundle, total deadline per request."""

    def __init__(self, base_url: str, token: str = "", ca_bundle: str = "", timeout: float = 10.0,
                 max_answer_bytes: int = MAX_ANSWER_BYTES):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"gateway URL must be http(s)://, got {base_url!r}")
        if token and base_url.startswith("http://") and not is_loopback_url(base_url):
            raise ValueError("a token is sent only over https:// (plain http only to a loopback address)")
        self.base_url = base_url.rstrip("/")
        self.timeout = float(timeout)
        self.max_answer_bytes = int(max_answer_bytes)
        self.session = requests.Session()
        # The environment never changes trust or credentials ($REQUESTS_CA_BUNDLE, $CURL_CA_BUNDLE,
        # ~/.netrc); proxies from it are honoured, read once here.
        self.session.trust_env = False
        self.session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        adapter = DeadlineAdapter(max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # Never False: a CA bundle path narrows trust, it never removes it.
        self.verify: str | bool = ca_bundle or True
        self.session.verify = self.verify
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json",
                                     "Accept-Encoding": "identity"})
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self._active: set[Deadline] = set()

    def abort(self) -> None:
        """End every request in flight now (a command leaving after its wait); they fail as unavailable."""
        for d in list(self._active):
            d.abort()

    def __repr__(self) -> str:
        return f"GatewayClient({self.base_url!r})"

    def close(self) -> None:
        self.session.close()

    # -- the transport --------------------------------------------------
    def _request(self, method: str, path: str, *, json_body: Any = None, headers: dict | None = None,
                 params: dict | None = None, ok: tuple[int, ...] = (200,), cut_at: int | None = None) -> Answer:
        """`cut_at`: read at most this many bytes of a 200 and stop (a document's size is then judged
        by its verifier: too large is a refusal for staff, not a broken gateway)."""
        url = self.base_url + path
        with Deadline(self.timeout, self._active) as deadline:
            try:
                # urllib3's pool is thread-safe; the session holds no per-request state we change.
                resp = self.session.request(method, url, json=json_body, headers=headers, params=params,
                                            timeout=(deadline.remaining(), deadline.remaining()),
                                            verify=self.verify, allow_redirects=False, stream=True)
                try:
                    cut = cut_at if resp.status_code == 200 else None
                    answer = Answer(resp.status_code, resp.headers, self._read_capped(resp, method, path, cut))
                finally:
                    resp.close()
            except requests.RequestException as exc:   # connection refused/reset, DNS, TLS, timeouts
                self._raise_if_over(deadline, method, path)
                if isinstance(exc, requests.Timeout):
                    raise GatewayUnavailable(f"timeout after {self.timeout:g} s: {method} {path}") from None
                raise GatewayUnavailable(f"{type(exc).__name__}: {method} {path}") from None
            self._raise_if_over(deadline, method, path)   # a cut connection can look like a short answer
        status = answer.status_code
        if 300 <= status < 400 and status != 304:
            where = urlsplit(answer.headers.get("Location") or "")
            raise GatewayMisbehaved(f"HTTP {status} redirect for {method} {path} to "
                                    f"{where.scheme}://{where.netloc}{where.path} — never followed; "
                                    f"check the gateway url / 网关返回重定向，已拒绝", status=status)
        if status in ok:
            return answer
        reason = f"HTTP {status} for {method} {path}"
        errors = _errors_of(answer, json_body)
        if status >= 500 or status in (409, 429):
            raise GatewayUnavailable(reason, status=status,
                                     retry_after=parse_retry_after(answer.headers.get("Retry-After")),
                                     errors=errors)
        if 400 <= status < 500:
            raise GatewayRejected(reason, status=status, errors=errors)
        raise GatewayUnavailable(f"unexpected {reason}", status=status)

    def _raise_if_over(self, deadline: Deadline, method: str, path: str) -> None:
        if deadline.aborted:
            raise GatewayUnavailable(f"abandoned: {method} {path}")
        if deadline.expired:
            raise GatewayUnavailable(f"timeout: no complete answer within {self.timeout:g} s (total "
                                     f"deadline): {method} {path}")

    def _read_capped(self, resp: requests.Response, method: str, path: str, cut_at: int | None = None) -> bytes:
        if cut_at is not None:                  # a document: its first cut_at bytes, the rest unread
            chunks, size = [], 0
            for chunk in resp.iter_content(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size >= cut_at:
                    break
            return b"".join(chunks)[:cut_at]
        limit = self.max_answer_bytes
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise GatewayMisbehaved(f"answer to {method} {path} is {declared} bytes, over the limit of "
                                    f"{limit} / 网关应答过大", status=resp.status_code)
        chunks, size = [], 0
        for chunk in resp.iter_content(65536):
            size += len(chunk)
            if size > limit:
                raise GatewayMisbehaved(f"answer to {method} {path} is over the limit of {limit} bytes "
                                        f"/ 网关应答过大", status=resp.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _json(resp: Answer) -> dict:
        try:
            data = resp.json()
        except (ValueError, RecursionError) as exc:
            raise GatewayUnavailable(f"HTTP {resp.status_code}: the body is not JSON",
                                     status=resp.status_code) from exc
        if not isinstance(data, dict):
            raise GatewayUnavailable(f"HTTP {resp.status_code}: the body is not a JSON object",
                                     status=resp.status_code)
        return data

    @staticmethod
    def _key_header(key: str) -> dict:
        if not key or len(key) > MAX_KEY_LEN:
            raise ValueError(f"Idempotency-Key must be 1..{MAX_KEY_LEN} characters")
        return {"Idempotency-Key": key}

    # -- the calls --------------------------------------------------------
    def health(self) -> bool:
        try:
            resp = self._request("GET", "/v1/health")
            return self._json(resp).get("status") == "ok"
        except (GatewayUnavailable, GatewayRejected):
            return False

    def catalog(self, region: str, etag: str | None = None) -> tuple[int, str | None, dict | None]:
        """(200, etag, document) or (304, etag, None)."""
        headers = {"If-None-Match": etag} if etag else None
        resp = self._request("GET", "/v1/catalog", params={"region": region}, headers=headers, ok=(200, 304))
        new_etag = resp.headers.get("ETag") or etag
        if resp.status_code == 304:
            return 304, new_etag, None
        return 200, new_etag, self._json(resp)

    def submit(self, body: dict, idempotency_key: str) -> dict:
        """201 → `{"tracking_no","status","received_at"}`."""
        resp = self._request("POST", "/v1/submissions", json_body=body,
                             headers=self._key_header(idempotency_key), ok=(200, 201))
        data = self._json(resp)
        tn = data.get("tracking_no")
        if not (isinstance(tn, str) and 0 < len(tn) <= MAX_TRACKING_NO and tn.isprintable()):
            # It may have taken effect: keep the entry (same key, same answer later) and tell staff.
            raise GatewayMisbehaved(f"HTTP {resp.status_code} without a usable tracking number "
                                    f"(got {type(tn).__name__}); the application is kept — ask the gateway's "
                                    f"operator, then retry it / 网关已应答但未给出有效受理编号",
                                    status=resp.status_code)
        return data

    def submission(self, ident: str) -> dict:
        """`{"tracking_no","status","history"}`; GatewayRejected(status=404) when unknown."""
        from urllib.parse import quote
        return self._json(self._request("GET", f"/v1/submissions/{quote(ident, safe='')}"))

    def verify_identity(self, id_number: str, name: str, face_jpeg: bytes) -> dict:
        body = {"id_number": id_number, "name": name,
                "face_jpeg_b64": base64.b64encode(face_jpeg).decode("ascii")}
        return self._json(self._request("POST", "/v1/identity/verify", json_body=body))

    def evaluate(self, body: dict, idempotency_key: str) -> dict:
        resp = self._request("POST", "/v1/evaluations", json_body=body,
                             headers=self._key_header(idempotency_key), ok=(200, 201))
        data = self._json(resp) if resp.content else {}
        if not isinstance(data.get("tracking_no", data.get("id", "")), (str, type(None))):
            raise GatewayMisbehaved(f"HTTP {resp.status_code}: evaluation answer with a tracking number that "
                                    f"is not text / 网关应答格式错误", status=resp.status_code)
        return data

    def heartbeat(self, kiosk_id: str, body: dict) -> None:
        from urllib.parse import quote
        self._request("POST", f"/v1/kiosks/{quote(kiosk_id, safe='')}/heartbeat", json_body=body,
                      ok=(200, 204))

    # -- documents and licences (kiosk.documents verifies what these return) ---------------
    def _pdf(self, path: str, max_bytes: int, headers: dict | None = None) -> bytes:
        """The body, in memory, cut at max_bytes + 1 (so the caller sees "too large" without the
        kiosk ever holding a huge answer), within the request's total deadline."""
        answer = self._request("GET", path, headers={**(headers or {}), "Accept": "application/pdf"},
                               cut_at=max_bytes + 1)
        return answer.content

    def document_pdf(self, doc_id: str, max_bytes: int) -> bytes:
        from urllib.parse import quote
        return self._pdf(f"/v1/documents/{quote(doc_id, safe='')}", max_bytes)

    @staticmethod
    def license_headers(id_type: str, id_number: str, consent_at: str, name: str = "") -> dict:
        """Who asks and when they agreed: in headers, never in the URL (URLs reach access logs)."""
        from urllib.parse import quote
        h = {"X-Applicant-Id-Type": id_type, "X-Applicant-Id-Number": id_number,
             "X-Consent-At": consent_at, "X-Consent-Scope": "licenses"}
        if name:
            h["X-Applicant-Name"] = quote(name, safe="")
        return h

    def licenses(self, headers: dict) -> list[dict]:
        data = self._json(self._request("GET", "/v1/licenses", headers=headers))
        items = data.get("licenses")
        if not isinstance(items, list):
            raise GatewayUnavailable("licences answer without a list")
        return [i for i in items if isinstance(i, dict)]

    def license_pdf(self, license_id: str, headers: dict, max_bytes: int) -> bytes:
        from urllib.parse import quote
        hs = {k: v for k, v in headers.items() if k != "X-Applicant-Name"}
        return self._pdf(f"/v1/licenses/{quote(license_id, safe='')}/file", max_bytes, hs)


class GatewayRouter:
    """Sends each call to the right gateway: the item's region if mapped in kiosk.toml, else home.

    `home_url` overrides cfg.gateway.url (needed when that is "embedded": pass
    the embedded simulator's URL).
    """

    def __init__(self, cfg, home_url: str | None = None):
        url = home_url or cfg.gateway.url
        if url == "embedded":
            raise ValueError('gateway.url is "embedded": start it (kiosk.gateway_sim.start_embedded) '
                             "and pass its URL as home_url")
        self.cfg = cfg
        timeout = cfg.gateway.timeout_s
        self.max_answer_bytes = getattr(getattr(cfg, "limits", None), "answer_max_bytes", MAX_ANSWER_BYTES)
        self.home = GatewayClient(url, cfg.gateway.token, cfg.gateway.ca_bundle, timeout, self.max_answer_bytes)
        self._regional: dict[str, GatewayClient] = {}
        self._lock = threading.Lock()

    def client_for(self, region: str | None) -> GatewayClient:
        if not region or region not in self.cfg.regions:
            return self.home
        with self._lock:
            client = self._regional.get(region)
            if client is None:
                r = self.cfg.regions[region]
                client = GatewayClient(r.url, r.token, r.ca_bundle, self.cfg.gateway.timeout_s,
                                       self.max_answer_bytes)
                self._regional[region] = client
            return client

    def regions(self) -> list[str]:
        return sorted(self.cfg.regions)

    def submit(self, body: dict, idempotency_key: str) -> dict:
        # The body always carries its region, so the home gateway can forward it.
        return self.client_for(body.get("region")).submit(body, idempotency_key)

    def evaluate(self, body: dict, idempotency_key: str) -> dict:
        """Routed by the optional body["region"] (the rated item's region), else home."""
        return self.client_for(body.get("region")).evaluate(body, idempotency_key)

    def heartbeat(self, kiosk_id: str, body: dict) -> None:
        self.home.heartbeat(kiosk_id, body)

    def health(self, region: str | None = None) -> bool:
        return self.client_for(region).health()

    def verify_identity(self, id_number: str, name: str, face_jpeg: bytes) -> dict:
        return self.home.verify_identity(id_number, name, face_jpeg)

    def fetch_catalog(self, region: str, etag: str | None = None) -> tuple[int, str | None, dict | None]:
        return self.client_for(region).catalog(region, etag)

    def progress(self, ident: str) -> dict:
        """Ask the gateway most likely to know (a tracking number starting with a mapped
        region code), then home, then every other regional gateway; first answer wins."""
        order: list[GatewayClient] = []
        for region in self.regions():
            if ident.startswith(region):
                order.append(self.client_for(region))
        order.append(self.home)
        order += [self.client_for(r) for r in self.regions()]
        seen: set[int] = set()
        unavailable: GatewayUnavailable | None = None
        for client in order:
            if id(client) in seen:
                continue
            seen.add(id(client))
            try:
                return client.submission(ident)
            except GatewayRejected as exc:
                if exc.status != 404:
                    raise
            except GatewayUnavailable as exc:
                unavailable = exc
        if unavailable is not None:
            raise unavailable
        raise GatewayRejected("no gateway knows this number", status=404)

    def abort(self) -> None:
        """End every request in flight on every gateway now."""
        for c in [self.home, *self._regional.values()]:
            c.abort()

    def close(self) -> None:
        self.home.close()
        for c in self._regional.values():
            c.close()
