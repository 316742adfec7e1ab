"""The receipt's QR code drawn as a Qt picture, for the result screen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap


def qr_image(payload: str, size: int = 320) -> QImage:
    """A QR code of `payload` drawn from qrcode's module matrix (no PIL round trip)."""
    import qrcode   # here, not at the top: only the result screen needs it (start-up time)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    scale = max(1, size // n)
    image = QImage(n * scale, n * scale, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(x * scale, y * scale, scale, scale)
    painter.end()
    return image


def qr_pixmap(payload: str, size: int = 320) -> QPixmap:
    return QPixmap.fromImage(qr_image(payload, size))
