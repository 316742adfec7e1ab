"""Text block of the four card types, GB 11643 ID numbers, code tables; fuzzing of the parser."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from drivers.identity import CardType, Gender
from drivers.id_reader import idnumber, tables
from drivers.id_reader.cards import CARDS_DIR, sample_cards
from drivers.id_reader.text import CardDataError, encode_text, parse_text


def card(name: str) -> dict:
    return json.loads((CARDS_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("number", ["11010519491231002X", "440308199901101512", "11010519491231002x"])
def test_reference_numbers_pass(number):
    assert idnumber.normalize(number) == number.upper()


def test_fifteen_digit_upgrade():
    assert idnumber.upgrade_15("610104620927690") == "610104196209276908"
    assert idnumber.normalize("610104620927690") == "610104196209276908"


@pytest.mark.parametrize("bad", ["110105194912310021", "11010519491231002", "1101051949123100XX",
                                 "110105194913310020", "１１0105194912310021", ""])
def test_bad_numbers_fail(bad):
    assert not idnumber.is_valid(bad)


@settings(max_examples=200)
@given(st.text("0123456789", min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 9))
def test_every_single_digit_change_is_caught(first17, pos, delta):
    good = first17 + idnumber.check_char(first17)
    changed = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1:]
    assert idnumber.check_char(changed[:17]) != changed[17]


def test_tables():
    assert tables.ETHNICITY_BY_CODE["01"] == "汉" and tables.ETHNICITY_BY_CODE["56"] == "基诺"
    assert tables.ETHNICITY_BY_CODE["98"] == "外国血统中国籍人士"
    assert tables.gender_from_code("9") is Gender.UNSPECIFIED
    assert tables.gender_from_code("0") is Gender.UNKNOWN
    assert tables.gender_from_code("3") is None     # never guessed as female


def test_samples_cover_every_card_type_with_valid_numbers():
    types = set()
    for stem, path in sample_cards("id_reader").items():
        c = json.loads(path.read_text(encoding="utf-8"))
        rec = parse_text(encode_text(c))
        types.add(rec.card_type)
        assert rec.id_number == c["id_number"]
    assert types == {CardType.RESIDENT, CardType.HK_MO_TW_PERMIT,
                     CardType.FOREIGN_PERMANENT_2017, CardType.FOREIGN_PERMANENT_2023}
    ss = json.loads((CARDS_DIR / "social_security.json").read_text(encoding="utf-8"))
    assert idnumber.is_valid(ss["id_number"])


def test_resident_fields():
    rec = parse_text(encode_text(card("resident")))
    assert rec.card_type is CardType.RESIDENT
    assert rec.name == "李明华" and rec.gender is Gender.MALE and rec.ethnicity == "汉"
    assert rec.birth_date == dt.date(1985, 6, 15)
    assert rec.valid_until == dt.date(2035, 3, 1)
    assert rec.address.startswith("黑龙江省哈尔滨市")
    assert "李明华" not in repr(rec) and rec.id_number not in repr(rec)


def test_long_term_validity_is_none():
    rec = parse_text(encode_text(card("resident_long_term")))
    assert rec.valid_until is None and rec.ethnicity == "满" and rec.gender is Gender.FEMALE


def test_permit_fields():
    rec = parse_text(encode_text(card("permit_hk")))
    assert rec.card_type is CardType.HK_MO_TW_PERMIT
    assert rec.ethnicity is None and rec.pass_number == "H12345678" and rec.issue_count == "01"


def test_foreign_2017_fields():
    rec = parse_text(encode_text(card("foreign_2017")))
    assert rec.card_type is CardType.FOREIGN_PERMANENT_2017
    assert rec.english_name == "SMITH, JOHN ALEXANDER" and rec.nationality == "USA"
    assert rec.id_number == "USA238008080016" and rec.birth_date == dt.date(1980, 8, 8)


def test_foreign_2023_fields_and_long_english_name():
    c = card("foreign_2023")
    c["english_name"] = "VERYLONGFAMILYNAMEOFSOMEONE, ANNA SERGEEVNA"   # > 35 characters
    rec = parse_text(encode_text(c))
    assert rec.card_type is CardType.FOREIGN_PERMANENT_2023
    assert rec.english_name == c["english_name"] and rec.nationality == "RUS"
    assert rec.id_number.startswith("9")


def test_gender_nine_is_unspecified():
    c = card("resident")
    c["gender"] = "9"
    assert parse_text(encode_text(c)).gender is Gender.UNSPECIFIED


@pytest.mark.parametrize("mutate, code", [
    (lambda c: c.update(id_number=c["id_number"][:-1] + ("0" if c["id_number"][-1] != "0" else "1")),
     "id_check_failed"),
    (lambda c: c.update(gender="5"), "bad_gender"),
    (lambda c: c.update(ethnicity="77"), "bad_ethnicity"),
    (lambda c: c.update(birth_date="1985-06-16"), "birth_mismatch"),
    (lambda c: c.update(valid_from="20150231"), "bad_date"),
    (lambda c: c.update(name=""), "missing_field"),
])
def test_bad_cards_are_card_errors(mutate, code):
    c = card("resident")
    mutate(c)
    with pytest.raises(CardDataError) as ei:
        parse_text(encode_text(c))
    assert ei.value.code == code and "身份证信息无效" in ei.value.zh


def test_permit_number_must_be_hk_mo_tw():
    c = card("permit_hk")
    c["id_number"] = "230102198506151234"
    with pytest.raises(CardDataError):
        parse_text(encode_text(c))


def test_unknown_flag():
    block = bytearray(encode_text(card("resident")))
    block[248:250] = "Z".encode("utf-16-le")
    with pytest.raises(CardDataError) as ei:
        parse_text(bytes(block))
    assert ei.value.code == "unknown_card_type"


# ---- fuzzing: only typed errors, never a wrong identity -----------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=0, max_size=300))
def test_fuzz_random_blocks(block):
    try:
        rec = parse_text(block)
    except CardDataError:
        return
    assert idnumber.is_valid(rec.id_number) or rec.card_type is CardType.FOREIGN_PERMANENT_2017


SAMPLES = [encode_text(c) for c in
           (card(n) for n in ("resident", "resident_long_term", "permit_hk", "foreign_2017", "foreign_2023"))]
ORIGINALS = [parse_text(b) for b in SAMPLES]


@settings(max_examples=500, deadline=None)
@given(st.integers(0, len(SAMPLES) - 1), st.lists(st.tuples(st.integers(0, 255), st.integers(0, 7)),
                                                  min_size=1, max_size=3))
def test_fuzz_bit_flips_never_give_another_id_number(which, flips):
    block = bytearray(SAMPLES[which])
    for pos, bit in flips:
        block[pos] ^= 1 << bit
    try:
        rec = parse_text(bytes(block))
    except CardDataError:
        return
    orig = ORIGINALS[which]
    # The 2017 foreign permit number has no public check digit: only its nationality and
    # birth-date parts are cross-checked, so flips in its authority code, sequence and last
    # character (bytes 128-131, 144-151) are caught by the frame checksum, not here.
    unchecked = {128, 129, 130, 131, *range(144, 152)} if which == 3 else set()
    if len(flips) == 1 and flips[0][0] not in unchecked:
        # one flip anywhere else: the number (and card type) is either caught or untouched
        assert rec.id_number == orig.id_number and rec.card_type == orig.card_type
    else:
        assert rec.card_type is CardType.FOREIGN_PERMANENT_2017 or idnumber.is_valid(rec.id_number)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(SAMPLES) - 1), st.integers(0, 255))
def test_fuzz_truncation(which, keep):
    with pytest.raises(CardDataError):
        parse_text(SAMPLES[which][:keep])
