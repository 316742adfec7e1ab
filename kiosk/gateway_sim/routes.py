"""The reference gateway's routes and request handlers (a part of GatewaySim)."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.gateway.wire import MAX_KEY_LEN
from kiosk.gateway_sim import document_routes, identity_rule, validate
from kiosk.gateway_sim.http import _Drop, _Handler, body_hash, make_tracking_no


class Routes:
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
        ("GET", re.compile(r"/v1/recommendations"), "_h_recommendations"),
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
        if not errors and item.code in self.refused_items:     # a department that refuses this item now
            errors = [validate.err("item_code", self.refused_items[item.code],
                                   "this department does not accept the item now (refused_items)")]
        if errors:
            self.store.abandon_submission(key)   # an invalid body is not remembered: fix and resend
            return h._errors(400, errors)
        try:
            if self.processing_ms:
                time.sleep(self.processing_ms / 1000)
            documents = [d.listing() for d in self.office.issue_for(item, body)]
            response = self.store.finish_submission(key, digest, item.code, body["region"], body["kiosk_id"],
                                                     item.instant, self.clock(), make_tracking_no, documents,
                                                     scene_id=body.get("scene_id"))
        except BaseException:
            self.store.abandon_submission(key)
            raise
        self.recommender.note_submission(body["applicant"]["id_number"], item.code)
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
        if rec.get("scene_id"):
            answer["scene_id"] = rec["scene_id"]
        if status == "completed" and rec["documents"]:
            answer["documents"] = rec["documents"]
        h._send(200, answer)

    def _h_document(self, h: _Handler, body, doc_id: str) -> None:
        document_routes.document(self, h, doc_id)

    def _h_licenses(self, h: _Handler, body) -> None:
        document_routes.licenses(self, h, body)

    def _h_license_file(self, h: _Handler, body, license_id: str) -> None:
        document_routes.license_file(self, h, body, license_id)

    def _h_recommendations(self, h: _Handler, body) -> None:
        from kiosk.gateway_sim import recommend
        recommend.handle(self, h)

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
