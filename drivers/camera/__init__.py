"""The camera: OpenCV capture, the emulated camera, face, QR and document analysis.

Plain blocking code, no Qt and no kiosk imports (the kiosk runs it in the camera's own
process, kiosk/devices/camera_child.py, or on a camera worker thread). Modules: source
(CameraSource), emulated (EmulatedCamera), face (HaarFaceDetector, assess_face,
BestFrameSelector, HeadMotionLiveness), qr (decode_qr), document (find_page, flatten_page,
upload_jpeg, thumbnail), scenes (the emulated camera's scene names, without OpenCV).

This package's own import loads nothing: the kiosk's process imports `scenes` only, and
OpenCV stays in the camera's process.
"""
