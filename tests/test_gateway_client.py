"""GatewayClient against the real simulator: typed errors, Retry-After, timeouts, reuse, TLS."""
from __future__ import annotations

import datetime as dt
import email.utils
import time

import pytest

from gateway_testkit import ID_NUMBER, NAME, SEED, jpeg, submission_body
from kiosk.catalog.store import load_seed
from kiosk.gateway.client import GatewayClient, parse_retry_after
from kiosk.gateway.errors import GatewayRejected, GatewayUnavailable
from kiosk.gateway_sim import GatewaySim

ITEM = load_seed(SEED).get("230100-GA-001")


@pytest.fixture
def sim(tmp_path):
    s = GatewaySim(data_dir=tmp_path / "gw", token="tok")
    s.start()
    yield s
    s.stop()


@pytest.fixture
def client(sim):
    c = GatewayClient(sim.url, token="tok", timeout=3)
    yield c
    c.close()


def test_submit_and_progress(client):
    r = client.submit(submission_body(ITEM), "c-1")
    assert r["tracking_no"] and r["status"] == "received"
    assert client.submission(r["tracking_no"])["tracking_no"] == r["tracking_no"]
    assert client.submission("c-1")["tracking_no"] == r["tracking_no"]


def test_connection_refused_is_unavailable_without_status(sim):
    url = sim.url
    sim.stop()
    c = GatewayClient(url, timeout=2)
    with pytest.raises(GatewayUnavailable) as e:
        c.submit(submission_body(ITEM), "c-2")
    assert e.value.status is None and e.value.retryable
    assert c.health() is False


@pytest.mark.parametrize("status", [429, 503, 500])
def test_server_trouble_is_unavailable_with_retry_after(sim, client, status):
    sim.fail_next(1, status=status, retry_after=4)
    with pytest.raises(GatewayUnavailable) as e:
        client.submit(submission_body(ITEM), "c-3")
    assert e.value.status == status and e.value.retry_after == 4.0


def test_409_in_flight_is_unavailable(tmp_path):
    import threading
    s = GatewaySim(processing_ms=1500)
    s.start()
    try:
        a, b = GatewayClient(s.url, timeout=5), GatewayClient(s.url, timeout=5)
        body = submission_body(ITEM)
        t = threading.Thread(target=a.submit, args=(body, "same"))
        t.start()
        deadline = time.monotonic() + 5
        while s.in_flight() == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(GatewayUnavailable) as e:
            b.submit(body, "same")
        t.join(10)
        assert e.value.status == 409 and e.value.retry_after == 1.0
        a.close(), b.close()
    finally:
        s.stop()


def test_4xx_is_rejected_with_the_servers_errors(client):
    body = submission_body(ITEM)
    body["form"]["phone"] = "12345"
    with pytest.raises(GatewayRejected) as e:
        client.submit(body, "c-4")
    assert e.value.status == 400 and not e.value.retryable
    assert any(err["field"] == "form.phone" for err in e.value.errors)
    client.submit(submission_body(ITEM), "c-5")
    with pytest.raises(GatewayRejected) as e:
        client.submit(dict(submission_body(ITEM), kiosk_id="X"), "c-5")
    assert e.value.status == 422
    with pytest.raises(GatewayRejected) as e:
        client.submission("nothing-here")
    assert e.value.status == 404


def test_wrong_token_is_rejected_401(sim):
    c = GatewayClient(sim.url, token="wrong", timeout=3)
    with pytest.raises(GatewayRejected) as e:
        c.catalog("110000")
    assert e.value.status == 401
    c.close()


def test_timeout_is_unavailable(tmp_path):
    s = GatewaySim(latency_ms=1500)
    s.start()
    try:
        c = GatewayClient(s.url, timeout=0.3)
        t0 = time.monotonic()
        with pytest.raises(GatewayUnavailable) as e:
            c.submit(submission_body(ITEM), "c-6")
        assert "timeout" in e.value.reason and time.monotonic() - t0 < 1.4
        c.close()
    finally:
        s.stop()


def test_dropped_answer_is_unavailable_and_retry_is_exactly_once(sim, client):
    sim.drop_next(1)
    body = submission_body(ITEM)
    with pytest.raises(GatewayUnavailable):
        client.submit(body, "c-7")
    first = client.submit(body, "c-7")
    assert [s["tracking_no"] for s in sim.submissions()] == [first["tracking_no"]]


def test_one_session_reuses_its_connection(sim, client):
    before = sim.connections_accepted
    for i in range(5):
        client.submit(submission_body(ITEM), f"reuse-{i}")
        client.heartbeat("HRB-DL-001", {"n": i})
    assert sim.connections_accepted - before == 1


def test_catalog_304_verify_evaluate_heartbeat(sim, client):
    status, etag, doc = client.catalog("120000")
    assert status == 200 and etag and {i["region"] for i in doc["items"]} == {"120000"}
    assert client.catalog("120000", etag) == (304, etag, None)
    assert client.verify_identity(ID_NUMBER, NAME, jpeg())["match"] is True
    ev = client.evaluate({"tracking_no": "T1", "item_code": ITEM.code, "level": 5}, "ev-1")
    assert ev["evaluation_id"]
    client.heartbeat("HRB-DL-001", {"queue": {"depth": 1}})
    assert sim.last_heartbeat("HRB-DL-001")["body"] == {"queue": {"depth": 1}}


def test_idempotency_key_length_is_checked_before_sending(client):
    with pytest.raises(ValueError):
        client.submit(submission_body(ITEM), "k" * 256)
    with pytest.raises(ValueError):
        client.submit(submission_body(ITEM), "")


def test_retry_after_forms():
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    when = email.utils.format_datetime(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=30), usegmt=True)
    assert 25 <= parse_retry_after(when) <= 31


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "gw.pem", tmp_path / "gw.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_tls_verified_with_the_ca_bundle_and_refused_without(tmp_path):
    cert, key = _self_signed(tmp_path)
    s = GatewaySim(tls_cert=cert, tls_key=key)
    url = s.start()
    try:
        assert url.startswith("https://")
        trusted = GatewayClient(url, ca_bundle=str(cert), timeout=3)
        assert trusted.health() is True
        assert trusted.submit(submission_body(ITEM), "tls-1")["tracking_no"]
        untrusted = GatewayClient(url, timeout=3)      # system CAs only: the self-signed cert must fail
        with pytest.raises(GatewayUnavailable) as e:
            untrusted.submit(submission_body(ITEM), "tls-2")
        assert "SSL" in e.value.reason
        assert untrusted.session.verify is True
        trusted.close(), untrusted.close()
    finally:
        s.stop()
