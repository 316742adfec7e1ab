"""Python's cyclic garbage collector runs on the UI thread only (Anki's aqt does the same).

Left automatic, a collection can start in whichever thread allocates — a device
or network worker — and destroy a QObject that belongs to the UI thread there,
which Qt reports ("Timers cannot be stopped from another thread") or worse.
So the kiosk turns automatic collection off and collects on the UI thread: after
each session's wipe (a quiet moment) and once a minute.

After a collection, glibc is asked to hand freed heap pages back to the system
(malloc_trim): a session's frames, images and widgets leave free holes in the
arenas that glibc otherwise keeps, and a terminal that runs for months would
carry every peak it ever had (bench/soak.py measures it).

Before it, the source-line cache is dropped: PySide6's import hook (shiboken's
__feature_import__) reads the source of every Python module imported after it
(inspect.getsource, to look for `from __feature__ import`), and linecache keeps
all of it, ~18 MB of text for the kiosk's 600-odd modules that nothing reads
again (a traceback reads its few files anew).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import linecache

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 60_000


def _load_malloc_trim():
    """glibc's malloc_trim, or None on a C library without it (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if trim is not None:
        trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_malloc_trim = _load_malloc_trim()


def release_free_memory() -> bool:
    """Give the heap's free pages back to the system; False where the C library cannot."""
    if _malloc_trim is None:
        return False
    _malloc_trim(0)
    return True


class UiThreadGc(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)

    def install(self) -> None:
        gc.disable()
        self._timer.start(INTERVAL_MS)

    def uninstall(self) -> None:
        self._timer.stop()
        gc.enable()

    @staticmethod
    def collect() -> None:
        linecache.clearcache()
        gc.collect()
        release_free_memory()
