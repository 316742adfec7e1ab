"""Every row of the Gateway API v1 wire table (DESIGN.md), against the real simulator over HTTP.

Raw `requests` calls, so the wire itself is what is checked (the client has its own tests).
"""
from __future__ import annotations

import base64
import json
import threading
import time
from pathlib import Path

import pytest
import requests

from gateway_testkit import ID_NUMBER, NAME, SEED, jpeg, material, submission_body, with_check_digit
from kiosk.catalog.forms import validate_form
from kiosk.catalog.model import parse_document
from kiosk.gateway_sim import GatewaySim

TOKEN = "contract-token"
ITEMS = {i.code: i for i in parse_document(json.loads(SEED.read_text(encoding="utf-8")))[1]}
SLOW_ITEM = ITEMS["230100-GA-001"]      # 户籍证明: not instant, no materials
INSTANT_ITEM = ITEMS["230100-GJJ-001"]  # 公积金缴存证明: 秒批
WITH_MATERIALS = ITEMS["230100-GJJ-002"]  # 公积金租房提取: rent contract required


@pytest.fixture
def sim(tmp_path):
    s = GatewaySim(data_dir=tmp_path / "gw", token=TOKEN, accept_after_s=0.4, complete_after_s=0.8)
    s.start()
    yield s
    s.stop()


@pytest.fixture
def http():
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {TOKEN}"
        yield s


def post(http, sim, path, body, key=None, **kw):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return http.post(sim.url + path, json=body, headers=headers, timeout=10, **kw)


# -- GET /v1/health ------------------------------------------------------------
def test_health_ok_even_without_token(sim):
    r = requests.get(sim.url + "/v1/health", timeout=5)
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_other_calls_need_the_bearer_token(sim):
    r = requests.get(sim.url + "/v1/catalog", params={"region": "110000"}, timeout=5)
    assert r.status_code == 401 and r.json()["errors"][0]["field"] == "Authorization"
    r = requests.get(sim.url + "/v1/catalog", params={"region": "110000"}, timeout=5,
                     headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


# -- GET /v1/catalog -----------------------------------------------------------
def test_catalog_region_with_etag_and_304(sim, http):
    r = http.get(sim.url + "/v1/catalog", params={"region": "110000"}, timeout=5)
    assert r.status_code == 200
    doc = r.json()
    assert doc["version"] and doc["items"]
    assert {i["region"] for i in doc["items"]} == {"110000"}
    etag = r.headers["ETag"]
    r2 = http.get(sim.url + "/v1/catalog", params={"region": "110000"}, headers={"If-None-Match": etag}, timeout=5)
    assert r2.status_code == 304 and r2.content == b"" and r2.headers["ETag"] == etag
    # another region has another ETag; a changed catalog has a new one
    r3 = http.get(sim.url + "/v1/catalog", params={"region": "120000"}, timeout=5)
    assert r3.headers["ETag"] != etag
    changed = json.loads(SEED.read_text(encoding="utf-8"))
    changed["version"] = "2026.12"
    sim.set_catalog(changed)
    r4 = http.get(sim.url + "/v1/catalog", params={"region": "110000"}, headers={"If-None-Match": etag}, timeout=5)
    assert r4.status_code == 200 and r4.headers["ETag"] != etag and r4.json()["version"] == "2026.12"


def test_catalog_bad_region_is_400(sim, http):
    r = http.get(sim.url + "/v1/catalog", params={"region": "11"}, timeout=5)
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "region"


# -- POST /v1/submissions ------------------------------------------------------
def test_submission_201_and_same_key_same_body_same_answer(sim, http):
    body = submission_body(SLOW_ITEM)
    r = post(http, sim, "/v1/submissions", body, "key-1")
    assert r.status_code == 201
    first = r.json()
    assert set(first) >= {"tracking_no", "status", "received_at"}
    assert first["tracking_no"].startswith("230100") and first["status"] == "received"
    # same body with keys in another order: same JSON value, same answer, no second record
    reordered = dict(reversed(list(body.items())))
    r2 = post(http, sim, "/v1/submissions", reordered, "key-1")
    assert r2.status_code == 201 and r2.json() == first
    assert len(sim.submissions()) == 1


def test_same_key_different_body_is_422(sim, http):
    body = submission_body(SLOW_ITEM)
    assert post(http, sim, "/v1/submissions", body, "key-2").status_code == 201
    other = dict(body, kiosk_id="HRB-DL-002")
    r = post(http, sim, "/v1/submissions", other, "key-2")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "Idempotency-Key"


def test_key_still_in_flight_is_409(tmp_path, http):
    s = GatewaySim(data_dir=tmp_path / "gw", token=TOKEN, processing_ms=1500)
    s.start()
    try:
        body = submission_body(SLOW_ITEM)
        results = {}

        def first():
            results["first"] = post(http_first, s, "/v1/submissions", body, "key-slow")

        with requests.Session() as http_first:
            http_first.headers["Authorization"] = f"Bearer {TOKEN}"
            t = threading.Thread(target=first)
            t.start()
            deadline = time.monotonic() + 5
            while s.in_flight() == 0 and time.monotonic() < deadline:   # the first one is being processed
                time.sleep(0.01)
            r = post(http, s, "/v1/submissions", body, "key-slow")
            t.join(10)
        assert r.status_code == 409
        assert float(r.headers["Retry-After"]) >= 0
        assert results["first"].status_code == 201
        again = post(http, s, "/v1/submissions", body, "key-slow")
        assert again.status_code == 201 and again.json() == results["first"].json()
    finally:
        s.stop()


def test_missing_or_too_long_key_is_400(sim, http):
    body = submission_body(SLOW_ITEM)
    r = post(http, sim, "/v1/submissions", body)
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "Idempotency-Key"
    r = post(http, sim, "/v1/submissions", body, "k" * 256)
    assert r.status_code == 400
    assert post(http, sim, "/v1/submissions", body, "k" * 255).status_code == 201
    assert sim.submissions()[0]["idempotency_key"] == "k" * 255


def test_invalid_form_is_400_with_the_catalog_validators_errors(sim, http):
    body = submission_body(SLOW_ITEM)
    body["form"]["id_number"] = "230102198503124510"      # wrong check digit
    body["form"]["purpose"] = "不在选项里"
    del body["form"]["name"]
    r = post(http, sim, "/v1/submissions", body, "key-bad")
    assert r.status_code == 400
    expected = [e.as_wire() for e in validate_form(SLOW_ITEM, body["form"])]
    assert r.json()["errors"] == expected
    assert {e["field"] for e in expected} == {"form.name", "form.id_number", "form.purpose"}
    # an invalid body is not remembered: the same key with a fixed body is accepted
    assert post(http, sim, "/v1/submissions", submission_body(SLOW_ITEM), "key-bad").status_code == 201


def test_delivery_by_post_without_a_mailing_address_is_400(sim, http):
    body = submission_body(SLOW_ITEM)
    body["form"].update(pickup="邮寄送达", mail_address="")
    r = post(http, sim, "/v1/submissions", body, "key-post")
    assert r.status_code == 400
    assert r.json()["errors"] == [{"field": "form.mail_address", "message": "选择“邮寄送达”时，请填写邮寄地址",
                                   "message_en": "Mailing address is required because you chose “Delivery by post”"}]
    body["form"]["mail_address"] = "北京市朝阳区建国路88号"
    assert post(http, sim, "/v1/submissions", body, "key-post").status_code == 201


def test_catalog_answer_carries_the_english_and_the_conditions(sim, http):
    r = http.get(sim.url + "/v1/catalog", params={"region": "230100"}, timeout=5)
    _, items = parse_document(r.json())
    for item in items:
        assert item == ITEMS[item.code]          # nothing lost on the wire, English included
    sbk = next(i for i in items if i.code == "230100-RS-001")
    assert sbk.name_en == "Social security card application"
    assert sbk.field("pickup").options_en == ["Collect at the counter", "Delivery by post"]
    assert sbk.field("mail_address").required_when == {"pickup": "邮寄送达"}


@pytest.mark.parametrize("breakage, field", [
    (lambda b: b.update(item_code="NO-SUCH-ITEM"), "item_code"),
    (lambda b: b.update(region="110000"), "region"),
    (lambda b: b.pop("applicant"), "applicant"),
    (lambda b: b["applicant"].pop("id_number"), "applicant.id_number"),
    (lambda b: b.update(materials=[]), "materials.rent_contract"),
    (lambda b: b["materials"][0].update(sha256="0" * 64), "materials[0].sha256"),
    (lambda b: b["materials"][0].update(data_b64="%%%"), "materials[0].data_b64"),
    (lambda b: b["form"].update(unknown_field="x"), "form.unknown_field"),
])
def test_invalid_bodies_are_400_naming_the_field(sim, http, breakage, field):
    body = submission_body(WITH_MATERIALS)
    breakage(body)
    r = post(http, sim, "/v1/submissions", body, f"key-{field}")
    assert r.status_code == 400
    assert field in [e["field"] for e in r.json()["errors"]]


def test_not_json_is_400(sim, http):
    r = http.post(sim.url + "/v1/submissions", data=b"{not json", headers={"Idempotency-Key": "x",
                                                                          "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["errors"]


@pytest.mark.parametrize("status", [429, 503])
def test_injected_faults_carry_retry_after(sim, http, status):
    sim.fail_next(1, status=status, retry_after=7)
    r = post(http, sim, "/v1/submissions", submission_body(SLOW_ITEM), "key-fault")
    assert r.status_code == status and r.headers["Retry-After"] == "7"
    assert sim.submissions() == []      # nothing was stored
    assert post(http, sim, "/v1/submissions", submission_body(SLOW_ITEM), "key-fault").status_code == 201


def test_fail_rate_one_fails_everything(tmp_path, http):
    s = GatewaySim(fail_rate=1.0, token=TOKEN, seed=1)
    s.start()
    try:
        codes = {post(http, s, "/v1/submissions", submission_body(SLOW_ITEM), f"k{i}").status_code
                 for i in range(10)}
        assert codes <= {429, 503} and codes
    finally:
        s.stop()


def test_lost_answer_then_retry_gets_the_same_tracking_number(sim, http):
    sim.drop_next(1)
    body = submission_body(SLOW_ITEM)
    with pytest.raises(requests.ConnectionError):
        post(http, sim, "/v1/submissions", body, "key-lost")
    r = post(http, sim, "/v1/submissions", body, "key-lost")
    assert r.status_code == 201
    assert len(sim.submissions()) == 1 and sim.submissions()[0]["tracking_no"] == r.json()["tracking_no"]


# -- GET /v1/submissions/{id} ----------------------------------------------------
def test_progress_by_tracking_number_or_key_moves_over_time(tmp_path, http):
    now = [1_790_000_000.0]
    s = GatewaySim(token=TOKEN, accept_after_s=5, complete_after_s=30, clock=lambda: now[0])
    s.start()
    try:
        tn = post(http, s, "/v1/submissions", submission_body(SLOW_ITEM), "key-progress").json()["tracking_no"]
        seen = []
        for ident, t in ((tn, 0), ("key-progress", 4.9), (tn, 5), ("key-progress", 29.9), (tn, 30)):
            now[0] = 1_790_000_000.0 + t
            p = http.get(f"{s.url}/v1/submissions/{ident}", timeout=5).json()
            assert p["tracking_no"] == tn
            seen.append((p["status"], [h["status"] for h in p["history"]]))
        assert seen == [("received", ["received"]), ("received", ["received"]),
                        ("accepted", ["received", "accepted"]), ("accepted", ["received", "accepted"]),
                        ("completed", ["received", "accepted", "completed"])]
    finally:
        s.stop()


def test_progress_moves_on_the_real_clock(sim, http):
    tn = post(http, sim, "/v1/submissions", submission_body(SLOW_ITEM), "key-real").json()["tracking_no"]
    time.sleep(1.2)   # accept after 0.4 s, complete after 0.8 s: wide margin
    assert http.get(f"{sim.url}/v1/submissions/{tn}", timeout=5).json()["status"] == "completed"


def test_instant_item_is_completed_at_once(sim, http):
    tn = post(http, sim, "/v1/submissions", submission_body(INSTANT_ITEM), "key-instant").json()["tracking_no"]
    assert http.get(f"{sim.url}/v1/submissions/{tn}", timeout=5).json()["status"] == "completed"


def test_progress_unknown_is_404(sim, http):
    r = http.get(f"{sim.url}/v1/submissions/23010020990101999999", timeout=5)
    assert r.status_code == 404 and r.json()["errors"]


# -- POST /v1/identity/verify -----------------------------------------------------
def verify(http, sim, id_number=ID_NUMBER, name=NAME, face=None):
    face = jpeg() if face is None else face
    return post(http, sim, "/v1/identity/verify",
                {"id_number": id_number, "name": name, "face_jpeg_b64": base64.b64encode(face).decode()})


def test_identity_verify_rule(sim, http):
    r = verify(http, sim)
    assert r.status_code == 200 and r.json()["match"] is True and 0.85 <= r.json()["score"] <= 0.99
    assert verify(http, sim, face=b"not a jpeg").json()["match"] is False
    assert verify(http, sim, face=jpeg(32)).json()["match"] is False            # too small to hold a face
    assert verify(http, sim, id_number=ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")).json()["match"] is False
    other = with_check_digit("11010519491231002")
    assert verify(http, sim, id_number=other).json()["match"] is True
    sim.mismatch_ids.add(other)
    m = verify(http, sim, id_number=other).json()
    assert m["match"] is False and m["score"] < 0.5


def test_identity_verify_bad_body_is_400(sim, http):
    r = post(http, sim, "/v1/identity/verify", {"id_number": ID_NUMBER, "name": NAME})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "face_jpeg_b64"


# -- POST /v1/evaluations ---------------------------------------------------------
EVAL = {"tracking_no": "23010020261126000001", "item_code": SLOW_ITEM.code, "level": 2,
        "dimensions": {"overall": 2, "efficiency": 1, "competence": 3, "attitude": 4}, "comment": "排队太久"}


def test_evaluation_201_idempotent(sim, http):
    r = post(http, sim, "/v1/evaluations", EVAL, "eval-1")
    assert r.status_code == 201 and r.json()["evaluation_id"]
    assert post(http, sim, "/v1/evaluations", EVAL, "eval-1").json() == r.json()
    assert post(http, sim, "/v1/evaluations", dict(EVAL, level=5), "eval-1").status_code == 422
    assert post(http, sim, "/v1/evaluations", EVAL).status_code == 400
    assert [e["level"] for e in sim.evaluations()] == [2]


@pytest.mark.parametrize("change", [{"level": 6}, {"level": 0}, {"dimensions": {"speed": 3}},
                                    {"dimensions": {"overall": 9}}, {"tracking_no": ""}])
def test_invalid_evaluation_is_400(sim, http, change):
    assert post(http, sim, "/v1/evaluations", dict(EVAL, **change), "eval-bad").status_code == 400


# -- POST /v1/kiosks/{kiosk_id}/heartbeat ----------------------------------------------
def test_heartbeat_204_keeps_the_last_per_kiosk(sim, http):
    for depth in (3, 0):
        r = http.post(f"{sim.url}/v1/kiosks/HRB-DL-001/heartbeat", json={"queue": {"depth": depth}}, timeout=5)
        assert r.status_code == 204 and r.content == b""
    http.post(f"{sim.url}/v1/kiosks/HRB-DL-002/heartbeat", json={"queue": {"depth": 9}}, timeout=5)
    assert sim.last_heartbeat("HRB-DL-001")["body"] == {"queue": {"depth": 0}}
    assert sim.last_heartbeat("HRB-DL-002")["body"] == {"queue": {"depth": 9}}
    assert http.post(f"{sim.url}/v1/kiosks/HRB-DL-001/heartbeat", json=[1], timeout=5).status_code == 400


# -- the rest of the simulator's promises ----------------------------------------------
def test_unknown_path_404_wrong_method_405(sim, http):
    assert http.get(sim.url + "/v2/nothing", timeout=5).status_code == 404
    r = http.delete(sim.url + "/v1/submissions", timeout=5)
    assert r.status_code == 405 and "POST" in r.headers["Allow"]


def test_offline_refuses_connections_then_comes_back_on_the_same_port(sim, http):
    url = sim.url
    assert http.get(url + "/v1/health", timeout=5).status_code == 200   # a kept-alive connection exists
    sim.set_offline(True)
    with pytest.raises(requests.ConnectionError):
        http.get(url + "/v1/health", timeout=5)
    sim.set_offline(False)
    assert sim.url == url and http.get(url + "/v1/health", timeout=5).status_code == 200


def test_store_survives_a_restart(tmp_path, http):
    s = GatewaySim(data_dir=tmp_path / "gw", token=TOKEN)
    s.start()
    body = submission_body(SLOW_ITEM)
    first = post(http, s, "/v1/submissions", body, "key-restart").json()
    s.stop()
    s2 = GatewaySim(data_dir=tmp_path / "gw", token=TOKEN)
    s2.start()
    try:
        assert post(http, s2, "/v1/submissions", body, "key-restart").json() == first
    finally:
        s2.stop()


def test_no_personal_data_in_the_simulators_files(sim, http):
    post(http, sim, "/v1/submissions", submission_body(SLOW_ITEM), "key-privacy")
    verify(http, sim)
    sim.stop()
    blobs = b"".join(p.read_bytes() for p in Path(sim.data_dir).rglob("*") if p.is_file())
    assert blobs
    for secret in (ID_NUMBER, NAME):
        assert secret.encode() not in blobs
        assert secret.encode("utf-16-le") not in blobs


def test_many_concurrent_retries_of_one_key_store_one_submission(tmp_path):
    """Exactly-once in effect: 16 threads race the same key; one record, every 201 identical."""
    from concurrent.futures import ThreadPoolExecutor
    s = GatewaySim(token=TOKEN, processing_ms=200)
    s.start()
    try:
        body = submission_body(SLOW_ITEM)

        def send(_):
            with requests.Session() as h:
                h.headers["Authorization"] = f"Bearer {TOKEN}"
                return post(h, s, "/v1/submissions", body, "same-key")

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(send, range(16)))
        codes = [a.status_code for a in answers]
        assert set(codes) <= {201, 409} and 201 in codes
        assert len({a.text for a in answers if a.status_code == 201}) == 1
        assert len(s.submissions()) == 1
    finally:
        s.stop()
