"""A synthetic page photographed rotated and in perspective comes out flat and readable."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.camera.document import find_page, flatten_page, thumbnail, upload_jpeg
from drivers.camera.emulated import make_page, place_in_perspective
from drivers.camera.qr import decode_qr

PAGE = make_page(qr_payload="MATERIAL-PAGE-42")



def a4_shot(height, angle_deg, centre=(480, 480), top_narrowing=0.0):
    """Corners (TL, TR, BR, BL) of an A4 page `height` px tall, rotated, its top edge narrowed (keystone)."""
    h = height
    w = h * PAGE.shape[1] / PAGE.shape[0]
    t = top_narrowing * w / 2
    pts = np.float32([[-w / 2 + t, -h / 2], [w / 2 - t, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    a = np.radians(angle_deg)
    rot = np.float32([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return (pts @ rot.T + np.float32(centre)).tolist()


SHOTS = {
    "rotated_15deg": a4_shot(760, 15),
    "keystone": a4_shot(820, 0, top_narrowing=0.15),
    "rotated_minus_20_and_keystone": a4_shot(740, -20, top_narrowing=0.1),
    "small_and_rotated": a4_shot(420, 8, centre=(430, 520)),
}


def photograph(corners, size=(960, 960), noise=6.0, seed=0):
    rng = np.random.default_rng(seed)
    desk = np.full((size[1], size[0], 3), (60, 72, 85), np.uint8)
    shot = place_in_perspective(PAGE, size, np.float32(corners), desk)
    shot = cv2.GaussianBlur(shot, (0, 0), 0.8)     # a real lens is not perfect
    return cv2.add(shot, rng.normal(0, noise, shot.shape).astype(np.int16), dtype=cv2.CV_8U)


@pytest.mark.parametrize("name", SHOTS)
def test_page_in_perspective_comes_out_flat_and_readable(name):
    corners = np.float32(SHOTS[name])
    shot = photograph(corners)
    found = find_page(shot)
    assert found is not None
    assert np.abs(found - corners).max() < 12       # the four corners, in order TL TR BR BL
    flat = flatten_page(shot, found)
    # Flat: aspect back to A4 portrait, and the page matches the original pixel for pixel.
    assert abs(flat.shape[0] / flat.shape[1] - PAGE.shape[0] / PAGE.shape[1]) < 0.08
    same = cv2.resize(cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY), (PAGE.shape[1] // 2, PAGE.shape[0] // 2))
    orig = cv2.resize(cv2.cvtColor(PAGE, cv2.COLOR_BGR2GRAY), (PAGE.shape[1] // 2, PAGE.shape[0] // 2))
    score = cv2.matchTemplate(same, orig, cv2.TM_CCOEFF_NORMED)[0, 0]
    assert score > 0.6, score
    # Readable: the QR code in its corner decodes, in the top-right corner of the flat page.
    codes = decode_qr(flat)
    assert [c.text for c in codes] == ["MATERIAL-PAGE-42"]
    xs = [x for x, _ in codes[0].corners]
    ys = [y for _, y in codes[0].corners]
    assert min(xs) > flat.shape[1] / 2 and max(ys) < flat.shape[0] / 3


def test_without_the_warp_the_rotated_page_does_not_match():
    """The check above can fail: the raw photo cropped to the page's box does not match."""
    shot = photograph(SHOTS["rotated_15deg"])
    x, y, w, h = cv2.boundingRect(np.int32(SHOTS["rotated_15deg"]))
    crop = cv2.resize(cv2.cvtColor(shot[y:y + h, x:x + w], cv2.COLOR_BGR2GRAY), (PAGE.shape[1] // 2, PAGE.shape[0] // 2))
    orig = cv2.resize(cv2.cvtColor(PAGE, cv2.COLOR_BGR2GRAY), (PAGE.shape[1] // 2, PAGE.shape[0] // 2))
    assert cv2.matchTemplate(crop, orig, cv2.TM_CCOEFF_NORMED)[0, 0] < 0.6


def test_no_page_on_an_empty_desk_or_a_face_scene():
    desk = np.full((480, 640, 3), (60, 72, 85), np.uint8)
    assert find_page(desk) is None
    rng = np.random.default_rng(1)
    clutter = rng.integers(0, 255, (480, 640, 3), dtype=np.uint8)
    assert find_page(clutter) is None


def test_upload_jpeg_fits_and_thumbnail_is_small():
    big = cv2.resize(PAGE, (3000, 4240), interpolation=cv2.INTER_CUBIC)
    big = cv2.add(big, np.random.default_rng(0).normal(0, 20, big.shape).astype(np.int16), dtype=cv2.CV_8U)
    jpeg = upload_jpeg(big, max_side=2000, max_bytes=600_000)
    assert jpeg[:2] == b"\xff\xd8" and len(jpeg) <= 600_000
    img = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert max(img.shape[:2]) <= 2000
    t = thumbnail(PAGE)
    assert max(t.shape[:2]) == 240 and abs(t.shape[0] / t.shape[1] - PAGE.shape[0] / PAGE.shape[1]) < 0.02
