"""Face capture for the identity check (人证核验): detect, judge quality, pick the best frame.

- `FaceDetector` is the interface (`detect(frame) -> list[Box]`);
  `HaarFaceDetector` uses OpenCV's `haarcascade_frontalface_alt2` (exactly one
  face on the astronaut photo, none on negatives; `frontalface_default` gives a
  false positive). A DNN detector can replace it behind the same interface.
- `assess_face()` applies the gates — exactly one face, size, centring,
  Laplacian sharpness, brightness — and gives one plain prompt for the resident.
- `BestFrameSelector` keeps the best frame of a short window.
- `HeadMotionLiveness` is a deliberately simple liveness challenge; see its
  docstring for why it is WEAK.

Face images stay in memory: `encode_face_jpeg` returns bytes, nothing here
writes a file.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import cv2
import numpy as np


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def as_list(self) -> list[int]:
        return [int(self.x), int(self.y), int(self.w), int(self.h)]


class FaceDetector(Protocol):
    def detect(self, frame: np.ndarray) -> list[Box]:
        """Faces in a BGR or grey frame, in that frame's pixel coordinates."""


class HaarFaceDetector:
    """Haar cascade (frontalface_alt2) run on a frame scaled down to `work_width` for speed.

    Defaults (320 px, faces ≥ 12% of the width, scale step 1.2, 4 neighbours)
    keep exactly one face on the astronaut photo (3 neighbours at 320 px gave
    a second, false face) and none on the negatives, at ~13 ms a 640×480
    frame on a busy 2-core box (step 1.1 took twice as long).
    """

    def __init__(self, cascade: str = "haarcascade_frontalface_alt2.xml", work_width: int = 320,
                 min_face_frac: float = 0.12, scale_factor: float = 1.2, min_neighbors: int = 4):
        self._cascade = cv2.CascadeClassifier(cv2.data.haarcascades + cascade)
        if self._cascade.empty():
            raise RuntimeError(f"OpenCV has no {cascade}; is opencv-python-headless < 5 installed?")
        self.work_width = work_width
        self.min_face_frac = min_face_frac
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors

    def detect(self, frame: np.ndarray) -> list[Box]:
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        h, w = gray.shape
        k = min(1.0, self.work_width / w)
        small = cv2.resize(gray, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA) if k < 1 else gray
        small = cv2.equalizeHist(small)
        side = max(20, int(small.shape[1] * self.min_face_frac))
        found = self._cascade.detectMultiScale(small, self.scale_factor, self.min_neighbors,
                                               minSize=(side, side))
        return [Box(int(x / k), int(y / k), int(bw / k), int(bh / k)) for (x, y, bw, bh) in found]


@dataclass(frozen=True)
class FaceGates:
    """Thresholds of the quality gates (fractions of the frame size where relative)."""
    min_face_frac: float = 0.2      # face width / frame width: smaller → 请靠近一点
    max_face_frac: float = 0.7      # larger → 请稍微后退
    max_offset: float = 0.18        # face centre distance from the oval centre / frame width
    min_sharpness: float = 25.0     # variance of the Laplacian on the face scaled to 128 px
    min_brightness: float = 60.0    # mean grey of the face (0..255)
    max_brightness: float = 225.0
    min_frame_brightness: float = 40.0   # darker than this, no face is findable: say so
    oval_centre: tuple[float, float] = (0.5, 0.5)   # guidance oval, fractions of width/height
    oval_size: tuple[float, float] = (0.42, 0.75)

    def guide_oval(self, width: int, height: int) -> list[int]:
        """The on-screen guidance oval [cx, cy, w, h] in frame pixels (the widget draws this)."""
        return [int(width * self.oval_centre[0]), int(height * self.oval_centre[1]),
                int(width * self.oval_size[0]), int(height * self.oval_size[1])]


PROMPTS = {
    "ok": ("很好，请保持不动", "good, hold still"),
    "no_face": ("请正对摄像头", "no face: look at the camera"),
    "many_faces": ("请只保留一人", "more than one face: only one person please"),
    "too_small": ("请靠近一点", "face too small: come closer"),
    "too_big": ("请稍微后退", "face too large: step back a little"),
    "off_centre": ("请正对摄像头", "face not centred in the oval"),
    "blurry": ("请保持不动", "image blurred: hold still"),
    "too_dark": ("光线太暗", "too dark"),
    "too_bright": ("光线太亮，请避开强光", "too bright / backlit"),
}


@dataclass
class FaceQuality:
    ok: bool
    code: str
    faces: int = 0
    box: Box | None = None
    size: float = 0.0          # face width / frame width
    offset: float = 0.0        # distance from the oval centre / frame width
    sharpness: float = 0.0
    brightness: float = 0.0
    frame_size: tuple[int, int] = (0, 0)

    @property
    def prompt_zh(self) -> str:
        return PROMPTS[self.code][0]

    @property
    def prompt_en(self) -> str:
        return PROMPTS[self.code][1]

    @property
    def score(self) -> float:
        """Higher is better among frames that passed: sharp and centred."""
        return self.sharpness * (1.0 - min(1.0, self.offset * 2))

    def as_dict(self) -> dict:
        return {"ok": self.ok, "code": self.code, "prompt_zh": self.prompt_zh, "prompt_en": self.prompt_en,
                "faces": self.faces, "face_box": self.box.as_list() if self.box else None,
                "size": round(self.size, 3), "offset": round(self.offset, 3),
                "sharpness": round(self.sharpness, 1), "brightness": round(self.brightness, 1),
                "frame_size": list(self.frame_size)}


def sharpness_of(gray_roi: np.ndarray) -> float:
    """Variance of the Laplacian on the region scaled to 128 px wide (so size does not change it)."""
    if gray_roi.size == 0:
        return 0.0
    k = 128 / gray_roi.shape[1]
    roi = cv2.resize(gray_roi, (128, max(1, round(gray_roi.shape[0] * k))), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(roi, cv2.CV_64F).var())


def assess_face(frame: np.ndarray, faces: list[Box], gates: FaceGates = FaceGates()) -> FaceQuality:
    """Judge one frame against the gates; the first failing gate gives the prompt."""
    gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    q = FaceQuality(ok=False, code="no_face", faces=len(faces), frame_size=(w, h))
    if not faces:
        if float(gray.mean()) < gates.min_frame_brightness:
            q.code = "too_dark"
        return q
    if len(faces) > 1:
        q.code = "many_faces"
        return q
    box = faces[0]
    q.box = box
    roi = gray[max(0, box.y):box.y + box.h, max(0, box.x):box.x + box.w]
    q.size = box.w / w
    cx, cy = box.centre
    ox, oy = gates.oval_centre[0] * w, gates.oval_centre[1] * h
    q.offset = math.hypot(cx - ox, cy - oy) / w
    q.brightness = float(roi.mean()) if roi.size else 0.0
    q.sharpness = sharpness_of(roi)
    if q.brightness < gates.min_brightness:
        q.code = "too_dark"
    elif q.brightness > gates.max_brightness:
        q.code = "too_bright"
    elif q.size < gates.min_face_frac:
        q.code = "too_small"
    elif q.size > gates.max_face_frac:
        q.code = "too_big"
    elif q.offset > gates.max_offset:
        q.code = "off_centre"
    elif q.sharpness < gates.min_sharpness:
        q.code = "blurry"
    else:
        q.ok, q.code = True, "ok"
    return q


def encode_face_jpeg(frame: np.ndarray, box: Box, margin: float = 0.6, max_side: int = 480,
                     quality: int = 90) -> bytes:
    """The face with a margin around it as JPEG bytes, in memory (for /v1/identity/verify)."""
    h, w = frame.shape[:2]
    mx, my = int(box.w * margin), int(box.h * margin)
    x0, y0 = max(0, box.x - mx), max(0, box.y - my)
    x1, y1 = min(w, box.x + box.w + mx), min(h, box.y + box.h + my)
    crop = frame[y0:y1, x0:x1]
    k = min(1.0, max_side / max(crop.shape[:2]))
    if k < 1:
        crop = cv2.resize(crop, (round(crop.shape[1] * k), round(crop.shape[0] * k)), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()


@dataclass
class BestFrameSelector:
    """Keeps the best passing frame of a short window (default 1.2 s and at least 5 good frames)."""
    window_s: float = 1.2
    min_good: int = 5
    _first_t: float | None = None
    _good: int = 0
    _best: tuple[float, np.ndarray, FaceQuality] | None = field(default=None, repr=False)

    def feed(self, frame: np.ndarray, q: FaceQuality, t: float) -> None:
        if not q.ok:
            return
        if self._first_t is None:
            self._first_t = t
        self._good += 1
        if self._best is None or q.score > self._best[0]:
            self._best = (q.score, frame.copy(), q)

    def done(self, t: float) -> bool:
        return (self._first_t is not None and self._good >= self.min_good
                and t - self._first_t >= self.window_s)

    def progress(self, t: float) -> float:
        if self._first_t is None:
            return 0.0
        return min(1.0, min(self._good / self.min_good, (t - self._first_t) / self.window_s))

    def best(self) -> tuple[np.ndarray, FaceQuality] | None:
        return None if self._best is None else (self._best[1], self._best[2])

    def clear(self) -> None:
        """Forget the frames (they are face images: drop them as soon as they are not needed)."""
        self._first_t, self._good, self._best = None, 0, None


@dataclass
class HeadMotionLiveness:
    """A WEAK liveness check: the face must move sideways and the picture must change.

    Passes when, while exactly one face is seen, the face centre has moved
    horizontally by at least `min_travel` × face width (a slow head turn or
    sway) and the face region changed between frames (a frozen replay fails).
    It stops a still photo held in front of the camera and a frozen
    frame. It does NOT stop a photo or phone screen moved sideways, a video
    replay, or a mask: it is a deterrent and a prompt to engage, not an
    anti-spoofing measure. Real deployments need a certified liveness
    detector (IR/depth camera or a vendor SDK); the gateway's face match is
    the actual check.
    """
    min_travel: float = 0.25
    min_change: float = 2.0      # mean absolute grey difference of the face region between frames
    _xs: list[float] = field(default_factory=list)
    _widths: list[float] = field(default_factory=list)
    _changes: int = 0
    _last_roi: np.ndarray | None = field(default=None, repr=False)
    method = "head_motion"
    prompt_zh = "请缓慢左右转动头部"

    def feed(self, frame: np.ndarray, q: FaceQuality) -> None:
        if q.faces != 1 or q.box is None:
            return
        b = q.box
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        roi = cv2.resize(gray[b.y:b.y + b.h, b.x:b.x + b.w], (64, 64), interpolation=cv2.INTER_AREA)
        if self._last_roi is not None and float(cv2.absdiff(roi, self._last_roi).mean()) >= self.min_change:
            self._changes += 1
        self._last_roi = roi
        self._xs.append(b.centre[0])
        self._widths.append(b.w)

    @property
    def travel(self) -> float:
        if len(self._xs) < 2:
            return 0.0
        return (max(self._xs) - min(self._xs)) / float(np.median(self._widths))

    @property
    def passed(self) -> bool:
        return self.travel >= self.min_travel and self._changes >= 3

    def as_dict(self) -> dict:
        return {"method": self.method, "passed": self.passed, "travel": round(self.travel, 3),
                "strength": "weak"}

    def clear(self) -> None:
        self._xs.clear()
        self._widths.clear()
        self._changes = 0
        self._last_roi = None
