"""The kiosk's outbox: offline_queue wired to the gateway router, on ONE plain thread (no Qt).

Submissions, ratings (好差评) and heartbeats all go through it. `submit`
returns once the entry is durable (the COMMIT of the outbox pattern); the
delivery thread sends it when the gateway is reachable. Gateway errors map
onto outcomes: GatewayUnavailable → retry (Retry-After honoured; no response
at all → offline, probe /v1/health, drain at once on reconnect);
GatewayRejected → needs_staff with the server's reasons.

Listeners (`add_listener`) are called on the delivery thread: a Qt caller must
hop to the GUI thread itself (a queued signal).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from kiosk.gateway.errors import GatewayRejected, GatewayUnavailable
from kiosk.submission import use_group_secret_of
from offline_queue import Delivered, Entry, NeedsStaff, Outbox, Retry, Sender, SyncResult

log = logging.getLogger(__name__)

SUBMISSION, EVALUATION, HEARTBEAT = "submission", "evaluation", "heartbeat"
# Receipt rows (no personal data) are kept this long for technicians and progress look-ups.
RECEIPT_RETENTION_S = 180 * 86400


def outbox_path(cfg) -> Path:
    return Path(cfg.kiosk.data_dir) / "queue" / "outbox.db"


def open_outbox(cfg, new_key: bool = False) -> Outbox:
    """The kiosk's outbox store (also used by `kiosk queue …`). Opening runs PRAGMA quick_check and
    repairs a damaged file; a missing key with entries raises KeyFileMissing naming the file."""
    return Outbox(outbox_path(cfg), cfg.queue.key_file, lease_s=cfg.queue.lease_s,
                  ephemeral_kinds={HEARTBEAT}, new_key=new_key)


def _reason(exc: GatewayRejected) -> str:
    parts = [exc.reason]
    for e in exc.errors[:10]:
        if isinstance(e, dict):
            parts.append(f"{e.get('field', '')}: {e.get('message_en') or e.get('message', '')}".strip())
    return " | ".join(parts)


class OutboxService:
    def __init__(self, cfg, router, *, device_status: Callable[[], dict] | None = None,
                 base_backoff_s: float = 1.0, max_backoff_s: float | None = None,
                 probe_interval_s: float = 5.0, heartbeat_s: float | None = None,
                 heartbeats: bool = True):
        self.cfg = cfg
        self.router = router
        self.outbox = open_outbox(cfg)
        use_group_secret_of(cfg)   # applicant_group(identity) without cfg now agrees with this kiosk
        self.device_status = device_status   # callable → dict; may be set later (the app's hub)
        self.heartbeat_s = float(heartbeat_s if heartbeat_s is not None else cfg.queue.heartbeat_s)
        self._heartbeats = heartbeats   # False for one-shot commands
        self._next_heartbeat = 0.0      # the first turn sends one
        self._next_purge = 0.0
        self._started_at = time.monotonic()
        self.attention: dict | None = None   # an open staff call, carried by every heartbeat
        self._listeners: list[Callable[[bool], None]] = []
        self._delivered = threading.Condition()
        self._outcomes: dict[tuple[str, str], int] = {}   # (kind, outcome) → attempts
        self._counts_lock = threading.Lock()
        self.sender = Sender(self.outbox, self._deliver, probe=self._probe,
                             base_backoff_s=base_backoff_s,
                             max_backoff_s=float(max_backoff_s or cfg.queue.max_backoff_s),
                             probe_interval_s=probe_interval_s, idle_wait_s=1.0,
                             on_delivered=self._on_delivered, on_online=self._on_online,
                             on_tick=self._maybe_heartbeat)
        self._started = False

    # --- life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        self.sender.start("outbox-delivery")
        self._started = True

    def stop(self, abandon_in_flight: bool = False) -> None:
        """Stop the delivery thread; with `abandon_in_flight`, end a request in flight now instead of
        waiting out its deadline (a command leaving after its --wait: the entry stays queued)."""
        limit = float(self.cfg.gateway.timeout_s) + 5
        if abandon_in_flight:
            thread = self.sender._thread
            self.sender._stop.set()
            self.sender.wake()
            deadline = time.monotonic() + limit
            while thread is not None and thread.is_alive() and time.monotonic() < deadline:
                self.router.abort()        # again until it is out: a request may start just after
                thread.join(0.05)
        self.sender.stop(timeout=limit)
        self._started = False

    def close(self, abandon_in_flight: bool = False) -> None:
        self.stop(abandon_in_flight)
        self.outbox.close()

    # --- putting -------------------------------------------------------------------------------

    def submit(self, body: dict, group: str) -> str:
        """Durable on return: the local receipt number. Delivery happens on the delivery thread."""
        local_id = self.outbox.put(SUBMISSION, body, group=group, region=body.get("region"))
        log.info("submission %s queued (item %s) / 申请已保存待提交", local_id, body.get("item_code"))
        self.sender.wake()
        return local_id

    def submit_linked(self, bodies: list[dict], group: str, scene_id: str) -> list[str]:
        """一件事一次办: one submission per item, committed together (all or none), each with its own
        idempotency key; every body carries `scene_id` on the wire and the entries share a link
        (the scene and a visit token), so the receipt and the progress query find them together."""
        link = f"{scene_id}:{os.urandom(6).hex()}"
        ids = self.outbox.put_many(SUBMISSION, [{"payload": dict(b, scene_id=scene_id), "group": group,
                                                 "region": b.get("region"), "tag": b.get("item_code")}
                                                for b in bodies], link=link)
        log.info("scene %s: %d submissions queued together / 一件事申请已保存待提交", scene_id, len(ids))
        self.sender.wake()
        return ids

    def settled(self, local_ids: list[str], timeout: float) -> dict[str, dict]:
        """Wait until every entry is delivered or needs staff, or `timeout` seconds: local id →
        {"state", "tracking_no"}."""
        deadline = time.monotonic() + timeout
        with self._delivered:
            while True:
                rows = {lid: self.outbox.get(lid) or {} for lid in local_ids}
                out = {lid: {"state": r.get("state"), "tracking_no": r.get("tracking_no")} for lid, r in rows.items()}
                left = deadline - time.monotonic()
                if left <= 0 or all(o["state"] in ("delivered", "needs_staff") for o in out.values()):
                    return out
                self._delivered.wait(min(left, 0.1))

    def visit_of(self, group: str) -> list[dict]:
        """The applicant's newest visit on this kiosk: its entries (a scene's linked items, or the one
        submission), each with local id, state, tracking number, key, and for a scene `scene_id` and
        `item_code`."""
        rows = self.outbox.by_group(group, SUBMISSION)
        if not rows:
            return []
        last = rows[-1]
        if not last.get("link"):
            return [last]
        visit = last["link"].partition("/")[0]
        out = [r for r in rows if (r["link"] or "").partition("/")[0] == visit]
        for r in out:
            r["scene_id"], r["item_code"] = visit.rpartition(":")[0], r["link"].partition("/")[2]
        return out

    def rate(self, body: dict, group: str) -> str:
        """A 好差评 rating; same guarantees as a submission (a rating is never dropped)."""
        return self.rate_many([body], group)[0]

    def rate_many(self, bodies: list[dict], group: str) -> list[str]:
        """A 一件事一次办 visit's rating: one 好差评 per item (each is its own 办件 at its own
        department and region), all stored or none, in one transaction."""
        ids = self.outbox.put_many(EVALUATION, [{"payload": b, "group": group, "region": b.get("region")}
                                                for b in bodies])
        self.sender.wake()
        return ids

    def heartbeat_now(self) -> str:
        body = {"kiosk_id": self.cfg.kiosk.id, "hall": self.cfg.kiosk.hall,
                "at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "online": self.online, "queue": self.outbox.status(), "devices": {}}
        attention = self.attention
        if attention:
            body["attention"] = attention
        if self.device_status:
            try:
                body["devices"] = self.device_status()
            except Exception as exc:   # a broken status source must not stop heartbeats
                body["devices"] = {"error": f"{type(exc).__name__}: {exc}"}
        local_id = self.outbox.put(HEARTBEAT, body)
        self.sender.wake()
        return local_id

    def call_staff(self, step: str) -> str:
        """呼叫工作人员: a heartbeat goes now, and every later one carries the call until
        `clear_staff_call()` (the session's end). Only the newest heartbeat is kept while
        offline, so the call is never superseded by one that forgot it. No personal data:
        the kiosk, the time and the step."""
        self.attention = {"staff_call": {"at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                                         "step": step}}
        log.info("staff call at step %s / 呼叫工作人员", step)
        return self.heartbeat_now()

    def clear_staff_call(self) -> str | None:
        if self.attention is None:
            return None
        self.attention = None
        return self.heartbeat_now()

    def _maybe_heartbeat(self) -> None:
        now = time.monotonic()
        if self._heartbeats and now >= self._next_heartbeat:
            self._next_heartbeat = now + self.heartbeat_s
            self.heartbeat_now()
        if now >= self._next_purge:
            self._next_purge = now + 3600
            self.outbox.purge_receipts(RECEIPT_RETENTION_S)
            if self._next_purge - 3600 > self._started_at + 1:   # not at start: the open just checked
                problems = self.outbox.check()         # hourly PRAGMA quick_check; damage is repaired
                if problems:
                    log.warning("outbox damage found and repaired / 发件箱损坏已修复: %s", problems[0])

    # --- delivering ----------------------------------------------------------------------------

    def _deliver(self, entry: Entry):
        outcome = self._attempt(entry)
        if isinstance(outcome, Retry):
            name = "offline" if outcome.offline else "retry"
        else:
            name = "delivered" if isinstance(outcome, Delivered) else "needs_staff"
        with self._counts_lock:
            key = (entry.kind, name)
            self._outcomes[key] = self._outcomes.get(key, 0) + 1
        return outcome

    def delivery_counts(self) -> dict[tuple[str, str], int]:
        """(kind, outcome) → attempts since start, for metrics (any thread)."""
        with self._counts_lock:
            return dict(self._outcomes)

    def _attempt(self, entry: Entry):
        try:
            if entry.kind == SUBMISSION:
                resp = self.router.submit(entry.payload, entry.idempotency_key)
                return Delivered(resp["tracking_no"])
            if entry.kind == EVALUATION:
                resp = self.router.evaluate(entry.payload, entry.idempotency_key) or {}
                return Delivered(resp.get("tracking_no") or resp.get("id"))
            if entry.kind == HEARTBEAT:
                self.router.heartbeat(self.cfg.kiosk.id, entry.payload)
                return Delivered(None)
            return NeedsStaff(f"unknown kind {entry.kind!r} / 未知类型")
        except GatewayRejected as exc:
            return NeedsStaff(_reason(exc))
        except GatewayUnavailable as exc:
            return Retry(exc.reason, retry_after=exc.retry_after, offline=exc.status is None)

    def _probe(self) -> bool:
        return self.router.health()

    def _on_delivered(self, local_id: str, tracking_no: str | None) -> None:
        with self._delivered:
            self._delivered.notify_all()

    def _on_online(self, online: bool) -> None:
        for cb in list(self._listeners):
            try:
                cb(online)
            except Exception:
                log.warning("online listener failed / 网络状态监听出错", exc_info=True)

    # --- asking --------------------------------------------------------------------------------

    def wait_delivered(self, local_id: str, timeout: float) -> str | None:
        """The official tracking number once delivered, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._delivered:
            while True:
                tn = self.outbox.tracking_no(local_id)
                left = deadline - time.monotonic()
                if tn is not None or left <= 0:
                    return tn
                self._delivered.wait(min(left, 0.25))   # also sees deliveries by other processes

    @property
    def online(self) -> bool:
        return self.sender.online

    def add_listener(self, callback: Callable[[bool], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[bool], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def receipts_for_group(self, group: str) -> list[str]:
        """What to ask the gateway about an applicant's submissions, oldest first: the tracking
        number once delivered, else the idempotency key (the gateway answers to both)."""
        return [r["tracking_no"] or r["idempotency_key"]
                for r in self.outbox.by_group(group, SUBMISSION)]

    def status(self) -> dict:
        """outbox.status() (counts, ages, last error, and `healthy`, `damage` = unacknowledged damage
        reports naming the file and the lost local ids, `lost` = entries it could not keep) + online."""
        st = self.outbox.status()
        st["online"] = self.online
        return st

    def sync_once(self, until_empty: bool = False, timeout: float | None = None) -> SyncResult:
        """One-shot delivery in the calling thread (`kiosk queue sync`); not with start()."""
        if self._started:
            raise RuntimeError("sync_once while the delivery thread runs; use wake() instead")
        return self.sender.sync(until_empty=until_empty, timeout=timeout)

    def wake(self) -> None:
        self.sender.wake()


class gateway_router:
    """Context manager for one-shot commands: a GatewayRouter to the configured home gateway,
    starting the embedded simulator for the duration when gateway.url = "embedded"."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.sim = None
        self.router = None

    def __enter__(self):
        from kiosk.gateway.client import GatewayRouter
        home = None
        if self.cfg.gateway.url == "embedded":
            from kiosk.gateway_sim import start_embedded
            self.sim = start_embedded(self.cfg)
            home = self.sim.url
        self.router = GatewayRouter(self.cfg, home_url=home)
        return self.router

    def __exit__(self, *exc):
        if self.router is not None:
            self.router.close()
        if self.sim is not None:
            self.sim.stop()
