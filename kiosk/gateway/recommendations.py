"""主动服务 on the wire: `GET /v1/recommendations` (DESIGN.md "Gateway API v1").

Asked only after the resident agreed on the kiosk; the applicant and the time of
consent go in headers (never in the URL), as for the licences, with
`X-Consent-Scope: recommendations`. The answer is checked here and turned into
`Recommendation`s, which live in memory for the session's screen only: never
stored, never printed, never logged beyond their item codes (`codes()`).
Runs on a worker thread (a blocking call, like every GatewayClient call).
"""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.gateway.errors import GatewayUnavailable

CONSENT_SCOPE = "recommendations"
MAX_SHOWN = 3
MAX_REASON = 200


@dataclass(frozen=True)
class Recommendation:
    kind: str           # "item" or "scene" (一件事)
    code: str           # the item code or the scene id
    rule: str           # why the platform chose it (license_expiring, ...); not shown
    reason: str         # Chinese, for the resident
    reason_en: str = ""

    def __repr__(self) -> str:            # the reason is about the resident: never in a repr or log
        return f"Recommendation({self.kind}:{self.code})"

    def reason_in(self, lang: str) -> str:
        return self.reason_en if lang == "en" and self.reason_en else self.reason


def headers(id_type: str, id_number: str, consent_at: str) -> dict:
    """Who asks and when they agreed (no name: the rules need none)."""
    from kiosk.gateway.client import GatewayClient
    h = GatewayClient.license_headers(id_type, id_number, consent_at)
    h["X-Consent-Scope"] = CONSENT_SCOPE
    return h


def _text(value, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= limit and value.isprintable() else None


def parse(data) -> list[Recommendation]:
    """The answer's recommendations; an entry that breaks the contract is left out, not shown."""
    items = data.get("recommendations") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise GatewayUnavailable("recommendations answer without a list")
    out: list[Recommendation] = []
    for entry in items:
        if not isinstance(entry, dict):
            continue
        item, scene = _text(entry.get("item_code"), 255), _text(entry.get("scene_id"), 255)
        reason = _text(entry.get("reason"), MAX_REASON)
        if (item is None) == (scene is None) or reason is None:
            continue
        out.append(Recommendation("item" if item else "scene", item or scene, _text(entry.get("rule"), 64) or "",
                                  reason, _text(entry.get("reason_en"), 300) or ""))
    return out


def fetch(client, request_headers: dict) -> list[Recommendation]:
    """One GET on `client` (a GatewayClient) within its total deadline."""
    answer = client._request("GET", "/v1/recommendations", headers=request_headers)
    return parse(client._json(answer))


def codes(recommendations) -> str:
    """What a log line may say about them: kind and code, nothing else."""
    return ",".join(f"{r.kind}:{r.code}" for r in recommendations) or "-"
