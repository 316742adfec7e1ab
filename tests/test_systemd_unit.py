"""The shipped unit stays Type=notify with a watchdog, and as hardened as measured
(`systemd-analyze security --offline=yes`, where systemd-analyze exists)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

UNIT = ROOT / "assets" / "systemd" / "tongban-kiosk.service"


def test_unit_is_notify_with_a_watchdog_and_writes_only_its_data():
    text = UNIT.read_text(encoding="utf-8")
    for line in ("Type=notify", "NotifyAccess=main", "WatchdogSec=30", "ProtectSystem=strict",
                 "ReadWritePaths=/var/lib/tongban-kiosk", "PrivateTmp=yes", "NoNewPrivileges=yes", "LimitCORE=0"):
        assert re.search(rf"^{re.escape(line)}$", text, re.M), line


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_exposure_score_stays_at_most_2():
    # "./" so that systemd-analyze reads this file, not a unit of that name on the system.
    out = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--no-pager", f"./{UNIT.name}"],
                         cwd=UNIT.parent, capture_output=True, text=True)
    score = re.search(r"Overall exposure level for \S+: ([0-9.]+)", out.stdout)
    if score is None and "offline" in out.stderr:
        pytest.skip("this systemd-analyze has no --offline")
    assert score, out.stdout[-500:] + out.stderr[-500:]
    assert float(score.group(1)) <= 2.0, out.stdout[-2000:]
