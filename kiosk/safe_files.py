"""Reading a file a technician or a resident names, without hanging or running out of memory.

`/dev/zero` as a material, a FIFO as kiosk.toml, a 2 GB "applicant file": each is
refused with a clear bilingual reason before a byte is read into memory. The
file is opened non-blocking (a FIFO with no writer does not hang the open),
must be a regular file, and is read up to its size limit only.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


class InputFileError(ValueError):
    def __init__(self, path, en: str, zh: str):
        self.path, self.en, self.zh = str(path), en, zh
        super().__init__(f"{path}: {en} / {zh}")


def read_regular_file(path: str | os.PathLike, limit: int) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes (FileNotFoundError as usual)."""
    path = Path(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputFileError(path, "not a regular file (a device, a FIFO or a folder)",
                                 "不是普通文件（设备、管道或文件夹）")
        if st.st_size > limit:
            raise InputFileError(path, f"{st.st_size} bytes, over the limit of {limit}",
                                 f"文件过大（{st.st_size} 字节，上限 {limit}）")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:      # it grew while we read
                raise InputFileError(path, f"over the limit of {limit} bytes", f"文件过大（上限 {limit} 字节）")
        return b"".join(chunks)
    finally:
        os.close(fd)
