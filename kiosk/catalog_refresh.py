"""Keep the catalog current: a sync after start and every `catalog.sync_interval_s`.

The fetch and validation run on the network lane; the new catalog is swapped
into the services here, on the UI thread, so a screen never sees half of one.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class CatalogRefresher(QObject):
    def __init__(self, runner, services, parent: QObject | None = None):
        """`services`: a callable giving kiosk.services.Services once start-up has built them."""
        super().__init__(parent)
        self.runner, self._services = runner, services
        self._timer: QTimer | None = None

    def every(self, interval_s: int) -> None:
        if interval_s <= 0:
            return
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync)
        self._timer.start(interval_s * 1000)
        QTimer.singleShot(0, self.sync)

    def sync(self, then=None) -> None:
        services = self._services()

        def done(result) -> None:
            services.catalog = result.catalog
            log.info("catalog sync: %s", "ok" if result.ok else "kept the current catalog for some regions")
            if then:
                then()
        self.runner.run("network", services.sync_catalog, done,
                        lambda exc: log.warning("catalog sync failed: %s", type(exc).__name__))
