"""The trust roots of `[documents] trust_roots`: PEM files, read once per change of file.

A file may hold several certificates. Missing or unreadable files are
reported by name (the demo's root is written by the embedded gateway at its
first start, so a file can appear after the kiosk read its configuration).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509


class TrustRootsError(Exception):
    def __init__(self, en: str, zh: str):
        self.en, self.zh = en, zh
        super().__init__(f"{en} / {zh}")


def read_pem_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    certs = []
    for kind, _headers, der in asn1_pem.unarmor(data, multiple=True):
        if kind == "CERTIFICATE":
            certs.append(asn1_x509.Certificate.load(der))
    return certs


class TrustRoots:
    def __init__(self, paths: list[str | os.PathLike]):
        self.paths = [Path(p) for p in paths]
        self._lock = threading.Lock()
        self._cache: tuple[tuple, list[asn1_x509.Certificate]] | None = None

    def certificates(self) -> list[asn1_x509.Certificate]:
        """Every root, re-read only when a file's mtime or size changed."""
        if not self.paths:
            raise TrustRootsError("[documents] trust_roots is empty", "[documents] trust_roots 未配置根证书")
        stamp = []
        for p in self.paths:
            try:
                st = p.stat()
            except OSError as exc:
                raise TrustRootsError(f"trust root {p} cannot be read: {exc.strerror}",
                                      f"无法读取根证书文件 {p}") from None
            stamp.append((str(p), st.st_mtime_ns, st.st_size))
        key = tuple(stamp)
        with self._lock:
            if self._cache and self._cache[0] == key:
                return self._cache[1]
            certs: list[asn1_x509.Certificate] = []
            for p in self.paths:
                try:
                    found = read_pem_certificates(p.read_bytes())
                except (OSError, ValueError) as exc:
                    raise TrustRootsError(f"trust root {p} is not a PEM certificate file: {exc}",
                                          f"根证书文件 {p} 不是 PEM 格式") from None
                if not found:
                    raise TrustRootsError(f"trust root {p} holds no certificate", f"根证书文件 {p} 中没有证书")
                certs += found
            self._cache = (key, certs)
            return certs
