"""Any uncaught exception in a slot becomes a friendly screen and a fresh start.

PySide6 hands exceptions raised in slots to sys.excepthook; we log them (the
traceback only: personal records hide their data in repr) and ask the
application to show "暂时无法办理，请联系工作人员" and wipe the session.
Never a crash, never a frozen window.
"""
from __future__ import annotations

import logging
import sys
import threading
from typing import Callable

log = logging.getLogger("kiosk.crash")


class CrashGuard:
    def __init__(self, on_crash: Callable[[BaseException], None]):
        self.on_crash = on_crash
        self.count = 0
        self._previous = None
        self._handling = False

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            threading.excepthook = threading.__excepthook__
            self._previous = None

    def _hook(self, exc_type, exc, tb) -> None:
        self.count += 1
        log.error("uncaught exception in the UI: %s", exc_type.__name__, exc_info=(exc_type, exc, tb))
        if self._handling:       # an error while recovering: do not loop
            return
        self._handling = True
        try:
            self.on_crash(exc)
        except Exception:
            log.exception("error while recovering from an uncaught exception")
        finally:
            self._handling = False

    def _thread_hook(self, args) -> None:
        log.error("uncaught exception in thread %s: %s", getattr(args.thread, "name", "?"),
                  args.exc_type.__name__, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
