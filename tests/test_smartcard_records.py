"""Social-security card data: TLV, BCD, GBK, spec version; fuzzing (no PC/SC needed)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from drivers.identity import CardType, Gender
from drivers.id_reader import idnumber
from drivers.id_reader.cards import CARDS_DIR
from drivers.smartcard.errors import CardDataError
from drivers.smartcard.records import (AID, bcd_date, encode_fields, gbk_name, generation, parse_tlv,
                                       to_record)

CARD = json.loads((CARDS_DIR / "social_security.json").read_text(encoding="utf-8"))


def test_aid_is_the_gbk_application_name():
    assert AID.hex().upper() == "7378312E73682EC9E7BBE1B1A3D5CF"


def test_round_trip_of_the_sample():
    rec = to_record(encode_fields(CARD))
    assert rec.card_type is CardType.SOCIAL_SECURITY
    assert rec.name == "李明华" and rec.gender is Gender.MALE and rec.ethnicity == "汉"
    assert rec.birth_date == dt.date(1985, 6, 15) and rec.valid_until == dt.date(2030, 9, 1)
    assert rec.card_number == "HA1234567" and rec.spec_version == "3.00"
    assert generation(rec.spec_version) == "第三代" and generation("2.00") == "第二代"


def test_tlv_with_padding():
    assert parse_tlv(b"\x07\x02AB\x00\xFF\x08\x01Z") == {7: b"AB", 8: b"Z"}


def test_bcd_and_gbk():
    assert bcd_date(bytes.fromhex("20300901"), "x") == dt.date(2030, 9, 1)
    assert gbk_name("王五".encode("gbk") + b"\x00" * 26) == "王五"
    assert gbk_name("王五".encode("gbk") + b"   ") == "王五"
    with pytest.raises(CardDataError):
        bcd_date(bytes.fromhex("2030AB01"), "x")


def test_bad_id_number_is_a_card_error():
    fields = encode_fields(CARD)
    fields[0x08] = b"230102198506151230"
    with pytest.raises(CardDataError) as ei:
        to_record(fields)
    assert ei.value.code == "id_check_failed"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80))
def test_fuzz_tlv(data):
    try:
        out = parse_tlv(data)
    except CardDataError:
        return
    assert all(isinstance(v, bytes) for v in out.values())


GOOD = encode_fields(CARD)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(GOOD)), st.integers(0, 63), st.integers(0, 7))
def test_fuzz_bit_flips_never_give_another_number(tag, pos, bit):
    fields = dict(GOOD)
    v = bytearray(fields[tag])
    v[pos % len(v)] ^= 1 << bit
    fields[tag] = bytes(v)
    try:
        rec = to_record(fields)
    except CardDataError:
        return
    assert rec.id_number == CARD["id_number"]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(1, 13), st.binary(max_size=32), max_size=13))
def test_fuzz_random_fields(fields):
    try:
        rec = to_record(fields)
    except CardDataError:
        return
    assert idnumber.is_valid(rec.id_number)
