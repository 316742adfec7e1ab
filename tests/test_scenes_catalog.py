"""一件事一次办 in the catalog: seed scenes, validation, merging, pinyin search, sync and cache."""
from __future__ import annotations

import copy
import json

import pytest

from gateway_testkit import SEED, make_config
from kiosk.catalog.model import CatalogError, parse_document
from kiosk.catalog.scenes import form_of, merge, parse_scenes
from kiosk.catalog.store import load_catalog, load_seed
from kiosk.catalog.sync import sync_catalog
from kiosk.gateway.client import GatewayRouter
from kiosk.gateway_sim import GatewaySim

DOC = json.loads(SEED.read_text(encoding="utf-8"))
_, ITEMS = parse_document(DOC)
BY_CODE = {i.code: i for i in ITEMS}


def test_the_seed_has_five_scenes_of_real_items():
    cat = load_seed(SEED)
    names = {s.name: s for s in cat.scenes()}
    assert {"新生儿出生一件事", "退休一件事", "失业一件事", "身后一件事"} <= set(names)
    assert any(n.startswith("异地就医一件事") for n in names)
    birth = [cat.get(c).short_name for c in names["新生儿出生一件事"].item_codes()]
    assert birth == ["出生医学证明", "新生儿入户", "新生儿医保参保", "新生儿社保卡"]
    for s in cat.scenes():
        assert len(s.items) >= 2 and s.guide and s.name_en and s.guide_en
        assert any(not i.optional for i in s.items)


def test_a_merged_form_asks_each_shared_field_once():
    cat = load_seed(SEED)
    scene = next(s for s in cat.scenes() if s.name == "新生儿出生一件事")
    items = cat.scene_items(scene)
    merged = merge(scene, items)
    keys = [f.key for f in merged.fields]
    assert len(keys) == len(set(keys))
    assert sum(len(i.fields) for i in items) > 2 * len(keys)       # 32 inputs one by one, 11 here
    for key in scene.shared_fields:
        assert sum(1 for i in items if i.field(key)) >= 2 and keys.count(key) == 1
    assert [m.key for m in merged.materials].count("parents_id") == 1
    # leaving out the optional card drops its own fields and materials, keeps the shared ones
    without = merge(scene, [i for i in items if not scene.is_optional(i.code)])
    assert "pickup" not in [f.key for f in without.fields] and "baby_photo" not in [m.key for m in without.materials]
    assert "baby_name" in [f.key for f in without.fields]
    form = {f.key: "x" for f in merged.fields}
    assert set(form_of(items[2], form)) == {f.key for f in items[2].fields}


def _scene(**changes):
    d = copy.deepcopy(next(s for s in DOC["scenes"] if s["name"] == "新生儿出生一件事"))
    d.update(changes)
    return d


@pytest.mark.parametrize("changes,where", [
    ({"items": [{"code": "230100-WJ-001"}, {"code": "NO-SUCH-ITEM"}]}, "items[1]"),
    ({"items": [{"code": "230100-WJ-001"}]}, "items"),
    ({"items": [{"code": "230100-WJ-001", "optional": True}, {"code": "230100-GA-005", "optional": True}]}, "items"),
    ({"shared_fields": ["name", "id_number"]}, "shared_fields"),             # phone in several, undeclared
    ({"shared_materials": ["parents_id"]}, "shared_materials"),
    ({"shared_fields": [*_scene()["shared_fields"], "birth_place"]}, "shared_fields"),   # only in one item
    ({"region": "23010"}, "region"),
    ({"colour": "red"}, "item"),
])
def test_a_broken_scene_is_refused_naming_the_scene_and_the_key(changes, where):
    with pytest.raises(CatalogError) as exc:
        parse_scenes([_scene(**changes)], BY_CODE)
    assert exc.value.code == "230100-SC-001" and exc.value.key == where


def test_a_shared_field_must_mean_the_same_in_each_item():
    doc = copy.deepcopy(DOC)
    for it in doc["items"]:
        if it["code"] == "230100-YB-003":
            next(f for f in it["fields"] if f["key"] == "relation")["options"] = ["母亲", "父亲"]
            next(f for f in it["fields"] if f["key"] == "relation")["options_en"] = ["Mother", "Father"]
    _, items = parse_document(doc)
    with pytest.raises(CatalogError, match="shared fields \\['relation'\\]"):
        parse_scenes(doc["scenes"], items)


def test_scene_ids_may_not_clash_with_item_codes():
    with pytest.raises(CatalogError):
        parse_scenes([_scene(id="230100-RS-001")], BY_CODE)


@pytest.mark.parametrize("query,name", [("xse", "新生儿出生一件事"), ("tx", "退休一件事"), ("shiye", "失业一件事"),
                                        ("身后", "身后一件事"), ("ydjy", "异地就医一件事（北京参保）"),
                                        ("生孩子", "新生儿出生一件事")])
def test_scenes_are_found_by_pinyin_like_items(query, name):
    assert load_seed(SEED).search_scenes(query)[0].name == name


def test_scenes_travel_through_the_gateway_and_the_cache(tmp_path):
    home, bj = GatewaySim(data_dir=tmp_path / "h"), GatewaySim(data_dir=tmp_path / "b", region="110000")
    home.start()
    bj.start()
    try:
        cfg = make_config(tmp_path, home_url=home.url, regions={"110000": bj.url})
        router = GatewayRouter(cfg)
        seed = load_catalog(cfg)
        result = sync_catalog(cfg, router, seed)
        assert result.ok and result.written
        cached = load_catalog(cfg)
        assert cached.source == "cache" and cached.scenes()
        assert {s.id: s for s in cached.scenes()} == {s.id: s for s in result.catalog.scenes()}
        assert sorted(s.id for s in cached.scenes()) == sorted(s.id for s in seed.scenes())
        assert cached.scene("110000-SC-001").region == "110000"
        # a region whose answer has a broken scene is refused as a whole; the current one stays
        broken = copy.deepcopy(DOC)
        broken["version"] = "2026.12-broken"
        broken["scenes"][0]["items"].append({"code": "230100-NOPE"})
        home.set_catalog(broken)
        again = sync_catalog(cfg, router, cached)
        assert {r.region: r.status for r in again.regions}["230100"] == "rejected"
        assert again.catalog.scene("230100-SC-001").item_codes() == seed.scene("230100-SC-001").item_codes()
        router.close()
    finally:
        home.stop()
        bj.stop()


def test_the_step_machine_holds_a_scene_without_qt():
    from kiosk.session import StepError, Transaction
    cat = load_seed(SEED)
    scene = cat.scene("230100-SC-001")
    tx = Transaction()
    tx.start()
    tx.choose_scene(scene, cat.scene_items(scene))
    assert tx.session.item.code == scene.id and len(tx.session.scene_items) == 4
    with pytest.raises(StepError):
        tx.set_scene_item("230100-WJ-001", False)          # a required item stays
    tx.set_scene_item("230100-RS-012", False)
    assert [i.code for i in tx.session.scene_items] == ["230100-WJ-001", "230100-GA-005", "230100-YB-003"]
    tx.set_scene_item("230100-RS-012", True)
    assert len(tx.session.scene_items) == 4
    tx.back()
    tx.choose_item(cat.get("230100-GA-001"), True)          # back home, an ordinary item: no scene left
    assert tx.session.scene is None and tx.session.scene_items == []
    tx.wipe()
    assert tx.session.scene is None


def test_a_recommended_item_taken_during_a_scene_leaves_the_scene_behind():
    # 主动服务's 办理 after identity in a 一件事一次办 visit: the new item is done alone, so the
    # commit must not cut the form into the scene's items any more.
    from kiosk.session import Step, Transaction
    from drivers.identity import IdentityRecord
    cat = load_seed(SEED)
    scene = cat.scene("230100-SC-001")
    tx = Transaction()
    tx.start()
    tx.choose_scene(scene, cat.scene_items(scene))
    tx.proceed(online=True)
    card = IdentityRecord.from_dict(json.loads((SEED.parent.parent / "cards" / "resident.json").read_text("utf-8")))
    assert tx.identity_presented(card) == Step.FORM
    assert tx.switch_item(cat.get("230100-GA-001"), online=True) == Step.FORM
    assert tx.session.item.code == "230100-GA-001"
    assert tx.session.scene is None and tx.session.scene_items == [] and tx.session.scene_all == []
