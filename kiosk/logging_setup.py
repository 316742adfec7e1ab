"""Logs under data_dir/logs, with a last-line filter that masks anything shaped like an ID number."""
from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# 18-char resident numbers, 15-digit legacy numbers, foreign permit numbers.
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{7,10}(\d{3}[\dXx])(?![0-9A-Za-z])")


def redact(text: str) -> str:
    return _ID_LIKE.sub(lambda m: m.group(1) + "*" * (len(m.group(0)) - 8) + m.group(2), text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(data_dir: Path, level: str = "INFO") -> Path:
    log_dir = Path(data_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=10, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    handler._kiosk = True
    root.addHandler(handler)
    return path
