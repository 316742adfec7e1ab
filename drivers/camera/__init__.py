"""The camera: OpenCV capture, the emulated camera, face, QR and document analysis.

Plain blocking code, no Qt and no kiosk imports (the kiosk runs it on the
camera worker thread). Modules: source (CameraSource), emulated
(EmulatedCamera), face (HaarFaceDetector, assess_face, BestFrameSelector,
HeadMotionLiveness), qr (decode_qr), document (find_page, flatten_page,
upload_jpeg, thumbnail).
"""
from drivers.camera.source import CameraSource, parse_source

__all__ = ["CameraSource", "parse_source"]
