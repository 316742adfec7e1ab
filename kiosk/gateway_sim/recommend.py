"""主动服务 in the reference gateway: GET /v1/recommendations and its rules.

The request carries the applicant and the resident's consent in headers (as
GET /v1/licenses does, with `X-Consent-Scope: recommendations`); no consent → 403.
The answer: `{"recommendations": [{"item_code" | "scene_id", "rule", "reason",
"reason_en", "due"}]}`, at most three, the most urgent first.

The documented rules (driven by residents.py's demo records and licenses.py):
- `license_expiring`: a 机动车驾驶证 or 居民身份证 ending within 90 days → its renewal item;
- `pension_certification`: a retiree whose yearly 养老金资格认证 is due within 90 days (or
  overdue) → the 养老金资格认证 item of the region of their ID number (京津冀, else Harbin);
- `social_card_upgrade`: a 社保卡 older than the third generation → 社会保障卡补换 (换领第三代卡);
- `next_step`: an application this resident submitted here in the last 30 days whose usual
  next step is another item (失业登记 → 失业保险金申领) → that item.
An item the resident submitted in the last 30 days is never recommended again.
Recent submissions are remembered in memory only, under an HMAC of the ID number.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict

MAX_ANSWER = 3
WITHIN_DAYS = 90
RECENT_DAYS = 30
CONSENT_SCOPE = "recommendations"

# licence kind → (renewal item, how the reason names it)
RENEWALS = {"机动车驾驶证": ("230100-JJ-002", "驾驶证", "driving licence"),
            "居民身份证": ("230100-GA-003", "居民身份证", "resident ID card")}
PENSION_ITEMS = {"11": "110000-RS-004", "12": "120000-RS-004", "13": "130000-RS-003"}
PENSION_ITEM_HOME = "230100-RS-009"
SOCIAL_CARD_ITEM = "230100-RS-002"
# submitted item → (its usual next step, reason, reason in English)
NEXT_STEPS = {
    "230100-RS-006": ("230100-RS-007", "您已办理失业登记，可以接着申领失业保险金",
                      "You registered as unemployed: you can now apply for unemployment benefit"),
    "230000-RS-002": ("230000-YB-001", "您的养老保险关系已申请转入，医疗保险关系可一并转移",
                      "Your pension insurance is moving here: your medical insurance can move too"),
}


class Recommender:
    def __init__(self, records, licenses, clock):
        self.records, self.licenses, self.clock = records, licenses, clock
        self._secret = secrets.token_bytes(32)
        self._recent: "OrderedDict[str, list[tuple[str, float]]]" = OrderedDict()
        self._lock = threading.Lock()

    def _who(self, id_number: str) -> str:
        return hmac.new(self._secret, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()

    def note_submission(self, id_number: str, item_code: str) -> None:
        """A submission arrived (called by POST /v1/submissions): kept for the next-step rule."""
        with self._lock:
            who = self._who(id_number)
            self._recent.setdefault(who, []).append((item_code, self.clock()))
            self._recent.move_to_end(who)
            while len(self._recent) > 1024:
                self._recent.popitem(last=False)

    def _recent_codes(self, id_number: str) -> list[str]:
        since = self.clock() - RECENT_DAYS * 86400
        with self._lock:
            return [c for c, t in self._recent.get(self._who(id_number), []) if t >= since]

    def for_resident(self, id_number: str, items: dict) -> list[dict]:
        """The recommendations for this resident, of items the gateway's catalog has."""
        today = self.records.today()
        horizon = today + dt.timedelta(days=WITHIN_DAYS)
        out: list[dict] = []
        for kind, (code, name, name_en) in RENEWALS.items():
            if kind not in self.licenses.kinds_of(id_number):
                continue
            until = self.licenses.valid_until(id_number, kind)
            if until <= horizon:
                out.append(_card(code, "license_expiring", f"您的{name}将于 {until.isoformat()} 到期",
                                 f"Your {name_en} expires on {until.isoformat()}", until))
        due = self.records.pension_due(id_number)
        if due is not None and due <= horizon:
            code = PENSION_ITEMS.get(id_number[:2], PENSION_ITEM_HOME)
            out.append(_card(code, "pension_certification",
                             f"您本年度的养老金领取资格认证将于 {due.isoformat()} 前到期，请及时认证",
                             f"Your yearly pension qualification check is due by {due.isoformat()}", due))
        if self.records.of(id_number).social_card_generation < 3:
            out.append(_card(SOCIAL_CARD_ITEM, "social_card_upgrade",
                             "您的社保卡还是第二代卡，可以换领第三代社保卡（电子社保卡、跨省通用）",
                             "Your social security card is second generation: you can get a third-generation one",
                             None))
        recent = self._recent_codes(id_number)
        for submitted in dict.fromkeys(recent):
            if submitted in NEXT_STEPS:
                code, zh, en = NEXT_STEPS[submitted]
                out.append(_card(code, "next_step", zh, en, None))
        seen: set[str] = set(recent)
        answer = []
        for card in sorted(out, key=lambda c: c["due"] or "9999-12-31"):
            if card["item_code"] in items and card["item_code"] not in seen:
                seen.add(card["item_code"])
                answer.append(card)
        return answer[:MAX_ANSWER]


def _card(code: str, rule: str, zh: str, en: str, due: dt.date | None) -> dict:
    return {"item_code": code, "rule": rule, "reason": zh, "reason_en": en,
            "due": due.isoformat() if due else None}


def handle(sim, h) -> None:
    """GET /v1/recommendations (identity and consent in headers, as document_routes checks them)."""
    from kiosk.gateway_sim.document_routes import asker
    id_number = asker(h, CONSENT_SCOPE)
    if id_number is None:
        return
    h._send(200, {"recommendations": sim.recommender.for_resident(id_number, sim.items)},
            {"Cache-Control": "no-store"})
