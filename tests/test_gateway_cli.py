"""`kiosk gateway-sim`, `kiosk catalog list|show|sync`, `kiosk progress` as technicians use them."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
import requests

from gateway_testkit import ROOT, SEED, make_config, submission_body
from kiosk.catalog.store import cache_path, load_seed
from kiosk.cli.main import main
from kiosk.gateway.client import GatewayClient
from kiosk.gateway_sim import GatewaySim


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_gateway_sim_prints_its_url_first_and_stops_on_sigterm(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "gateway-sim", "--port", "0",
                             "--data", str(tmp_path / "gw"), "--region", "110000", "--latency-ms", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        assert requests.get(url + "/v1/health", timeout=5).json() == {"status": "ok"}
        status, _, doc = GatewayClient(url).catalog("110000")
        assert status == 200 and doc["items"]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
        proc.stdout.close(), proc.stderr.close()
    assert (tmp_path / "gw" / "gateway.sqlite3").exists()


def test_gateway_sim_refuses_a_bad_fail_rate(capsys):
    code, _, err = run_cli(capsys, "gateway-sim", "--fail-rate", "2")
    assert code == 64 and "between 0 and 1" in err


@pytest.fixture
def cfg(tmp_path):
    return make_config(tmp_path)


def test_catalog_list_search_ranked_like_the_screen(capsys, cfg):
    code, out, _ = run_cli(capsys, "catalog", "list", "--search", "sbk", "--json", "--config", str(cfg.path))
    assert code == 0
    data = json.loads(out)
    assert [i["code"] for i in data["items"]] == [i.code for i in load_seed(SEED).search("sbk")]
    assert data["catalog"]["version"] and data["catalog"]["source"] == "seed"
    code, out, _ = run_cli(capsys, "catalog", "list", "--region", "110000", "--json", "--config", str(cfg.path))
    assert {i["region"] for i in json.loads(out)["items"]} == {"110000"}
    code, out, err = run_cli(capsys, "catalog", "list", "--search", "公积金", "--config", str(cfg.path))
    assert code == 0 and "230100-GJJ-001" in out and "catalog 2026" in err


def test_catalog_show_everything_a_technician_needs(capsys, cfg):
    code, out, _ = run_cli(capsys, "catalog", "show", "230100-GJJ-002", "--json", "--config", str(cfg.path))
    item = json.loads(out)
    assert code == 0 and item["offline"] == "allow" and item["identity"] == "card_face"
    assert {"key", "label", "type", "required", "pattern", "options", "prefill"} <= set(item["fields"][0])
    assert item["materials"][0]["key"] == "rent_contract"
    code, out, _ = run_cli(capsys, "catalog", "show", "230100-GJJ-002", "--config", str(cfg.path))
    assert "bank_account" in out and r"pattern=\d{16,19}" in out and "离线" in out
    code, out, _ = run_cli(capsys, "catalog", "show", "230100-GA-001", "--config", str(cfg.path))
    assert "Household registration certificate" in out and "邮寄地址 / Mailing address" in out
    assert "required_when=pickup=邮寄送达" in out
    code, _, err = run_cli(capsys, "catalog", "show", "NOPE", "--config", str(cfg.path))
    assert code == 2 and "NOPE" in err


def test_catalog_list_and_show_the_scenes(capsys, cfg):
    seed = load_seed(SEED)
    code, out, _ = run_cli(capsys, "catalog", "list", "--json", "--config", str(cfg.path))
    listed = {s["id"]: s for s in json.loads(out)["scenes"]}
    assert code == 0 and sorted(listed) == sorted(s.id for s in seed.scenes()) and len(listed) >= 5
    for scene in seed.scenes():
        assert listed[scene.id] == {"id": scene.id, "name": scene.name, "region": scene.region,
                                    "items": scene.item_codes(),
                                    "optional": [i.code for i in scene.items if i.optional]}
    assert listed["230100-SC-001"]["optional"] == ["230100-RS-012"]
    code, out, _ = run_cli(capsys, "catalog", "list", "--region", "110000", "--json", "--config", str(cfg.path))
    assert [s["id"] for s in json.loads(out)["scenes"]] == ["110000-SC-001"]
    code, out, _ = run_cli(capsys, "catalog", "list", "--search", "xse", "--json", "--config", str(cfg.path))
    assert [s["id"] for s in json.loads(out)["scenes"]] == [s.id for s in seed.search_scenes("xse")] != []
    code, out, _ = run_cli(capsys, "catalog", "list", "--config", str(cfg.path))
    line = next(x for x in out.splitlines() if x.startswith("230100-SC-001"))
    assert "新生儿出生一件事" in line and "230100-RS-012(optional 可选)" in line and "230100-WJ-001 " in line
    code, out, _ = run_cli(capsys, "catalog", "show", "230100-SC-004", "--json", "--config", str(cfg.path))
    shown = json.loads(out)
    assert code == 0 and shown["name"] == "身后一件事" and shown["optional"] == ["230100-GJJ-004"]
    assert "relation_proof" in shown["shared_materials"] and len(shown["items"]) == 3
    code, out, _ = run_cli(capsys, "catalog", "show", "230100-SC-004", "--config", str(cfg.path))
    rows = {x.split()[0]: x for x in out.splitlines()[1:] if x.strip().startswith("230100-")}
    assert code == 0 and "一件事一次办" in out.splitlines()[0]
    assert "optional" in rows["230100-GJJ-004"] and "required" in rows["230100-GA-004"]
    assert seed.get("230100-RS-011").name in rows["230100-RS-011"] and "relation_proof" in out


def test_catalog_sync_with_a_gateway_and_without(capsys, tmp_path):
    sim = GatewaySim(data_dir=tmp_path / "gw")
    sim.start()
    try:
        cfg = make_config(tmp_path, home_url=sim.url)
        code, out, _ = run_cli(capsys, "catalog", "sync", "--json", "--config", str(cfg.path))
        data = json.loads(out)
        assert code == 0 and data["ok"] and data["written"] and cache_path(cfg).exists()
        sim.set_offline(True)
        code, out, _ = run_cli(capsys, "catalog", "sync", "--config", str(cfg.path))
        assert code == 3 and "unavailable" in out
    finally:
        sim.stop()


def test_catalog_sync_with_the_embedded_gateway(capsys, cfg):
    code, out, _ = run_cli(capsys, "catalog", "sync", "--config", str(cfg.path))
    assert code == 0 and "cache written" in out
    assert (cfg.data_dir / "gateway-sim" / "gateway.sqlite3").exists()


def test_progress_by_number_and_key(capsys, tmp_path):
    sim = GatewaySim(data_dir=tmp_path / "gw")
    sim.start()
    try:
        cfg = make_config(tmp_path, home_url=sim.url)
        item = load_seed(SEED).get("230100-GA-001")
        tn = GatewayClient(sim.url).submit(submission_body(item), "receipt-key-1")["tracking_no"]
        code, out, _ = run_cli(capsys, "progress", tn, "--json", "--config", str(cfg.path))
        assert code == 0 and json.loads(out)["status"] == "received"
        code, out, _ = run_cli(capsys, "progress", "receipt-key-1", "--config", str(cfg.path))
        assert code == 0 and tn in out and "已接收" in out
        code, _, err = run_cli(capsys, "progress", "nothing", "--config", str(cfg.path))
        assert code == 2 and "未查询到" in err
        sim.set_offline(True)
        code, _, err = run_cli(capsys, "progress", tn, "--config", str(cfg.path))
        assert code == 3
    finally:
        sim.stop()


def test_start_embedded_keeps_its_data_under_the_kiosk_data_dir(cfg):
    from kiosk.gateway_sim import start_embedded
    sim = start_embedded(cfg)
    try:
        assert requests.get(sim.url + "/v1/health", timeout=5).status_code == 200
        assert str(sim.data_dir).startswith(str(cfg.data_dir)) and sim.region == "230100"
    finally:
        sim.stop()
