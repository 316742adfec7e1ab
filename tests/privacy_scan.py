"""Search files' raw bytes for personal data in every encoding a leak could take."""
from __future__ import annotations

from pathlib import Path

ENCODINGS = ("utf-8", "gbk", "utf-16-le", "utf-16-be")


def scan(folder: Path, secrets: list[str]) -> list[str]:
    """'file: encoding' for every file under `folder` holding one of `secrets`."""
    needles = [(enc, s.encode(enc)) for s in secrets if s for enc in ENCODINGS]
    hits = []
    for p in (p for p in Path(folder).rglob("*") if p.is_file()):
        data = p.read_bytes()
        hits += [f"{p.relative_to(folder)}: {enc}" for enc, needle in needles if needle in data]
    return hits
