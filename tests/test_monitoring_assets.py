"""assets/monitoring/: the alert rules pass `promtool test rules` (the paper alert fires after
5 minutes, not before), and every metric the rules and the dashboard name is one a real kiosk exports."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from conftest import ROOT

MONITORING = ROOT / "assets" / "monitoring"
SUFFIXES = ("_total", "_bucket", "_count", "_sum", "_info", "_created")


def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("promtool missing: scripts/setup.sh test installs the Debian package prometheus")
        pytest.skip("promtool missing (Debian package prometheus)")
    return path


def test_alert_rules_pass_promtool_check_and_their_unit_tests():
    tool = promtool()
    check = subprocess.run([tool, "check", "rules", str(MONITORING / "kiosk-alerts.yml")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    run = subprocess.run([tool, "test", "rules", "kiosk-alerts.test.yml"], cwd=MONITORING / "tests",
                         capture_output=True, text=True)
    assert run.returncode == 0 and "SUCCESS" in run.stdout, run.stdout + run.stderr


def test_the_unit_tests_would_catch_a_paper_alert_that_fires_too_late(tmp_path):
    """The paper test is not vacuous: with `for: 10m` the rule misses its expected firing."""
    tool = promtool()
    rules = (MONITORING / "kiosk-alerts.yml").read_text(encoding="utf-8")
    slow = re.sub(r"(alert: KioskPrinterOutOfPaper\n(?:.*\n)*?\s+for: )5m", r"\g<1>10m", rules, count=1)
    assert slow != rules
    (tmp_path / "tests").mkdir()
    (tmp_path / "kiosk-alerts.yml").write_text(slow, encoding="utf-8")
    shutil.copy(MONITORING / "tests" / "kiosk-alerts.test.yml", tmp_path / "tests")
    run = subprocess.run([tool, "test", "rules", "kiosk-alerts.test.yml"], cwd=tmp_path / "tests",
                         capture_output=True, text=True)
    assert run.returncode != 0 and "KioskPrinterOutOfPaper" in run.stdout + run.stderr


def _exprs() -> list[str]:
    rules = yaml.safe_load((MONITORING / "kiosk-alerts.yml").read_text(encoding="utf-8"))
    out = [r["expr"] for g in rules["groups"] for r in g["rules"]]
    dash = json.loads((MONITORING / "grafana-fleet-dashboard.json").read_text(encoding="utf-8"))
    out += [t["expr"] for p in dash["panels"] for t in p["targets"]]
    return out


def test_every_metric_named_in_rules_and_dashboard_is_exported_by_a_kiosk(qtbot, make_kiosk):
    app = make_kiosk()
    qtbot.waitUntil(lambda: b"kiosk_outbox_entries" in app.metrics.exposition(), timeout=10000)
    families = {f.name for f in text_string_to_metric_families(app.metrics.exposition().decode("utf-8"))}
    named = set()
    for expr in _exprs():
        named |= set(re.findall(r"\b((?:kiosk|process)_[a-z_]+)\b", expr))
    assert named, "no metric names found"
    missing = []
    for name in sorted(named):
        base = name
        for suffix in SUFFIXES:
            base = base.removesuffix(suffix)
        if name not in families and base not in families:
            missing.append(name)
    assert missing == []


def test_file_sd_example_and_dashboard_are_well_formed():
    for path in (MONITORING / "file_sd").glob("*.yml"):
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert groups and all(g["targets"] and g["labels"]["kiosk"] for g in groups), path
    dash = json.loads((MONITORING / "grafana-fleet-dashboard.json").read_text(encoding="utf-8"))
    ids = [p["id"] for p in dash["panels"]]
    assert len(ids) == len(set(ids)) and all(p["targets"] for p in dash["panels"])
