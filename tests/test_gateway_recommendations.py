"""主动服务 on the wire: GET /v1/recommendations of the reference gateway (raw HTTP) and the
kiosk's client for it (kiosk.gateway.recommendations), against the real simulator."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import requests

from gateway_testkit import SEED, person, submission_body, with_check_digit
from kiosk.catalog.model import parse_document
from kiosk.gateway import recommendations as rec
from kiosk.gateway.client import GatewayClient
from kiosk.gateway.errors import GatewayRejected
from kiosk.gateway_sim import GatewaySim
from kiosk.gateway_sim.residents import Record

TOKEN = "recommend-token"
ITEMS = {i.code: i for i in parse_document(json.loads(SEED.read_text(encoding="utf-8")))[1]}
LI_MINGHUA, ZHAO_GUILAN, WANG_XIUYING = "230102198506151234", "230103195511020426", "230104197203150021"
CONSENT_AT = "2026-12-02T10:00:00+08:00"


@pytest.fixture(scope="module")
def sim():
    s = GatewaySim(token=TOKEN)
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def client(sim):
    c = GatewayClient(sim.url, TOKEN, timeout=5)
    yield c
    c.close()


def ask(sim, id_number, **changes):
    headers = {"Authorization": f"Bearer {TOKEN}", **rec.headers("resident", id_number, CONSENT_AT), **changes}
    return requests.get(sim.url + "/v1/recommendations", headers=headers, timeout=5)


def cards(sim, id_number):
    r = ask(sim, id_number)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    return {c["item_code"]: c for c in r.json()["recommendations"]}


def test_no_answer_without_the_applicant_or_their_consent(sim):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert requests.get(sim.url + "/v1/recommendations", headers=auth, timeout=5).status_code == 400
    r = ask(sim, LI_MINGHUA, **{"X-Consent-Scope": "licenses"})   # a licence consent is not this one
    assert r.status_code == 403 and "授权" in r.json()["errors"][0]["message"]
    assert ask(sim, LI_MINGHUA, **{"X-Consent-At": "yesterday"}).status_code == 403


def test_each_rule_for_its_demo_resident(sim):
    today = sim.residents.today()
    licence = cards(sim, LI_MINGHUA)                       # driving licence: 44 more days
    until = (today + dt.timedelta(days=44)).isoformat()
    assert list(licence) == ["230100-JJ-002"]
    assert licence["230100-JJ-002"]["reason"] == f"您的驾驶证将于 {until} 到期"
    assert licence["230100-JJ-002"]["rule"] == "license_expiring" and until in licence["230100-JJ-002"]["reason_en"]
    retiree = cards(sim, ZHAO_GUILAN)                      # pension check due in 35 days; 2nd-generation card
    assert list(retiree) == ["230100-RS-009", "230100-RS-002"]      # the dated one first
    assert retiree["230100-RS-009"]["rule"] == "pension_certification"
    assert (today + dt.timedelta(days=35)).isoformat() in retiree["230100-RS-009"]["reason"]
    assert "第三代" in retiree["230100-RS-002"]["reason"]
    id_card = cards(sim, WANG_XIUYING)
    assert list(id_card) == ["230100-GA-003"] and "居民身份证" in id_card["230100-GA-003"]["reason"]
    assert cards(sim, with_check_digit("23010219900101123")) == {}      # nothing due for anyone else
    # The licence listing agrees with the recommendation (one record behind both).
    lic = requests.get(sim.url + "/v1/licenses", timeout=5, headers={
        "Authorization": f"Bearer {TOKEN}",
        **GatewayClient.license_headers("resident", LI_MINGHUA, CONSENT_AT)}).json()["licenses"]
    assert next(x for x in lic if x["kind"] == "机动车驾驶证")["valid_until"] == until


def test_a_licence_ending_later_than_90_days_is_not_recommended(sim):
    sim.residents.records["230102198506151234"] = Record(license_days={"机动车驾驶证": 91})
    try:
        assert cards(sim, LI_MINGHUA) == {}
    finally:
        from kiosk.gateway_sim.residents import DEMO_RECORDS
        sim.residents.records[LI_MINGHUA] = DEMO_RECORDS[LI_MINGHUA]
        sim.licenses._made.clear()


def test_a_beijing_retirees_pension_check_is_the_beijing_item(sim):
    beijing = with_check_digit("11010519520708003")
    sim.residents.records[beijing] = Record(retired=True, pension_certified_days_ago=400)   # overdue
    assert "110000-RS-004" in cards(sim, beijing)


def test_next_step_of_a_recent_application_and_nothing_just_done(sim):
    who = person(with_check_digit("23010219880808123"), "测试人")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = submission_body(ITEMS["230100-RS-006"], identity=who)        # 失业登记
    r = requests.post(sim.url + "/v1/submissions", json=body, timeout=10, headers={**auth, "Idempotency-Key": "rec-1"})
    assert r.status_code == 201, r.text
    nxt = cards(sim, who.id_number)
    assert list(nxt) == ["230100-RS-007"] and nxt["230100-RS-007"]["rule"] == "next_step"
    # 李明华 renews his driving licence: it is no longer recommended to him.
    body = submission_body(ITEMS["230100-JJ-002"], identity=person(LI_MINGHUA, "李明华"))
    r = requests.post(sim.url + "/v1/submissions", json=body, timeout=10, headers={**auth, "Idempotency-Key": "rec-2"})
    assert r.status_code == 201, r.text
    assert "230100-JJ-002" not in cards(sim, LI_MINGHUA)


def test_the_request_log_has_method_and_path_only(sim):
    ask(sim, ZHAO_GUILAN)
    seen = sim.requests_seen("/v1/recommendations")
    assert seen and seen[-1] == ("GET", "/v1/recommendations")
    assert not any(ZHAO_GUILAN in p for _, p in sim.requests_seen())


# -- the kiosk's client ---------------------------------------------------------
def test_client_fetches_and_parses(sim, client):
    got = rec.fetch(client, rec.headers("resident", ZHAO_GUILAN, CONSENT_AT))
    assert [(r.kind, r.code) for r in got] == [("item", "230100-RS-009"), ("item", "230100-RS-002")]
    assert got[0].reason_in("en").startswith("Your yearly pension") and "养老金" in got[0].reason_in("zh")
    assert "养老金" not in repr(got) and rec.codes(got) == "item:230100-RS-009,item:230100-RS-002"


def test_client_without_consent_is_rejected(sim, client):
    h = rec.headers("resident", ZHAO_GUILAN, CONSENT_AT)
    h["X-Consent-Scope"] = "licenses"
    with pytest.raises(GatewayRejected) as e:
        rec.fetch(client, h)
    assert e.value.status == 403


def test_entries_that_break_the_contract_are_left_out():
    got = rec.parse({"recommendations": [
        {"item_code": "A", "reason": "好"}, {"scene_id": "S1", "reason": "一件事", "rule": "next_step"},
        {"item_code": "B", "scene_id": "S2", "reason": "both"}, {"item_code": "C"}, {"item_code": "D", "reason": ""},
        {"item_code": "E", "reason": "x" * 201}, "junk", {"item_code": 7, "reason": "n"}]})
    assert [(r.kind, r.code) for r in got] == [("item", "A"), ("scene", "S1")]
    from kiosk.gateway.errors import GatewayUnavailable
    with pytest.raises(GatewayUnavailable):
        rec.parse({"recommendations": "none"})
