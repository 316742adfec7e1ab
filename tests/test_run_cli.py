"""`kiosk run` as a technician or systemd starts and stops it."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(cfg_path, extra_env=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(extra_env or {})}
    return subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "run", "--config", str(cfg_path)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_first_paint_then_clean_exit(demo_config):
    proc = start(demo_config().path, {"KIOSK_FIRST_PAINT_EXIT": "1"})
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    assert out.startswith("first-paint ")


def test_sigterm_stops_the_kiosk_cleanly(demo_config):
    cfg = demo_config()
    log = Path(cfg.kiosk.data_dir) / "logs" / "kiosk.log"
    proc = start(cfg.path)
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and " ready" in log.read_text(encoding="utf-8")):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "kiosk did not start"
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, proc.stderr.read()
