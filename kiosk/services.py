"""The kiosk's non-device services: catalog, gateways (and the embedded simulator), outbox.

Built before the window so that a broken configuration fails early; none of
these touch Qt. `kiosk run`, `kiosk submit` and the tests build the same ones.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class Services:
    def __init__(self, cfg, device_status=None):
        from kiosk.catalog.store import load_catalog
        from kiosk.gateway.client import GatewayRouter
        from kiosk.outbox_service import OutboxService

        self.cfg = cfg
        self.sim = None
        home_url = None
        if cfg.gateway.url == "embedded":
            from kiosk.gateway_sim.server import start_embedded
            self.sim = start_embedded(cfg)
            home_url = self.sim.url
        self.gateway = GatewayRouter(cfg, home_url=home_url)
        self.catalog = load_catalog(cfg)
        self.outbox = OutboxService(cfg, self.gateway, device_status=device_status)

    def start(self) -> None:
        self.outbox.start()

    def stop(self) -> None:
        self.outbox.stop()
        self.gateway.close()
        if self.sim is not None:
            self.sim.stop()

    def sync_catalog(self):
        """Fetch the catalogs (ETag/304), validated, cache written atomically. Worker lane;
        the caller swaps `result.catalog` in on the UI thread."""
        from kiosk.catalog.sync import sync_catalog
        return sync_catalog(self.cfg, self.gateway, self.catalog)
