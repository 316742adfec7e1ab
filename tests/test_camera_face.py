"""Face detection and quality gates on generated media (scikit-image's astronaut photo, never committed)."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.camera.face import (BestFrameSelector, Box, FaceGates, HaarFaceDetector, HeadMotionLiveness,
                                 assess_face, encode_face_jpeg, sharpness_of)

skimage_data = pytest.importorskip("skimage.data")


@pytest.fixture(scope="module")
def detector():
    return HaarFaceDetector()


@pytest.fixture(scope="module")
def astronaut():
    return np.ascontiguousarray(skimage_data.astronaut()[:, :, ::-1])   # RGB → BGR


def in_frame(img, size=(640, 480), scale=1.0, centre=(320, 260)):
    """Place a photo into a plain 640×480 frame."""
    frame = np.full((size[1], size[0], 3), 128, np.uint8)
    p = cv2.resize(img, (int(img.shape[1] * scale), int(img.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    ph, pw = p.shape[:2]
    x0, y0 = centre[0] - pw // 2, centre[1] - ph // 2
    xs, ys = max(0, x0), max(0, y0)
    xe, ye = min(size[0], x0 + pw), min(size[1], y0 + ph)
    frame[ys:ye, xs:xe] = p[ys - y0:ye - y0, xs - x0:xe - x0]
    return frame


def test_astronaut_face_found_with_a_sensible_box(detector, astronaut):
    faces = detector.detect(astronaut)
    assert len(faces) == 1
    b = faces[0]
    # The face in the 512×512 photo is at about x 178–270, y 69–161 (checked by eye).
    assert 150 <= b.x <= 200 and 40 <= b.y <= 100
    assert 70 <= b.w <= 130 and 0.8 <= b.h / b.w <= 1.25
    cx, cy = b.centre
    assert 200 <= cx <= 250 and 90 <= cy <= 140


def test_face_big_and_centred_passes_every_gate(detector, astronaut):
    # Zoom so the face is centred and about a third of the frame wide.
    frame = in_frame(astronaut, scale=2.2, centre=(320 - int(2.2 * (224 - 256)), 240 - int(2.2 * (115 - 256))))
    q = assess_face(frame, detector.detect(frame))
    assert q.ok, q.as_dict()
    assert q.code == "ok" and q.faces == 1 and q.size > 0.25 and q.sharpness > 25


@pytest.mark.parametrize("name", ["coffee", "chelsea", "rocket", "coins", "text"])
def test_scenes_without_a_face_are_rejected(detector, name):
    img = getattr(skimage_data, name)()
    img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) if img.ndim == 2 else np.ascontiguousarray(img[:, :, ::-1])
    frame = cv2.resize(img, (640, 480))
    q = assess_face(frame, detector.detect(frame))
    assert not q.ok and q.code == "no_face" and q.prompt_zh == "请正对摄像头"


def test_prompts_for_small_dark_two_and_off_centre(detector, astronaut):
    small = in_frame(astronaut, scale=0.8)
    assert assess_face(small, detector.detect(small)).prompt_zh == "请靠近一点"
    big = in_frame(astronaut, scale=2.2, centre=(390, 520))
    dark = (big * 0.2).astype(np.uint8)
    assert assess_face(dark, detector.detect(dark)).prompt_zh == "光线太暗"
    black = np.full((480, 640, 3), 8, np.uint8)
    assert assess_face(black, detector.detect(black)).prompt_zh == "光线太暗"
    two = np.full((480, 640, 3), 128, np.uint8)
    head = cv2.resize(astronaut[0:300, 100:350], (300, 360))   # face ≈ 110 px wide
    two[60:420, 10:310] = head
    two[60:420, 330:630] = head
    q = assess_face(two, detector.detect(two))
    assert q.faces == 2 and q.prompt_zh == "请只保留一人"
    corner = in_frame(astronaut, scale=2.0, centre=(214, 482))
    q = assess_face(corner, detector.detect(corner))
    assert q.faces == 1 and q.code == "off_centre" and q.prompt_zh == "请正对摄像头"


def test_blur_is_measured_by_laplacian_variance(astronaut):
    roi = cv2.cvtColor(astronaut[69:161, 178:270], cv2.COLOR_BGR2GRAY)
    sharp = sharpness_of(roi)
    blurred = sharpness_of(cv2.GaussianBlur(roi, (0, 0), 4))
    assert sharp > 4 * blurred
    q = assess_face(np.zeros((480, 640, 3), np.uint8) + 128, [Box(220, 140, 200, 200)])
    assert q.code == "blurry" and not q.ok     # a flat grey "face" has no detail


def test_best_frame_is_the_sharpest_of_the_window(detector, astronaut):
    base = in_frame(astronaut, scale=2.2, centre=(390, 520))
    sel = BestFrameSelector(window_s=1.0, min_good=3)
    sharpest = None
    for i, sigma in enumerate([2.0, 0.0, 1.2, 1.6]):
        f = base if sigma == 0 else cv2.GaussianBlur(base, (0, 0), sigma)
        q = assess_face(f, detector.detect(f), FaceGates(min_sharpness=1))
        assert q.ok
        sel.feed(f, q, t=i * 0.4)
        if sigma == 0:
            sharpest = q.sharpness
    assert sel.done(1.2)
    frame, q = sel.best()
    assert q.sharpness == sharpest
    jpeg = encode_face_jpeg(frame, q.box)
    assert jpeg[:2] == b"\xff\xd8" and len(jpeg) < 200_000
    sel.clear()
    assert sel.best() is None


def test_liveness_needs_motion_and_change_and_is_declared_weak(detector, astronaut):
    still, moving = HeadMotionLiveness(), HeadMotionLiveness()
    for i in range(20):
        f = in_frame(astronaut, scale=2.2, centre=(390, 520))
        still.feed(f, assess_face(f, detector.detect(f)))
        dx = int(60 * np.sin(i / 3))
        g = in_frame(astronaut, scale=2.2, centre=(390 + dx, 520))
        moving.feed(g, assess_face(g, detector.detect(g)))
    assert not still.passed and moving.passed
    assert moving.as_dict()["strength"] == "weak"
