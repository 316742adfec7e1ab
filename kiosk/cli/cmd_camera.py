"""`kiosk camera snapshot|scan-qr|check-face`: check the camera from a technician's shell.

--source takes anything kiosk.toml's [devices.camera] source takes (index,
/dev/videoN, rtsp://…, a video file, an img_%03d.png sequence), plus
`emulated` or `emulated:<scene>` (face, qr:<payload>, document, empty) for the
built-in emulated camera. Without it, the configured camera is used.
Exit 0 found, 2 nothing found within the timeout, 3 camera missing.
Face images are never written: check-face prints figures only.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from drivers.base import DeviceOffline
from kiosk.cli.common import (DEVICE_MISSING, NOT_FOUND, OK, USAGE, add_config_arg, add_json_arg,
                              config_from, fail, print_json)
from kiosk.privacy import mask_id, mask_name


def open_camera(args):
    """A CameraSource for --source or the configuration (emulated scenes included)."""
    from drivers.camera.emulated import EmulatedCamera
    from drivers.camera.source import CameraSource
    cfg = config_from(args)
    c = cfg.devices.camera
    source = args.source
    if source is None:
        if c.driver == "none":
            fail(DEVICE_MISSING, "no camera configured (devices.camera.driver = none)", "未配置摄像头")
        source = "emulated" if c.driver == "emulated" and not c.source else (c.source or "0")
    if source == "emulated" or source.startswith("emulated:"):
        cam = EmulatedCamera(c.width, c.height, c.fps)
        scene = source.partition(":")[2] or "empty"
        try:
            cam.show(scene)
        except ValueError as exc:
            fail(USAGE, str(exc), "未知的演示画面")
        return cam.source()
    try:
        return CameraSource(source, c.width, c.height, c.fps)
    except ValueError as exc:
        fail(USAGE, f"bad --source: {exc}", "摄像头来源格式错误")


def _open_or_exit(src) -> None:
    try:
        src.open()
    except DeviceOffline as exc:
        fail(DEVICE_MISSING, exc.en, exc.zh)


def _read(src, deadline: float):
    """Next frame; a camera lost for good (past the deadline) exits 3."""
    while True:
        try:
            return src.read()
        except DeviceOffline as exc:
            if time.monotonic() > deadline:
                fail(DEVICE_MISSING, exc.en, exc.zh)
            time.sleep(min(0.5, max(0.05, src.retry_in())))


def cmd_snapshot(args) -> int:
    import cv2
    src = open_camera(args)
    _open_or_exit(src)
    try:
        deadline = time.monotonic() + 5
        for _ in range(3):            # let exposure settle
            frame = _read(src, deadline)
    finally:
        src.close()
    out = Path(args.out)
    if not cv2.imwrite(str(out), frame):
        fail(USAGE, f"cannot write {out} (use .jpg or .png)", f"无法写入 {out}（请使用 .jpg 或 .png）")
    info = {"file": str(out), "width": int(frame.shape[1]), "height": int(frame.shape[0]),
            "source": src.spec.label}
    if args.json:
        print_json(info)
    else:
        print(f"{out} {info['width']}x{info['height']} from {info['source']}")
    return OK


def _describe_payload(text: str, reveal: bool) -> dict:
    """The payload; an identity code is shown masked unless --reveal."""
    from kiosk.identity_qr import parse_app_qr
    try:
        rec = parse_app_qr(text)
    except ValueError:
        return {"payload": text, "identity": None}
    if reveal:
        return {"payload": text, "identity": rec.as_dict()}
    return {"payload": f"{text.split('.', 1)[0]}.<{len(text)} chars hidden; --reveal shows it>",
            "identity": {"card_type": rec.card_type.value, "name": mask_name(rec.name),
                         "id_number": mask_id(rec.id_number)}}


def cmd_scan_qr(args) -> int:
    from drivers.camera.qr import decode_qr
    src = open_camera(args)
    _open_or_exit(src)
    deadline = time.monotonic() + args.timeout
    frames = 0
    try:
        while time.monotonic() < deadline:
            frame = _read(src, deadline)
            frames += 1
            codes = decode_qr(frame)
            if codes:
                info = _describe_payload(codes[0].text, args.reveal)
                info["frames"] = frames
                if args.json:
                    print_json(info)
                else:
                    print(info["payload"])
                    if info["identity"]:
                        ident = info["identity"]
                        print(f"identity: {ident['card_type']} {ident['name']} {ident['id_number']}",
                              file=sys.stderr)
                return OK
            if not src.live:
                time.sleep(1 / max(1, src.fps))   # a recording plays at its own pace
    finally:
        src.close()
    if args.json:
        print_json({"payload": None, "frames": frames})
    print(f"no QR code within {args.timeout:g} s / {args.timeout:g} 秒内未识别到二维码", file=sys.stderr)
    return NOT_FOUND


def _rank(q) -> tuple:
    """Which frame to report: a passing one, else one face, else any face, then the sharpest."""
    return (q.ok, q.faces == 1, q.faces > 0, q.score)


def cmd_check_face(args) -> int:
    from drivers.camera.face import HaarFaceDetector, assess_face
    src = open_camera(args)
    _open_or_exit(src)
    detector = HaarFaceDetector()
    deadline = time.monotonic() + args.timeout
    best = None
    frames = 0
    t_detect = []
    try:
        while time.monotonic() < deadline:
            frame = _read(src, deadline)
            frames += 1
            t0 = time.perf_counter()
            faces = detector.detect(frame)
            t_detect.append((time.perf_counter() - t0) * 1000)
            q = assess_face(frame, faces)
            if best is None or _rank(q) > _rank(best):
                best = q
            if q.ok:
                break
            if not src.live:
                time.sleep(1 / max(1, src.fps))
    finally:
        src.close()
    info = best.as_dict() if best else {"faces": 0}
    info.update(frames=frames, detect_ms=round(sorted(t_detect)[len(t_detect) // 2], 1) if t_detect else None)
    found = bool(best and best.faces)
    if args.json:
        print_json(info)
    elif found:
        print(f"faces: {info['faces']}  box: {info['face_box']}  size: {info['size']}  "
              f"offset: {info['offset']}  sharpness: {info['sharpness']}  brightness: {info['brightness']}")
        print(f"quality: {'ok' if info['ok'] else info['code']} — {info['prompt_zh']} / {info['prompt_en']}")
    if not found:
        print(f"no face within {args.timeout:g} s / {args.timeout:g} 秒内未检测到人脸", file=sys.stderr)
        return NOT_FOUND
    return OK


def register(sub) -> None:
    p = sub.add_parser("camera", help="camera snapshot, QR scan and face check (摄像头)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cam = p.add_subparsers(dest="camera_cmd", metavar="ACTION", required=True)

    def common(sp):
        add_config_arg(sp)
        sp.add_argument("--source", help="camera source (overrides kiosk.toml); emulated:<scene> for the emulator")

    s = cam.add_parser("snapshot", help="save one frame to a file (for setting up the camera)")
    common(s)
    s.add_argument("--out", default="camera-snapshot.jpg", help="file to write (.jpg or .png)")
    add_json_arg(s)
    s.set_defaults(func=cmd_snapshot)

    q = cam.add_parser("scan-qr", help="print the first QR code seen")
    common(q)
    q.add_argument("--timeout", type=float, default=10.0, metavar="S", help="give up after S seconds (exit 2)")
    q.add_argument("--reveal", action="store_true", help="show identity codes unmasked")
    add_json_arg(q)
    q.set_defaults(func=cmd_scan_qr)

    f = cam.add_parser("check-face", help="detect faces and print the quality figures (no image is saved)")
    common(f)
    f.add_argument("--timeout", type=float, default=5.0, metavar="S", help="give up after S seconds (exit 2)")
    add_json_arg(f)
    f.set_defaults(func=cmd_check_face)
