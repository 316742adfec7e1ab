"""The documents and licences rows of the wire contract (DESIGN.md), against the real simulator over HTTP."""
from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import time

import pytest
import requests

from gateway_testkit import ID_NUMBER, NAME, SEED, submission_body
from kiosk.catalog.model import parse_document
from kiosk.documents import DocumentVerifier
from kiosk.gateway.client import GatewayClient
from kiosk.gateway_sim import GatewaySim

TOKEN = "documents-token"
ITEMS = {i.code: i for i in parse_document(json.loads(SEED.read_text(encoding="utf-8")))[1]}
CERT_ITEM = ITEMS["230100-RS-004"]        # 个人参保证明打印: instant, one document
SLOW_DOC_ITEM = ITEMS["230100-MZ-001"]    # 婚姻登记记录证明: not instant, document once completed
LICENSE_ITEM = ITEMS["230100-GJJ-003"]    # 公积金退休提取: retire_cert accepts 退休证
RETIRED = "23010219550312451"             # born 1955: holds a 退休证 by the documented rule


def _with_check(first17: str) -> str:
    from gateway_testkit import with_check_digit
    return with_check_digit(first17)


@pytest.fixture
def sim(tmp_path):
    s = GatewaySim(data_dir=tmp_path / "gw", token=TOKEN, accept_after_s=0.2, complete_after_s=0.4)
    s.start()
    yield s
    s.stop()


@pytest.fixture
def http():
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {TOKEN}"
        yield s


def consent_headers(id_number=ID_NUMBER, **over):
    h = GatewayClient.license_headers("resident", id_number, "2026-12-01T10:00:00+08:00", NAME)
    h.update(over)
    return h


def submit(http, sim, body, key):
    return http.post(sim.url + "/v1/submissions", json=body, headers={"Idempotency-Key": key}, timeout=30)


def pdftotext(data: bytes, tmp_path) -> str:
    p = tmp_path / "d.pdf"
    p.write_bytes(data)
    try:
        return subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True,
                              check=True).stdout
    finally:
        p.unlink()


# -- documents ------------------------------------------------------------------
def test_an_instant_item_lists_its_documents_in_the_201(sim, http, tmp_path):
    body = submission_body(CERT_ITEM)
    body["form"]["from_month"] = "2020-01"
    r = submit(http, sim, body, "doc-1")
    assert r.status_code == 201
    docs = r.json()["documents"]
    assert [d["title"] for d in docs] == ["个人参保证明"]
    d = docs[0]
    assert set(d) == {"id", "title", "pages", "sha256", "verification_code"}
    pdf = http.get(sim.url + f"/v1/documents/{d['id']}", timeout=10)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == d["sha256"]
    assert d["pages"] >= 3                               # 2020-01 .. now, 26 months a page
    text = pdftotext(pdf.content, tmp_path)
    assert text.count("个人参保证明") >= d["pages"] and text.count(d["verification_code"]) >= d["pages"]
    assert "2301**********" in text and ID_NUMBER not in text    # the ID number is masked on paper
    # sealed by the simulator's CA: the kiosk's verifier, trusting that root, accepts it
    root = tmp_path / "root.pem"
    root.write_bytes(sim.ca.root_pem)
    doc = DocumentVerifier([str(root)]).verify(pdf.content, d)
    assert doc.verification_code == d["verification_code"]
    # the same key and body again: the same answer, the same documents
    again = submit(http, sim, body, "doc-1")
    assert again.json() == r.json()


def test_each_page_carries_a_qr_code_with_the_verification_key(sim, http, tmp_path):
    import zxingcpp
    from PIL import Image
    r = submit(http, sim, submission_body(CERT_ITEM), "doc-qr")
    d = r.json()["documents"][0]
    pdf = http.get(sim.url + f"/v1/documents/{d['id']}", timeout=10).content
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(tmp_path / "d.pdf"), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == d["pages"]
    for page in pages:
        found = [b.text for b in zxingcpp.read_barcodes(Image.open(page))]
        assert found == [d["verification_code"]], "an opaque key, nothing personal"


def test_a_slow_item_lists_documents_once_completed(sim, http):
    r = submit(http, sim, submission_body(SLOW_DOC_ITEM), "doc-slow")
    assert r.status_code == 201 and "documents" not in r.json()
    tn = r.json()["tracking_no"]
    first = http.get(sim.url + f"/v1/submissions/{tn}", timeout=5).json()
    assert first["status"] != "completed" and "documents" not in first
    time.sleep(0.5)
    done = http.get(sim.url + f"/v1/submissions/{tn}", timeout=5).json()
    assert done["status"] == "completed" and done["documents"][0]["title"] == "婚姻登记记录证明"
    assert http.get(sim.url + f"/v1/documents/{done['documents'][0]['id']}", timeout=5).status_code == 200


def test_unknown_document_is_404_and_needs_the_token(sim, http):
    r = http.get(sim.url + "/v1/documents/DOC-nope", timeout=5)
    assert r.status_code == 404 and r.json()["errors"][0]["field"] == "id"
    assert requests.get(sim.url + "/v1/documents/DOC-nope", timeout=5).status_code == 401


def test_the_store_keeps_no_document_and_no_personal_data(sim, http, tmp_path):
    r = submit(http, sim, submission_body(CERT_ITEM), "doc-privacy")
    assert r.status_code == 201
    sim.stop()
    for f in (tmp_path / "gw").rglob("*"):
        if f.is_file():
            raw = f.read_bytes()
            assert ID_NUMBER.encode() not in raw and NAME.encode() not in raw, f
            assert b"%PDF" not in raw, f


def test_the_demo_ca_is_kept_and_reused_with_private_keys_0600(tmp_path):
    a = GatewaySim(data_dir=tmp_path / "gw")
    root = (tmp_path / "gw" / "demo-ca" / "root.pem").read_bytes()
    assert root == a.ca.root_pem and b"PRIVATE" not in root
    for key in ("root.key", "seal.key"):
        assert stat.S_IMODE(os.stat(tmp_path / "gw" / "demo-ca" / key).st_mode) == 0o600
    b = GatewaySim(data_dir=tmp_path / "gw")
    assert b.ca.root_pem == root
    assert GatewaySim().ca.root_pem != root             # without a data dir: a new one, in memory


# -- licences -------------------------------------------------------------------
def test_licenses_need_the_applicant_and_the_consent(sim, http):
    assert http.get(sim.url + "/v1/licenses", timeout=5).status_code == 400
    no_consent = {k: v for k, v in consent_headers().items() if not k.startswith("X-Consent")}
    r = http.get(sim.url + "/v1/licenses", headers=no_consent, timeout=5)
    assert r.status_code == 403 and "授权" in r.json()["errors"][0]["message"]
    bad_scope = consent_headers(**{"X-Consent-Scope": "everything"})
    assert http.get(sim.url + "/v1/licenses", headers=bad_scope, timeout=5).status_code == 403


def test_licenses_are_listed_masked_and_served_signed(sim, http, tmp_path):
    r = http.get(sim.url + "/v1/licenses", headers=consent_headers(), timeout=30)
    assert r.status_code == 200
    lics = r.json()["licenses"]
    assert {x["kind"] for x in lics} >= {"居民身份证", "居民户口簿"}
    for x in lics:
        assert set(x) == {"id", "kind", "number_masked", "issuer", "valid_until", "sha256"}
        assert "*" in x["number_masked"] and ID_NUMBER not in json.dumps(x)
    hukou = next(x for x in lics if x["kind"] == "居民户口簿")
    f = http.get(sim.url + f"/v1/licenses/{hukou['id']}/file", headers=consent_headers(), timeout=10)
    assert f.status_code == 200 and hashlib.sha256(f.content).hexdigest() == hukou["sha256"]
    root = tmp_path / "root.pem"
    root.write_bytes(sim.ca.root_pem)
    DocumentVerifier([str(root)]).verify(f.content, {"id": hukou["id"], "title": hukou["kind"],
                                                     "sha256": hukou["sha256"]})
    other = _with_check("11010519491231002")
    r2 = http.get(sim.url + f"/v1/licenses/{hukou['id']}/file", headers=consent_headers(other), timeout=10)
    assert r2.status_code == 404, "another person's licence is not served"


def _retiree_licence(sim, http, kind="退休证"):
    pid = _with_check(RETIRED)
    lics = http.get(sim.url + "/v1/licenses", headers=consent_headers(pid), timeout=30).json()["licenses"]
    return pid, next(x for x in lics if x["kind"] == kind)


def _retiree_body(pid, material):
    from gateway_testkit import person
    body = submission_body(LICENSE_ITEM, identity=person(pid, NAME))
    body["materials"] = [material]
    return body


def test_a_licence_reference_satisfies_a_material(sim, http):
    pid, lic = _retiree_licence(sim, http)
    body = _retiree_body(pid, {"key": "retire_cert", "license_id": lic["id"], "sha256": lic["sha256"]})
    r = submit(http, sim, body, "lic-ok")
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("change, field_msg", [
    ("sha", "校验值不符"), ("kind", "不能作为此项材料"), ("someone_else", "未找到该电子证照"),
])
def test_bad_licence_references_are_400(sim, http, change, field_msg):
    pid, lic = _retiree_licence(sim, http)
    ref = {"key": "retire_cert", "license_id": lic["id"], "sha256": lic["sha256"]}
    if change == "sha":
        ref["sha256"] = "0" * 64
    elif change == "kind":
        _, hukou = _retiree_licence(sim, http, "居民户口簿")
        ref.update(license_id=hukou["id"], sha256=hukou["sha256"])
    body = _retiree_body(pid, ref)
    if change == "someone_else":
        from gateway_testkit import person
        other = _with_check("23010219560101123")
        body = submission_body(LICENSE_ITEM, identity=person(other, NAME))
        body["materials"] = [ref]
    r = submit(http, sim, body, f"lic-{change}")
    assert r.status_code == 400
    errs = r.json()["errors"]
    assert any(e["field"] == "materials[0].license_id" and field_msg in e["message"] for e in errs), errs


def test_a_material_without_accept_licenses_takes_no_licence(sim, http):
    item = ITEMS["230100-GJJ-002"]           # rent contract: photographed only
    pid, lic = _retiree_licence(sim, http)
    from gateway_testkit import person, material
    body = submission_body(item, identity=person(pid, NAME))
    body["materials"] = [{"key": "rent_contract", "license_id": lic["id"], "sha256": lic["sha256"]},
                         material("rent_invoice")]
    r = submit(http, sim, body, "lic-none")
    assert r.status_code == 400 and "不接受电子证照" in json.dumps(r.json(), ensure_ascii=False)


def test_the_client_reads_documents_in_memory_and_stops_at_the_limit(sim, http):
    r = submit(http, sim, submission_body(CERT_ITEM), "doc-client")
    d = r.json()["documents"][0]
    client = GatewayClient(sim.url, TOKEN, timeout=10)
    try:
        whole = client.document_pdf(d["id"], max_bytes=20 * 2**20)
        assert hashlib.sha256(whole).hexdigest() == d["sha256"]
        cut = client.document_pdf(d["id"], max_bytes=1000)
        assert len(cut) == 1001, "no more than the limit + 1 is ever held"
        lics = client.licenses(client.license_headers("resident", ID_NUMBER, "2026-12-01T10:00:00+08:00"))
        assert lics and all("*" in x["number_masked"] for x in lics)
    finally:
        client.close()
