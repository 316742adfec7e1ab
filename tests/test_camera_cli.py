"""`kiosk camera …` end to end on generated media and the emulated camera."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera.emulated import make_qr_image
from drivers.identity import CardType, IdentityRecord
from kiosk.cli.common import DEVICE_MISSING, NOT_FOUND, OK
from kiosk.cli.main import main
from kiosk.identity_qr import make_demo_app_qr

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def config(tmp_path):
    p = tmp_path / "kiosk.toml"
    p.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "var"}"\n[devices.camera]\ndriver = "emulated"\nsource = ""\n',
                 encoding="utf-8")
    return str(p)


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def qr_video(path, payload, n=10):
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (640, 480))
    qr = cv2.resize(make_qr_image(payload), (220, 220), interpolation=cv2.INTER_NEAREST)
    for i in range(n):
        f = np.full((480, 640, 3), 150, np.uint8)
        if i >= 3:                        # the code comes into view on the fourth frame
            f[100:320, 80 + i * 10:300 + i * 10] = qr
        out.write(f)
    out.release()


def test_scan_qr_prints_the_payload_from_a_video(capsys, tmp_path, config):
    video = tmp_path / "q.avi"
    qr_video(video, "RCPT-2026-000123")
    code, out, err = run(capsys, "camera", "scan-qr", "--config", config, "--source", str(video), "--timeout", "5")
    assert code == OK and out.strip() == "RCPT-2026-000123"


def test_scan_qr_masks_identity_codes_unless_reveal(capsys, config):
    person = IdentityRecord(CardType.RESIDENT, "张三丰", "110105194912310021")
    token = make_demo_app_qr(person)
    code, out, err = run(capsys, "camera", "scan-qr", "--config", config, "--source", "emulated:qr:" + token,
                         "--json", "--timeout", "5")
    assert code == OK
    data = json.loads(out)
    assert data["identity"] == {"card_type": "app_qr", "name": "张*丰", "id_number": "1101**********0021"}
    assert "110105194912310021" not in out and token not in out
    code, out, _ = run(capsys, "camera", "scan-qr", "--config", config, "--source", "emulated:qr:" + token,
                       "--json", "--reveal", "--timeout", "5")
    assert json.loads(out)["payload"] == token


def test_scan_qr_nothing_found_exits_2(capsys, config):
    code, out, err = run(capsys, "camera", "scan-qr", "--config", config, "--timeout", "0.5")
    assert code == NOT_FOUND and "未识别到二维码" in err


def test_missing_camera_exits_3(capsys, tmp_path, config):
    code, out, err = run(capsys, "camera", "scan-qr", "--config", config, "--source", str(tmp_path / "x.avi"))
    assert code == DEVICE_MISSING and "错误" in err and "error:" in err
    code, *_ = run(capsys, "camera", "check-face", "--config", config, "--source", "/dev/video-kiosk-missing")
    assert code == DEVICE_MISSING


def test_check_face_reports_box_and_quality_without_saving(capsys, tmp_path, config):
    pytest.importorskip("skimage")
    code, out, err = run(capsys, "camera", "check-face", "--config", config, "--source", "emulated:face", "--json")
    assert code == OK
    data = json.loads(out)
    assert data["faces"] == 1 and data["ok"] and len(data["face_box"]) == 4
    assert data["sharpness"] > 0 and data["brightness"] > 0
    assert list(tmp_path.rglob("*.jpg")) == [] and list(tmp_path.rglob("*.png")) == []
    code, out, err = run(capsys, "camera", "check-face", "--config", config, "--source", "emulated:face:two",
                         "--timeout", "1")
    assert code == OK and "请只保留一人" in out


def test_check_face_without_a_face_exits_2(capsys, config):
    code, out, err = run(capsys, "camera", "check-face", "--config", config, "--source", "emulated:document",
                         "--timeout", "0.5")
    assert code == NOT_FOUND and "未检测到人脸" in err


def test_snapshot_writes_the_requested_file(capsys, tmp_path, config):
    out_file = tmp_path / "snap.png"
    code, out, err = run(capsys, "camera", "snapshot", "--config", config, "--source", "emulated:document",
                         "--out", str(out_file), "--json")
    assert code == OK
    img = cv2.imread(str(out_file))
    assert img.shape == (480, 640, 3) and json.loads(out)["width"] == 640


def test_cli_as_a_process(tmp_path, config):
    video = tmp_path / "q.avi"
    qr_video(video, "HELLO-KIOSK")
    r = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "camera", "scan-qr", "--config", config,
                        "--source", str(video), "--timeout", "5"], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "HELLO-KIOSK"
