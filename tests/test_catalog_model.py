"""The item model: the seed is complete and valid; broken items are refused naming item and field."""
from __future__ import annotations

import copy
import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from gateway_testkit import SEED
from kiosk.catalog.model import CatalogError, parse_document, parse_item
from kiosk.catalog.store import load_seed

DOC = json.loads(SEED.read_text(encoding="utf-8"))


def test_seed_has_what_a_harbin_hall_needs():
    cat = load_seed(SEED)
    items = cat.items()
    assert len(items) >= 40
    regions = {i.region for i in items}
    assert {"230100", "110000", "120000", "130000", "133100", "210000", "220000"} <= regions
    assert {"online", "proxy", "joint"} <= {i.mode for i in items}
    instant = [i for i in items if i.instant]
    assert len(instant) >= 5 and all(i.offline == "deny" and not i.offline_allowed for i in instant)
    assert len([i for i in items if i.needs_face]) >= 5
    names = " ".join(i.name for i in items)
    for topic in ("社会保障卡", "养老保险关系转移接续", "异地就医备案", "住房公积金提取", "缴存证明", "户籍",
                  "就业登记", "失业登记", "不动产登记信息查询", "驾驶证", "职业资格证书核验"):
        assert topic in names, topic
    for i in items:
        assert i.fields and i.guide and i.department and i.category
        assert any(f.prefill == "name" for f in i.fields) and any(f.prefill == "id_number" for f in i.fields)


def _item(**changes):
    d = copy.deepcopy(DOC["items"][0])
    d.update(changes)
    return d


@pytest.mark.parametrize("changes, key", [
    ({"mode": "teleport"}, "mode"),
    ({"identity": "retina"}, "identity"),
    ({"offline": "maybe"}, "offline"),
    ({"region": "23010"}, "region"),
    ({"instant": True, "offline": "allow"}, "offline"),
    ({"name": ""}, "name"),
    ({"surprise": 1}, "item"),
    ({"fields": [{"key": "x", "label": "X", "type": "colour"}]}, "fields.x.type"),
    ({"fields": [{"key": "x", "label": "X", "type": "select"}]}, "fields.x.options"),
    ({"fields": [{"key": "x", "label": "X", "pattern": "([a-"}]}, "fields.x.pattern"),
    ({"fields": [{"key": "x", "label": "X", "prefill": "password"}]}, "fields.x.prefill"),
    ({"fields": [{"key": "Bad Key", "label": "X"}]}, "fields.Bad Key.key"),
    ({"fields": [{"key": "x", "label": "X"}, {"key": "x", "label": "Y"}]}, "fields"),
    ({"materials": [{"key": "m", "label": "M", "pages": 0}]}, "materials.m.pages"),
    ({"materials": [{"key": "m", "label": "M", "label_en": 3}]}, "materials.m.label_en"),
    ({"name_en": ["x"]}, "name_en"),
    ({"guide_en": 1}, "guide_en"),
    ({"fields": [{"key": "x", "label": "X", "label_en": {}}]}, "fields.x.label_en"),
    ({"fields": [{"key": "x", "label": "X", "type": "select", "options": ["甲", "乙"], "options_en": ["A"]}]},
     "fields.x.options_en"),
    ({"fields": [{"key": "x", "label": "X", "options_en": ["A"]}]}, "fields.x.options_en"),
    ({"fields": [{"key": "x", "label": "X", "required": False, "required_when": ["y"]}]}, "fields.x.required_when"),
    ({"fields": [{"key": "x", "label": "X", "required": False, "required_when": {"y": ""}}]},
     "fields.x.required_when"),
    ({"fields": [{"key": "x", "label": "X", "required_when": {"y": "1"}}, {"key": "y", "label": "Y"}]},
     "fields.x.required"),
    ({"fields": [{"key": "x", "label": "X", "required": False, "required_when": {"nope": "1"}}]},
     "fields.x.required_when"),
    ({"fields": [{"key": "x", "label": "X", "required": False, "required_when": {"x": "1"}}]},
     "fields.x.required_when"),
    ({"fields": [{"key": "y", "label": "Y", "type": "select", "options": ["甲"]},
                 {"key": "x", "label": "X", "required": False, "required_when": {"y": ["甲", "乙"]}}]},
     "fields.x.required_when"),
])
def test_broken_item_names_the_item_and_the_field(changes, key):
    with pytest.raises(CatalogError) as e:
        parse_item(_item(**changes))
    assert e.value.code == DOC["items"][0]["code"]
    assert e.value.key == key
    assert DOC["items"][0]["code"] in str(e.value) and e.value.zh


def test_duplicate_codes_and_missing_version_are_refused():
    with pytest.raises(CatalogError, match="duplicate"):
        parse_document({"version": "1", "items": [DOC["items"][0], DOC["items"][0]]})
    with pytest.raises(CatalogError, match="version"):
        parse_document({"items": []})


def test_item_round_trips_through_as_dict():
    for d in DOC["items"]:
        item = parse_item(d)
        assert parse_item(item.as_dict()) == item
        assert json.loads(json.dumps(item.as_dict(), ensure_ascii=False)) == item.as_dict()


def test_english_is_optional_and_empty_when_absent():
    d = {k: v for k, v in DOC["items"][0].items() if not k.endswith("_en")}
    d["fields"] = [{k: v for k, v in f.items() if not k.endswith("_en")} for f in d["fields"]]
    item = parse_item(d)
    assert item.name_en == item.guide_en == item.fee_en == ""
    assert all(f.label_en == "" and f.options_en == [] for f in item.fields)
    assert item.field("gender").option_label("男", "en") == "男"      # no English: the value itself


CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")     # CJK, kana, full-width forms


def test_every_seed_item_has_its_english_and_no_chinese_in_it():
    """What an English-mode resident reads comes from these texts, so none may be missing or Chinese."""
    texts = []
    for it in load_seed(SEED).items():
        for k in ("name", "department", "category", "fee", "time_limit", "guide"):
            texts.append((it.code, k, getattr(it, f"{k}_en")))
        for f in it.fields:
            texts.append((it.code, f"{f.key}.label", f.label_en))
            if f.hint:
                texts.append((it.code, f"{f.key}.hint", f.hint_en))
            assert len(f.options_en) == len(f.options), (it.code, f.key)
            texts += [(it.code, f"{f.key}.options", o) for o in f.options_en]
        texts += [(it.code, f"materials.{m.key}", m.label_en) for m in it.materials]
    missing = [t for t in texts if not t[2].strip()]
    chinese = [t for t in texts if CJK.search(t[2])]
    assert not missing and not chinese, (missing[:5], chinese[:5])
    assert len(texts) > 53 * 8


def test_english_keys_sit_beside_the_chinese_ones_in_the_seed():
    """The seed is merged line by line: each English twin directly follows the key it translates."""
    def check(d: dict, where: str) -> None:
        keys = list(d)
        for k in keys:
            if k.endswith("_en"):
                assert keys[keys.index(k) - 1] == k[:-3], f"{where}: {k} after {keys[keys.index(k) - 1]}"
    for it in DOC["items"]:
        check(it, it["code"])
        for f in it["fields"] + it["materials"]:
            check(f, f"{it['code']}.{f['key']}")
    text = SEED.read_text(encoding="utf-8")
    assert json.dumps(DOC, indent=1, ensure_ascii=False) == text.rstrip("\n")    # the file's own format


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                           max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(DOC["items"][0]) + ["x"]), json_values, max_size=10))
def test_parser_only_ever_raises_catalog_error(d):
    try:
        parse_item(d)
    except CatalogError:
        pass


FIELD_KEYS = sorted({k for it in DOC["items"] for f in it["fields"] for k in f} | {"required_when"})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(FIELD_KEYS), json_values | st.sampled_from(["pickup", "邮寄送达"]),
                                max_size=8), max_size=3))
def test_field_parser_only_ever_raises_catalog_error(fields):
    try:
        parse_item(_item(fields=DOC["items"][0]["fields"][-2:] + fields))
    except CatalogError as e:
        assert e.code and e.zh


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(list(DOC["items"][0])), json_values)
def test_one_bad_value_is_refused_or_valid(key, value):
    d = _item(**{key: value})
    try:
        item = parse_item(d)
    except CatalogError as e:
        assert e.code
    else:
        assert item.code


def test_the_pension_check_is_a_face_checked_instant_online_only_item_in_harbin_and_jingjinji():
    """养老金领取资格认证 (生存认证): face against the authoritative photo, 秒批, refused offline."""
    items = [i for i in parse_document(json.loads(SEED.read_text(encoding="utf-8")))[1] if "养老金领取资格认证" in i.name]
    assert sorted(i.region for i in items) == ["110000", "120000", "130000", "230100"]
    for i in items:
        assert (i.identity, i.instant, i.offline, i.materials) == ("card_face", True, "deny", []), i.code
        assert i.name_en and i.guide_en and "养老金" in i.keywords
