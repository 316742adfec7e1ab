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
    """Regular files under `roots` (not under `skip`) holding the document or part of it: its
    signed Keywords (`verification-code=KEY`, unique to this document) or a 2 KiB slice of its
    signature (unique to this signing). Shared bytes such as the embedded font subset would
    match other test PDFs. (The bare verification code may appear in logs: they may name it.)"""
    import re
    import stat
    markers = [m.group(0) for m in re.finditer(rb"verification-code=[A-Z0-9]+", data)]
    sig = re.search(rb"/Contents\s*<([0-9a-fA-F]{4096,})>", data)
    if sig:
        markers.append(sig.group(1)[:2048])
    assert markers, "the document has neither a verification code nor a signature to look for"
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            if any(Path(dirpath).is_relative_to(s) for s in skip):
                continue
            for name in files:
                f = Path(dirpath) / name
                try:
                    st = f.lstat()
                    if not stat.S_ISREG(st.st_mode) or st.st_size > 64 * 2**20:
                        continue          # FIFOs, sockets, links (another test's) and huge files
                    raw = f.read_bytes()
                except OSError:
                    continue
                if any(m in raw for m in markers):
                    found.append(f)
    return found
