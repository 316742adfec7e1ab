"""Import python-escpos 3.1 without its import-time side effects.

`escpos.capabilities` calls `logging.basicConfig()` (adds a stderr handler to the
root logger, which would double every kiosk log line) and keeps a pickle cache
of its printer database in `$ESCPOS_CAPABILITIES_PICKLE_DIR` (else a new
mkdtemp() folder per process, never removed). It *unpickles* whatever file it
finds there: a folder someone else can write to runs their code as the kiosk.
So no pickle is ever read: the import gets a fresh private folder (mkdtemp:
0700, unpredictable, ours), the database is parsed as the JSON it is (PyYAML
took 0.2 s), and the folder is removed right after. We also take back any root
handler it added.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
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


def _json_first(safe_load):
    """capabilities.json is JSON: json reads it 250× faster than PyYAML; anything else goes to YAML."""
    def load(stream):
        text = stream.read() if hasattr(stream, "read") else stream
        try:
            return json.loads(text)
        except ValueError:
            return safe_load(text)
    return load


def escpos_printer_module():
    """The `escpos.printer` module (Network, Serial, Usb, File, Dummy)."""
    global _printer_module
    with _lock:
        if _printer_module is not None:
            return _printer_module
        import yaml
        private = tempfile.mkdtemp(prefix="kiosk-escpos-")   # empty, so there is no pickle to load
        previous = os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR")
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = private
        root = logging.getLogger()
        before = list(root.handlers)
        real_mkdtemp, real_safe_load = tempfile.mkdtemp, yaml.safe_load
        # `environ.get(KEY, mkdtemp())` calls mkdtemp even when KEY is set: hand it our folder.
        tempfile.mkdtemp = lambda *a, **k: private
        yaml.safe_load = _json_first(real_safe_load)
        try:
            import escpos.printer as module
        finally:
            tempfile.mkdtemp, yaml.safe_load = real_mkdtemp, real_safe_load
            if previous is None:
                os.environ.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
            else:
                os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = previous
            shutil.rmtree(private, ignore_errors=True)
            for h in list(root.handlers):
                if h not in before:
                    root.removeHandler(h)
        if not any(isinstance(f, _QuietEscpos) for f in root.filters):
            root.addFilter(_QuietEscpos())
        _printer_module = module
        return module
