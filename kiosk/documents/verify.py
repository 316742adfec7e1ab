"""Verify a document before it is shown or printed: size, sha256, PAdES signature, chain, coverage.

pyHanko does the PDF and CMS work: the signed digest over the signature's
byte range (unmodified since signing), the CMS signature itself, the chain to
our trust roots (pyhanko-certvalidator; no network: revocation soft-fails, a
hall kiosk cannot reach CRLs), and the coverage: the signature must cover the
entire file, so nothing was appended after it (an incremental update could
otherwise change what a page shows while the old signature stays intact).

Blocking and CPU-bound (~15 ms for a 3-page certificate, bench/RESULTS.md):
the kiosk runs it off the UI thread.
"""
from __future__ import annotations

import hashlib
import io
import logging

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from kiosk.documents.model import DocumentRefused, VerifiedDocument
from kiosk.documents.trust import TrustRoots, TrustRootsError
from kiosk.gateway.wire import VERIFICATION_KEYWORD

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _text(value) -> str:
    return str(value) if value is not None else ""


def verification_code_of(keywords: str) -> str:
    for part in keywords.replace(",", " ").split():
        if part.startswith(VERIFICATION_KEYWORD):
            return part[len(VERIFICATION_KEYWORD):]
    return ""


def _signed_length(sig) -> int:
    """The end of the signature's /ByteRange: the file length the signer saw (at least)."""
    br = sig.sig_object.get("/ByteRange")
    return int(br[2]) + int(br[3])


class DocumentVerifier:
    def __init__(self, trust_roots: TrustRoots | list, max_bytes: int = DEFAULT_MAX_BYTES):
        self.roots = trust_roots if isinstance(trust_roots, TrustRoots) else TrustRoots(trust_roots)
        self.max_bytes = int(max_bytes)

    def verify(self, data: bytes, announced: dict) -> VerifiedDocument:
        """`announced` is the gateway's listing: id, title, sha256 and optionally pages and
        verification_code. Raises DocumentRefused with the first reason found."""
        if len(data) > self.max_bytes:
            raise DocumentRefused("oversized", f"more than {self.max_bytes} bytes")
        digest = hashlib.sha256(data).hexdigest()
        want = str(announced.get("sha256", "")).lower()
        if digest != want:
            raise DocumentRefused("sha256_mismatch", f"announced {want[:16]}…, got {digest[:16]}…")
        try:
            roots = self.roots.certificates()
        except TrustRootsError as exc:
            raise DocumentRefused("no_trust_roots", exc.en) from None
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            signatures = reader.embedded_signatures
            trailer = reader.trailer_view
            info = trailer["/Info"] if "/Info" in trailer else None   # [] dereferences
            keywords = _text(info.get("/Keywords")) if info is not None else ""
            pages = int(reader.root["/Pages"]["/Count"])
        except (PdfError, KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
            raise DocumentRefused("unreadable", f"{type(exc).__name__}: {exc}") from None
        if not signatures:
            raise DocumentRefused("unsigned")
        sig = signatures[0]
        try:
            if _signed_length(sig) > len(data):
                raise DocumentRefused("truncated", f"{len(data)} bytes, signed range ends at {_signed_length(sig)}")
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise DocumentRefused("unreadable", f"bad /ByteRange: {exc}") from None
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(sig, context)
        except (SignatureValidationError, PdfError, ValueError, KeyError) as exc:
            raise DocumentRefused("bad_signature", f"{type(exc).__name__}: {exc}") from None
        if not status.intact:
            raise DocumentRefused("modified")
        if not status.valid:
            raise DocumentRefused("bad_signature")
        if not status.trusted:
            raise DocumentRefused("untrusted", _text(sig.signer_cert.subject.human_friendly))
        if len(signatures) != 1 or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            raise DocumentRefused("not_whole_file", f"coverage {status.coverage.name}, "
                                                    f"{len(signatures)} signature(s)")
        code = verification_code_of(keywords)
        announced_code = _text(announced.get("verification_code"))
        if not code or (announced_code and code != announced_code):
            raise DocumentRefused("code_mismatch")
        if announced.get("pages") not in (None, pages):
            raise DocumentRefused("pages_mismatch", f"announced {announced.get('pages')}, file has {pages}")
        signer = _text(sig.signer_cert.subject.native.get("common_name"))
        return VerifiedDocument(id=_text(announced.get("id")), title=_text(announced.get("title")),
                                pages=pages, sha256=digest, verification_code=code, signer=signer,
                                data=bytes(data))
