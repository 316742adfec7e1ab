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
        _printer_module = module
        return module
