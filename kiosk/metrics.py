"""What the kiosk tells the city's Prometheus: one object the shell and the flows call.

Events (a session began, an item was chosen, a commit, a face check, an idle
wipe, a screen shown) are cheap calls on the UI thread that bump counters.
Everything else — device and paper state, the outbox, open staff calls,
process memory — is read on scrape by collectors (kiosk/metrics_collectors.py)
from thread-safe snapshots, on the exposition server's own thread; nothing
here touches a Qt object or does I/O on the UI thread.

No personal data in any label or value: labels are item codes (checked
against a strict pattern), step and screen names, device kinds and fixed
outcome words. Nothing here ever sees a name, an ID number or a form value.

Its own CollectorRegistry (not prometheus_client's global one), so tests and
several kiosks in one process never share counters. prometheus_client is imported
when the metrics are first needed (the exposition server's thread at start-up, or
the devices attaching), not when the application module is imported on the UI
thread right after the first paint: it costs 80 ms or more to import.
"""
from __future__ import annotations

import re
import threading
from typing import Callable

# Item codes look like "HLJ-HRB-0001"; anything else is reported as "other" so that
# free text can never reach a label.
_ITEM_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,47}")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
FACE_OUTCOMES = ("match", "mismatch", "error", "staff")   # staff: 工作人员核验 instead
NO_ITEM = "none"
# Lag of the UI event loop past its timer's due time: 5 ms (fine) to 10 s (frozen).
LAG_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def item_label(code: str | None) -> str:
    if not code:
        return NO_ITEM
    return code if _ITEM_CODE.fullmatch(code) else "other"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def name_label(name: str) -> str:
    """A step, screen or device kind: a lower-case identifier, else "other"."""
    return name if _NAME.fullmatch(name or "") else "other"


class KioskMetrics:
    """The application's metrics. Event methods are for the UI thread; `sources`
    (set with `watch_*`) are called on the scraping thread and must be thread-safe."""

    def __init__(self, kiosk_id: str = "", region: str = "", *, process: bool = True):
        self._args = (kiosk_id, region, process)
        self._lock = threading.Lock()
        self._built = False
        self._early_lag: list[float] = []     # UI lag measured before the instruments exist
        self._item: str | None = None         # the transaction in progress
        self._completed_now = False
        self._in_session = False
        self._screen_listeners: list[Callable[[str], None]] = []

    def _ensure(self) -> None:
        """Create the registry and instruments once (any thread; imports prometheus_client)."""
        if self._built:
            return
        with self._lock:
            if self._built:
                return
            from prometheus_client import CollectorRegistry, Counter, Histogram
            from prometheus_client.process_collector import ProcessCollector

            from kiosk.metrics_collectors import FleetCollector
            kiosk_id, region, process = self._args
            r = CollectorRegistry(auto_describe=True)
            self._started = Counter("kiosk_transactions_started", "Transactions begun, by item chosen",
                                    ["item"], registry=r)
            self._completed = Counter("kiosk_transactions_completed",
                                      "Transactions committed to the outbox (已受理), by item", ["item"], registry=r)
            self._abandoned = Counter("kiosk_transactions_abandoned",
                                      "Transactions ended before the commit, by item and the step they stopped at",
                                      ["item", "step"], registry=r)
            self._sessions = Counter("kiosk_sessions_started", "Sessions begun from the attract screen", registry=r)
            self._faces = Counter("kiosk_face_checks", "Face checks by outcome (match, mismatch, error; staff: verified by hall staff instead)",
                                  ["outcome"], registry=r)
            self._idle = Counter("kiosk_idle_wipes", "Sessions wiped by the idle timeout, by the step shown",
                                 ["step"], registry=r)
            self._staff = Counter("kiosk_staff_calls", "呼叫工作人员 pressed, by step", ["step"], registry=r)
            self._ui_lag = Histogram("kiosk_ui_loop_lag_seconds",
                                     "How late the UI thread's event loop ran a timer (frozen UI = large)",
                                     buckets=LAG_BUCKETS, registry=r)
            self._collector = FleetCollector(kiosk_id, region)
            r.register(self._collector)
            if process:
                ProcessCollector(registry=r)      # process_resident_memory_bytes, open fds, CPU
            self._registry = r
            self._built = True

    @property
    def registry(self):
        self._ensure()
        return self._registry

    @property
    def collector(self):
        self._ensure()
        return self._collector

    @property
    def ui_lag(self):
        self._ensure()
        return self._ui_lag

    # -- the transaction (UI thread) -------------------------------------------------
    def session_started(self) -> None:
        self._ensure()
        self._sessions.inc()
        self._in_session, self._item, self._completed_now = True, None, False

    def item_chosen(self, code: str) -> None:
        """A transaction of this item starts; one left half-way for another item is abandoned."""
        self._ensure()
        if self._item is not None and not self._completed_now:
            self._abandoned.labels(item_label(self._item), "item").inc()
        self._item, self._completed_now = code, False
        self._started.labels(item_label(code)).inc()

    def committed(self) -> None:
        """The submission is durable (the COMMIT): the transaction is complete."""
        if self._item is not None and not self._completed_now:
            self._completed.labels(item_label(self._item)).inc()
            self._completed_now = True

    def session_ended(self, step: str) -> None:
        """The wipe (completion, cancel, idle, error): a transaction not committed is abandoned at `step`."""
        self._ensure()
        if self._item is not None and not self._completed_now:
            self._abandoned.labels(item_label(self._item), name_label(step)).inc()
        self._in_session, self._item, self._completed_now = False, None, False

    def idle_wipe(self, step: str) -> None:
        self._ensure()
        self._idle.labels(name_label(step)).inc()

    def face_checked(self, outcome: str) -> None:
        self._ensure()
        self._faces.labels(outcome if outcome in FACE_OUTCOMES else "error").inc()

    def staff_called(self, step: str) -> None:
        self._ensure()
        self._staff.labels(name_label(step)).inc()

    # -- what the kiosk shows (UI thread; systemd's STATUS= listens) --------------------
    def screen_shown(self, screen) -> None:
        """`screen`: a name or the screen widget (its class name says which: FormScreen → form)."""
        if not isinstance(screen, str):
            screen = _snake(type(screen).__name__.removesuffix("Screen"))
        text = name_label(screen)
        for listener in list(self._screen_listeners):
            listener(text)

    def on_screen(self, listener: Callable[[str], None]) -> None:
        self._screen_listeners.append(listener)

    # -- snapshots read on scrape ---------------------------------------------------------
    def device_status(self, kind: str, status) -> None:
        """Connected to DeviceHub.status_changed: every kind the hub has appears by itself."""
        self.collector.set_device(name_label(kind), status.state.value, status.code)

    def attach(self, kinds: list[str], outbox) -> None:
        """Devices and services are up. Kinds not yet heard from are "unknown"; `outbox` is the
        OutboxService: status() (SQLite under the store's lock), delivery outcomes, the staff call."""
        for kind in kinds:
            self.collector.expect_device(name_label(kind))
        self.collector.outbox = outbox

    def ui_lagged(self, seconds: float) -> None:
        """From the UI pulse; kept aside until the instruments exist (never imports on the UI thread)."""
        if not self._built:
            if len(self._early_lag) < 256:
                self._early_lag.append(max(0.0, seconds))
            return
        while self._early_lag:
            self._ui_lag.observe(self._early_lag.pop())
        self._ui_lag.observe(max(0.0, seconds))

    # -- exposition -------------------------------------------------------------------------
    def exposition(self) -> bytes:
        """The text format Prometheus scrapes (for tests and `kiosk metrics`)."""
        from prometheus_client import generate_latest
        return generate_latest(self.registry)
