"""The delivery loop: claim due entries, hand each to an injected `deliver`, record the outcome.

The library knows nothing of HTTP: `deliver(entry) -> Delivered | Retry | NeedsStaff`
and `probe() -> bool` (is the gateway reachable?) are given to it.
- Exponential backoff with full jitter: delay = U(0, min(max, base·2^(attempts-1))),
  never shorter than the server's Retry-After.
- A Retry with `offline=True` (no response at all) stops the round; the loop
  then probes every `probe_interval_s` and drains at once when the probe
  succeeds (backed-off entries become due, Retry-After holds still count).
"""
from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable

from offline_queue.outcomes import Delivered, NeedsStaff, Outcome, Retry
from offline_queue.store import Entry, Outbox

log = logging.getLogger(__name__)

MAX_RETRY_AFTER_S = 86400.0


@dataclass
class SyncResult:
    delivered: int = 0
    retried: int = 0
    needs_staff: int = 0
    offline: bool = False


class Sender:
    def __init__(self, outbox: Outbox, deliver: Callable[[Entry], Outcome], *,
                 probe: Callable[[], bool] | None = None,
                 base_backoff_s: float = 1.0, max_backoff_s: float = 300.0,
                 probe_interval_s: float = 5.0, idle_wait_s: float = 2.0, batch: int = 8,
                 idle_probe_s: float | None = None,
                 on_delivered: Callable[[str, str | None], None] | None = None,
                 on_online: Callable[[bool], None] | None = None,
                 on_tick: Callable[[], None] | None = None,
                 rand: Callable[[], float] = random.random):
        self.outbox = outbox
        self._deliver = deliver
        self._probe = probe
        self.base_backoff_s = base_backoff_s
        self.max_backoff_s = max_backoff_s
        self.probe_interval_s = probe_interval_s
        # While online but idle, probe this often so the offline banner shows without waiting
        # for a submission to fail (default: the probe interval).
        self.idle_probe_s = probe_interval_s if idle_probe_s is None else idle_probe_s
        self._last_contact = 0.0
        self.idle_wait_s = idle_wait_s
        self.batch = batch
        self._on_delivered = on_delivered
        self._on_online = on_online
        self._on_tick = on_tick     # called once per loop turn in the sender thread (heartbeats)
        self._rand = rand
        self._online = True if probe is None else None   # None: not known yet
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.checkpoint_interval_s = 2.0
        self._last_checkpoint = 0.0

    # --- state ---------------------------------------------------------------------------------

    @property
    def online(self) -> bool:
        return bool(self._online)

    def _set_online(self, value: bool) -> None:
        changed = self._online != value
        self._online = value
        if changed:
            log.info("gateway %s / 网关%s", "reachable" if value else "unreachable",
                     "已连接" if value else "无法连接")
            if value:
                self.outbox.make_due_now()
            if self._on_online:
                try:
                    self._on_online(value)
                except Exception:   # a listener must not stop delivery
                    log.warning("online listener failed / 监听器出错", exc_info=True)

    def backoff(self, attempts: int) -> float:
        cap = min(self.max_backoff_s, self.base_backoff_s * (2 ** min(max(attempts - 1, 0), 30)))
        return self._rand() * cap

    # --- one round -----------------------------------------------------------------------------

    def check_online(self) -> bool:
        if self._probe is None:
            self._set_online(True)
            return True
        try:
            ok = bool(self._probe())
        except Exception as exc:
            log.warning("probe failed / 连通性检测失败: %s", exc)
            ok = False
        if ok:
            self._last_contact = time.monotonic()
        self._set_online(ok)
        return ok

    def deliver_due(self, result: SyncResult | None = None, limit: int | None = None) -> SyncResult:
        """Deliver what is due now, until nothing is due, the gateway is unreachable, or
        `limit` entries were tried."""
        result = result or SyncResult()
        tried = 0
        while not self._stop.is_set() and (limit is None or tried < limit):
            entries = self.outbox.claim(self.batch if limit is None else min(self.batch, limit - tried))
            tried += len(entries)
            if not entries:
                break
            done: list[tuple[str, str | None]] = []
            try:
                for i, entry in enumerate(entries):
                    if self._stop.is_set() or result.offline:
                        for rest in entries[i:]:
                            self.outbox.release(rest.id)
                        break
                    self._attempt(entry, result, done)
            finally:
                self._record_delivered(done)
            if result.offline:
                break
        return result

    def _record_delivered(self, done: list[tuple[str, str | None]]) -> None:
        """One commit for the batch's 2xx answers, then tell the listeners."""
        if not done:
            return
        self.outbox.mark_delivered_many(done)
        if self._on_delivered:
            for entry_id, tracking_no in done:
                self._on_delivered(entry_id, tracking_no)

    def _attempt(self, entry: Entry, result: SyncResult, done: list) -> None:
        try:
            outcome = self._deliver(entry)
        except Exception as exc:   # a bug in deliver must not lose the entry: retry later
            log.warning("deliver raised / 投递出错 %s: %r", entry.id, exc)
            outcome = Retry(f"deliver raised {type(exc).__name__}: {exc}")
        if isinstance(outcome, Delivered) and not (
                outcome.tracking_no is None or isinstance(outcome.tracking_no, str)):
            # A number or a list from a gateway would fail the batch's commit and be retried for ever.
            outcome = NeedsStaff(f"answered 2xx with a tracking number that is not text "
                                 f"({type(outcome.tracking_no).__name__}) / 网关返回的受理编号无效")
        if isinstance(outcome, Delivered):
            done.append((entry.id, outcome.tracking_no))
            result.delivered += 1
            self._last_contact = time.monotonic()
            if self._online is not True:
                self._set_online(True)
        elif isinstance(outcome, NeedsStaff):
            log.warning("entry %s needs staff / 需人工处理: %s", entry.id, outcome.reason)
            self.outbox.mark_needs_staff(entry.id, outcome.reason)
            result.needs_staff += 1
        else:
            hold = min(float(outcome.retry_after or 0.0), MAX_RETRY_AFTER_S)
            delay = max(self.backoff(entry.attempts), hold)
            self.outbox.mark_retry(entry.id, outcome.error, delay, hold)
            result.retried += 1
            if outcome.offline:
                result.offline = True
                self._set_online(False)

    def sync(self, until_empty: bool = False, timeout: float | None = None) -> SyncResult:
        """One-shot run (`kiosk queue sync`): probe, deliver what is due; with
        `until_empty`, keep going (waiting out backoffs) until nothing is pending
        or in flight, or `timeout` passes."""
        deadline = None if timeout is None else time.monotonic() + timeout
        result = SyncResult()
        while True:
            if self.check_online():
                result.offline = False
                self.deliver_due(result)
            st = self.outbox.status()["counts"]
            if not until_empty or st["pending"] + st["in_flight"] == 0:
                break
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                break
            wait = self.probe_interval_s if not self.online else (self.outbox.next_due_in() or 0.05)
            wait = max(0.01, min(wait, self.idle_wait_s, left if left is not None else wait))
            if self._wake.wait(wait):
                self._wake.clear()
        return result

    # --- the background thread ---------------------------------------------------------------

    def start(self, name: str = "outbox-sender") -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Something was put, or a technician asked: look now instead of after the idle wait."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self._on_tick:
                    self._on_tick()
                idle_too_long = (self._probe is not None
                                 and time.monotonic() - self._last_contact >= self.idle_probe_s)
                if self._online is not True or idle_too_long:
                    if not self.check_online():
                        self._sleep(self.probe_interval_s)
                        continue
                due = self.outbox.next_due_in()
                if due is None or due > 0:
                    # Nothing due: a read each turn, not claim()'s write transaction (an idle kiosk
                    # took one a second). put() wakes this loop; another process's change (a
                    # technician's retry) is seen by the read within idle_wait_s.
                    self._maybe_checkpoint()
                    self._sleep(self.idle_wait_s if due is None else min(due, self.idle_wait_s))
                    continue
                result = self.deliver_due()
                if result.offline:
                    self._sleep(self.probe_interval_s)
                    continue
                self._maybe_checkpoint()
                due = self.outbox.next_due_in()
                self._sleep(self.idle_wait_s if due is None else min(due, self.idle_wait_s))
            except Exception:   # keep the loop alive: the disk may be full for a while
                log.exception("outbox sender loop error / 发送循环出错")
                self._sleep(self.probe_interval_s)

    def _maybe_checkpoint(self) -> None:
        """Keep WAL checkpoints off the put path (the resident's COMMIT): do them here."""
        now = time.monotonic()
        if now - self._last_checkpoint >= self.checkpoint_interval_s:
            self._last_checkpoint = now
            self.outbox.checkpoint()

    def _sleep(self, seconds: float) -> None:
        if self._wake.wait(max(0.0, seconds)):
            self._wake.clear()
