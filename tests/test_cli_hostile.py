"""No traceback reaches a technician (issue 13 #8, #9, #10): hostile inputs to real `kiosk` processes
give a bilingual message and a documented exit code."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from outbox_helpers import FIELDS, ITEM, ITEM_WITH_PHOTO, REPO, RESIDENT_CARD, write_config

FIELD_ARGS = [a for k, v in FIELDS.items() for a in ("--field", f"{k}={v}")]


def kiosk(*args, cwd=REPO, timeout=60, prefix=()):
    return subprocess.run([*prefix, sys.executable, "-m", "kiosk.cli.main", *map(str, args)], capture_output=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _clean(r, code):
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == code, (r.returncode, err)
    assert "Traceback" not in err
    assert ("错误" in err and "error" in err) or ("无效" in err and "invalid" in err)   # both languages
    return err


@pytest.fixture
def cfg_path(tmp_path):
    return write_config(tmp_path / "kiosk", "http://127.0.0.1:9")   # nothing listens: offline


def test_a_deeply_nested_kiosk_toml(tmp_path):
    p = tmp_path / "kiosk.toml"
    p.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _clean(kiosk("queue", "status", "--config", p), 78)


def test_a_fifo_as_kiosk_toml_does_not_hang(tmp_path):
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    _clean(kiosk("queue", "status", "--config", fifo, timeout=20), 78)


def test_an_argument_that_is_not_utf8(cfg_path):
    r = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "submit", b"\xff\xfe", "--config", str(cfg_path)],
                       capture_output=True, cwd=REPO, timeout=60)
    _clean(r, 64)


def test_a_nested_applicant_file_and_receipt_file(tmp_path, cfg_path):
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    _clean(kiosk("submit", ITEM, "--config", cfg_path, "--applicant-file", nested, *FIELD_ARGS), 64)
    _clean(kiosk("print", "receipt", nested, "--config", cfg_path), 64)


def test_a_nested_catalog_cache_falls_back_to_the_seed(cfg_path, tmp_path):
    cache = tmp_path / "kiosk" / "var" / "catalog" / "catalog.json"
    cache.parent.mkdir(parents=True)
    cache.write_text("{\"a\":" * 100000 + "1" + "}" * 100000, encoding="utf-8")
    r = kiosk("catalog", "list", "--config", cfg_path)
    assert r.returncode == 0 and b"Traceback" not in r.stderr


@pytest.mark.parametrize("name", ["zero", "fifo", "empty", "exe", "big"])
def test_materials_that_are_not_photos_are_refused_before_anything_is_queued(tmp_path, cfg_path, name):
    if name == "zero":
        path = "/dev/zero"
    else:
        path = tmp_path / name
        if name == "fifo":
            os.mkfifo(path)
        elif name == "empty":
            path.write_bytes(b"")
        elif name == "exe":
            shutil.copy(sys.executable, path)
        else:
            with open(path, "wb") as f:
                f.truncate(60_000_000)                         # over materials_total_max_bytes
    args = ["submit", ITEM_WITH_PHOTO, "--config", cfg_path, "--material", f"photo={path}", "--field",
            "phone=13800138000", "--field", "reason=遗失补办", "--field", "pickup=窗口领取"]
    r = kiosk(*args, timeout=30)
    err = _clean(r, 64)
    assert "photo" in err
    status = json.loads(kiosk("queue", "status", "--json", "--config", cfg_path).stdout)
    assert sum(status["counts"].values()) == 0                # nothing was acknowledged


def test_applicant_fields_are_checked_locally(tmp_path, cfg_path):
    card = json.loads(RESIDENT_CARD.read_text(encoding="utf-8"))
    for bad in (12345, ["李明华"], "李明\x00华", "1234"):
        f = tmp_path / "applicant.json"
        f.write_text(json.dumps({**card, "name": bad}, ensure_ascii=False), encoding="utf-8")
        r = kiosk("submit", ITEM, "--config", cfg_path, "--applicant-file", f, *FIELD_ARGS)
        assert r.returncode == 64 and b"Traceback" not in r.stderr, (bad, r.stderr)


def test_a_lost_key_stops_every_command_naming_the_file(cfg_path, tmp_path):
    assert kiosk("submit", ITEM, "--config", cfg_path, "--wait", "0", *FIELD_ARGS).returncode == 0
    key = tmp_path / "kiosk" / "var" / "queue.key"
    key.unlink()
    for cmd in (["queue", "status"], ["queue", "list"], ["queue", "sync"], ["submit", ITEM, *FIELD_ARGS]):
        err = _clean(kiosk(*cmd, "--config", cfg_path), 78)
        assert str(key) in err and "key_file" in err
    assert not key.exists()


def _unshare_ok() -> bool:
    return shutil.which("unshare") is not None and os.geteuid() == 0


@pytest.mark.skipif(not _unshare_ok(), reason="needs root and unshare(1) for a private tmpfs")
def test_a_full_disk_gives_a_message_and_exit_74_and_acknowledges_nothing(tmp_path):
    folder = tmp_path / "kiosk"
    cfg_path = write_config(folder, "http://127.0.0.1:9")
    var = folder / "var"
    var.mkdir(parents=True)
    script = (f"mount -t tmpfs -o size=600k tmpfs {var} && "
              f"{sys.executable} -m kiosk.cli.main submit {ITEM} --config {cfg_path} --wait 0 --json "
              + " ".join(f"'{a}'" for a in FIELD_ARGS) + f" && head -c 2000000 /dev/zero > {var}/filler; "
              f"{sys.executable} -m kiosk.cli.main submit {ITEM} --config {cfg_path} --wait 0 --json "
              + " ".join(f"'{a}'" for a in FIELD_ARGS) + "; echo rc=$?")
    r = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                       capture_output=True, cwd=REPO, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    out, err = r.stdout.decode(), r.stderr.decode("utf-8", "replace")
    assert "rc=74" in out, (out, err)
    assert out.count('"local_id"') == 1                      # the first was acknowledged, the second not
    assert "Traceback" not in err and "disk is full" in err and "磁盘已满" in err
