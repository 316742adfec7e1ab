"""The reference gateway's document and licence calls (GET /v1/documents/{id}, /v1/licenses...).

`GET /v1/licenses` needs the applicant and the resident's recorded consent in
headers, never in the URL (URLs end up in access logs):
  X-Applicant-Id-Type, X-Applicant-Id-Number   who asks
  X-Applicant-Name    optional, percent-encoded UTF-8 (printed on the licence)
  X-Consent-At        RFC 3339 time the resident agreed on the kiosk
  X-Consent-Scope     must be "licenses"
No consent → 403; the simulator keeps no record of either (a real gateway
records the consent with its own audit).
"""
from __future__ import annotations

import re

from kiosk.gateway_sim import validate

CONSENT_SCOPE = "licenses"


def send_pdf(h, data: bytes) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/pdf")
    h.send_header("Content-Length", str(len(data)))
    h.send_header("Cache-Control", "no-store")
    h.end_headers()
    if h.command != "HEAD":
        h.wfile.write(data)


def document(sim, h, doc_id: str) -> None:
    doc = sim.office.get(doc_id)
    if doc is None:
        return h._errors(404, [validate.err("id", "文书不存在或已过期，请凭验证码到窗口打印",
                                            "no such document, or it expired")])
    send_pdf(h, doc.data)


def _holder(h) -> tuple[str | None, list[dict]]:
    id_type = h.headers.get("X-Applicant-Id-Type", "")
    id_number = h.headers.get("X-Applicant-Id-Number", "").strip().upper()
    problems = []
    name = h.headers.get("X-Applicant-Name", "")
    if not id_type or not id_number or len(id_number) > 32 or len(id_type) > 32 or len(name) > 300:
        problems.append(validate.err("X-Applicant-Id-Number", "缺少申请人证件信息",
                                     "X-Applicant-Id-Type and X-Applicant-Id-Number are required"))
    return id_number, problems


NO_CONSENT_ZH = {CONSENT_SCOPE: "未取得本人授权，不能查询电子证照",
                 "recommendations": "未取得本人授权，不能查询为您推荐的事项"}


def _consent_problem(h, scope: str) -> list[dict]:
    from kiosk.gateway_sim.routes import _is_rfc3339
    at = h.headers.get("X-Consent-At", "")
    if h.headers.get("X-Consent-Scope", "") != scope or not _is_rfc3339(at):
        return [validate.err("X-Consent-At", NO_CONSENT_ZH.get(scope, "未取得本人授权"),
                             f"the resident's consent (X-Consent-At, X-Consent-Scope: {scope}) is required")]
    return []


def asker(h, scope: str = CONSENT_SCOPE) -> str | None:
    """The applicant's ID number when identity and consent (for `scope`) are in order; else the
    400/403 is sent."""
    id_number, problems = _holder(h)
    if problems:
        h._errors(400, problems)
        return None
    problems = _consent_problem(h, scope)
    if problems:
        h._errors(403, problems)
        return None
    return id_number


def licenses(sim, h, body) -> None:
    id_number = asker(h)
    if id_number is None:
        return
    from urllib.parse import unquote
    name = unquote(h.headers.get("X-Applicant-Name", ""))[:100]
    h._send(200, {"licenses": [lic.listing() for lic in sim.licenses.for_holder(id_number, name)]})


def license_file(sim, h, body, license_id: str) -> None:
    id_number = asker(h)
    if id_number is None:
        return
    lic = sim.licenses.held_by(license_id, id_number) if re.fullmatch(r"LIC-[0-9a-f]{32}", license_id) else None
    if lic is None:
        return h._errors(404, [validate.err("id", "未找到该电子证照", "no such licence for this applicant")])
    send_pdf(h, lic.pdf)


def check_license(sim):
    """The submission validator's hook: the reference (id + sha256) must be a licence this
    applicant holds, of a kind the material accepts, and the very file the gateway issued."""
    def check(id_number: str, license_id: str, sha256: str, accepted: list) -> tuple[str, str] | None:
        lic = sim.licenses.held_by(license_id, id_number)
        if lic is None:
            return ("未找到该电子证照", "no such licence for this applicant (or it expired)")
        if lic.kind not in accepted:
            return ("该电子证照不能作为此项材料", f"a {lic.kind} licence is not accepted for this material")
        if lic.sha256 != sha256:
            return ("电子证照校验值不符", "sha256 does not match the licence file")
        return None
    return check
