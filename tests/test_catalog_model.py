"""The item model: the seed is complete and valid; broken items are refused naming item and field."""
from __future__ import annotations

import copy
import json

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
