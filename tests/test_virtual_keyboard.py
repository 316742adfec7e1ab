"""[kiosk] virtual_keyboard = true: Qt Virtual Keyboard's Pinyin layout on a real X server
(Xvfb), and the kiosk window keeps the touched field above it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def x_display():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (scripts/setup.sh installs it)")
    for n in range(140, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        assert proc.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    yield f":{n}"
    proc.terminate()
    proc.wait(timeout=10)


def test_touching_a_text_field_opens_the_pinyin_keyboard_below_it(x_display):
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "virtual_keyboard_probe.py")], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["focused"] and report["visible"], report
    assert report["locale"] == "zh_CN"                       # the Pinyin layout
    assert report["keyboard_height"] > 200
    # The window made room: its content ends where the keyboard starts, and the field is above it.
    assert report["bottom_margin"] == report["window_height"] - report["keyboard_top"]
    assert report["field_bottom"] <= report["keyboard_top"]


def test_doctor_finds_the_keyboard_plugin_when_it_is_switched_on(demo_config):
    from kiosk.cli.cmd_doctor import check_virtual_keyboard
    assert check_virtual_keyboard(demo_config())["detail"] == "off"
    on = check_virtual_keyboard(demo_config({"kiosk.virtual_keyboard": True}))
    assert on["ok"] and "virtualkeyboard" in on["detail"]
