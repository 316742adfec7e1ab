"""What the maintenance screen shows, gathered off the UI thread (no widgets here).

Each function runs on a worker lane and returns plain data: the kiosk's facts
(id, version, commit, IP addresses), each gateway and whether it answers now,
the outbox's status and its undelivered entries (metadata only, the same as
`kiosk queue status/list`), and the last lines of the log and the audit log,
masked again on the way out (the log is masked when written; this is a second
belt for anything an older version wrote).
"""
from __future__ import annotations

import time
from pathlib import Path

from kiosk.logging_setup import redact

TAIL_BYTES = 64 * 1024
UNDELIVERED = ("pending", "in_flight", "needs_staff")


def ip_addresses() -> list[str]:
    """This terminal's addresses, not loopback (what a technician tells the city's IT)."""
    from PySide6.QtNetwork import QNetworkInterface
    out = [a.toString() for a in QNetworkInterface.allAddresses() if not (a.isLoopback() or a.isLinkLocal())]
    return out or ["-"]


def about(cfg) -> dict:
    from kiosk.metrics_collectors import build_facts
    facts = build_facts(cfg.kiosk.id, cfg.kiosk.region)
    return {**facts, "hall": cfg.kiosk.hall, "ips": ip_addresses()}


def gateway_checks(cfg, router) -> list[dict]:
    """The home gateway and each region's: does /v1/health answer now, and how fast."""
    targets = [("home", None, cfg.gateway.url)] + [(code, code, r.url) for code, r in sorted(cfg.regions.items())]
    out = []
    for name, region, url in targets:
        started = time.monotonic()
        try:
            ok, error = bool(router.health(region)), ""
        except Exception as exc:      # an unreachable gateway is a result, not a failure
            ok, error = False, type(exc).__name__
        out.append({"name": name, "url": url, "ok": ok, "ms": round((time.monotonic() - started) * 1000),
                    "error": error})
    return out


def queue_view(outbox_service, limit: int = 50) -> dict:
    """`status()` (as `kiosk queue status --json`) and the undelivered entries, oldest first."""
    status = outbox_service.status()
    entries = [row for state in UNDELIVERED for row in outbox_service.outbox.list(state=state, limit=limit)]
    entries.sort(key=lambda r: r.get("created_at") or 0)
    return {"status": status, "entries": entries[:limit]}


def tail(path: Path, lines: int = 12) -> list[str]:
    """The last `lines` lines of a text file, masked; [] when it does not exist yet."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - TAIL_BYTES))
            data = f.read()
    except OSError:
        return []
    text = data.decode("utf-8", errors="replace").splitlines()
    if size > TAIL_BYTES:
        text = text[1:]            # the first line was cut in the middle
    return [redact(t) for t in text[-lines:]]


def logs(cfg) -> dict:
    data = Path(cfg.kiosk.data_dir)
    return {"log": tail(data / "logs" / "kiosk.log"), "audit": tail(data / "audit.log")}
