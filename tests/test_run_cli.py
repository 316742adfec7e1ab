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


# What the attract screen must not wait for (start-up benchmark, issue 2): the
# controller and the transaction, the worker lanes, the log file's handlers, and
# every device, network, database and search library.
NOT_BEFORE_FIRST_PAINT = [
    "kiosk.app", "kiosk.flows", "kiosk.session", "kiosk.devices.hub", "kiosk.background", "kiosk.technician",
    "logging.handlers", "concurrent.futures", "hashlib", "sqlite3", "requests", "cv2", "numpy",
    "serial", "smartcard", "escpos", "PIL", "pypinyin", "cryptography", "qrcode", "json",
]


def test_the_first_screen_is_painted_before_anything_heavy_is_imported(demo_config):
    proc = start(demo_config().path, {"KIOSK_FIRST_PAINT_EXIT": "modules"})
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    first, *modules = out.splitlines()
    assert first.startswith("first-paint ")
    assert "screens.attract" in modules and "kiosk.boot" in modules    # the list is real
    loaded = [m for m in NOT_BEFORE_FIRST_PAINT if m in modules]
    assert loaded == []


def test_an_unusable_data_directory_keeps_the_kiosk_up_and_logs_to_stderr(demo_config, tmp_path):
    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("not a directory")
    cfg = demo_config({"kiosk.data_dir": str(blocker), "queue.key_file": str(tmp_path / "q.key")})
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "run", "--config", str(cfg.path),
                           "--quit-after", "6"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=90)
    assert proc.returncode == 0, proc.stderr            # up until asked to quit, not a crash loop
    assert "cannot open the log file" in proc.stderr    # the journal still gets the records
    assert "start-up failed" in proc.stderr             # the outbox could not open: said so
    assert "kiosk " in proc.stderr and " started" in proc.stderr
