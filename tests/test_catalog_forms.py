"""Prefill from the identity and the one form validator (screen, `kiosk submit`, gateway)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from gateway_testkit import ID_NUMBER, SEED, fill_form, person, with_check_digit
from kiosk.catalog.forms import FieldError, id_check_digit_ok, id_number_ok, prefill, required_now, validate_form, \
    validate_materials
from kiosk.catalog.model import parse_item
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


# -- conditional requirement: 邮寄地址 when 邮寄送达 --------------------------------------------
POSTED = [i for i in CAT.items() if i.field("pickup") and i.field("mail_address")]


def test_every_item_with_delivery_by_post_asks_for_the_mailing_address():
    assert len(POSTED) >= 10
    for item in POSTED:
        assert item.field("mail_address").required_when == {"pickup": "邮寄送达"}, item.code


@pytest.mark.parametrize("item", POSTED, ids=lambda i: i.code)
def test_delivery_by_post_with_an_empty_mailing_address_is_refused(item):
    form = fill_form(item)
    form.update(pickup="邮寄送达", mail_address="  ")
    [error] = validate_form(item, form)
    assert error.key == "mail_address"
    assert error.message_zh == "选择“邮寄送达”时，请填写邮寄地址"
    assert error.message_en == "Mailing address is required because you chose “Delivery by post”"
    assert error.message("en") == error.message_en and error.message() == error.message_zh
    del form["mail_address"]
    assert [e.key for e in validate_form(item, form)] == ["mail_address"]
    form["mail_address"] = "黑龙江省哈尔滨市南岗区红军街15号"
    assert validate_form(item, form) == []
    form.update(pickup="窗口领取", mail_address="")
    assert validate_form(item, form) == []          # collected at the counter: no address needed


def test_required_now_follows_the_other_fields_value():
    f = SBK.field("mail_address")
    assert not f.required and required_now(f, {"pickup": "邮寄送达"})
    assert not required_now(f, {"pickup": "窗口领取"}) and not required_now(f, {})
    assert required_now(SBK.field("phone"), {})
    assert not required_now(SBK.field("ethnicity"), {"pickup": "邮寄送达"})


def test_required_when_with_a_list_of_values_and_a_text_condition():
    d = {"code": "T-1", "name": "测试", "region": "230100", "department": "部门", "category": "类别",
         "mode": "online", "identity": "card", "offline": "allow",
         "fields": [{"key": "way", "label": "方式", "type": "select", "options": ["甲", "乙", "丙"],
                     "options_en": ["A", "B", "C"]},
                    {"key": "note", "label": "备注", "label_en": "Note", "required": False},
                    {"key": "x", "label": "地址", "label_en": "Address", "required": False,
                     "required_when": {"way": ["乙", "丙"], "note": "寄"}}]}
    item = parse_item(d)
    assert validate_form(item, {"way": "乙", "note": "寄"})[0].message_en == \
        "Address is required because you chose “B” and Note is “寄”"
    assert validate_form(item, {"way": "丙", "note": "寄"})[0].message_zh == "选择“丙”、备注为“寄”时，请填写地址"
    assert validate_form(item, {"way": "甲", "note": "寄"}) == []
    assert validate_form(item, {"way": "乙"}) == []                   # both conditions must hold


# -- English messages for a resident in English mode ---------------------------------------
def test_english_messages_name_the_field_in_english_and_hold_no_chinese():
    form = fill_form(RENT)
    form.update(phone="12345", bank_account="62220", amount="很多", id_number=ID_NUMBER[:-1] + "0",
                bank_name="火星银行", rent_address="短")
    del form["name"]
    errors = {e.key: e.message_en for e in validate_form(RENT, form)}
    assert errors == {
        "name": "Name is required",
        "id_number": "ID number is not a valid ID number, please check it",
        "phone": "Phone number is not a valid mobile or landline number",
        "bank_name": "Bank: please choose one of the options",
        "bank_account": "Your bank card number is not in the right format (16 to 19 digits)",
        "amount": "Amount to withdraw (yuan) should be a number",
        "rent_address": "Address of the rented home is too short, please give the full address",
    }
    missing = validate_materials(RENT, [])
    assert [(e.key, e.message_en) for e in missing] == [("rent_contract", "Please add: Rental contract")]
