"""Gateways that lie, stall or redirect (issue 13, defects 1, 6, 7, 9, 10), on real sockets on 127.0.0.1.

Each submission goes through the kiosk's own path (build_submission → OutboxService → GatewayRouter)."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time

import pytest

from drivers.identity import IdentityRecord
from hostile_gateway import HostileGateway, healthy_then, trickle
from kiosk.catalog.forms import prefill
from kiosk.catalog.store import load_catalog
from kiosk.config import load_config
from kiosk.gateway.client import GatewayClient, GatewayRouter
from kiosk.gateway.errors import GatewayMisbehaved, GatewayUnavailable
from kiosk.outbox_service import OutboxService
from kiosk.submission import applicant_group, build_submission
from outbox_helpers import FIELDS, ID_NUMBER, ITEM, NAME, REPO, RESIDENT_CARD, write_config

PHONE = FIELDS["phone"]


def _service(tmp_path, url, **kw):
    cfg = load_config(write_config(tmp_path / "kiosk", url, **kw))
    router = GatewayRouter(cfg)
    return cfg, router, OutboxService(cfg, router, base_backoff_s=0.05, max_backoff_s=0.2,
                                      probe_interval_s=0.1, heartbeats=False)


def _submit(cfg, svc) -> str:
    identity = IdentityRecord.from_dict(json.loads(RESIDENT_CARD.read_text(encoding="utf-8")))
    item = load_catalog(cfg).get(ITEM)
    body = build_submission(cfg, item, identity, {**prefill(item, identity), **FIELDS}, [])
    return svc.submit(body, applicant_group(identity, cfg))


# --- 1: redirects are never followed ---------------------------------------------------------

@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_a_redirect_is_never_followed_and_never_a_delivery(tmp_path, code):
    with HostileGateway(lambda h, b: h.answer(201, {"tracking_no": "WRONG-1", "status": "received"})) as other:
        def redirect(h, body):
            h.answer(code, {"tracking_no": "WRONG-2"}, {"Location": other.url + h.path})
        with HostileGateway(healthy_then(redirect)) as gw:
            cfg, router, svc = _service(tmp_path, gw.url)
            try:
                lid = _submit(cfg, svc)
                svc.sync_once()
                row = svc.outbox.get(lid)
            finally:
                svc.close()
                router.close()
        assert other.received == []                  # nothing (least of all the ID number) went there
    assert row["state"] == "needs_staff" and row["tracking_no"] is None
    assert f"HTTP {code} redirect" in row["last_error"] and "never followed" in row["last_error"]


def test_health_and_catalog_do_not_follow_redirects_either(tmp_path):
    with HostileGateway(lambda h, b: h.answer(200, {"status": "ok", "items": []})) as other:
        with HostileGateway(lambda h, b: h.answer(302, None, {"Location": other.url + h.path})) as gw:
            c = GatewayClient(gw.url, timeout=2)
            assert c.health() is False
            with pytest.raises(GatewayMisbehaved):
                c.catalog("230100")
            c.close()
        assert other.received == []


# --- 6: a total deadline per request ---------------------------------------------------------

def test_a_trickling_gateway_is_cut_at_the_total_deadline():
    with HostileGateway(trickle) as gw:
        c = GatewayClient(gw.url, timeout=1.0)
        t0 = time.monotonic()
        with pytest.raises(GatewayUnavailable) as e:
            c.submit({"applicant": {}}, "k-1")
        took = time.monotonic() - t0
        c.close()
    assert "timeout" in e.value.reason and e.value.status is None
    assert took < 3.0, took                          # was: as long as the gateway kept trickling


def test_kiosk_submit_waits_what_it_says_against_a_trickling_gateway(tmp_path):
    with HostileGateway(healthy_then(trickle)) as gw:
        cfg_path = write_config(tmp_path / "kiosk", gw.url, timeout_s=8)
        t0 = time.monotonic()
        out = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "submit", ITEM, "--config", str(cfg_path),
                              "--wait", "2", "--json", "--field", f"phone={PHONE}", "--field", "purpose=就业"],
                             capture_output=True, text=True, cwd=REPO, timeout=60)
        took = time.monotonic() - t0
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1])["status"] == "queued"
    assert took < 2 + 4.5, took                      # start-up + 2 s; was 13.4 s for --wait 5


# --- 9: answers have a size limit --------------------------------------------------------------

def test_an_oversized_answer_is_refused_without_reading_it():
    def flood(h, body):
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.end_headers()                              # no length: read until the server closes
        h.close_connection = True
        chunk = b" " * 1_000_000
        for _ in range(100):                         # 100 MB if anyone read it all
            h.wfile.write(chunk)
    with HostileGateway(flood) as gw:
        c = GatewayClient(gw.url, timeout=10, max_answer_bytes=2_000_000)
        with pytest.raises(GatewayMisbehaved, match="over the limit"):
            c.catalog("230100")
        c.close()


# --- 7: a gateway that echoes input puts nothing personal on disk or screen -------------------

def test_an_echoing_gateway_error_is_masked_everywhere(tmp_path, caplog, capsys):
    def echo(h, body):
        a, f = body["applicant"], body["form"]
        h.answer(400, {"errors": [{"field": "form.phone", "message": f"{a['name']} 的电话 {f['phone']} 无效"},
                                  {"field": "applicant", "message": f"id {a['id_number'].lower()} mismatch"}]})
    caplog.set_level(logging.INFO)
    with HostileGateway(healthy_then(echo)) as gw:
        cfg, router, svc = _service(tmp_path, gw.url)
        try:
            lid = _submit(cfg, svc)
            svc.sync_once()
            row, status = svc.outbox.get(lid), svc.status()
        finally:
            svc.close()
            router.close()
    assert row["state"] == "needs_staff" and "form.phone" in row["last_error"]
    from kiosk.cli.main import main
    main(["queue", "list", "--config", str(cfg.path), "--json"])
    shown = capsys.readouterr().out
    for place in (row["last_error"], json.dumps(status, ensure_ascii=False), caplog.text, shown):
        assert NAME not in place and PHONE not in place and ID_NUMBER.lower() not in place.lower()
    assert "李*华" in row["last_error"]


# --- 10: a tracking number that is not one ----------------------------------------------------

@pytest.mark.parametrize("answer", [{"tracking_no": 12345}, {"tracking_no": ["T1"]}, {"status": "received"}])
def test_a_2xx_without_a_usable_tracking_number_goes_to_staff(tmp_path, answer):
    with HostileGateway(healthy_then(lambda h, b: h.answer(201, answer))) as gw:
        cfg, router, svc = _service(tmp_path, gw.url)
        try:
            lid = _submit(cfg, svc)
            res = svc.sync_once()
            row = svc.outbox.get(lid)
            assert svc.outbox.retry_now(lid) == 1       # the payload was kept: staff can retry it
        finally:
            svc.close()
            router.close()
    assert res.needs_staff == 1 and row["state"] == "needs_staff" and row["tracking_no"] is None
    assert "tracking number" in row["last_error"]


def test_the_environment_cannot_replace_the_configured_trust(tmp_path, monkeypatch):
    from test_gateway_client import ITEM as ITEM1, _self_signed, submission_body
    from kiosk.gateway_sim import GatewaySim
    cert, key = _self_signed(tmp_path)
    s = GatewaySim(tls_cert=cert, tls_key=key)
    url = s.start()
    try:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))   # a planted trust root
        monkeypatch.setenv("CURL_CA_BUNDLE", str(cert))
        c = GatewayClient(url, timeout=3)                     # configured: system trust only
        with pytest.raises(GatewayUnavailable, match="SSL"):
            c.submit(submission_body(ITEM1), "env-1")
        c.close()
    finally:
        s.stop()


def test_a_token_goes_only_over_https_or_loopback():
    with pytest.raises(ValueError, match="https"):
        GatewayClient("http://gateway.example/kiosk", token="secret")
    GatewayClient("http://127.0.0.1:9/kiosk", token="secret").close()
    GatewayClient("https://gateway.example/kiosk", token="secret").close()
