"""Import python-escpos 3.1 without its import-time side effects.

`escpos.capabilities` calls `logging.basicConfig()` (adds a stderr handler to the
root logger, which would double every kiosk log line) and `mkdtemp()` for a
pickle cache (a new /tmp directory per process, never removed). We point the
cache at one fixed per-user folder and take back any root handler it added.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading

_lock = threading.Lock()
_ESCPOS_DIR = os.sep + "escpos" + os.sep


class _QuietEscpos(logging.Filter):
    """python-escpos logs "Network printer enabled" / "Closing …" at INFO on the root
    logger for every connection (every status poll). Keep its warnings, drop the chatter.
    A filter on the root logger sees only records logged on the root logger itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or _ESCPOS_DIR not in record.pathname
_printer_module = None


def escpos_printer_module():
    """The `escpos.printer` module (Network, Serial, Usb, File, Dummy)."""
    global _printer_module
    with _lock:
        if _printer_module is not None:
            return _printer_module
        cache = os.path.join(tempfile.gettempdir(), f"kiosk-escpos-{os.getuid()}")
        os.makedirs(cache, mode=0o700, exist_ok=True)
        os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", cache)
        root = logging.getLogger()
        before = list(root.handlers)
        real_mkdtemp = tempfile.mkdtemp
        # `environ.get(KEY, mkdtemp())` calls mkdtemp even when KEY is set: hand it our folder.
        tempfile.mkdtemp = lambda *a, **k: cache
        try:
            import escpos.printer as module
        finally:
            tempfile.mkdtemp = real_mkdtemp
            for h in list(root.handlers):
                if h not in before:
                    root.removeHandler(h)
        if not any(isinstance(f, _QuietEscpos) for f in root.filters):
            root.addFilter(_QuietEscpos())
        _printer_module = module
        return module
