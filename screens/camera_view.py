"""The camera preview widget: the picture, the guidance oval, boxes, a big prompt, the "camera on" sign.

It draws only what it is given — a QImage and the worker's analysis dict —
and says `frame_shown` when it has taken a frame, so the camera worker sends
the next one (frames are dropped in the worker, never queued here). It knows
nothing of cameras or drivers. The face preview is mirrored, like a mirror.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

OK_COLOUR = QColor(46, 204, 113)
GUIDE_COLOUR = QColor(255, 255, 255)
WARN_COLOUR = QColor(255, 170, 0)
ON_COLOUR = QColor(230, 40, 40)
INDICATOR_TEXT = "摄像头已开启"


class CameraView(QWidget):
    frame_shown = Signal()      # connect to CameraWorker.frame_consumed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("camera_view")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)     # it scales the picture; the area around it sets the size
        self._image: QImage | None = None
        self._info: dict = {}
        self._active = False
        self._prompt_override = ""

    # ---- what the app calls ---------------------------------------------------
    @Slot(QImage, dict)
    def set_frame(self, image: QImage, info: dict) -> None:
        self._image = image
        self._info = info or {}
        self.update()
        self.frame_shown.emit()     # taken: the worker may send the next one

    @Slot(bool)
    def set_camera_active(self, on: bool) -> None:
        self._active = bool(on)
        if not on:
            self._image = None      # no stale face on screen after the camera stops
        self.update()

    def set_prompt(self, text: str) -> None:
        """Override the worker's prompt (e.g. "正在核验，请稍候"); "" gives it back."""
        self._prompt_override = text
        self.update()

    def clear(self) -> None:
        """Forget the picture and the analysis (session wipe)."""
        self._image, self._info, self._prompt_override = None, {}, ""
        self.update()

    @property
    def camera_active(self) -> bool:
        return self._active

    @property
    def prompt(self) -> str:
        return self._prompt_override or str(self._info.get("prompt_zh", ""))

    @property
    def has_frame(self) -> bool:
        return self._image is not None

    # ---- drawing ----------------------------------------------------------------
    def _frame_transform(self) -> tuple[QTransform, QRectF] | None:
        """Frame pixels → widget pixels (scaled to fit, centred, mirrored in face mode)."""
        if self._image is None or self._image.isNull():
            return None
        iw, ih = self._image.width(), self._image.height()
        k = min(self.width() / iw, self.height() / ih)
        dw, dh = iw * k, ih * k
        target = QRectF((self.width() - dw) / 2, (self.height() - dh) / 2, dw, dh)
        t = QTransform()
        t.translate(target.x(), target.y())
        if self._info.get("mode") == "face":
            t.translate(dw, 0)
            t.scale(-k, k)
        else:
            t.scale(k, k)
        return t, target

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(20, 20, 24))
        tr = self._frame_transform()
        if tr is not None:
            t, target = tr
            p.save()
            p.setTransform(t)
            p.drawImage(QPointF(0, 0), self._image)
            self._draw_overlays(p)
            p.restore()
        self._draw_prompt(p)
        if self._active:
            self._draw_indicator(p)
        p.end()

    def _draw_overlays(self, p: QPainter) -> None:
        info = self._info
        ok = bool(info.get("ok"))
        width = max(2.0, (self._image.width() if self._image else 640) / 200)
        oval = info.get("guide_oval")
        if oval:
            cx, cy, w, h = oval
            p.setPen(QPen(OK_COLOUR if ok else GUIDE_COLOUR, width * 1.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(QRectF(cx - w / 2, cy - h / 2, w, h))
        box = info.get("face_box")
        if box:
            p.setPen(QPen(OK_COLOUR if ok else WARN_COLOUR, width))
            p.drawRect(QRectF(*box))
        for key in ("qr_corners", "page_corners"):
            shapes = info.get(key) or []
            if key == "page_corners" and shapes:
                shapes = [shapes]
            for pts in shapes:
                p.setPen(QPen(OK_COLOUR, width * 1.5))
                p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))

    def _draw_prompt(self, p: QPainter) -> None:
        text = self.prompt
        if not text:
            return
        font = QFont(self.font())
        font.setPixelSize(max(24, self.height() // 14))
        font.setBold(True)
        p.setFont(font)
        band_h = font.pixelSize() * 2
        band = QRectF(0, self.height() - band_h, self.width(), band_h)
        p.fillRect(band, QColor(0, 0, 0, 160))
        p.setPen(OK_COLOUR if self._info.get("ok") else QColor(255, 255, 255))
        p.drawText(band, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_indicator(self, p: QPainter) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(16, self.height() // 28))
        p.setFont(font)
        pad = font.pixelSize() // 2
        tw = p.fontMetrics().horizontalAdvance(INDICATOR_TEXT)
        r = QRectF(self.width() - tw - 4 * pad - font.pixelSize(), pad,
                   tw + 3 * pad + font.pixelSize(), font.pixelSize() + 2 * pad)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 170))
        p.drawRoundedRect(r, pad, pad)
        p.setBrush(ON_COLOUR)
        d = font.pixelSize() * 0.7
        p.drawEllipse(QRectF(r.x() + pad, r.center().y() - d / 2, d, d))
        p.setPen(QColor(255, 255, 255))
        p.drawText(QRectF(r.x() + 2 * pad + d, r.y(), tw + pad, r.height()),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, INDICATOR_TEXT)
