"""一件事一次办 in the outbox: put_many commits a visit's entries together (all or none, also under
SIGKILL), each with its own idempotency key; the gateway gets the scene id; one refused item goes to
needs_staff while the others are delivered."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from child_lines import ChildLines
from collections import Counter

import pytest

from gateway_testkit import ID_NUMBER, make_config, person, submission_body
from kiosk.catalog.store import load_seed
from kiosk.gateway.client import GatewayRouter
from kiosk.gateway_sim import GatewaySim
from kiosk.outbox_service import OutboxService
from offline_queue import Outbox

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILLS = 20


def test_put_many_gives_each_entry_its_own_key_and_one_link(tmp_path):
    box = Outbox(tmp_path / "q" / "outbox.db", tmp_path / "q" / "key", lease_s=5, ephemeral_kinds={"heartbeat"})
    try:
        ids = box.put_many("submission", [{"payload": {"n": n}, "group": "g", "region": "230100"} for n in range(4)],
                           link="S:1")
        keys = {box.idempotency_key(i) for i in ids}
        assert len(ids) == len(set(ids)) == len(keys) == 4
        assert [r["local_id"] for r in box.linked("S:1")] == ids
        assert [r["link"] for r in box.by_group("g")] == ["S:1"] * 4
        tagged = box.put_many("submission", [{"payload": {}, "group": "h", "tag": c} for c in ("A-1", "B-2")],
                              link="S:9")
        assert [(r["local_id"], r["tag"]) for r in box.linked("S:9")] == list(zip(tagged, ("A-1", "B-2")))
        claimed = box.claim(10)
        assert [e.payload["n"] for e in claimed if e.group == "g"] == [0]     # order per applicant is kept
        with pytest.raises(ValueError):
            box.put_many("heartbeat", [{"payload": {}}])
    finally:
        box.close()


def test_a_failing_commit_stores_none_of_the_visit(tmp_path):
    box = Outbox(tmp_path / "q" / "outbox.db", tmp_path / "q" / "key", lease_s=5)
    try:
        with pytest.raises(TypeError):
            box.put_many("submission", [{"payload": {"n": 1}}, {"payload": {"n": object()}}], link="S:2")
        assert box.linked("S:2") == [] and box.list() == []
        real = box._sealer.seal
        calls = []

        def seal(entry_id, plain):            # the disk gives out on the third entry
            calls.append(entry_id)
            if len(calls) == 3:
                raise OSError("disk full")
            return real(entry_id, plain)
        box._sealer.seal = seal
        with pytest.raises(OSError):
            box.put_many("submission", [{"payload": {"n": n}} for n in range(4)], link="S:3")
        assert box.linked("S:3") == [] and box.list() == []
    finally:
        box.close()


@pytest.mark.timeout(120)
def test_sigkill_during_scene_commits_leaves_all_of_a_visit_or_none(tmp_path):
    db, key = tmp_path / "q" / "outbox.db", tmp_path / "q" / "queue.key"
    env = {**os.environ, "PYTHONPATH": REPO}
    rng = random.Random(17)
    acked: list[str] = []
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, os.path.join(REPO, "tests", "scene_committer.py"), str(db), str(key)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        reader = ChildLines(proc)
        reader.start()
        try:
            assert reader.ready.wait(30), "committer did not start"
            time.sleep(rng.uniform(0.01, 0.25))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            reader.join(5)
        acked += reader.lines
    box = Outbox(db, key, lease_s=5)
    try:
        rows = box.list(limit=100000)
        links = Counter(_link(box, r["local_id"]) for r in rows)
        partial = {l: n for l, n in links.items() if n != 4}
        assert not partial, f"visits with some of their entries: {partial}"
        assert set(acked) <= set(links), "an acknowledged visit is missing"
        assert box.status()["healthy"] and box.status()["lost"] == 0
        unacked = len(set(links) - set(acked))       # committed, killed before it could say so: all four
        print(f"kills={KILLS} visits_acked={len(acked)} visits_in_outbox={len(links)} committed_unacked={unacked}")
        assert len(acked) >= KILLS // 2
    finally:
        box.close()


def _link(box, local_id):
    with box._lock:
        return box._conn.execute("SELECT link FROM entries WHERE id=?", (local_id,)).fetchone()[0]


@pytest.fixture
def gateways(tmp_path):
    home = GatewaySim(data_dir=tmp_path / "home")
    bj = GatewaySim(data_dir=tmp_path / "bj", region="110000")
    home.start()
    bj.start()
    yield home, bj
    home.stop()
    bj.stop()


def test_a_visit_goes_to_each_items_gateway_and_one_refusal_stops_only_itself(tmp_path, gateways):
    home, bj = gateways
    cfg = make_config(tmp_path, home_url=home.url, regions={"110000": bj.url})
    cat = load_seed(cfg.catalog.seed)
    bodies = [submission_body(cat.get(c)) for c in ("230100-YB-002", "110000-YB-001", "110000-GJJ-001")]
    bj.refused_items["110000-GJJ-001"] = "该事项暂停受理，请到窗口办理"
    router = GatewayRouter(cfg)
    svc = OutboxService(cfg, router, heartbeats=False, base_backoff_s=0.05)
    try:
        svc.start()
        ids = svc.submit_linked(bodies, "a-grp", "TEST-SC-9")
        out = svc.settled(ids, 15)
        assert [out[i]["state"] for i in ids] == ["delivered", "delivered", "needs_staff"]
        at_home = {s["item_code"]: s for s in home.submissions()}
        at_bj = {s["item_code"]: s for s in bj.submissions()}
        assert set(at_home) == {"230100-YB-002"} and set(at_bj) == {"110000-YB-001"}
        assert {s["scene_id"] for s in [*at_home.values(), *at_bj.values()]} == {"TEST-SC-9"}
        assert len({s["idempotency_key"] for s in [*at_home.values(), *at_bj.values()]}) == 2
        tn = out[ids[1]]["tracking_no"]
        assert router.progress(tn)["scene_id"] == "TEST-SC-9"
        visit = svc.visit_of("a-grp")
        assert [v["local_id"] for v in visit] == ids and visit[2]["state"] == "needs_staff"
        assert [v["item_code"] for v in visit] == [b["item_code"] for b in bodies]
        assert {v["scene_id"] for v in visit} == {"TEST-SC-9"}
    finally:
        svc.close()
        router.close()


def test_the_gateway_checks_the_scene_id(tmp_path, gateways):
    home, _ = gateways
    cfg = make_config(tmp_path, home_url=home.url)
    item = load_seed(cfg.catalog.seed).get("230100-GA-002")
    import requests as httpx
    body = submission_body(item, identity=person(ID_NUMBER))
    for bad in ("", "a b", "x" * 65, 7):
        r = httpx.post(f"{home.url}/v1/submissions", json=dict(body, scene_id=bad), headers={"Idempotency-Key": f"k{bad!r}"[:60]})
        assert r.status_code == 400 and any(e["field"] == "scene_id" for e in r.json()["errors"]), bad
    r = httpx.post(f"{home.url}/v1/submissions", json=dict(body, scene_id="230100-SC-001"), headers={"Idempotency-Key": "ok"})
    assert r.status_code == 201
    assert httpx.get(f"{home.url}/v1/submissions/ok").json()["scene_id"] == "230100-SC-001"
    r = httpx.post(f"{home.url}/v1/submissions", json=body, headers={"Idempotency-Key": "plain"})
    assert r.status_code == 201 and "scene_id" not in httpx.get(f"{home.url}/v1/submissions/plain").json()
