"""PAdES signatures with pyHanko: the department's electronic seal on a generated PDF.

PAdES baseline B-B (CMS with the signing certificate attribute, sub-filter
ETSI.CAdES.detached), SHA-256, the seal certificate and the root embedded so a
verifier needs only the trust root. No timestamp: the reference gateway has no
TSA, and the kiosk verifies at once against its own clock.
"""
from __future__ import annotations

import io
import threading

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from kiosk.gateway_sim.demo_ca import DemoCA

FIELD = "DepartmentSeal"


def asn1_cert(cert) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class Sealer:
    """Signs PDFs with one seal certificate. Thread-safe (pyHanko's signer keeps no per-call state
    we share, but the lock keeps signing order simple to reason about)."""

    def __init__(self, ca: DemoCA):
        key = asn1_keys.PrivateKeyInfo.load(ca.seal_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        self._signer = signers.SimpleSigner(
            signing_cert=asn1_cert(ca.seal), signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([asn1_cert(ca.root)]))
        self._meta = signers.PdfSignatureMetadata(field_name=FIELD, md_algorithm="sha256",
                                                  subfilter=fields.SigSeedSubFilter.PADES,
                                                  reason="电子印章 / electronic seal")
        self._lock = threading.Lock()

    def seal(self, pdf: bytes) -> bytes:
        out = io.BytesIO()
        with self._lock:
            signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), self._meta,
                             signer=self._signer, output=out)
        return out.getvalue()
