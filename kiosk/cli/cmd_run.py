"""`kiosk run` (the default): start the kiosk full screen."""
from __future__ import annotations

import logging
import signal
import sys

from kiosk.cli.common import add_config_arg, config_from


def register(sub) -> None:
    p = sub.add_parser("run", help="start the kiosk (the default command)")
    add_config_arg(p)
    p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    p.add_argument("--quit-after", type=float, metavar="S", help=argparse_suppress())
    p.set_defaults(func=run)


def argparse_suppress():
    import argparse
    return argparse.SUPPRESS   # for smoke tests and the start-up benchmark


def run(args) -> int:
    cfg = config_from(args)
    if args.windowed:
        cfg.kiosk.fullscreen = False
    from kiosk.logging_setup import hold_early_logs, open_log_file
    early = hold_early_logs(cfg.kiosk.log_level)   # the file opens after the first paint
    if cfg.kiosk.virtual_keyboard:
        from kiosk.input_method import use_virtual_keyboard
        use_virtual_keyboard(cfg.kiosk.language)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.boot import FirstScreen
    from kiosk.first_paint import on_first_paint

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("tongban-kiosk")
    # The attract screen first; the application, its services and devices right after.
    first = FirstScreen(cfg, qapp)
    first.show()
    running: list = []
    supervised: list = []

    def take_over(_painted_at: float) -> None:
        try:
            from kiosk.app import KioskApp
            kiosk = KioskApp(cfg, first=first)
            running.append(kiosk)
            kiosk.start(show=True, first_tasks=[lambda: open_log_file(cfg.data_dir, cfg.kiosk.log_level, early)])
            # systemd READY=1 now that the first screen is painted, the watchdog's pulse, metrics.
            from kiosk.supervision import Supervision
            supervised.append(Supervision(cfg, kiosk.metrics, parent=kiosk))
            supervised[0].start()
        except Exception:
            # Never leave a welcome screen that cannot serve: log, exit non-zero (systemd restarts).
            open_log_file(cfg.data_dir, cfg.kiosk.log_level, early)
            logging.getLogger("kiosk").exception("kiosk failed to start")
            qapp.exit(1)
            return
        logging.getLogger("kiosk").info("kiosk %s started", cfg.kiosk.id)
    on_first_paint(first.attract, take_over)
    # SIGTERM (systemd stop) ends the event loop cleanly; Python needs the loop to wake up.
    signal.signal(signal.SIGTERM, lambda *_: qapp.exit(0))
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    if args.quit_after:
        QTimer.singleShot(int(args.quit_after * 1000), lambda: qapp.exit(0))
    try:
        return qapp.exec()
    finally:
        for supervision in supervised:
            supervision.stop()          # STOPPING=1 first: systemd knows the exit is wanted
        if running:
            running[0].shutdown()
        else:
            first.close()
        # Delete the window now, while Qt is whole: left to interpreter exit, the virtual
        # keyboard's QML window can be torn down first and crash the process.
        from PySide6.QtCore import QEvent
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
