"""Fetch a submission's documents and the resident's licences, and verify each: worker lanes only.

Everything stays in memory. A document that does not verify is returned as
a refusal (its listing and the reason for staff), never as something to show.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from kiosk.documents.model import DocumentRefused, VerifiedDocument
from kiosk.documents.verify import DocumentVerifier
from kiosk.gateway.errors import GatewayError

log = logging.getLogger(__name__)


@dataclass
class Fetched:
    documents: list[VerifiedDocument] = field(default_factory=list)
    refused: list[tuple[dict, DocumentRefused]] = field(default_factory=list)
    pending: bool = False          # the item produces documents, not ready yet (not completed)
    seconds_gateway: float = 0.0   # listing + downloads
    seconds_verify: float = 0.0


def _timed_verify(verifier: DocumentVerifier, data: bytes, listing: dict, out: Fetched):
    t = time.perf_counter()
    try:
        return verifier.verify(data, listing)
    finally:
        out.seconds_verify += time.perf_counter() - t


def submission_documents(client, ident: str, verifier: DocumentVerifier, wait_s: float = 3.0,
                         poll_s: float = 0.3) -> Fetched:
    """`GET /v1/submissions/{ident}` until it lists documents (or `wait_s`), then each PDF."""
    out = Fetched()
    t0 = time.perf_counter()
    deadline = time.monotonic() + wait_s
    while True:
        answer = client.submission(ident)
        listing = answer.get("documents")
        if isinstance(listing, list) or time.monotonic() >= deadline:
            break
        time.sleep(poll_s)
    if not isinstance(listing, list):
        out.pending = answer.get("status") != "completed"
        out.seconds_gateway = time.perf_counter() - t0
        return out
    for d in listing:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            continue
        t = time.perf_counter()
        try:
            data = client.document_pdf(d["id"], verifier.max_bytes)
        except GatewayError as exc:
            out.refused.append((d, DocumentRefused("fetch_failed", exc.reason)))
            continue
        finally:
            out.seconds_gateway += time.perf_counter() - t
        try:
            out.documents.append(_timed_verify(verifier, data, d, out))
        except DocumentRefused as r:
            log.warning("document refused: %s (%s) — %s / %s", d.get("title", ""),
                        d.get("verification_code", ""), r, r.zh)
            out.refused.append((d, r))
    return out


@dataclass(frozen=True)
class License:
    """A licence the resident may use as a material: verified, in memory."""
    id: str
    kind: str
    number_masked: str
    issuer: str
    valid_until: str
    sha256: str
    document: VerifiedDocument

    def reference(self, key: str) -> dict:
        """What a submission carries instead of a photo."""
        return {"key": key, "license_id": self.id, "sha256": self.sha256}


def resident_licenses(client, headers: dict, kinds: set[str], verifier: DocumentVerifier) -> tuple[list[License], list]:
    """The resident's licences of `kinds`, each file fetched and verified (refusals apart)."""
    found, refused = [], []
    for x in client.licenses(headers):
        if x.get("kind") not in kinds or not isinstance(x.get("id"), str):
            continue
        listing = {"id": x["id"], "title": x["kind"], "sha256": x.get("sha256", "")}
        try:
            data = client.license_pdf(x["id"], headers, verifier.max_bytes)
            doc = verifier.verify(data, listing)
        except GatewayError as exc:
            refused.append((listing, DocumentRefused("fetch_failed", exc.reason)))
            continue
        except DocumentRefused as r:
            log.warning("licence refused: %s — %s / %s", x.get("kind", ""), r, r.zh)
            refused.append((listing, r))
            continue
        found.append(License(x["id"], x["kind"], str(x.get("number_masked", "")), str(x.get("issuer", "")),
                             str(x.get("valid_until", "")), doc.sha256, doc))
    return found, refused
