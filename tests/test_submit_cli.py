"""`kiosk submit` and `kiosk queue …`, and build_submission: the one path the touch screen shares."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import subprocess
import sys

import pytest

from drivers.identity import IdentityRecord
from gateway_testkit import jpeg
from kiosk.catalog.forms import prefill
from kiosk.catalog.store import load_catalog
from kiosk.cli.main import main
from kiosk.config import load_config
from kiosk.gateway_sim import GatewaySim
from kiosk.outbox_service import open_outbox
from kiosk.submission import SubmissionInvalid, build_submission
from outbox_helpers import FIELDS, ID_NUMBER, ITEM, ITEM_WITH_PHOTO, NAME, REPO, RESIDENT_CARD, write_config

FIELD_ARGS = [a for k, v in FIELDS.items() for a in ("--field", f"{k}={v}")]


def _identity():
    return IdentityRecord.from_dict(json.loads(RESIDENT_CARD.read_text(encoding="utf-8")))


def _dead_url():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()          # nothing listens there now: connection refused
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def offline_cfg(tmp_path):
    return write_config(tmp_path / "kiosk", _dead_url())


def test_build_submission_makes_the_wire_body(tmp_path):
    cfg = load_config(write_config(tmp_path, _dead_url()))
    item = load_catalog(cfg).get(ITEM_WITH_PHOTO)
    identity = _identity()
    form = {**prefill(item, identity), "phone": "13800138000", "reason": "遗失补办", "pickup": "窗口领取"}
    body = build_submission(cfg, item, identity, form,
                            [{"key": "photo", "content_type": "image/jpeg", "data": jpeg()}])
    assert body["item_code"] == ITEM_WITH_PHOTO and body["region"] == "230100"
    assert body["kiosk_id"] == "TEST-001" and "T" in body["submitted_at"]
    assert body["applicant"]["id_number"] == ID_NUMBER and body["applicant"]["name"] == NAME
    assert body["applicant"]["id_type"] == "resident"
    m = body["materials"][0]
    assert m["sha256"] == hashlib.sha256(base64.b64decode(m["data_b64"])).hexdigest()
    assert set(m) == {"key", "content_type", "sha256", "data_b64"}


def test_build_submission_reports_every_problem(tmp_path):
    cfg = load_config(write_config(tmp_path, _dead_url()))
    item = load_catalog(cfg).get(ITEM_WITH_PHOTO)
    with pytest.raises(SubmissionInvalid) as exc:
        build_submission(cfg, item, _identity(), {"phone": "12", "reason": "nope"}, [])
    keys = {e.key for e in exc.value.errors}
    assert {"name", "id_number", "phone", "reason", "pickup", "photo"} <= keys
    assert all(e.message_zh and e.message_en for e in exc.value.errors)


def test_submit_offline_is_queued_exit_0_then_sync_delivers(tmp_path, offline_cfg, capsys):
    rc = main(["submit", ITEM, "--config", str(offline_cfg), "--json", "--wait", "0.3", *FIELD_ARGS])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["status"] == "queued" and out["tracking_no"] is None
    assert main(["queue", "list", "--json", "--config", str(offline_cfg)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["local_id"] == out["local_id"] and row["state"] == "pending" and row["kind"] == "submission"
    assert {"attempts", "tracking_no", "last_error", "created_at"} <= set(row)
    # the queue list shows no personal data
    assert ID_NUMBER not in json.dumps(row, ensure_ascii=False) and NAME not in json.dumps(row, ensure_ascii=False)
    assert main(["queue", "sync", "--config", str(offline_cfg)]) == 3      # unreachable
    capsys.readouterr()
    # the gateway comes up at a new address: point the kiosk there and sync
    sim = GatewaySim(data_dir=tmp_path / "gw")
    url = sim.start()
    try:
        cfg2 = write_config(tmp_path / "kiosk", url)
        assert main(["queue", "sync", "--until-empty", "--timeout", "20", "--json", "--config", str(cfg2)]) == 0
        res = json.loads(capsys.readouterr().out)
        assert res["delivered"] == 1 and res["counts"]["pending"] == 0
        assert len(sim.submissions()) == 1
    finally:
        sim.stop()


def test_submit_invalid_exits_64_with_reasons(offline_cfg, capsys):
    rc = main(["submit", ITEM, "--config", str(offline_cfg), "--json", "--field", "purpose=赌博",
               "--field", "phone=1"])
    out = capsys.readouterr()
    assert rc == 64
    fields = {e["field"] for e in json.loads(out.out)["errors"]}
    assert fields == {"form.purpose", "form.phone"}
    assert "无效" in out.err and "invalid" in out.err
    with open_outbox(load_config(offline_cfg)) as box:
        assert box.list() == []                 # nothing queued


def test_submit_delivery_by_post_without_a_mailing_address_exits_64(offline_cfg, capsys):
    rc = main(["submit", "230100-GA-001", "--config", str(offline_cfg), "--json", "--field", "purpose=其他",
               "--field", "pickup=邮寄送达"])
    out = capsys.readouterr()
    assert rc == 64
    assert [e["field"] for e in json.loads(out.out)["errors"]] == ["form.mail_address"]
    assert "选择“邮寄送达”时，请填写邮寄地址" in out.err and "mail_address: Mailing address is required" in out.err
    with open_outbox(load_config(offline_cfg)) as box:
        assert box.list() == []                 # nothing queued
    rc = main(["submit", "230100-GA-001", "--config", str(offline_cfg), "--json", "--wait", "0", "--field",
               "purpose=其他", "--field", "pickup=邮寄送达", "--field", "mail_address=黑龙江省哈尔滨市道里区中央大街8号"])
    assert rc == 0 and json.loads(capsys.readouterr().out)["status"] == "queued"


def test_online_only_item_refused_while_offline(offline_cfg, capsys):
    cfg = load_config(offline_cfg)
    deny = next(i for i in load_catalog(cfg).items() if not i.offline_allowed and not i.materials
                and i.region == "230100" and all(f.prefill or not f.required for f in i.fields))
    with pytest.raises(SystemExit) as exc:
        main(["submit", deny.code, "--config", str(offline_cfg)])
    assert exc.value.code == 3
    with open_outbox(cfg) as box:
        assert box.list() == []


def test_queue_retry_all_needs_staff(offline_cfg, capsys):
    cfg = load_config(offline_cfg)
    with open_outbox(cfg) as box:
        lid = box.put("submission", {"x": 1})
        box.claim()
        box.mark_needs_staff(lid, "HTTP 400 form.x")
    assert main(["queue", "status", "--json", "--config", str(offline_cfg)]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["counts"]["needs_staff"] == 1 and st["last_error"]["error"] == "HTTP 400 form.x"
    assert main(["queue", "retry", "--all-needs-staff", "--config", str(offline_cfg)]) == 0
    with open_outbox(cfg) as box:
        assert box.get(lid)["state"] == "pending"
    with pytest.raises(SystemExit) as exc:
        main(["queue", "retry", "NO-SUCH-ID", "--config", str(offline_cfg)])
    assert exc.value.code == 2


def test_kiosk_submit_with_the_embedded_gateway_as_a_real_process(tmp_path):
    cfg = write_config(tmp_path / "kiosk", "embedded")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "submit", ITEM, "--config", str(cfg),
                          "--json", *FIELD_ARGS], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["status"] == "delivered" and res["tracking_no"].startswith("230100")
    assert ID_NUMBER not in out.stdout + out.stderr and NAME not in out.stdout + out.stderr


def test_queue_list_filters_by_state(offline_cfg, capsys):
    cfg = load_config(offline_cfg)
    with open_outbox(cfg) as box:
        a = box.put("submission", {"x": 1})
        b = box.put("evaluation", {"x": 2})
        box.claim()
        box.mark_delivered(a, "T-1")
    assert main(["queue", "list", "--state", "pending", "--json", "--config", str(offline_cfg)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["local_id"], r["kind"], r["state"]) for r in rows] == [(b, "evaluation", "pending")]
    assert main(["queue", "list", "--config", str(offline_cfg)]) == 0
    text = capsys.readouterr().out
    assert a in text and "T-1" in text and b in text
