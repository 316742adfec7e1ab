"""Document capture for the materials step (高拍仪 style).

`find_page` finds the sheet (contour → four corners), `flatten_page` warps it
to a flat rectangle, `upload_jpeg` makes a JPEG fit for the gateway, and
`thumbnail` a small picture for the resident to confirm. All in memory.
"""
from __future__ import annotations

import cv2
import numpy as np


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Four points as TL, TR, BR, BL (by x+y and y−x)."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    s, d = pts.sum(1), np.diff(pts, axis=1).ravel()
    return np.float32([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])


def _hugs_border(quad: np.ndarray, shape: tuple, margin: int = 3) -> bool:
    """Two or more corners on the frame's edge: the frame or clutter, not a page lying inside it."""
    h, w = shape[:2]
    pts = quad.reshape(4, 2)
    on_edge = (pts[:, 0] <= margin) | (pts[:, 1] <= margin) | (pts[:, 0] >= w - 1 - margin) | (pts[:, 1] >= h - 1 - margin)
    return int(on_edge.sum()) >= 2


def find_page(frame: np.ndarray, min_area_frac: float = 0.08, max_area_frac: float = 0.9) -> np.ndarray | None:
    """The page's corners (TL, TR, BR, BL, float32, frame pixels) or None when no page is seen.

    Works on a copy scaled to 500 px: first Otsu (a light page on a darker
    desk), then Canny edges for low contrast. The biggest convex
    quadrilateral covering between `min_area_frac` and `max_area_frac` of the
    frame wins (a quad the size of the whole frame is the frame, not a page).
    """
    h, w = frame.shape[:2]
    k = min(1.0, 500 / max(h, w))
    small = cv2.resize(frame, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA) if k < 1 else frame
    gray = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    min_area = min_area_frac * gray.shape[0] * gray.shape[1]
    max_area = max_area_frac * gray.shape[0] * gray.shape[1]
    _, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    otsu = cv2.morphologyEx(otsu, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    edges = cv2.dilate(cv2.Canny(gray, 50, 150), np.ones((3, 3), np.uint8))
    for mask in (otsu, edges):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            area = cv2.contourArea(c)
            if area < min_area:
                break
            if area > max_area:
                continue
            peri = cv2.arcLength(c, True)
            for eps in (0.02, 0.03, 0.05):
                approx = cv2.approxPolyDP(c, eps * peri, True)
                if len(approx) == 4 and cv2.isContourConvex(approx) \
                        and cv2.contourArea(approx) <= max_area and not _hugs_border(approx, gray.shape):
                    return order_corners(approx.reshape(4, 2) / k)
    return None


def flatten_page(frame: np.ndarray, corners: np.ndarray, max_side: int | None = None) -> np.ndarray:
    """Warp the page to a flat rectangle sized by its longest edges."""
    tl, tr, br, bl = order_corners(corners)
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if max_side and max(width, height) > max_side:
        k = max_side / max(width, height)
        width, height = int(width * k), int(height * k)
    dst = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    m = cv2.getPerspectiveTransform(np.float32([tl, tr, br, bl]), dst)
    return cv2.warpPerspective(frame, m, (width, height), flags=cv2.INTER_CUBIC)


def upload_jpeg(img: np.ndarray, max_side: int = 2000, max_bytes: int = 1_000_000) -> bytes:
    """JPEG bytes no larger than `max_bytes`, longest side ≤ `max_side` (quality 90 down to 40)."""
    h, w = img.shape[:2]
    if max(h, w) > max_side:
        k = max_side / max(h, w)
        img = cv2.resize(img, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)
    while True:
        for q in (90, 80, 70, 60, 50, 40):
            ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
            if ok and buf.size <= max_bytes:
                return buf.tobytes()
        img = cv2.resize(img, (img.shape[1] * 3 // 4, img.shape[0] * 3 // 4), interpolation=cv2.INTER_AREA)


def thumbnail(img: np.ndarray, max_side: int = 240) -> np.ndarray:
    h, w = img.shape[:2]
    k = min(1.0, max_side / max(h, w))
    return cv2.resize(img, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)
