"""CameraSource over real cv2.VideoCapture: source strings, files that loop, loss and reopen with backoff."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.base import DeviceOffline
from drivers.camera.emulated import EmulatedCamera
from drivers.camera.source import CameraSource, parse_source


@pytest.mark.parametrize("text,kind,label", [
    ("0", "index", "camera #0"),
    ("2", "index", "camera #2"),
    ("/dev/video1", "device", "/dev/video1"),
    ("rtsp://admin:secret@192.0.2.5/stream1", "url", "rtsp://***@192.0.2.5/stream1"),
    ("http://127.0.0.1:8080/video.mjpg", "url", "http://127.0.0.1:8080/video.mjpg"),
    ("file:///srv/demo.avi", "file", "/srv/demo.avi"),
    ("/srv/frames/img_%03d.png", "sequence", "/srv/frames/img_%03d.png"),
    ("demo.mp4", "file", "demo.mp4"),
])
def test_source_strings(text, kind, label):
    spec = parse_source(text)
    assert (spec.kind, spec.label) == (kind, label)
    assert "secret" not in spec.label
    assert spec.live == (kind in ("index", "device", "url"))


def test_empty_source_is_refused():
    with pytest.raises(ValueError):
        parse_source("  ")


def write_numbered_video(path, n=5, size=(320, 240)):
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, size)
    for i in range(n):
        out.write(np.full((size[1], size[0], 3), 40 * i + 20, np.uint8))
    out.release()


def test_video_file_loops_like_a_camera_and_is_scaled_to_the_configured_size(tmp_path):
    video = tmp_path / "v.avi"
    write_numbered_video(video)
    with CameraSource(str(video), width=640, height=480) as cam:
        levels = [int(cam.read().mean()) for _ in range(12)]
        assert cam.read().shape == (480, 640, 3)
    assert [round((v - 20) / 40) for v in levels] == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]


def test_file_without_loop_ends_as_lost(tmp_path):
    video = tmp_path / "v.avi"
    write_numbered_video(video, n=2)
    cam = CameraSource(str(video), loop=False)
    cam.open()
    cam.read(), cam.read()
    with pytest.raises(DeviceOffline) as err:
        cam.read()
    assert err.value.code == "camera_lost" and not cam.is_open


def test_missing_file_and_missing_device_are_offline(tmp_path):
    with pytest.raises(DeviceOffline) as err:
        CameraSource(str(tmp_path / "none.avi")).open()
    assert err.value.code == "camera_missing" and "none.avi" in err.value.en
    with pytest.raises(DeviceOffline):
        CameraSource("/dev/video-kiosk-test-missing").open()


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_lost_camera_reopens_with_doubling_backoff():
    cam = EmulatedCamera(320, 240)
    opens = []

    def factory():
        opens.append(1)
        return cam.open_stream()

    clock = FakeClock()
    src = CameraSource(factory, 320, 240, clock=clock, max_backoff_s=2.0)
    src.read()
    assert len(opens) == 1 and src.is_open
    cam.unplug()
    with pytest.raises(DeviceOffline) as err:
        for _ in range(10):
            src.read()
    assert err.value.code == "camera_lost" and src.retry_in() == pytest.approx(0.5)
    with pytest.raises(DeviceOffline) as err:
        src.read()                               # too early: no attempt at all
    assert err.value.code == "camera_offline" and len(opens) == 1
    backoffs = []
    for _ in range(4):
        clock.t += src.retry_in() + 0.01
        with pytest.raises(DeviceOffline):
            src.read()                           # tries, fails, waits longer
        backoffs.append(src.retry_in())
    assert backoffs == pytest.approx([1.0, 2.0, 2.0, 2.0])   # doubling, capped
    assert len(opens) == 5
    cam.plug()
    clock.t += src.retry_in() + 0.01
    assert src.read().shape == (240, 320, 3)
    assert src.reopen_count == 1 and src.retry_in() == 0
    src.close()


def test_emulated_scene_change_shows_within_a_few_frames():
    cam = EmulatedCamera(320, 240, noise=0)
    with cam.source() as src:
        for _ in range(3):
            src.read()
        cam.show("document")
        # The page is light: mean brightness jumps once the new scene arrives.
        means = [src.read().mean() for _ in range(5)]
    assert max(means) > 100 and means.index(max(means)) <= 3


def test_unknown_scene_is_refused():
    with pytest.raises(ValueError):
        EmulatedCamera().show("cat")


def test_probe_checks_presence_without_opening(tmp_path):
    with pytest.raises(DeviceOffline):
        CameraSource("/dev/video-kiosk-test-missing").probe()
    with pytest.raises(DeviceOffline):
        CameraSource("57").probe()                  # /dev/video57 does not exist here
    with pytest.raises(DeviceOffline):
        CameraSource(str(tmp_path / "img_%03d.png")).probe()
    write_numbered_video(tmp_path / "v.avi")
    cam = CameraSource(str(tmp_path / "v.avi"))
    cam.probe()
    assert not cam.is_open
    CameraSource("rtsp://192.0.2.1/stream").probe()    # cannot be checked without connecting: passes
    emu = EmulatedCamera()
    emu.unplug()
    with pytest.raises(DeviceOffline):
        emu.source().probe()


def emulator_bytes() -> int:
    import tracemalloc
    snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, "*drivers/camera/emulated.py")])
    return sum(stat.size for stat in snap.statistics("filename"))


def test_a_closed_emulated_camera_holds_no_picture_of_its_last_scene():
    """Issue 15 (memory at idle): the page it showed (3 MB) went with the camera's close; a real
    camera keeps nothing of what it saw either."""
    import tracemalloc
    tracemalloc.start()
    try:
        cam = EmulatedCamera(640, 480, 30)
        idle = emulator_bytes()
        for scene in ("document", "face", "qr:DOC:TEST"):
            cam.show(scene)
            with cam.source() as source:
                frame = source.read()
                assert frame.shape == (480, 640, 3)
                if scene == "document":
                    assert emulator_bytes() - idle > 2_500_000      # the page, while it is shown
            del frame
            assert emulator_bytes() - idle < 200_000, scene
        assert cam.scene == "qr:DOC:TEST"       # the scene stays: reopening draws it again
        with cam.source() as source:
            assert source.read().shape == (480, 640, 3)
    finally:
        tracemalloc.stop()
