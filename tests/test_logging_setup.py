"""`kiosk run` holds its first log records in memory and opens the file after the first paint."""
from __future__ import annotations

import logging
import threading

import pytest

from kiosk.logging_setup import EarlyLogs, hold_early_logs, open_log_file, setup_logging


@pytest.fixture
def root_logger():
    root = logging.getLogger()
    level = root.level
    yield root
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()
    root.setLevel(level)


def test_records_from_before_the_file_opens_are_written_first_in_order_and_masked(tmp_path, root_logger):
    early = hold_early_logs("INFO")
    log = logging.getLogger("kiosk.test")
    log.info("first %d", 1)
    log.info("card 230102198506151234 read")
    log.debug("below the level: never kept")
    assert len(early.records) == 2
    assert not (tmp_path / "logs").exists()              # nothing on disk before the switch
    path = setup_logging(tmp_path, "INFO", early)
    log.info("after the switch")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "first 1", "card 2301**********1234 read", "after the switch"]
    assert early.records == []
    assert not any(isinstance(h, EarlyLogs) for h in root_logger.handlers)


def test_records_logged_by_other_threads_during_the_switch_are_all_kept(tmp_path, root_logger):
    early = hold_early_logs("INFO")
    log = logging.getLogger("kiosk.test")
    total = 3000
    started = threading.Event()

    def chatter():
        for n in range(total):
            log.info("worker %d", n)
            if n == 50:
                started.set()
    worker = threading.Thread(target=chatter)
    worker.start()
    started.wait(10)
    path = setup_logging(tmp_path, "INFO", early)      # while the worker is still logging
    worker.join()
    got = [int(line.rsplit(" ", 1)[1]) for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(got) == list(range(total))            # none lost, none doubled


@pytest.mark.expect_error_log
def test_a_log_directory_that_cannot_be_made_sends_the_records_to_stderr(tmp_path, root_logger, capfd):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    early = hold_early_logs("INFO")
    logging.getLogger("kiosk.test").warning("held 110105194912310021")
    assert open_log_file(blocker, "INFO", early) is None
    logging.getLogger("kiosk.test").info("after")
    err = capfd.readouterr().err
    assert "held 1101**********0021" in err and "after" in err
    assert "cannot open the log file" in err


def test_the_early_buffer_is_bounded(root_logger):
    early = hold_early_logs("INFO")
    early.LIMIT = 5
    for i in range(8):
        logging.getLogger("kiosk.test").info("r%d", i)
    assert len(early.records) == 5 and early.dropped == 3
