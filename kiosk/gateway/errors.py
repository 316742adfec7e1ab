"""Typed gateway failures, shared by the client, the outbox deliverer and the UI."""
from __future__ import annotations


class GatewayError(Exception):
    """Base: `status` is the HTTP status or None when no response came."""

    retryable = True

    def __init__(self, reason: str, status: int | None = None,
                 retry_after: float | None = None, errors: list | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after
        self.errors = errors or []


class GatewayUnavailable(GatewayError):
    """Connection refused/reset, timeout, DNS, TLS handshake, 5xx, 429, 409: try again later."""

    retryable = True


class GatewayRejected(GatewayError):
    """A 4xx other than 409/429: retrying the same request cannot help (needs staff)."""

    retryable = False


class GatewayMisbehaved(GatewayRejected):
    """The answer breaks the wire contract: a redirect (never followed), a 2xx without a usable
    tracking number, an answer over the size limit. Retrying the same request cannot help:
    it is an error for staff (needs_staff), never a delivery."""
