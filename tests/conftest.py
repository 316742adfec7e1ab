"""Test strictness in the spirit of qutebrowser and napari.

- Qt warnings fail a test (pyproject: qt_log_level_fail, with a short ignore list).
- An unexpected log record at ERROR or above fails a test; mark the test with
  `@pytest.mark.expect_error_log` when the error is the point.
- A test that leaves a visible top-level window or a running QThread fails.
- An exception in any Python thread fails the test (pyproject filterwarnings).
"""
from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "expect_error_log: the test expects ERROR log records")


class _ErrorCatcher(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_error_logs(request):
    catcher = _ErrorCatcher()
    root = logging.getLogger()
    root.addHandler(catcher)
    yield catcher
    root.removeHandler(catcher)
    if catcher.records and not request.node.get_closest_marker("expect_error_log"):
        msgs = "\n".join(f"{r.name}: {r.getMessage()}" for r in catcher.records[:5])
        pytest.fail(f"unexpected ERROR log records:\n{msgs}")


_started_threads: list = []


def _track_qthreads():
    """Record every QThread started, so a test that leaks one fails (napari style)."""
    try:
        from PySide6.QtCore import QThread
    except ImportError:
        return
    if getattr(QThread, "_kiosk_tracked", False):
        return
    original = QThread.start

    def start(self, *args, **kwargs):
        _started_threads.append(self)
        return original(self, *args, **kwargs)

    QThread.start = start
    QThread._kiosk_tracked = True


_track_qthreads()


@pytest.fixture(autouse=True)
def fail_on_leaked_qt_objects(request):
    _started_threads.clear()
    yield
    leaked_threads = []
    for t in list(_started_threads):
        try:
            if t.isRunning():
                leaked_threads.append(t)
                t.quit()
                t.wait(2000)
        except RuntimeError:  # the C++ object is already gone: not leaked
            pass
    _started_threads.clear()
    leaked_windows = []
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        QApplication = None
    if QApplication is not None and QApplication.instance() is not None:
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                leaked_windows.append(type(w).__name__)
                w.close()
                w.deleteLater()
    if leaked_threads:
        pytest.fail(f"test left {len(leaked_threads)} QThread(s) running")
    if leaked_windows:
        pytest.fail(f"test left visible top-level windows: {leaked_windows}")
