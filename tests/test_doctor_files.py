"""`kiosk doctor` fails, naming the file, for: a missing key with entries, a damaged outbox page, a broken
audit chain, loose permissions on kiosk.toml, the data folder or the logs (issue 13)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.cli.doctor_files import check_audit, check_outbox, check_permissions
from kiosk.logging_setup import setup_logging
from kiosk.outbox_service import open_outbox, outbox_path
from outbox_damage import damage_page

ROOT = Path(__file__).resolve().parent.parent


def _failing(checks):
    return {c["check"]: c["detail"] for c in checks if not c["ok"]}


def _fill(cfg, n=300):
    with open_outbox(cfg) as box:
        for i in range(n):
            box.put("submission", {"n": i, "pad": "x" * 400})


def test_a_healthy_installation_passes(demo_config):
    cfg = demo_config()
    _fill(cfg, 3)
    assert _failing(check_outbox(cfg)) == {} and check_audit(cfg)["ok"]


def test_missing_key_with_entries(demo_config):
    cfg = demo_config()
    _fill(cfg, 2)
    Path(cfg.queue.key_file).unlink()
    assert cfg.queue.key_file in _failing(check_outbox(cfg))["outbox_key"]


def test_a_damaged_outbox_page(demo_config):
    cfg = demo_config()
    _fill(cfg)
    damage_page(outbox_path(cfg), "entries")
    assert str(outbox_path(cfg)) in _failing(check_outbox(cfg))["outbox_file"]
    with open_outbox(cfg) as box:                 # any kiosk command repairs it…
        assert not box.status()["healthy"]
    failing = _failing(check_outbox(cfg))         # …and doctor keeps naming the loss until staff acknowledge
    assert "outbox_damage" in failing and "lost" in failing["outbox_damage"]


def test_an_emptied_outbox_is_a_loss(demo_config):
    cfg = demo_config()
    _fill(cfg, 4)
    os.truncate(outbox_path(cfg), 0)
    assert "4 acknowledged entries are missing" in _failing(check_outbox(cfg))["outbox_journal"]


def test_loose_permissions_on_the_config_data_folder_and_logs(demo_config):
    cfg = demo_config()
    setup_logging(cfg.data_dir)
    assert _failing(check_permissions(cfg)) == {}
    log = Path(cfg.data_dir) / "logs" / "kiosk.log"
    assert oct(log.stat().st_mode & 0o777) == "0o600" and oct(log.parent.stat().st_mode & 0o777) == "0o700"
    for path, mode, check, named in ((cfg.path, 0o644, "permissions:config", str(cfg.path)),
                                     (Path(cfg.data_dir), 0o755, "permissions:data", cfg.data_dir),
                                     (log, 0o644, "permissions:data", str(log))):
        old = path.stat().st_mode & 0o777
        path.chmod(mode)
        assert str(named) in _failing(check_permissions(cfg))[check]
        path.chmod(old)
    Path(cfg.path).chmod(0o640)                   # root:kiosk 0640 is a good way to install it
    assert _failing(check_permissions(cfg)) == {}


def test_the_doctor_command_fails_naming_each_file(demo_config):
    from kiosk.technician import AuditLog
    cfg = demo_config()
    _fill(cfg, 2)
    audit = Path(cfg.data_dir) / "audit.log"
    AuditLog(audit).write("login_ok")
    AuditLog(audit).write("maintenance:refresh")
    audit.write_text(audit.read_text(encoding="utf-8").replace("refresh", "exit_kiosk"), encoding="utf-8")
    Path(cfg.queue.key_file).unlink()
    cfg.path.chmod(0o644)
    r = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "doctor", "--config", str(cfg.path), "--json",
                        "--device-timeout", "4"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 1, r.stderr
    failing = {c["check"]: c for c in json.loads(r.stdout)["checks"] if not c["ok"]}
    assert str(audit) in failing["audit_log"]["detail"]
    assert cfg.queue.key_file in failing["outbox_key"]["detail"]
    assert str(cfg.path) in failing["permissions:config"]["detail"]
    assert all(c["hint"] for c in failing.values())
