"""What lets a city run the kiosk unattended (`kiosk run` only, not tests' in-process kiosks):
the metrics served on `[metrics] listen`, systemd told READY/STATUS/STOPPING, and the
UI loop's pulse (lag histogram + WATCHDOG=1)."""
from __future__ import annotations

import logging
import threading

from kiosk.metrics_server import start_metrics_server
from kiosk.systemd_notify import Notifier
from kiosk.ui_pulse import UiPulse

log = logging.getLogger(__name__)


class Supervision:
    def __init__(self, cfg, metrics, parent=None, env=None):
        self.notifier = Notifier(env)
        self.pulse = UiPulse(metrics.ui_lagged, self.notifier, parent)
        self.metrics = metrics
        self.server = None
        self._serving: threading.Thread | None = None
        self._listen = cfg.metrics.listen
        metrics.on_screen(self._status)

    def start(self) -> None:
        """Right after the first paint: READY=1, the pulse, then the exposition server on a thread
        of its own (importing prometheus_client and binding are not the UI thread's work)."""
        self.notifier.ready("attract")
        self.pulse.start()
        self._serving = threading.Thread(target=self._serve, name="metrics-start", daemon=True)
        self._serving.start()

    def _serve(self) -> None:
        self.server = start_metrics_server(self.metrics.registry, self._listen)

    def _status(self, text: str) -> None:
        self.notifier.status(text)

    def stop(self) -> None:
        self.notifier.stopping()
        self.pulse.stop()
        if self._serving is not None:
            self._serving.join(10)
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.notifier.close()
