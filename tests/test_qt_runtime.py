"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 on Python 3.11 returns True (from emit) and None (from void
calls) without a new reference; the kiosk process aborts within a minute of
camera preview. pyproject excludes it; this test fails if it comes back.
"""
import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_emit_and_void_calls_keep_reference_counts():
    probe = _Probe()
    for obj, call in ((True, probe.ping.emit), (None, lambda: probe.setObjectName("probe"))):
        before = sys.getrefcount(obj)
        for _ in range(200):
            call()
        # A leaking binding loses one per call (200 here); allow a little interpreter noise.
        assert sys.getrefcount(obj) > before - 20, f"PySide6 leaks references to {obj!r}"
