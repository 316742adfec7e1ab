"""What a delivery attempt can end in. The injected `deliver(entry)` returns one of these."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Delivered:
    """A 2xx carrying the official tracking number (heartbeats may have none)."""
    tracking_no: str | None = None


@dataclass(frozen=True)
class Retry:
    """Try again later: 5xx, 429, 409, timeouts, connection errors.

    `retry_after` (seconds) is the server's Retry-After; `offline` says no
    response came at all, so the sender stops and probes connectivity.
    """
    error: str
    retry_after: float | None = None
    offline: bool = False


@dataclass(frozen=True)
class NeedsStaff:
    """A 4xx other than 409/429: retrying the same request cannot help."""
    reason: str


Outcome = Delivered | Retry | NeedsStaff
