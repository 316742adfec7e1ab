"""The private cupsd (a real peer, started and stopped by PID) and what the tests read back."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from drivers.document_printer import PrivateCups


@pytest.fixture
def private_cups():
    pc = PrivateCups().start()
    yield pc
    pid = pc.pid
    pc.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)                       # stopped by its PID, not left behind


def pdftotext(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "got.pdf"
        p.write_bytes(data)
        return subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True,
                              check=True).stdout


def pdftoppm_pages(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "got.pdf"
        p.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(p), str(Path(d) / "pg")], check=True)
        return len(list(Path(d).glob("pg-*.png")))


def copies_of(data: bytes, roots: list[Path], skip: list[Path] = ()) -> list[Path]:
    """Files under `roots` (not under `skip`) holding any 2 KiB slice of the document: a copy, or
    part of one. (Its verification code may appear in logs: receipts and logs may name it.)"""
    slices = [data[i:i + 2048] for i in range(0, max(1, len(data) - 2048), 2048)] + [data[-2048:]]
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            if any(Path(dirpath).is_relative_to(s) for s in skip):
                continue
            for name in files:
                f = Path(dirpath) / name
                try:
                    raw = f.read_bytes()
                except OSError:
                    continue
                if any(s in raw for s in slices):
                    found.append(f)
    return found
