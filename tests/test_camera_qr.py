"""QR codes from a moving, noisy generated video, read through CameraSource (cv2.VideoCapture)."""
from __future__ import annotations

import math
import time

import cv2
import numpy as np
import pytest

from drivers.camera.emulated import make_qr_image, place_in_perspective
from drivers.camera.qr import decode_qr
from drivers.camera.source import CameraSource

PAYLOAD = "https://progress.example/q/7f3a9c21-RCPT-000123"


def write_moving_qr_video(path, payload, frames=60, size=(640, 480), noise=8.0, seed=1):
    rng = np.random.default_rng(seed)
    qr = cv2.resize(make_qr_image(payload), (200, 200), interpolation=cv2.INTER_AREA)
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, size)
    assert out.isOpened()
    w, h = size
    for t in range(frames):
        bg = np.full((h, w, 3), (120, 135, 150), np.uint8)
        cx, cy = w / 2 + 150 * math.sin(t / 9), h / 2 + 80 * math.cos(t / 7)
        ang = math.radians(25 * math.sin(t / 11))
        k = 0.75 + 0.25 * math.sin(t / 5)        # towards and away from the camera
        pts = [(cx + k * (dx * math.cos(ang) - dy * math.sin(ang)), cy + k * (dx * math.sin(ang) + dy * math.cos(ang)))
               for dx, dy in ((-100, -100), (100, -90), (95, 100), (-100, 95))]   # a little perspective
        frame = place_in_perspective(qr, size, np.float32(pts), bg)
        frame = cv2.add(frame, rng.normal(0, noise, frame.shape).astype(np.int16), dtype=cv2.CV_8U)
        out.write(frame)
    out.release()


def test_qr_in_moving_noisy_video_is_decoded(tmp_path):
    video = tmp_path / "qr.avi"
    write_moving_qr_video(video, PAYLOAD)
    decoded, times = 0, []
    with CameraSource(str(video), loop=False) as cam:
        for _ in range(60):
            frame = cam.read()
            t0 = time.perf_counter()
            codes = decode_qr(frame)
            times.append(time.perf_counter() - t0)
            assert all(c.text == PAYLOAD for c in codes)     # never a wrong payload
            decoded += bool(codes)
    assert decoded >= 54, f"decoded only {decoded}/60 frames"
    assert sorted(times)[len(times) // 2] < 0.05     # wide margin; the benchmark has the real figure


def test_qr_from_image_sequence_and_small_code(tmp_path):
    for i in range(5):
        frame = np.full((480, 640, 3), 200, np.uint8)
        small = cv2.resize(make_qr_image("KIOSKID1.x.y"), (90, 90), interpolation=cv2.INTER_AREA)
        frame[50 + i * 20:140 + i * 20, 400:490] = small
        cv2.imwrite(str(tmp_path / f"img_{i:03d}.png"), frame)
    with CameraSource(str(tmp_path / "img_%03d.png")) as cam:
        texts = [[c.text for c in decode_qr(cam.read())] for _ in range(7)]   # loops after 5
    assert texts == [["KIOSKID1.x.y"]] * 7


def test_no_qr_no_result_and_payload_hidden_in_repr():
    rng = np.random.default_rng(3)
    noise = rng.integers(0, 255, (480, 640, 3), dtype=np.uint8)
    assert decode_qr(noise) == []
    frame = np.full((480, 640, 3), 255, np.uint8)
    frame[100:300, 100:300] = cv2.resize(make_qr_image("secret-110105194912310021"), (200, 200))
    codes = decode_qr(frame)
    assert codes[0].text == "secret-110105194912310021"
    assert "1101" not in repr(codes[0])
