"""Routing: two gateway-sims on two loopback ports act as two regions; unmapped regions go home."""
from __future__ import annotations

import pytest

from gateway_testkit import ID_NUMBER, NAME, SEED, jpeg, make_config, submission_body
from kiosk.catalog.store import load_seed
from kiosk.gateway.client import GatewayRouter
from kiosk.gateway.errors import GatewayRejected, GatewayUnavailable
from kiosk.gateway_sim import GatewaySim

CATALOG = load_seed(SEED)


@pytest.fixture
def sims(tmp_path):
    started = {}
    for name, region in (("home", "230100"), ("bj", "110000"), ("tj", "120000")):
        s = GatewaySim(data_dir=tmp_path / name, region=region, token="t")
        s.start()
        started[name] = s
    yield started
    for s in started.values():
        s.stop()


@pytest.fixture
def router(tmp_path, sims):
    cfg = make_config(tmp_path, home_url=sims["home"].url, token="t",
                      regions={"110000": sims["bj"].url, "120000": sims["tj"].url})
    r = GatewayRouter(cfg)
    yield r
    r.close()


def first_item(region: str):
    return next(i for i in CATALOG.items(region=region) if not i.instant)


def test_each_region_reaches_its_own_gateway_and_the_rest_goes_home(router, sims):
    sent = {}
    for region in ("110000", "120000", "130000", "133100", "230100"):
        item = first_item(region)
        sent[region] = router.submit(submission_body(item), f"route-{region}")["tracking_no"]
    landed = {name: sorted(s["region"] for s in sim.submissions()) for name, sim in sims.items()}
    assert landed == {"bj": ["110000"], "tj": ["120000"], "home": ["130000", "133100", "230100"]}
    # the home gateway got the region in the body (its tracking numbers carry it)
    assert sent["130000"].startswith("130000") and sent["133100"].startswith("133100")


def test_progress_finds_each_submission_wherever_it_went(router, sims):
    bj = router.submit(submission_body(first_item("110000")), "p-bj")["tracking_no"]
    hb = router.submit(submission_body(first_item("130000")), "p-hb")["tracking_no"]
    assert router.progress(bj)["tracking_no"] == bj
    assert router.progress(hb)["tracking_no"] == hb
    assert router.progress("p-bj")["tracking_no"] == bj          # by the receipt's key too
    with pytest.raises(GatewayRejected) as e:
        router.progress("99999920260101000001")
    assert e.value.status == 404


def test_a_regional_gateway_down_does_not_stop_the_others(router, sims):
    sims["bj"].set_offline(True)
    with pytest.raises(GatewayUnavailable):
        router.submit(submission_body(first_item("110000")), "down-bj")
    assert router.health("110000") is False and router.health("120000") is True and router.health() is True
    assert router.submit(submission_body(first_item("120000")), "up-tj")["tracking_no"]
    sims["bj"].set_offline(False)
    assert router.submit(submission_body(first_item("110000")), "down-bj")["tracking_no"]


def test_catalog_evaluations_heartbeats_and_verify_are_routed(router, sims):
    status, etag, doc = router.fetch_catalog("110000")
    assert status == 200 and {i["region"] for i in doc["items"]} == {"110000"}
    assert router.fetch_catalog("110000", etag)[0] == 304
    sims["bj"].set_offline(True)     # proves the catalog of 110000 comes from the Beijing gateway
    with pytest.raises(GatewayUnavailable):
        router.fetch_catalog("110000", etag)
    assert router.fetch_catalog("130000")[0] == 200
    sims["bj"].set_offline(False)
    router.evaluate({"tracking_no": "T", "item_code": "x", "level": 4, "region": "120000"}, "ev-tj")
    router.evaluate({"tracking_no": "T", "item_code": "x", "level": 4}, "ev-home")
    assert [e["idempotency_key"] for e in sims["tj"].evaluations()] == ["ev-tj"]
    assert [e["idempotency_key"] for e in sims["home"].evaluations()] == ["ev-home"]
    router.heartbeat("HRB-DL-001", {"queue": {"depth": 2}})
    assert sims["home"].last_heartbeat("HRB-DL-001") and sims["bj"].last_heartbeat("HRB-DL-001") is None
    assert router.verify_identity(ID_NUMBER, NAME, jpeg())["match"] is True


def test_clients_are_reused_per_region(router):
    assert router.client_for("110000") is router.client_for("110000")
    assert router.client_for("130000") is router.home and router.client_for(None) is router.home


def test_embedded_needs_a_home_url(tmp_path):
    cfg = make_config(tmp_path)
    with pytest.raises(ValueError):
        GatewayRouter(cfg)
