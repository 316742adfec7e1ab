"""The outbox key file and AES-GCM sealing of payloads.

The key lives OUTSIDE the database in a file created 0600 on first start.
Crypto-shredding for decommissioning: `shred_key(path)` overwrites and removes
the key file; every payload still in the database is then unreadable
(AES-256-GCM without the key), so the disk can leave the building.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
_FORMAT = b"\x01"   # leading version byte of a sealed blob: lets the format change later


class KeyFileError(Exception):
    """The key file is unusable (wrong size, readable by others, not a file)."""


class KeyFileMissing(KeyFileError):
    """No key file, but entries need it (never silently replaced: they would all become unreadable)."""

    def __init__(self, message: str, entries: int = 0):
        super().__init__(message)
        self.entries = entries


class PayloadUnreadable(Exception):
    """Decryption failed: the key was destroyed or replaced, or the blob was altered."""


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load_or_create_key(path: str | os.PathLike) -> bytes:
    return load_key(path, create=True)


def load_key(path: str | os.PathLike, *, create: bool = False) -> bytes:
    """Read the key; with `create`, make it 0600 (atomically: temp file, fsync, link) if missing.

    The outbox passes create=True only for an empty outbox: a key that went
    missing (deleted, a typo in [queue] key_file) is an error, never a new key."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if not create:
            raise KeyFileMissing(f"{path}: the key file is missing / 密钥文件不存在") from None
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = AESGCM.generate_key(bit_length=KEY_BYTES * 8)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(fd, 0o600)          # umask cannot widen it, but be explicit
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)            # fails if another process won the race
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        fsync_dir(path.parent)
        st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise KeyFileError(f"{path} is not a regular file / 密钥文件不是普通文件")
    if st.st_mode & 0o077:
        raise KeyFileError(f"{path} is readable by others (mode {oct(st.st_mode & 0o777)}); "
                           f"chmod 600 it / 密钥文件权限过宽，请改为 600")
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"{path} holds {len(key)} bytes, expected {KEY_BYTES} / 密钥文件长度不正确")
    return key


def shred_key(path: str | os.PathLike) -> None:
    """Crypto-shredding: overwrite the key with random bytes, fsync, unlink."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as f:
        f.write(os.urandom(max(size, KEY_BYTES)))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
    fsync_dir(path.parent)


class Sealer:
    """AES-GCM with the entry id as associated data: a blob moved to another row fails."""

    def __init__(self, key: bytes):
        self._aead = AESGCM(key)

    def seal(self, entry_id: str, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return _FORMAT + nonce + self._aead.encrypt(nonce, plaintext, entry_id.encode())

    def open(self, entry_id: str, blob: bytes) -> bytes:
        if not blob or blob[:1] != _FORMAT:
            raise PayloadUnreadable("unknown payload format / 未知的数据格式")
        nonce, ct = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, ct, entry_id.encode())
        except InvalidTag:
            raise PayloadUnreadable("cannot decrypt: key destroyed or replaced, or data altered / "
                                    "无法解密：密钥已销毁或被更换，或数据被篡改") from None

    def __repr__(self) -> str:
        return "Sealer(<key hidden>)"
