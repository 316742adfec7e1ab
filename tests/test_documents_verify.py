"""Verification before anything is shown or printed: each refusal of issue 14, and the good case."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from document_helpers import announce, append_update, signed, trusted_root_file, unsigned
from kiosk.documents import DocumentRefused, DocumentVerifier, RESIDENT_MESSAGE


@pytest.fixture
def verifier(tmp_path):
    return DocumentVerifier([trusted_root_file(tmp_path)])


def refused(verifier, data, listing) -> DocumentRefused:
    with pytest.raises(DocumentRefused) as info:
        verifier.verify(data, listing)
    exc = info.value
    assert exc.en and exc.zh, "staff get a reason in English and Chinese"
    assert "王小明" not in str(exc) and "王小明" not in exc.zh
    return exc


def test_a_sealed_document_from_a_trusted_department_passes(verifier):
    data, listing = signed(pages=3)
    doc = verifier.verify(data, listing)
    assert doc.pages == 3 and doc.sha256 == listing["sha256"] and doc.data == data
    assert doc.verification_code == listing["verification_code"]
    assert doc.signer == "演示发证部门"
    assert doc.label == f"个人参保证明（验证码 {doc.verification_code}）"


def test_signed_by_another_key_is_untrusted(verifier):
    data, listing = signed(by="a forger's own CA")
    assert refused(verifier, data, listing).code == "untrusted"


def test_one_byte_changed_after_signing_is_modified(verifier):
    data, listing = signed(pages=1)
    # A byte inside the signed range, away from the signature's own /Contents: the title's text.
    at = data.index(b"/Title") + 10
    forged = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]
    # announced with the original hash: the sha256 check alone catches it ...
    assert refused(verifier, forged, listing).code == "sha256_mismatch"
    # ... and a gateway that hashed the forged file does not get it past the signature.
    exc = refused(verifier, forged, dict(listing, sha256=hashlib.sha256(forged).hexdigest()))
    assert exc.code == "modified"


def test_unsigned_is_refused(verifier):
    data, listing = unsigned()
    assert refused(verifier, data, listing).code == "unsigned"


def test_truncated_is_refused(verifier):
    data, listing = signed(pages=1)
    cut = data[: len(data) - 2000]
    assert refused(verifier, cut, listing).code == "sha256_mismatch"
    exc = refused(verifier, cut, dict(listing, sha256=hashlib.sha256(cut).hexdigest()))
    assert exc.code in ("truncated", "unreadable")


def test_over_the_limit_is_refused_before_anything_else(tmp_path):
    data, listing = signed(pages=1)
    small = DocumentVerifier([trusted_root_file(tmp_path)], max_bytes=len(data) - 1)
    assert refused(small, data, listing).code == "oversized"
    assert DocumentVerifier([trusted_root_file(tmp_path)], max_bytes=len(data)).verify(data, listing)


def test_default_limit_is_20_mib(verifier):
    assert verifier.max_bytes == 20 * 1024 * 1024


def test_sha256_mismatch_is_refused(verifier):
    data, listing = signed(pages=1)
    assert refused(verifier, data, dict(listing, sha256="0" * 64)).code == "sha256_mismatch"


def test_an_update_appended_after_signing_is_refused(verifier):
    data, listing = signed(pages=1)
    forged = append_update(data)
    exc = refused(verifier, forged, dict(listing, sha256=hashlib.sha256(forged).hexdigest()))
    assert exc.code == "not_whole_file"


def test_the_announced_code_must_be_the_signed_one(verifier):
    data, listing = signed(pages=1)
    assert refused(verifier, data, dict(listing, verification_code="ABCDEFGHJKMNPQRS")).code == "code_mismatch"
    assert refused(verifier, data, dict(listing, pages=2)).code == "pages_mismatch"


def test_missing_trust_roots_refuse_with_the_file_named(tmp_path):
    data, listing = signed(pages=1)
    exc = refused(DocumentVerifier([str(tmp_path / "nowhere.pem")]), data, listing)
    assert exc.code == "no_trust_roots" and "nowhere.pem" in exc.detail
    assert refused(DocumentVerifier([]), data, listing).code == "no_trust_roots"


def test_the_resident_is_told_calmly_to_ask_staff():
    assert "工作人员" in RESIDENT_MESSAGE and "失败" not in RESIDENT_MESSAGE


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(junk=st.binary(max_size=4096), cut=st.integers(min_value=0, max_value=30000),
       flip=st.integers(min_value=0, max_value=30000))
def test_any_damage_is_a_refusal_never_a_crash(tmp_path_factory, junk, cut, flip):
    root = trusted_root_file(tmp_path_factory.mktemp("roots"))
    verifier = DocumentVerifier([root])
    data, listing = _cached_signed()
    candidates = [junk, b"%PDF-1.7\n" + junk, data[:cut]]
    if flip < len(data):
        candidates.append(data[:flip] + bytes([data[flip] ^ 0x5A]) + data[flip + 1:])
    for c in candidates:
        if c == data:
            continue
        with pytest.raises(DocumentRefused):
            verifier.verify(c, announce(c, listing["verification_code"], 1))


_SIGNED: list = []


def _cached_signed():
    if not _SIGNED:
        _SIGNED.append(signed(pages=1))
    return _SIGNED[0]
