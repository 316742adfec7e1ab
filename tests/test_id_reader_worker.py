"""The ID-reader Qt worker on a real QThread against the emulator, incl. hot-plug behind a symlink."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.card_worker_helpers import CardRelay
from PySide6.QtCore import QMetaObject, Qt, QThread

from drivers.base import DeviceState
from drivers.id_reader.cards import CARDS_DIR
from drivers.id_reader.emulator import IdReaderEmulator
from drivers.id_reader.reader import Ga467Reader
from kiosk.config import load_config
from kiosk.devices.id_reader_worker import IdReaderWorker, create_id_reader_worker

RESIDENT = CARDS_DIR / "resident.json"


@pytest.fixture
def run_worker(qtbot):
    started = []

    def run(worker):
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.start)
        driver = CardRelay().attach(worker)
        started.append((worker, thread, driver))
        thread.start()
        return driver

    yield run
    for worker, thread, _ in started:
        QMetaObject.invokeMethod(worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        thread.wait(5000)


def test_factory_runs_the_real_driver_on_the_emulator(tmp_path, qtbot, run_worker):
    toml = tmp_path / "kiosk.toml"
    toml.write_text(f'[devices.id_reader]\ndriver = "emulated"\ncard = "{RESIDENT}"\npoll_ms = 100\n',
                    encoding="utf-8")
    worker = create_id_reader_worker(load_config(toml))
    assert isinstance(worker.reader, Ga467Reader) and worker.reader.port.startswith("/dev/pts/")
    assert "resident" in worker.emulator.sample_cards()
    reads = []
    driver = run_worker(worker)
    driver.card_read.connect(reads.append)
    assert worker.emulator.card is None
    driver.watch.emit(True)
    qtbot.wait(300)
    assert reads == []                               # the reader starts empty
    with qtbot.waitSignal(driver.card_read, timeout=3000) as blocker:
        worker.emulator.present(RESIDENT)
    assert blocker.args[0].name == "李明华"
    qtbot.wait(600)                                  # ≥ 5 polls with the card left on
    assert len(reads) == 1 and worker.emulator.reads == 1
    with qtbot.waitSignal(driver.card_removed, timeout=3000):
        worker.emulator.remove()
    with qtbot.waitSignal(driver.card_read, timeout=3000) as blocker:
        worker.emulator.present(CARDS_DIR / "foreign_2023.json")
    assert blocker.args[0].card_type.value == "foreign_permanent_2023"


def test_bad_card_gives_card_error_and_no_card_read(qtbot, run_worker):
    data = json.loads(RESIDENT.read_text(encoding="utf-8"))
    data["id_number"] = "230102198506151230"
    emu = IdReaderEmulator(data)
    emu.start()
    worker = IdReaderWorker(Ga467Reader(emu.path), poll_ms=100, emulator=emu)
    reads = []
    driver = run_worker(worker)
    driver.card_read.connect(reads.append)
    with qtbot.waitSignal(driver.card_error, timeout=3000) as blocker:
        driver.watch.emit(True)
    assert blocker.args[0].code == "id_check_failed" and blocker.args[0].zh
    qtbot.wait(300)
    assert reads == []


def test_no_polling_while_no_screen_waits(qtbot, run_worker):
    emu = IdReaderEmulator(RESIDENT)
    emu.start()
    worker = IdReaderWorker(Ga467Reader(emu.path), poll_ms=50, emulator=emu)
    driver = run_worker(worker)
    with qtbot.waitSignal(driver.status_changed, timeout=3000):
        pass
    qtbot.wait(800)
    assert (0x20, 0x01) not in emu.requests
    with qtbot.waitSignal(driver.card_read, timeout=3000):
        driver.watch.emit(True)
    driver.watch.emit(False)
    qtbot.wait(200)
    n = len(emu.requests)
    qtbot.wait(600)
    assert len(emu.requests) == n


@pytest.mark.parametrize("watching", [False, True], ids=["idle", "watching"])
def test_hot_plug_behind_a_symlink(tmp_path, qtbot, run_worker, watching):
    link = tmp_path / "id-reader"
    emu = IdReaderEmulator(RESIDENT, link=link)
    first = emu.start()
    worker = IdReaderWorker(Ga467Reader(str(link)), poll_ms=100, emulator=emu)
    states = []
    driver = run_worker(worker)
    driver.status_changed.connect(lambda st: states.append(st.state))
    qtbot.waitUntil(lambda: bool(states) and states[-1] is DeviceState.READY, timeout=3000)
    if watching:
        driver.watch.emit(True)
        qtbot.waitUntil(lambda: emu.reads == 1, timeout=3000)
    with qtbot.waitSignal(driver.status_changed, timeout=3000,
                          check_params_cb=lambda st: st.state is DeviceState.OFFLINE):
        emu.unplug()                                 # the pty closes: the USB reader is pulled
    qtbot.wait(500)                                  # a few failed reopen attempts
    t0 = time.monotonic()
    second = emu.plug()                              # a new pty appears behind the same link
    assert first and link.resolve() == Path(second)   # (the pty number may be reused)
    qtbot.waitUntil(lambda: states[-1] in (DeviceState.READY, DeviceState.NO_MEDIA), timeout=3000)
    assert time.monotonic() - t0 < 3.0
    if watching:
        with qtbot.waitSignal(driver.card_removed, timeout=3000):
            emu.remove()
        emu.present(RESIDENT)
        qtbot.waitUntil(lambda: emu.reads == 2, timeout=3000)   # the same worker reads again
