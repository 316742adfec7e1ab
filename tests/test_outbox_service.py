"""OutboxService against the reference gateway on 127.0.0.1 (real HTTP, real SQLite, one thread)."""
from __future__ import annotations

import json
import time

import pytest

from drivers.identity import IdentityRecord
from kiosk.catalog.store import load_catalog
from kiosk.config import load_config
from kiosk.gateway.client import GatewayRouter
from kiosk.gateway_sim import GatewaySim
from kiosk.outbox_service import OutboxService
from kiosk.submission import applicant_group, build_submission
from outbox_helpers import FIELDS, ITEM, RESIDENT_CARD, write_config


@pytest.fixture
def sim(tmp_path):
    s = GatewaySim(data_dir=tmp_path / "gw", accept_after_s=0, complete_after_s=0)
    s.start()
    yield s
    s.stop()


@pytest.fixture
def cfg(tmp_path, sim):
    return load_config(write_config(tmp_path / "kiosk", sim.url))


@pytest.fixture
def service(cfg, sim):
    router = GatewayRouter(cfg)
    svc = OutboxService(cfg, router, base_backoff_s=0.05, max_backoff_s=0.2, probe_interval_s=0.1,
                        device_status=lambda: {"printer": "ready"})
    yield svc
    svc.close()
    router.close()


def _body(cfg, **form):
    identity = IdentityRecord.from_dict(json.loads(RESIDENT_CARD.read_text(encoding="utf-8")))
    item = load_catalog(cfg).get(ITEM)
    from kiosk.catalog.forms import prefill
    return build_submission(cfg, item, identity, {**prefill(item, identity), **FIELDS, **form}, []), identity


def _wait(pred, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.02)
    return False


def test_submit_is_durable_then_delivered_with_the_official_number(cfg, sim, service):
    body, identity = _body(cfg)
    local_id = service.submit(body, applicant_group(identity, cfg))
    assert service.outbox.get(local_id)["state"] == "pending"    # durable before any network
    service.start()
    tn = service.wait_delivered(local_id, 10)
    assert tn and tn.startswith("230100")
    assert [s["tracking_no"] for s in sim.submissions()] == [tn]
    assert sim.submissions()[0]["idempotency_key"] == service.outbox.idempotency_key(local_id)


def test_going_offline_while_idle_is_noticed_by_probing(cfg, sim, service):
    seen = []
    service.add_listener(seen.append)
    service.start()
    assert _wait(lambda: service.online and sim.last_heartbeat(cfg.kiosk.id) is not None)
    assert seen == [True]              # the first probe told the listeners
    sim.set_offline(True)              # nothing to send: only the idle probe can tell
    assert _wait(lambda: seen == [True, False]) and not service.online
    sim.set_offline(False)
    assert _wait(lambda: seen == [True, False, True])


def test_offline_queues_and_reconnect_delivers_and_notifies(cfg, sim, service):
    seen = []
    service.add_listener(seen.append)
    sim.set_offline(True)
    service.start()
    assert _wait(lambda: seen == [False])
    assert service.online is False
    body, identity = _body(cfg)
    local_id = service.submit(body, applicant_group(identity, cfg))
    assert service.wait_delivered(local_id, 0.5) is None
    assert service.status()["counts"]["pending"] >= 1
    sim.set_offline(False)
    assert service.wait_delivered(local_id, 10)
    assert seen == [False, True] and service.online


def test_retry_after_503_then_delivered_once(cfg, sim, service):
    service.sender.idle_probe_s = 600     # the scripted 503s are for the submission, not a probe
    service.start()
    assert _wait(lambda: service.online and sim.last_heartbeat(cfg.kiosk.id) is not None)
    sim.fail_next(2, status=503, retry_after=0.3)
    body, identity = _body(cfg)
    t0 = time.monotonic()
    local_id = service.submit(body, applicant_group(identity, cfg))
    assert service.wait_delivered(local_id, 10)
    assert time.monotonic() - t0 >= 0.55             # two Retry-After waits were honoured
    assert service.outbox.get(local_id)["attempts"] >= 3
    assert len(sim.submissions()) == 1


def test_rejected_body_goes_to_needs_staff_with_the_servers_reasons(cfg, sim, service):
    body, identity = _body(cfg)
    body["form"]["purpose"] = "not an option"     # bypass the kiosk validator: the gateway says 400
    bad = service.submit(body, applicant_group(identity, cfg))
    good_body, _ = _body(cfg)
    good = service.submit(good_body, "other-applicant")
    service.start()
    assert service.wait_delivered(good, 10)        # the bad one blocks nobody else
    assert _wait(lambda: service.outbox.get(bad)["state"] == "needs_staff")
    err = service.outbox.get(bad)["last_error"]
    assert "HTTP 400" in err and "form.purpose" in err
    assert service.status()["last_error"]["local_id"] == bad


def test_rating_goes_through_the_outbox(cfg, sim, service):
    body, identity = _body(cfg)
    group = applicant_group(identity, cfg)
    sub = service.submit(body, group)
    service.start()
    tn = service.wait_delivered(sub, 10)
    rid = service.rate({"tracking_no": tn, "item_code": ITEM, "level": 2,
                        "dimensions": {"overall": 2, "attitude": 3}, "comment": "等太久"}, group)
    assert _wait(lambda: service.outbox.get(rid)["state"] == "delivered")
    assert len(sim.evaluations()) == 1


def test_heartbeat_carries_device_and_queue_status(cfg, sim, service):
    service.heartbeat_s = 0.2
    service.start()
    assert _wait(lambda: sim.last_heartbeat(cfg.kiosk.id) is not None)
    hb = sim.last_heartbeat(cfg.kiosk.id)
    text = json.dumps(hb, ensure_ascii=False)
    assert "printer" in text and "counts" in text
    # heartbeats leave no history behind (superseded or removed once delivered)
    time.sleep(1.0)                                   # several more heartbeats (every 0.2 s)
    assert len([r for r in service.outbox.list() if r["kind"] == "heartbeat"]) <= 2


def test_applicant_group_is_keyed_stable_and_opaque(cfg):
    from kiosk.outbox_service import open_outbox
    open_outbox(cfg).close()             # the outbox makes the key it is derived from; nothing else does
    identity = IdentityRecord.from_dict(json.loads(RESIDENT_CARD.read_text(encoding="utf-8")))
    g1 = applicant_group(identity, cfg)
    assert g1 == applicant_group(identity, cfg)            # stable across calls (and restarts)
    assert identity.id_number not in g1 and identity.id_number[-6:] not in g1
    import hashlib
    assert hashlib.sha256(identity.id_number.encode()).hexdigest()[:32] not in g1  # keyed, not a bare hash


def test_receipts_for_group_finds_an_applicants_submissions(cfg, sim, service):
    body, identity = _body(cfg)
    first = service.submit(body, applicant_group(identity, cfg))
    service.start()
    tn = service.wait_delivered(first, 10)
    service.stop()
    second = service.submit(_body(cfg)[0], applicant_group(identity, cfg))
    # without cfg, the group is the same once the kiosk's OutboxService exists
    ids = service.receipts_for_group(applicant_group(identity))
    assert ids == [tn, service.outbox.idempotency_key(second)]
    assert service.receipts_for_group("someone-else") == []


def test_damage_is_named_in_status_heartbeat_and_maintenance_rows(cfg, sim):
    """Issue 13 #4: the damage reaches staff: status() (CLI, metrics), the heartbeat, the maintenance rows."""
    from kiosk.outbox_service import open_outbox, outbox_path
    from kiosk.viewmodels import queue_view
    from outbox_damage import damage_page
    with open_outbox(cfg) as box:
        for i in range(300):
            box.put("submission", {"n": i, "pad": "x" * 400})
    damage_page(outbox_path(cfg), "entries")
    router = GatewayRouter(cfg)
    svc = OutboxService(cfg, router, heartbeat_s=0.2, probe_interval_s=0.1)
    try:
        st = svc.status()
        assert not st["healthy"] and st["lost"] > 0
        assert st["damage"][0]["file"] == str(outbox_path(cfg)) and st["damage"][0]["lost"]
        assert str(outbox_path(cfg)) in queue_view(st)["damage"]
        svc.start()
        assert _wait(lambda: sim.last_heartbeat(cfg.kiosk.id) is not None)
        queue = sim.last_heartbeat(cfg.kiosk.id)["body"]["queue"]
        assert queue["healthy"] is False and queue["damage"][0]["lost"] and queue["lost"] == st["lost"]
    finally:
        svc.close()
        router.close()
