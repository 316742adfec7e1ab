"""The emulated camera: synthetic scenes streamed through the real `cv2.VideoCapture` path.

`EmulatedCamera` generates an endless Motion-JPEG stream *in memory* (an
`io.BufferedIOBase` that OpenCV's FFmpeg backend reads through its stream
API) so the very same `CameraSource` → `cv2.VideoCapture` → decode path runs
as with a network camera, and nothing is ever written to disk — not even a
temporary file. The demo dock drives it:

    cam.show("empty" | "face" | "qr:<payload>" | "document")

plus test/demo variants: "face:still" (a photo held still — fails the
liveness check), "face:two", "face:far", "face:dark", and `unplug()` /
`plug()` to simulate a lost camera.

The face is NASA's public-domain astronaut portrait shipped with
scikit-image (never a resident's image); without scikit-image a drawn face
is used, which the Haar detector may not find.
"""
from __future__ import annotations

import io
import math
import threading
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.scenes import check_scene
from drivers.camera.source import CameraSource

CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def _face_patch() -> np.ndarray:
    """A head-and-shoulders BGR patch with the face about 62% of its width."""
    try:
        from skimage import data  # test extra; bundled photo, no download
        img = data.astronaut()[:, :, ::-1]
        # The face is at about (178, 69, 92, 92) in the 512×512 photo.
        return np.ascontiguousarray(img[20:240, 148:300])
    except Exception:  # noqa: BLE001 - fall back to a drawing
        patch = np.full((220, 152, 3), (170, 180, 190), np.uint8)
        cv2.ellipse(patch, (76, 110), (50, 66), 0, 0, 360, (140, 170, 215), -1)
        for ex in (56, 96):
            cv2.ellipse(patch, (ex, 95), (11, 6), 0, 0, 360, (240, 240, 240), -1)
            cv2.circle(patch, (ex, 95), 4, (40, 30, 30), -1)
        cv2.ellipse(patch, (76, 145), (18, 6), 0, 0, 360, (60, 60, 150), -1)
        return cv2.GaussianBlur(patch, (0, 0), 1.5)


def make_qr_image(payload: str, box: int = 8) -> np.ndarray:
    """A black-on-white QR code (BGR) with its quiet zone."""
    import qrcode
    qr = qrcode.QRCode(border=4, box_size=box, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make(fit=True)
    m = np.array(qr.get_matrix(), dtype=np.uint8)
    img = np.where(m, 0, 255).astype(np.uint8)
    img = cv2.resize(img, (m.shape[1] * box, m.shape[0] * box), interpolation=cv2.INTER_NEAREST)
    return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)


def make_page(width: int = 840, height: int = 1188, qr_payload: str = "DOC:TEST-PAGE-1") -> np.ndarray:
    """A synthetic A4 page (BGR): a title, text lines and a QR code in the top-right corner."""
    page = np.full((height, width, 3), 250, np.uint8)
    qr = make_qr_image(qr_payload, box=6)
    qs = min(qr.shape[0], width // 3)
    page[40:40 + qs, width - 40 - qs:width - 40] = cv2.resize(qr, (qs, qs), interpolation=cv2.INTER_NEAREST)
    try:
        from PIL import Image, ImageDraw, ImageFont
        font_path = next((p for p in CJK_FONTS if Path(p).exists()), None)
        pil = Image.fromarray(page)
        draw = ImageDraw.Draw(pil)
        big = ImageFont.truetype(font_path, 44) if font_path else ImageFont.load_default()
        small = ImageFont.truetype(font_path, 24) if font_path else ImageFont.load_default()
        draw.text((60, 80), "申请材料 示例", fill=(20, 20, 20), font=big)
        for i in range(16):
            draw.text((60, 320 + i * 48), f"第{i + 1}行：演示用的材料文字 Sample text line {i + 1}",
                      fill=(30, 30, 30), font=small)
        page = np.asarray(pil).copy()
    except Exception:  # noqa: BLE001 - Pillow missing: plain OpenCV text
        for i in range(16):
            cv2.putText(page, f"Sample text line {i + 1}", (60, 320 + i * 48),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.8, (30, 30, 30), 2)
    return page


def place_in_perspective(page: np.ndarray, size: tuple[int, int], corners: np.ndarray,
                         background: np.ndarray | None = None) -> np.ndarray:
    """Photograph `page` onto a dark desk: its corners land at `corners` (TL, TR, BR, BL)."""
    w, h = size
    src = np.float32([[0, 0], [page.shape[1] - 1, 0], [page.shape[1] - 1, page.shape[0] - 1],
                      [0, page.shape[0] - 1]])
    m = cv2.getPerspectiveTransform(src, np.float32(corners))
    desk = background if background is not None else np.full((h, w, 3), (55, 60, 70), np.uint8)
    return cv2.warpPerspective(page, m, (w, h), dst=desk.copy(), borderMode=cv2.BORDER_TRANSPARENT)


NOISE_SHIFTS = 7


class EmulatedCamera:
    """Synthetic scenes for the demo and the tests; see the module docstring."""

    def __init__(self, width: int = 640, height: int = 480, fps: int = 30, noise: float = 4.0,
                 seed: int = 0):
        self.width, self.height, self.fps = width, height, fps
        self.noise = noise
        self._scene = "empty"
        self._plugged = True
        self._frame_no = 0
        self._lock = threading.Lock()
        self._rng = np.random.default_rng(seed)
        self._background = self._make_background()
        self._face: np.ndarray | None = None
        self._qr_cache: dict[str, np.ndarray] = {}
        self._doc: np.ndarray | None = None
        self._streams = 0          # open streams; none: the scene's pictures are dropped
        # Sensor noise, drawn once (fresh noise every frame costs more than the rest): one field
        # NOISE_SHIFTS rows taller than a frame, each frame a window shifted by a row, so that
        # consecutive frames differ pixel by pixel. int8 (±127; cv2.add saturates into uint8):
        # 0.9 MB at 640×480, where seven whole int16 frames took 12.9 MB of the kiosk's memory.
        # A sigma per channel: cv2.randn with one number fills the first channel only.
        self._noise = None
        if noise:
            self._noise = np.empty((height + NOISE_SHIFTS, width, 3), np.int8)
            cv2.randn(self._noise, (0, 0, 0), (noise, noise, noise))

    # ---- what the demo dock calls ------------------------------------------
    @property
    def scene(self) -> str:
        return self._scene

    def show(self, scene: str) -> None:
        self._scene = check_scene(scene)
        self._forget_pictures(keep=scene)

    def _forget_pictures(self, keep: str = "") -> None:
        """A real camera holds no picture of what it saw: what a scene drew goes when the scene
        changes or the camera is closed (the page alone is 3 MB of the kiosk's memory on the
        welcome screen). The frame thread keeps its own reference while it draws."""
        if keep != "document":
            self._doc = None
        if not keep.startswith("face"):
            self._face = None
        if not keep.startswith("qr:"):
            self._qr_cache = {}

    def unplug(self) -> None:
        """The camera disappears: the stream ends and reopening fails until plug()."""
        self._plugged = False

    def plug(self) -> None:
        self._plugged = True

    @property
    def plugged(self) -> bool:
        return self._plugged

    def source(self, **kw) -> CameraSource:
        """A CameraSource reading this camera through cv2.VideoCapture."""
        return CameraSource(self.open_stream, self.width, self.height, self.fps, **kw)

    def open_stream(self) -> io.BufferedIOBase:
        with self._lock:
            self._streams += 1
        return _MjpegStream(self)

    def _stream_closed(self) -> None:
        with self._lock:
            self._streams -= 1
            idle = self._streams == 0
        if idle:
            self._forget_pictures()

    # ---- frames --------------------------------------------------------------
    def render(self) -> np.ndarray:
        """The next frame of the current scene (BGR, width×height)."""
        with self._lock:
            t = self._frame_no
            self._frame_no += 1
        scene = self._scene
        if scene.startswith("qr:"):
            frame = self._qr_frame(scene[3:], t)
        elif scene.startswith("face"):
            frame = self._face_frame(scene, t)
        elif scene == "document":
            frame = self._document_frame(t)
        else:
            frame = self._background.copy()
        if self.noise:
            shift = t % NOISE_SHIFTS
            frame = cv2.add(frame, self._noise[shift:shift + self.height], dtype=cv2.CV_8U)
        return frame

    def _make_background(self) -> np.ndarray:
        h, w = self.height, self.width
        y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        wall = (150 + 40 * y) * np.ones((1, w), np.float32)
        bg = cv2.merge([wall * 0.95, wall, wall * 1.05]).clip(0, 255).astype(np.uint8)
        cv2.rectangle(bg, (int(w * 0.05), int(h * 0.55)), (int(w * 0.3), h), (90, 100, 110), -1)
        cv2.rectangle(bg, (int(w * 0.75), int(h * 0.1)), (int(w * 0.95), int(h * 0.4)), (120, 130, 90), -1)
        return bg

    def _face_frame(self, scene: str, t: int) -> np.ndarray:
        face = self._face
        if face is None:
            face = self._face = _face_patch()
        frame = self._background.copy()
        h, w = self.height, self.width
        scale = 0.45 if scene == "face:far" else 1.0
        ph = int(h * 0.92 * scale)
        pw = int(ph * face.shape[1] / face.shape[0])
        patch = cv2.resize(face, (pw, ph), interpolation=cv2.INTER_AREA)
        # A resident sways a little and, for the liveness check, turns the head.
        sway = 0 if scene == "face:still" else int(w * 0.06 * math.sin(t * 2 * math.pi / 45))
        centres = [w // 2 + sway]
        if scene == "face:two":
            centres = [int(w * 0.27), int(w * 0.73)]
            patch = cv2.resize(patch, (int(pw * 0.75), int(ph * 0.75)), interpolation=cv2.INTER_AREA)
            ph, pw = patch.shape[:2]
        for cx in centres:
            x0 = max(0, min(w - pw, cx - pw // 2))
            y0 = max(0, h - ph - int(h * 0.02))
            frame[y0:y0 + ph, x0:x0 + pw] = patch
        if scene == "face:dark":
            frame = (frame * 0.18).astype(np.uint8)
        return frame

    def _qr_frame(self, payload: str, t: int) -> np.ndarray:
        qr = self._qr_cache.get(payload)
        if qr is None:
            qr = make_qr_image(payload)
            side = int(min(self.width, self.height) * 0.5)
            qr = cv2.resize(qr, (side, side), interpolation=cv2.INTER_AREA)
            self._qr_cache = {payload: qr}
        frame = self._background.copy()
        s = qr.shape[0]
        # The phone moves around and tilts in the resident's hand.
        cx = self.width / 2 + self.width * 0.12 * math.sin(t / 11)
        cy = self.height / 2 + self.height * 0.08 * math.cos(t / 13)
        ang = math.radians(10 * math.sin(t / 17))
        half = s / 2
        pts = []
        for dx, dy in ((-half, -half), (half, -half), (half, half), (-half, half)):
            pts.append((cx + dx * math.cos(ang) - dy * math.sin(ang),
                        cy + dx * math.sin(ang) + dy * math.cos(ang)))
        return place_in_perspective(qr, (self.width, self.height), np.float32(pts), frame)

    def _document_frame(self, t: int) -> np.ndarray:
        doc = self._doc
        if doc is None:
            doc = self._doc = make_page()
        w, h = self.width, self.height
        j = 2 * math.sin(t / 7)   # the hand is not perfectly still
        corners = np.float32([[w * 0.28 + j, h * 0.06], [w * 0.74, h * 0.1 + j],
                              [w * 0.8 - j, h * 0.93], [w * 0.2, h * 0.9]])
        desk = np.full((h, w, 3), (55, 60, 70), np.uint8)
        return place_in_perspective(doc, (w, h), corners, desk)


class _MjpegStream(io.BufferedIOBase):
    """An endless Motion-JPEG byte stream rendered on demand, for cv2.VideoCapture(stream, CAP_FFMPEG)."""

    def __init__(self, cam: EmulatedCamera):
        super().__init__()
        self._cam = cam
        self._buf = bytearray()
        self._pos = 0          # absolute position of the next byte to hand out
        self._base = 0         # absolute position of _buf[0]

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            super().close()
            self._buf = bytearray()
            self._cam._stream_closed()

    def read(self, size: int = -1) -> bytes:
        if self.closed or not self._cam.plugged:
            return b""
        size = 65536 if size is None or size < 0 else size
        while len(self._buf) - (self._pos - self._base) < size:
            ok, jpg = cv2.imencode(".jpg", self._cam.render(), [cv2.IMWRITE_JPEG_QUALITY, 85])
            self._buf += jpg.tobytes()
        off = self._pos - self._base
        out = bytes(self._buf[off:off + size])
        self._pos += len(out)
        if off > 1 << 20:   # keep memory flat: drop what FFmpeg has consumed
            del self._buf[:off]
            self._base += off
        return out

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        # A live stream: only "where am I" and rewinds inside the buffer are possible.
        if whence == io.SEEK_SET and self._base <= offset <= self._base + len(self._buf):
            self._pos = offset
            return self._pos
        if whence == io.SEEK_CUR and offset == 0:
            return self._pos
        return -1
