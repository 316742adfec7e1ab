"""`kiosk doctor` and `kiosk devices`, run the way a technician runs them."""
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_doctor_passes_on_the_demo_configuration(demo_config):
    path = demo_config().path
    r = run_cli("doctor", "--config", str(path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    report = json.loads(r.stdout)
    names = {c["check"] for c in report["checks"]}
    assert {"config", "data_dir", "cjk_font", "gateway:home", "device:id_reader", "device:printer"} <= names
    assert all(c["ok"] for c in report["checks"])


def test_doctor_names_each_failing_check_with_a_hint(tmp_path):
    with socket.socket() as s:          # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    path = tmp_path / "kiosk.toml"
    path.write_text(f"""
[kiosk]
data_dir = "{tmp_path}/var"
[gateway]
url = "http://127.0.0.1:{dead}"
timeout_s = 1
[queue]
key_file = "{tmp_path}/var/queue.key"
[catalog]
seed = "{ROOT}/assets/catalog/seed.json"
[devices.id_reader]
driver = "ga467-serial"
port = "{tmp_path}/no-such-tty"
[devices.camera]
driver = "none"
[devices.printer]
url = "tcp://127.0.0.1:{dead}"
status_timeout_s = 0.5
""", encoding="utf-8")
    r = run_cli("doctor", "--config", str(path), "--device-timeout", "4")
    assert r.returncode == 1, r.stdout + r.stderr
    failing = [line for line in r.stdout.splitlines() if line.startswith("[FAIL]")]
    text = "\n".join(failing)
    assert "gateway:home" in text and "device:id_reader" in text and "device:printer" in text
    assert r.stdout.count("hint:") == len(failing)
    assert "[OK  ] data_dir" in r.stdout


def test_devices_lists_drivers_and_states(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(f"""
[kiosk]
data_dir = "{tmp_path}/var"
[devices.id_reader]
driver = "emulated"
card = "{ROOT}/assets/cards/resident.json"
[devices.camera]
driver = "none"
[devices.printer]
url = "emulated:"
""", encoding="utf-8")
    r = run_cli("devices", "--config", str(path), "--json")
    assert r.returncode == 0, r.stderr
    rows = {row["kind"]: row for row in json.loads(r.stdout)}
    assert set(rows) == {"id_reader", "printer"}
    assert rows["id_reader"]["driver"] == "emulated" and rows["id_reader"]["state"] == "ready"
    assert rows["printer"]["driver"] == "emulated:" and rows["printer"]["state"] == "ready"
