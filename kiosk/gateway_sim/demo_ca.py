"""The reference gateway's demo certificate authority: a root and one seal certificate per department.

Generated, never shipped: a private key committed to the repository would be
a "trusted" key anyone could sign with, and a technician who copied the demo
configuration to a real kiosk would trust it. With a data directory the CA is
written there on first start and reused (documents signed yesterday still
verify; the kiosk's `[documents] trust_roots` points at `root.pem`). Without
one (tests, `kiosk gateway-sim` with no --data) it lives in memory only and
`root_pem` gives the root to whoever must trust it.

Layout of `<data_dir>/demo-ca/`: root.pem (the trust root, public), root.key,
seal.pem, seal.key (0600). EC P-256: fast to make and to verify.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT_NAME = "通办演示根证书 Tongban Demo Root CA (not for production)"
SEAL_ORG = "通办演示电子印章 Tongban Demo Seal"


def _name(common: str, org: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _usage(**on) -> x509.KeyUsage:
    flags = dict(digital_signature=False, content_commitment=False, key_encipherment=False,
                 data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                 encipher_only=False, decipher_only=False)
    flags.update(on)
    return x509.KeyUsage(**flags)


def make_root(common: str = ROOT_NAME, days: int = 3650) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    subject = _name(common, "Tongban Demo")
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_seal(root_key, root_cert: x509.Certificate, department: str = "演示发证部门",
              days: int = 825) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A signing (electronic seal) certificate issued by `root_cert`."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(department, SEAL_ORG))
            .issuer_name(root_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                           critical=False)
            .sign(root_key, hashes.SHA256()))
    return key, cert


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


@dataclass
class DemoCA:
    root_key: ec.EllipticCurvePrivateKey
    root: x509.Certificate
    seal_key: ec.EllipticCurvePrivateKey
    seal: x509.Certificate
    folder: Path | None = None

    @property
    def root_pem(self) -> bytes:
        return pem(self.root)

    @property
    def root_path(self) -> Path | None:
        return self.folder / "root.pem" if self.folder else None

    @classmethod
    def generate(cls) -> "DemoCA":
        rk, root = make_root()
        sk, seal = make_seal(rk, root)
        return cls(rk, root, sk, seal)

    @classmethod
    def load_or_create(cls, folder: str | Path | None) -> "DemoCA":
        """Reuse `folder`'s CA, or make one and write it there (None: in memory only)."""
        if folder is None:
            return cls.generate()
        folder = Path(folder)
        with _LOCK:
            files = [folder / n for n in ("root.pem", "root.key", "seal.pem", "seal.key")]
            if all(f.exists() for f in files):
                certs = [x509.load_pem_x509_certificate(files[i].read_bytes()) for i in (0, 2)]
                keys = [serialization.load_pem_private_key(files[i].read_bytes(), None) for i in (1, 3)]
                return cls(keys[0], certs[0], keys[1], certs[1], folder)
            ca = cls.generate()
            folder.mkdir(parents=True, exist_ok=True)
            _write_private(files[1], _key_pem(ca.root_key))
            _write_private(files[3], _key_pem(ca.seal_key))
            files[2].write_bytes(pem(ca.seal))
            # The trust root last: a reader that sees root.pem sees a complete CA.
            tmp = folder / "root.pem.tmp"
            tmp.write_bytes(ca.root_pem)
            tmp.replace(files[0])
            ca.folder = folder
            return ca


_LOCK = threading.Lock()
