"""The Prometheus exposition on `[metrics] listen`, on its own threads.

prometheus_client's own WSGI server serves GET /metrics (text format, or
OpenMetrics when Prometheus asks for it) from the kiosk's private registry.
It runs its own threads; its collectors read snapshots only (kiosk/metrics*.py).
A port already taken is not a reason to refuse residents: the kiosk logs a
warning and runs without metrics.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def split_listen(listen: str) -> tuple[str, int]:
    """"127.0.0.1:9464" → ("127.0.0.1", 9464); "[::1]:9464" → ("::1", 9464). Validated in kiosk.config."""
    host, _, port = listen.rpartition(":")
    return host.strip("[]"), int(port)


class MetricsServer:
    def __init__(self, server, thread, address: str):
        self._server, self._thread, self.address = server, thread, address

    @property
    def url(self) -> str:
        return f"http://{self.address}/metrics"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def start_metrics_server(registry, listen: str) -> MetricsServer | None:
    """Serve `registry` on `listen`; None when it is "" (off) or the address cannot be bound."""
    if not listen:
        return None
    from prometheus_client import start_http_server
    host, port = split_listen(listen)
    try:
        server, thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        log.warning("metrics not served: cannot listen on %s: %s / 无法在 %s 提供监控指标", listen, exc, listen)
        return None
    bound = server.server_address[1]
    address = f"[{host}]:{bound}" if ":" in host else f"{host}:{bound}"
    log.info("metrics on http://%s/metrics", address)
    return MetricsServer(server, thread, address)
