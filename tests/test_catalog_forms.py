"""Prefill from the identity and the one form validator (screen, `kiosk submit`, gateway)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from gateway_testkit import ID_NUMBER, SEED, fill_form, person, with_check_digit
from kiosk.catalog.forms import FieldError, id_check_digit_ok, id_number_ok, prefill, validate_form
from kiosk.catalog.store import load_seed

CAT = load_seed(SEED)
SBK = CAT.get("230100-RS-001")          # 社保卡申领: gender select, address, pickup select
RENT = CAT.get("230100-GJJ-002")        # 公积金租房提取: bank account pattern, number


def test_prefill_takes_name_id_gender_address_from_the_card():
    form = prefill(SBK, person())
    assert form["name"] == "王小明" and form["id_number"] == ID_NUMBER
    assert form["gender"] == "男" and form["ethnicity"] == "汉"
    assert form["address"].startswith("黑龙江省哈尔滨市")
    assert "phone" not in form and "pickup" not in form
    assert prefill(SBK, None) == {}


def test_a_filled_seed_form_is_valid_for_every_item():
    for item in CAT.items():
        assert validate_form(item, fill_form(item)) == [], item.code


def test_every_problem_is_reported_with_chinese_and_english():
    form = fill_form(RENT)
    form.update(phone="12345", bank_account="62220", amount="很多", id_number=ID_NUMBER[:-1] + "0",
                bank_name="火星银行", extra="x")
    del form["name"]
    errors = {e.key: e for e in validate_form(RENT, form)}
    assert set(errors) == {"phone", "bank_account", "amount", "id_number", "bank_name", "extra", "name"}
    assert errors["name"].message_zh == "请填写姓名" and "required" in errors["name"].message_en
    assert "16 至 19 位数字" in errors["bank_account"].message_zh
    assert errors["phone"].as_wire()["field"] == "form.phone"


@pytest.mark.parametrize("value, ok", [
    ("2024-02-29", True), ("2023-02-29", False), ("2024-2-1", False), ("20240201", False), ("", None),
])
def test_dates(value, ok):
    item = CAT.get("230100-RS-005")     # 就业登记: start_date
    form = fill_form(item)
    form["start_date"] = value
    keys = [e.key for e in validate_form(item, form)]
    assert ("start_date" in keys) == (ok is not True)


@pytest.mark.parametrize("phone, ok", [("13800138000", True), ("0451-86661234", True), ("04518666123", True),
                                        ("12800138000", False), ("1380013800", False), ("abc", False)])
def test_phones(phone, ok):
    form = fill_form(SBK)
    form["phone"] = phone
    assert (not validate_form(SBK, form)) == ok


def test_id_numbers():
    assert id_check_digit_ok(ID_NUMBER)
    assert id_check_digit_ok(with_check_digit("11010519491231002"))   # ends in X
    assert id_check_digit_ok(with_check_digit("11010519491231002").lower()) is True
    assert not id_check_digit_ok(ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2"))
    assert id_number_ok("USA123456789012")          # 2017 foreign permanent resident
    assert not id_number_ok("12345")


def test_optional_empty_fields_pass_and_numbers_are_accepted_as_numbers():
    form = fill_form(SBK)
    form["mail_address"] = ""
    form["ethnicity"] = None
    assert validate_form(SBK, form) == []
    rent = fill_form(RENT)
    rent["amount"] = 1500
    assert validate_form(RENT, rent) == []
    rent["amount"] = True
    assert [e.key for e in validate_form(RENT, rent)] == ["amount"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([f.key for f in RENT.fields] + ["zz"]),
                       st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
                       | st.lists(st.integers(), max_size=2), max_size=10))
def test_validator_never_raises_and_always_explains(form):
    errors = validate_form(RENT, form)
    assert all(isinstance(e, FieldError) and e.message_zh and e.message_en for e in errors)
