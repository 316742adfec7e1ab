"""The window shell: lockdown, idle countdown, hidden gesture, crash guard."""
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.crash_guard import CrashGuard
from kiosk.idle import IdleWatcher
from kiosk.main_window import CornerTaps, KioskWindow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def window(qtbot):
    w = KioskWindow(fullscreen=True)
    w.stack.addWidget(QLabel("screen"))
    qtbot.addWidget(w)
    w.show_kiosk()
    qtbot.waitExposed(w)
    yield w
    w.close_for_technician()


def test_close_esc_and_alt_f4_do_nothing(window, qtbot):
    window.close()
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Escape,
                                             Qt.KeyboardModifier.NoModifier))
    assert window.isVisible()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.geometry() == window.screen().geometry()


def test_only_the_technician_path_closes(window):
    window.close_for_technician()
    assert not window.isVisible()


def test_five_corner_taps_within_three_seconds(window, qtbot):
    now = [100.0]
    taps = CornerTaps(window, clock=lambda: now[0])
    QApplication.instance().installEventFilter(taps)
    try:
        with qtbot.assertNotEmitted(taps.triggered):
            for _ in range(4):
                qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
            now[0] += 5  # too slow: the earlier taps expire
            qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        with qtbot.waitSignal(taps.triggered, timeout=1000):
            for _ in range(4):
                qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        with qtbot.assertNotEmitted(taps.triggered):  # taps elsewhere do not count
            for _ in range(6):
                qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(400, 400))
    finally:
        QApplication.instance().removeEventFilter(taps)


def test_idle_prompt_countdown_then_expiry(qtbot):
    idle = IdleWatcher(timeout_s=1, prompt_s=2)
    ticks = []
    idle.tick.connect(ticks.append)
    idle.set_active(True)
    with qtbot.waitSignal(idle.prompt, timeout=3000) as prompt:
        pass
    assert prompt.args == [2]
    with qtbot.waitSignal(idle.expired, timeout=4000):
        pass
    assert ticks and ticks[-1] == 1 and ticks == sorted(ticks, reverse=True)
    assert not idle.active


def test_input_resets_idle_and_dismisses_prompt(qtbot):
    button = QPushButton("x")
    qtbot.addWidget(button)
    button.show()
    idle = IdleWatcher(timeout_s=1, prompt_s=5)
    QApplication.instance().installEventFilter(idle)
    try:
        idle.set_active(True)
        qtbot.waitSignal(idle.prompt, timeout=3000).wait()
        with qtbot.waitSignal(idle.resumed, timeout=1000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        with qtbot.assertNotEmitted(idle.prompt, wait=600):
            pass
    finally:
        QApplication.instance().removeEventFilter(idle)
        idle.set_active(False)


def test_inactive_watcher_never_fires(qtbot):
    idle = IdleWatcher(timeout_s=1, prompt_s=1)
    with qtbot.assertNotEmitted(idle.prompt, wait=1300):
        pass


@pytest.mark.expect_error_log
def test_exception_in_a_slot_reaches_the_guard_not_a_crash(qtbot):
    seen = []
    guard = CrashGuard(on_crash=seen.append)
    guard.install()
    try:
        button = QPushButton("boom")
        qtbot.addWidget(button)

        def slot():
            raise ValueError("broken slot")
        button.clicked.connect(slot)
        button.click()
        qtbot.waitUntil(lambda: bool(seen), timeout=1000)
        assert isinstance(seen[0], ValueError)
        assert guard.count == 1
    finally:
        guard.uninstall()
    assert sys.excepthook is not guard._hook


def test_garbage_is_collected_on_the_ui_thread_only(qtbot):
    import gc
    import threading

    from kiosk.gc_policy import UiThreadGc
    policy = UiThreadGc()
    policy.install()
    try:
        assert not gc.isenabled()          # no collection can start in a worker thread
        threads = []
        gc.callbacks.append(lambda phase, info: threads.append(threading.current_thread().name))
        policy.collect()
        assert threads and set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.pop()
        policy.uninstall()
    assert gc.isenabled()


@pytest.mark.expect_error_log
def test_services_that_fail_to_start_leave_the_staff_screen_not_a_dead_welcome(qtbot, demo_config, tmp_path):
    """kiosk run's path: the services come up on a worker lane while the screens are built."""
    from kiosk.app import KioskApp
    from kiosk.boot import FirstScreen

    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("not a directory")
    cfg = demo_config({"kiosk.data_dir": str(blocker), "kiosk.fullscreen": False,
                       "queue.key_file": str(tmp_path / "q.key")})
    first = FirstScreen(cfg, QApplication.instance())
    first.show()
    app = KioskApp(cfg, first=first)
    app.start(show=True)
    try:
        qtbot.waitUntil(lambda: app.window.stack.currentWidget() is getattr(app, "error", None),
                        timeout=30000)
        assert "暂时无法提供服务" in app.error.detail_label.text()
        assert not app.ready
        app.start_session()           # a tap: nothing starts without the services
        assert app.window.stack.currentWidget() is app.error
    finally:
        app.shutdown()


RSS_PROBE = r"""
import sys
from kiosk.gc_policy import release_free_memory
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096
keep = [bytes(2048) for _ in range(60_000)]     # ~120 MB from malloc's heap (2 KB > pymalloc)
pin = bytes(2048)                               # above them: the heap's top cannot shrink
del keep
before = rss()
assert release_free_memory()
print(before, rss())
"""


def test_the_wipes_collection_hands_freed_heap_back_to_the_system():
    # A fresh interpreter, so nothing else of the suite's heap is measured.
    import subprocess
    out = subprocess.run([sys.executable, "-c", RSS_PROBE], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**os.environ, "MALLOC_ARENA_MAX": "2"})
    before, after = map(int, out.stdout.split())
    assert before - after > 60 * 2**20, f"RSS {before >> 20} MB -> {after >> 20} MB"


SOURCE_PROBE = r"""
import linecache, sys
import PySide6.QtCore                      # installs shiboken's import hook
import json.tool, calendar, difflib        # modules imported after it (not yet in sys.modules)
held = [f for f in linecache.cache if f.endswith(("calendar.py", "difflib.py"))]
from kiosk.gc_policy import UiThreadGc
UiThreadGc.collect()
print(len(held), len(linecache.cache))
"""


def test_the_collection_drops_the_source_text_pysides_import_hook_left():
    import subprocess
    out = subprocess.run([sys.executable, "-c", SOURCE_PROBE], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    held, left = map(int, out.stdout.split())
    assert held == 2, "PySide6 no longer reads imported modules' source: the clearing can go"
    assert left == 0
