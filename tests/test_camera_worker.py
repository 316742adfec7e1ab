"""The camera worker on a real QThread with the emulated camera and the real preview widget."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.base import DeviceState
from drivers.camera.face import HaarFaceDetector
from drivers.camera.qr import decode_qr
from drivers.identity import CardType, IdentityRecord
from kiosk.devices.camera_link import connect_view
from kiosk.devices.camera_worker import create_camera_worker
from kiosk.identity_qr import make_demo_app_qr, parse_app_qr
from screens.camera_view import CameraView
from tests.camera_helpers import Recorder, camera_config, running_worker


@pytest.fixture
def worker(tmp_path):
    return create_camera_worker(camera_config(tmp_path))


@pytest.fixture
def rec(worker):
    return Recorder(worker)


@pytest.fixture
def view(qtbot, worker):
    v = CameraView()
    qtbot.addWidget(v)
    connect_view(worker, v)
    return v


def test_face_capture_gives_best_face_jpeg_in_memory_and_turns_camera_off(qtbot, worker, rec, view):
    worker.emulator.show("face")
    with running_worker(worker) as app:
        app.start_preview.emit("face")
        qtbot.waitUntil(lambda: bool(rec.faces), timeout=15000)
        qtbot.waitUntil(lambda: rec.actives[-1:] == [False], timeout=3000)
    assert rec.actives == [True, False]
    assert not view.camera_active and not view.has_frame
    jpeg, quality = rec.faces[0]
    assert len(rec.faces) == 1
    assert quality["ok"] and quality["faces"] == 1
    assert quality["liveness"]["passed"] and quality["liveness"]["strength"] == "weak"
    img = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert img is not None and max(img.shape[:2]) <= 480
    assert len(HaarFaceDetector().detect(img)) == 1      # the crop still shows the face


def test_still_photo_does_not_pass_liveness_and_resident_is_prompted(qtbot, worker, rec, view):
    worker.emulator.show("face:still")
    with running_worker(worker) as app:
        app.start_preview.emit("face")
        qtbot.waitUntil(lambda: view.prompt == "请缓慢左右转动头部", timeout=8000)
        qtbot.wait(2500)
        app.stop_preview.emit()
        qtbot.waitUntil(lambda: not view.camera_active, timeout=3000)
    assert rec.faces == []


@pytest.mark.parametrize("scene,prompt", [("face:two", "请只保留一人"), ("face:far", "请靠近一点"),
                                          ("face:dark", "光线太暗"), ("empty", "请正对摄像头")])
def test_quality_prompts_reach_the_screen(qtbot, worker, view, scene, prompt):
    worker.emulator.show(scene)
    with running_worker(worker) as app:
        app.start_preview.emit("face")
        qtbot.waitUntil(lambda: view.prompt == prompt, timeout=8000)
        app.stop_preview.emit()
        qtbot.waitUntil(lambda: not view.camera_active, timeout=3000)


def test_app_qr_login_code_is_decoded_and_parsed(qtbot, worker, rec, view):
    person = IdentityRecord(CardType.RESIDENT, "测试人", "110105194912310021")
    code = make_demo_app_qr(person)
    worker.emulator.show("qr:" + code)
    with running_worker(worker) as app:
        app.start_preview.emit("qr")
        qtbot.waitUntil(lambda: bool(rec.qrs), timeout=8000)
        qtbot.waitUntil(lambda: not view.camera_active, timeout=3000)
    assert len(rec.qrs) == 1          # one decode, then the preview stops
    got = parse_app_qr(rec.qrs[0])
    assert got.id_number == person.id_number and got.card_type is CardType.APP_QR


def test_document_capture_flat_readable_page_and_thumbnail(qtbot, worker, rec, view):
    worker.emulator.show("document")
    with running_worker(worker) as app:
        app.start_preview.emit("document")
        qtbot.waitUntil(lambda: view._info.get("ok") is True, timeout=8000)
        app.capture_document.emit()
        qtbot.waitUntil(lambda: bool(rec.documents), timeout=8000)
        assert view.camera_active          # several pages per material: the preview goes on
        app.stop_preview.emit()
        qtbot.waitUntil(lambda: not view.camera_active, timeout=3000)
    jpeg, thumb = rec.documents[0]
    page = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert page.shape[0] > page.shape[1]                # portrait page, flattened
    assert [c.text for c in decode_qr(page)] == ["DOC:TEST-PAGE-1"]
    assert not thumb.isNull() and max(thumb.width(), thumb.height()) <= 240


def test_lost_camera_goes_offline_and_comes_back(qtbot, worker, rec, view):
    worker.emulator.show("empty")
    with running_worker(worker) as app:
        app.start_preview.emit("face")
        qtbot.waitUntil(lambda: view.camera_active, timeout=5000)
        worker.emulator.unplug()
        qtbot.waitUntil(lambda: bool(rec.statuses) and rec.statuses[-1].state == DeviceState.OFFLINE, timeout=5000)
        qtbot.waitUntil(lambda: not view.camera_active, timeout=3000)
        worker.emulator.plug()
        qtbot.waitUntil(lambda: view.camera_active, timeout=8000)
        qtbot.waitUntil(lambda: rec.statuses[-1].state == DeviceState.BUSY, timeout=3000)
        app.stop_preview.emit()
        qtbot.waitUntil(lambda: rec.statuses[-1].state == DeviceState.READY, timeout=3000)


def test_frames_are_dropped_not_queued_when_the_ui_does_not_take_them(qtbot, worker):
    got = []
    worker.frame_ready.connect(lambda img, info: got.append(info))   # never acknowledges
    worker.emulator.show("empty")
    with running_worker(worker) as app:
        app.start_preview.emit("qr")
        qtbot.wait(1500)
        app.stop_preview.emit()
        qtbot.wait(100)
    assert worker.frames_read >= 15
    # One frame, then one more per lost-acknowledgement timeout (1 s): never a backlog.
    assert 1 <= len(got) <= 3
    assert worker.frames_dropped >= worker.frames_read - 3


def test_camera_opens_only_while_preview_requested(qtbot, worker, rec, view):
    with running_worker(worker) as app:
        qtbot.waitUntil(lambda: bool(rec.statuses), timeout=5000)
        qtbot.wait(300)
        assert rec.actives == [] and worker.frames_read == 0
        app.start_preview.emit("document")
        qtbot.waitUntil(lambda: view.camera_active, timeout=5000)
        app.stop_preview.emit()
        qtbot.waitUntil(lambda: not view.camera_active, timeout=3000)
        n = worker.frames_read
        qtbot.wait(300)
        assert worker.frames_read == n
    assert rec.actives == [True, False]


def test_missing_camera_reports_offline_not_crash(qtbot, tmp_path):
    w = create_camera_worker(camera_config(tmp_path, driver="opencv", source=str(tmp_path / "nope.avi")))
    rec = Recorder(w)
    with running_worker(w) as app:
        qtbot.waitUntil(lambda: bool(rec.statuses), timeout=5000)
        assert rec.statuses[-1].state == DeviceState.OFFLINE and rec.statuses[-1].code == "camera_missing"
        app.start_preview.emit("qr")
        qtbot.wait(300)
    assert w.frames_read == 0 and rec.actives == []
