"""The app-QR identity provider: the documented KIOSKID1 test format, fuzzed."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json

import pytest
from hypothesis import given, settings, strategies as st

from drivers.identity import CardType, Gender, IdentityRecord
from kiosk.identity_qr import DEMO_KEY, make_demo_app_qr, parse_app_qr, register_provider

PERSON = IdentityRecord(CardType.RESIDENT, "李四", "230102199001011234", gender=Gender.MALE,
                        birth_date=dt.date(1990, 1, 1), address="哈尔滨市道里区")


def test_round_trip_keeps_fields_and_marks_app_qr():
    rec = parse_app_qr(make_demo_app_qr(PERSON))
    assert rec.card_type is CardType.APP_QR
    assert (rec.name, rec.id_number, rec.gender, rec.birth_date, rec.address) == \
        ("李四", "230102199001011234", Gender.MALE, dt.date(1990, 1, 1), "哈尔滨市道里区")
    assert "李四" not in repr(rec)


def test_format_is_exactly_as_documented():
    """Someone writing the gateway side from the docstring alone gets the same token."""
    body = PERSON.as_dict()
    body["card_type"] = "app_qr"
    payload = base64.urlsafe_b64encode(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()).rstrip(b"=").decode()
    sig = base64.urlsafe_b64encode(hmac.new(DEMO_KEY, f"KIOSKID1.{payload}".encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    assert make_demo_app_qr(PERSON) == f"KIOSKID1.{payload}.{sig}"


def test_tampered_wrong_key_expired_and_incomplete_codes_are_refused():
    token = make_demo_app_qr(PERSON)
    prefix, payload, sig = token.split(".")
    other = make_demo_app_qr(IdentityRecord(CardType.RESIDENT, "王五", "110101199001010000"))
    with pytest.raises(ValueError, match="校验失败"):
        parse_app_qr(f"{prefix}.{other.split('.')[1]}.{sig}")          # swapped body
    with pytest.raises(ValueError, match="校验失败"):
        parse_app_qr(make_demo_app_qr(PERSON, key=b"another-key"))
    with pytest.raises(ValueError, match="已过期"):
        parse_app_qr(make_demo_app_qr(PERSON, exp=1_000_000))
    assert parse_app_qr(make_demo_app_qr(PERSON, exp=4_000_000_000)).name == "李四"
    with pytest.raises(ValueError, match="缺少姓名"):
        parse_app_qr(make_demo_app_qr(IdentityRecord(CardType.RESIDENT, "", "1")))
    with pytest.raises(ValueError, match="不是可识别"):
        parse_app_qr("https://example.org/some-other-code")


def test_other_provinces_plug_in():
    register_provider("TESTPROV", lambda p: IdentityRecord(CardType.APP_QR, "甲", p.split(".")[1]))
    assert parse_app_qr("TESTPROV.42").id_number == "42"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_record_or_value_error(text):
    try:
        rec = parse_app_qr(text)
    except ValueError:
        return
    assert isinstance(rec, IdentityRecord)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=12), st.one_of(st.none(), st.integers(), st.text(max_size=20),
                                                      st.booleans(), st.lists(st.integers(), max_size=2)),
                       max_size=8))
def test_validly_signed_garbage_bodies_never_crash(body):
    """Even with the right signature, a strange body is a ValueError, never another exception."""
    payload = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    sig = base64.urlsafe_b64encode(hmac.new(DEMO_KEY, f"KIOSKID1.{payload}".encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    try:
        rec = parse_app_qr(f"KIOSKID1.{payload}.{sig}")
    except ValueError:
        return
    assert rec.name and rec.id_number
    for key in ("ethnicity", "address", "issuer", "nationality", "card_number"):
        assert getattr(rec, key) is None or isinstance(getattr(rec, key), str)
