"""Documents out of the kiosk (证明打印, 电子证照): verified before anything is shown or printed.

    from kiosk.documents import DocumentVerifier, DocumentRefused
    v = DocumentVerifier(trust_roots=["/etc/tongban/roots/province.pem"], max_bytes=20 * 2**20)
    doc = v.verify(pdf_bytes, announced={"id": ..., "title": ..., "sha256": ..., "pages": 3,
                                         "verification_code": ...})
    # doc.data is the PDF, in memory only; DocumentRefused has .code, .en, .zh for staff
"""
from kiosk.documents.model import RESIDENT_MESSAGE, DocumentRefused, VerifiedDocument

__all__ = ["DocumentRefused", "DocumentVerifier", "RESIDENT_MESSAGE", "TrustRoots", "VerifiedDocument"]


def __getattr__(name: str):
    """pyHanko and asn1crypto (~0.6 s to import) only when something is verified."""
    if name == "DocumentVerifier":
        from kiosk.documents.verify import DocumentVerifier
        return DocumentVerifier
    if name == "TrustRoots":
        from kiosk.documents.trust import TrustRoots
        return TrustRoots
    raise AttributeError(name)
