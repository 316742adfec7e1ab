"""Logs under data_dir/logs, with a last-line filter that masks anything shaped like an ID number.

`kiosk run` holds the first records in memory (`hold_early_logs`) and opens the
rotating file after the first paint: logging.handlers pulls in socket and
pickle, about 10 ms that the attract screen should not wait for. The held
records are written first, in order, when the file handler attaches.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

# 18-char resident numbers, 15-digit legacy numbers, foreign permit numbers.
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{7,10}(\d{3}[\dXx])(?![0-9A-Za-z])")


def redact(text: str) -> str:
    return _ID_LIKE.sub(lambda m: m.group(1) + "*" * (len(m.group(0)) - 8) + m.group(2), text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class EarlyLogs(logging.Handler):
    """Records logged before the log file is open; bounded, so a stuck start-up cannot grow it."""

    LIMIT = 10_000

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)
        else:
            self.dropped += 1


def _replace_kiosk_handlers(root: logging.Logger, new: logging.Handler) -> None:
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    new._kiosk = True
    root.addHandler(new)


def hold_early_logs(level: str = "INFO") -> EarlyLogs:
    """Keep records in memory until `setup_logging(..., early=...)` opens the file."""
    root = logging.getLogger()
    root.setLevel(level)
    early = EarlyLogs()
    _replace_kiosk_handlers(root, early)
    return early


def private_dir(path: Path) -> Path:
    """Make (or tighten) a folder only the kiosk's user may enter: 0700."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def _private_file_handler():
    import logging.handlers   # socket + pickle: imported here, not before the first paint

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """Every log file, the first and each rotated one, is 0600 whatever the umask."""

        def _open(self):
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, 0o600)
            return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler


def setup_logging(data_dir: Path, level: str = "INFO", early: EarlyLogs | None = None) -> Path:
    private_dir(data_dir)
    log_dir = private_dir(Path(data_dir) / "logs")
    path = log_dir / "kiosk.log"
    for old in log_dir.glob("kiosk.log*"):      # files an older version left 0644
        if old.is_file() and old.stat().st_mode & 0o077:
            old.chmod(0o600)
    logging.getLogger().setLevel(level)
    _attach(_private_file_handler()(path, maxBytes=5_000_000, backupCount=10, encoding="utf-8"), early)
    return path


def open_log_file(data_dir: Path, level: str, early: EarlyLogs) -> Path | None:
    """`kiosk run`'s log file, after the first paint. If it cannot be opened the
    records go to stderr (the journal under systemd) and the kiosk keeps serving."""
    try:
        return setup_logging(data_dir, level, early)
    except OSError as exc:
        import sys
        _attach(logging.StreamHandler(sys.stderr), early)
        logging.getLogger(__name__).error("cannot open the log file under %s (%s); logging to stderr",
                                          data_dir, type(exc).__name__)
        return None


def _attach(handler: logging.Handler, early: EarlyLogs | None) -> None:
    """Make `handler` the kiosk's log handler, writing the held start-up records first.

    Switch first, then write them under the handler's lock: a record logged meanwhile
    by another thread waits for the lock and lands after them."""
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    with handler.lock:
        _replace_kiosk_handlers(logging.getLogger(), handler)
        if early is None:
            return
        for record in early.records:
            handler.emit(record)
        if early.dropped:
            handler.emit(logging.makeLogRecord({
                "name": __name__, "levelno": logging.WARNING, "levelname": "WARNING",
                "msg": "%d start-up log records were dropped", "args": (early.dropped,)}))
    early.records.clear()
