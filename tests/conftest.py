"""Test strictness in the spirit of qutebrowser and napari.

- Qt warnings fail a test (pyproject: qt_log_level_fail, with a short ignore list).
- An unexpected log record at ERROR or above fails a test; mark the test with
  `@pytest.mark.expect_error_log` when the error is the point.
- A test that leaves a visible top-level window or a running QThread fails.
- An exception in any Python thread fails the test (pyproject filterwarnings).
"""
from __future__ import annotations

import gc
import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "expect_error_log: the test expects ERROR log records")


def pytest_collection_modifyitems(config, items):
    """Files with a `slow` test first. scripts/test.sh runs files side by side
    (pytest-xdist, --dist loadfile), handed out in this order: a long file started
    last would run alone at the end while the other workers sit idle."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)     # stable: the rest keep their order


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
    if "screens.i18n" in __import__("sys").modules:      # a test's language never reaches the next
        __import__("screens.i18n").i18n.set_language("zh")
    # Collect this test's reference cycles (slots are often lambdas holding `self`) here, on
    # the UI thread: left to chance, the collector may run in a worker thread and destroy a
    # QObject there ("Timers cannot be stopped from another thread").
    gc.collect()
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
                getattr(w, "close_for_technician", w.close)()   # the kiosk window refuses a plain close
                w.deleteLater()
    if leaked_threads:
        pytest.fail(f"test left {len(leaked_threads)} QThread(s) running")
    if leaked_windows:
        pytest.fail(f"test left visible top-level windows: {leaked_windows}")


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_config(tmp_path):
    """The shipped demo kiosk.toml, with its data directory in a fresh temp dir.

    Returns a function taking overrides like {"kiosk.idle_timeout_s": 10} (TOML
    literals as Python values); it writes the file (cfg.path) and returns the Config.
    """
    import tomllib

    from kiosk.config import parse_config

    def make(overrides: dict | None = None, name: str = "kiosk.toml"):
        raw = tomllib.loads((ROOT / "kiosk.toml").read_text(encoding="utf-8"))
        raw["kiosk"]["data_dir"] = str(tmp_path / "var")
        raw["queue"]["key_file"] = str(tmp_path / "var" / "queue.key")
        raw["catalog"]["seed"] = str(ROOT / "assets" / "catalog" / "seed.json")
        raw["devices"]["id_reader"]["card"] = str(ROOT / "assets" / "cards" / "resident.json")
        # No fixed metrics port: test files run side by side (pytest-xdist), and two kiosks
        # on 9464 would race for it. Tests of the metrics serve them on a free port.
        raw.setdefault("metrics", {})["listen"] = ""
        # 主动服务 asks a question after identity; tests of other things go straight to the form
        # (tests/test_ui_recommend.py switches it on).
        raw["kiosk"]["recommendations"] = False
        for dotted, value in (overrides or {}).items():
            *path, key = dotted.split(".")
            table = raw
            for p in path:
                table = table.setdefault(p, {})
            table[key] = value
        text = _dump_toml(raw)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")   # for tests that run the CLI on it
        path.chmod(0o600)                          # it holds the PIN hash, as an installed one would
        return parse_config(text, path)

    return make


@pytest.fixture
def make_kiosk(qtbot, demo_config):
    """Whole kiosks on the demo configuration (emulators, embedded gateway), shown and ready."""
    from kiosk.app import KioskApp
    from kiosk.services import Services

    made = []

    def make(overrides=None, flows=None):
        """`flows`: build only these flows (names from kiosk.flows.FLOWS); default all."""
        cfg = demo_config({"kiosk.fullscreen": False, **(overrides or {})})
        services = Services(cfg)
        app = KioskApp(cfg, services) if flows is None else KioskApp(cfg, services, flows=flows)
        services.outbox.device_status = app.hub.summary
        services.start()
        app.start(show=True)
        qtbot.waitExposed(app.window)
        made.append((app, services))
        return app
    yield make
    for app, services in made:
        app.shutdown()
        services.stop()


def _dump_toml(raw: dict) -> str:
    """Enough TOML writing for our own config shape (tables of scalars)."""
    import json

    lines: list[str] = []

    def scalar(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        return json.dumps(v, ensure_ascii=False)

    def table(prefix: str, d: dict):
        scalars = {k: v for k, v in d.items() if not isinstance(v, dict)}
        if scalars or not prefix:
            if prefix:
                lines.append(f"[{prefix}]")
            for k, v in scalars.items():
                lines.append(f"{k} = {scalar(v)}")
        for k, v in d.items():
            if isinstance(v, dict):
                name = f'"{k}"' if k.isdigit() else k
                table(f"{prefix}.{name}" if prefix else name, v)

    table("", raw)
    return "\n".join(lines) + "\n"
