"""Metrics read at scrape time, on the exposition server's thread.

Each source is a thread-safe snapshot: device states are copied in under a
lock by the UI thread (DeviceHub.status_changed); the outbox's status() runs
its SQL under the store's own lock; delivery outcomes and the open staff call
are plain values the delivery thread keeps. A source that fails is skipped
(and counted in kiosk_metrics_source_errors_total) so one broken part never
blanks the whole scrape.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from prometheus_client.core import (CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily,
                                    StateSetMetricFamily)
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

DEVICE_STATES = ("ready", "busy", "no_media", "offline", "error", "unknown")
PAPER_STATES = ("ok", "low", "out", "unknown")
OUTBOX_STATES = ("pending", "in_flight", "delivered", "needs_staff")
_LOW_PAPER_CODES = {"near_end", "media-low", "media_low", "media-needed"}


def paper_state(state: str, code: str) -> str:
    """A printer's paper from its typed status: no_media is no paper (DESIGN: Devices);
    an offline or failed printer says nothing about its paper."""
    if state == "no_media":
        return "out"
    if state in ("ready", "busy"):
        return "low" if code in _LOW_PAPER_CODES else "ok"
    return "unknown"


def is_printer(kind: str) -> bool:
    """The receipt printer ("printer") and any other printing kind (the A4 document printer)."""
    return kind == "printer" or kind.endswith("_printer")


def _git_commit(root: Path) -> str:
    """The checked-out commit from .git's files (no git process; a worktree works too)."""
    git = root / ".git"
    try:
        if git.is_file():                       # a worktree: "gitdir: /path"
            git = Path(git.read_text().split(":", 1)[1].strip())
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head[:12]
        ref = head.split(":", 1)[1].strip()
        common = git / "commondir"
        bases = [git] + ([(git / common.read_text().strip()).resolve()] if common.exists() else [])
        for base in bases:
            if (base / ref).exists():
                return (base / ref).read_text().strip()[:12]
            packed = base / "packed-refs"
            if packed.exists():
                for line in packed.read_text().splitlines():
                    if line.endswith(" " + ref):
                        return line.split()[0][:12]
    except (OSError, IndexError):
        pass
    return "unknown"


def build_facts(kiosk_id: str, region: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    try:
        ver = version("tongban-kiosk")
    except PackageNotFoundError:
        ver = "unknown"
    commit = os.environ.get("KIOSK_COMMIT") or _git_commit(Path(__file__).resolve().parent.parent)
    return {"version": ver, "commit": commit, "kiosk_id": kiosk_id, "region": region}


class FleetCollector(Collector):
    def __init__(self, kiosk_id: str = "", region: str = ""):
        self._facts_args = (kiosk_id, region)
        self._facts: dict[str, str] | None = None
        self._lock = threading.Lock()
        self._devices: dict[str, tuple[str, str]] = {}     # kind → (state, code)
        self.outbox = None            # kiosk.outbox_service.OutboxService, once built
        self._source_errors: dict[str, int] = {}

    # -- fed by the UI thread ----------------------------------------------------------
    def set_device(self, kind: str, state: str, code: str) -> None:
        with self._lock:
            self._devices[kind] = (state if state in DEVICE_STATES else "unknown", code)

    def expect_device(self, kind: str) -> None:
        with self._lock:
            self._devices.setdefault(kind, ("unknown", ""))

    # -- read on scrape ------------------------------------------------------------------
    def collect(self):
        if self._facts is None:
            self._facts = build_facts(*self._facts_args)
        build = InfoMetricFamily("kiosk_build", "Software version and commit of this kiosk")
        build.add_metric([], self._facts)
        yield build
        yield from self._device_metrics()
        yield from self._guarded("outbox", self._outbox_metrics)
        errors = CounterMetricFamily("kiosk_metrics_source_errors", "Metric sources that failed on scrape",
                                     labels=["source"])
        for source, n in sorted(self._source_errors.items()):
            errors.add_metric([source], n)
        yield errors

    def _guarded(self, name: str, produce):
        try:
            families = list(produce())
        except Exception as exc:     # a locked or broken store must not blank the scrape
            log.warning("metrics source %s failed: %s", name, type(exc).__name__)
            self._source_errors[name] = self._source_errors.get(name, 0) + 1
            return []
        return families

    def _device_metrics(self):
        with self._lock:
            devices = dict(self._devices)
        states = StateSetMetricFamily("kiosk_device_state", "Each device's state", labels=["kind"])
        paper = StateSetMetricFamily("kiosk_paper_state", "Each printer's paper (receipt, A4)",
                                     labels=["kind"])
        for kind, (state, code) in sorted(devices.items()):
            states.add_metric([kind], {s: s == state for s in DEVICE_STATES})
            if is_printer(kind):
                now = paper_state(state, code)
                paper.add_metric([kind], {s: s == now for s in PAPER_STATES})
        yield states
        yield paper

    def _outbox_metrics(self):
        outbox = self.outbox
        if outbox is None:            # services still starting
            return
        st = outbox.status()
        entries = GaugeMetricFamily("kiosk_outbox_entries", "Outbox entries by state", labels=["state"])
        for state in OUTBOX_STATES:
            entries.add_metric([state], st["counts"].get(state, 0))
        yield entries
        age = st.get("oldest_pending_age_s")
        yield GaugeMetricFamily("kiosk_outbox_oldest_pending_age_seconds",
                                "Age of the oldest entry not yet delivered (0: none)",
                                value=age if age is not None else 0.0)
        yield GaugeMetricFamily("kiosk_gateway_online", "1 when the home gateway answers",
                                value=1.0 if st.get("online") else 0.0)
        deliveries = CounterMetricFamily("kiosk_outbox_deliveries", "Delivery attempts by kind and outcome",
                                         labels=["kind", "outcome"])
        for (kind, outcome), n in sorted(outbox.delivery_counts().items()):
            deliveries.add_metric([kind, outcome], n)
        yield deliveries
        yield GaugeMetricFamily("kiosk_staff_calls_open", "呼叫工作人员 calls not yet closed by the session's end",
                                value=1.0 if outbox.attention else 0.0)
