"""The simulator's stand-in for 人证核验 (the authoritative photo comparison).

The documented rule, so tests and demos know what to expect:
  match = the face is a decodable JPEG of at least 64×64 pixels
          AND the ID number is plausible (18 characters with a correct GB 11643
              check digit, or a 2017 foreign permanent-resident number)
          AND the name is not empty
          AND the ID number is not in the simulator's `mismatch_ids` set
              (tests and the demo dock put a person there to force "不是本人").
  score = 0.85..0.99 when it matches (stable per person), 0.05..0.35 when not.
No face image is stored or logged.
"""
from __future__ import annotations

import hashlib
import io

from kiosk.catalog.forms import id_number_ok

MIN_SIDE = 64


def face_is_usable(jpeg: bytes) -> bool:
    if not jpeg.startswith(b"\xff\xd8"):
        return False
    try:
        from PIL import Image
        with Image.open(io.BytesIO(jpeg)) as img:
            if img.format != "JPEG":
                return False
            img.load()
            return min(img.size) >= MIN_SIDE
    except Exception:   # any decoder failure means "no usable face"
        return False


def verify(id_number: str, name: str, face_jpeg: bytes, mismatch_ids: set[str] | frozenset = frozenset()) -> dict:
    ok = (face_is_usable(face_jpeg) and id_number_ok(id_number) and bool(name.strip())
          and id_number.strip().upper() not in mismatch_ids)
    h = int.from_bytes(hashlib.sha256(id_number.encode()).digest()[:2], "big") / 65535
    score = round(0.85 + 0.14 * h, 3) if ok else round(0.05 + 0.30 * h, 3)
    return {"match": ok, "score": score}
