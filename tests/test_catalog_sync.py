"""Catalog sync: ETag/304, validation, atomic swap, broken catalogs rejected, offline start from the cache."""
from __future__ import annotations

import copy
import json

import pytest

from gateway_testkit import SEED, make_config
from kiosk.catalog.store import cache_path, load_catalog
from kiosk.catalog.sync import sync_catalog
from kiosk.gateway.client import GatewayRouter
from kiosk.gateway_sim import GatewaySim

SEED_DOC = json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def home(tmp_path):
    s = GatewaySim(data_dir=tmp_path / "home")
    s.start()
    yield s
    s.stop()


@pytest.fixture
def bj(tmp_path):
    s = GatewaySim(data_dir=tmp_path / "bj", region="110000")
    s.start()
    yield s
    s.stop()


@pytest.fixture
def setup(tmp_path, home, bj):
    cfg = make_config(tmp_path, home_url=home.url, regions={"110000": bj.url})
    router = GatewayRouter(cfg)
    yield cfg, router
    router.close()


def renamed(doc, code, new_name, version="2026.12"):
    d = copy.deepcopy(doc)
    d["version"] = version
    for it in d["items"]:
        if it["code"] == code:
            it["name"] = new_name
    return d


def test_seed_when_nothing_else_exists(setup):
    cfg, _ = setup
    cat = load_catalog(cfg)
    assert cat.source == "seed" and cat.version == SEED_DOC["version"] and len(cat) == len(SEED_DOC["items"])
    assert not cache_path(cfg).exists()


def test_first_sync_writes_the_cache_then_304_changes_nothing(setup):
    cfg, router = setup
    first = sync_catalog(cfg, router, load_catalog(cfg))
    assert first.ok and first.written and first.catalog.source == "cache"
    assert {r.status for r in first.regions} == {"updated"}
    assert cache_path(cfg).exists() and len(first.catalog) == len(SEED_DOC["items"])
    before = cache_path(cfg).read_bytes()
    again = sync_catalog(cfg, router, load_catalog(cfg))
    assert [r.status for r in again.regions] == ["unchanged"] * len(again.regions)
    assert not again.written and cache_path(cfg).read_bytes() == before
    assert again.catalog.version == first.catalog.version


def test_english_and_conditions_survive_the_gateway_and_the_cache(setup, bj):
    cfg, router = setup
    seed = load_catalog(cfg)
    sync_catalog(cfg, router, seed)
    cached = load_catalog(cfg)
    assert cached.source == "cache"
    assert [cached.get(i.code) for i in seed.items()] == seed.items()     # every English text, every condition
    # a changed English name is a changed catalog: new ETag, swapped in
    changed = copy.deepcopy(SEED_DOC)
    next(i for i in changed["items"] if i["code"] == "110000-RS-001")["name_en"] = "Beijing card (new)"
    bj.set_catalog(changed)
    result = sync_catalog(cfg, router, cached)
    assert {r.region: r.status for r in result.regions}["110000"] == "updated"
    assert load_catalog(cfg).get("110000-RS-001").name_en == "Beijing card (new)"


def test_a_changed_region_is_swapped_in_and_versioned(setup, bj):
    cfg, router = setup
    sync_catalog(cfg, router, load_catalog(cfg))
    bj.set_catalog(renamed(SEED_DOC, "110000-RS-001", "北京市社会保障卡补换（新版）"))
    result = sync_catalog(cfg, router, load_catalog(cfg))
    by_region = {r.region: r for r in result.regions}
    assert by_region["110000"].status == "updated" and by_region["110000"].version == "2026.12"
    assert by_region["120000"].status == "unchanged"
    cat = load_catalog(cfg)
    assert cat.get("110000-RS-001").name == "北京市社会保障卡补换（新版）"
    assert cat.region_versions["110000"] == "2026.12" and cat.version == result.catalog.version
    assert cat.search("新版")[0].code == "110000-RS-001"


@pytest.mark.parametrize("breakage", [
    lambda d: d["items"][0].update(mode="teleport"),                    # invalid item
    lambda d: d.update(items="not a list"),
    lambda d: d.pop("version"),
    lambda d: d["items"].append(dict(d["items"][0], code="230100-RS-001")),  # another region's code
])
def test_a_broken_catalog_is_rejected_without_touching_the_good_cache(setup, bj, breakage):
    cfg, router = setup
    sync_catalog(cfg, router, load_catalog(cfg))
    good = cache_path(cfg).read_bytes()
    broken = renamed(SEED_DOC, "110000-RS-001", "坏的目录")
    broken["items"] = [i for i in broken["items"] if i["region"] == "110000"]
    breakage(broken)
    bj.set_catalog(broken)
    result = sync_catalog(cfg, router, load_catalog(cfg))
    by_region = {r.region: r for r in result.regions}
    assert by_region["110000"].status == "rejected" and by_region["110000"].message
    assert not result.ok and not result.written
    assert cache_path(cfg).read_bytes() == good
    cat = load_catalog(cfg)
    assert cat.get("110000-RS-001").name != "坏的目录" and len(cat) == len(SEED_DOC["items"])
    assert not list(cache_path(cfg).parent.glob(".catalog-*"))     # no temp file left behind


def test_items_of_another_region_are_refused():
    from kiosk.catalog.model import CatalogError
    from kiosk.catalog.sync import _validate_region
    doc = {"version": "x", "items": [i for i in SEED_DOC["items"] if i["region"] == "120000"]}
    with pytest.raises(CatalogError, match="another region"):
        _validate_region("110000", doc, {})
    with pytest.raises(CatalogError, match="asked for"):
        _validate_region("110000", dict(doc, items=[], region="120000"), {})
    assert _validate_region("120000", doc, {})[1]


def test_offline_start_from_the_cache(setup, home, bj):
    cfg, router = setup
    bj.set_catalog(renamed(SEED_DOC, "110000-GJJ-001", "北京住房公积金缴存证明（缓存版）"))
    sync_catalog(cfg, router, load_catalog(cfg))
    home.set_offline(True)
    bj.set_offline(True)
    cat = load_catalog(cfg)          # a restart with every gateway down
    assert cat.source == "cache" and cat.get("110000-GJJ-001").name.endswith("（缓存版）")
    result = sync_catalog(cfg, router, cat)
    assert {r.status for r in result.regions} == {"unavailable"} and not result.written
    assert result.catalog is cat


def test_a_corrupt_cache_falls_back_to_the_seed(setup, caplog):
    cfg, router = setup
    sync_catalog(cfg, router, load_catalog(cfg))
    cache_path(cfg).write_text('{"format": 1, "regions": {"110000": {"items": [{"code": 1}]}}}', encoding="utf-8")
    cat = load_catalog(cfg)
    assert cat.source == "seed"
    assert "unusable" in caplog.text


def test_describe_shows_version_source_and_regions(setup):
    cfg, router = setup
    info = sync_catalog(cfg, router, load_catalog(cfg)).as_dict()
    assert info["ok"] and info["catalog"]["source"] == "cache" and info["catalog"]["version"].startswith("sync-")
    assert info["catalog"]["regions"]["110000"]["items"] > 0


from hypothesis import given, settings, strategies as st  # noqa: E402

_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=6),
                       lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
                       max_leaves=10)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"format": st.sampled_from([1, 2, "1"]),
                              "regions": st.dictionaries(st.sampled_from(["110000", "120000", "x"]),
                                                         st.fixed_dictionaries({"items": _values}) | _values,
                                                         max_size=2)}))
def test_cache_parser_refuses_garbage_with_catalog_error_only(doc):
    from kiosk.catalog.model import CatalogError
    from kiosk.catalog.store import parse_cache
    try:
        parse_cache(doc)
    except CatalogError:
        pass
