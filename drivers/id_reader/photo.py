"""Optional WLT photo decoding through a vendor library loaded with ctypes.

WLT is proprietary; no open decoder exists and none is shipped. A site that
has a licensed library names it in kiosk.toml (`devices.id_reader.photo_decoder`)
and writes a small adapter exposing:

    int wlt_decode(const unsigned char *wlt, int wlt_len,
                   unsigned char *rgb_out, int rgb_out_len);   /* 0 = ok */

which fills 102×126×3 bytes of RGB. Vendor libraries with other signatures
(libwlt2bmp's `unpack`, WltRS's `GetBmp`) get a one-function C shim. The photo
is decoded in memory only; nothing is written to disk.
"""
from __future__ import annotations

import ctypes
from typing import Protocol

from drivers.base import DeviceError

WIDTH, HEIGHT = 102, 126


class PhotoDecoderError(DeviceError):
    def __init__(self, en: str, zh: str):
        super().__init__("photo_decoder", zh, en)


class PhotoDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes:
        """WLT bytes → WIDTH×HEIGHT×3 RGB bytes; raises PhotoDecoderError."""


class CtypesWltDecoder:
    """Loads `path` (a shared library) and calls its `wlt_decode`."""

    def __init__(self, path: str, symbol: str = "wlt_decode"):
        try:
            self._lib = ctypes.CDLL(path)
            self._fn = getattr(self._lib, symbol)
        except (OSError, AttributeError) as exc:
            raise PhotoDecoderError(f"cannot load photo decoder {path}: {exc}",
                                    "无法加载照片解码库") from None
        self._fn.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
        self._fn.restype = ctypes.c_int

    def decode(self, wlt: bytes) -> bytes:
        out = ctypes.create_string_buffer(WIDTH * HEIGHT * 3)
        rc = self._fn(wlt, len(wlt), out, len(out))
        if rc != 0:
            raise PhotoDecoderError(f"photo decoder returned {rc}", "照片解码失败")
        return out.raw


def load_decoder(path: str) -> PhotoDecoder | None:
    """None when no decoder is configured (the normal case)."""
    return CtypesWltDecoder(path) if path else None
