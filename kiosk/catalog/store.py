"""The catalog the kiosk shows: items, categories, search, version; loaded from the cache or the seed.

`load_catalog(cfg)` takes the on-disk cache written by the last successful
sync (data_dir/catalog/catalog.json) when it is present and valid, else the
seed shipped in assets/ (cfg.catalog.seed). A catalog never changes after it
is built; a sync makes a new one (swap the reference, no locks needed).
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from kiosk.catalog.model import CatalogError, Item, parse_document, parse_items
from kiosk.catalog.scenes import Scene, check_scene_ids, parse_scenes
from kiosk.catalog.search import SearchIndex
from kiosk.safe_files import read_regular_file

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


class Catalog:
    def __init__(self, items: list[Item], version: str, source: str = "seed",
                 region_versions: dict[str, str] | None = None, etags: dict[str, str] | None = None,
                 synced_at: str | None = None, scenes: list[Scene] | None = None):
        codes = [i.code for i in items]
        if len(set(codes)) != len(codes):
            dup = sorted({c for c in codes if codes.count(c) > 1})
            raise CatalogError(f"duplicate item codes {dup}", f"事项编码重复：{dup}")
        self._items = list(items)
        self._by_code = {i.code: i for i in items}
        self.version = version
        self.source = source                      # "seed" | "cache" | "sync"
        self.region_versions = dict(region_versions or {})
        self.etags = dict(etags or {})
        self.synced_at = synced_at
        self._index = SearchIndex(self._items)    # pinyin precomputed now, not per keystroke
        # 一件事一次办: every scene's items are in this catalog (a scene whose items went away is dropped).
        self._scenes = [s for s in (scenes or []) if all(c in self._by_code for c in s.item_codes())]
        if len(self._scenes) != len(scenes or []):
            log.warning("scenes dropped: their items are not in the catalog / 部分一件事场景的事项缺失，已停用")
        check_scene_ids(self._scenes, self._by_code)
        self._scene_by_id = {s.id: s for s in self._scenes}
        self._scene_index = SearchIndex(self._scenes)

    def __repr__(self) -> str:
        return f"Catalog({len(self._items)} items, version={self.version!r}, source={self.source})"

    def __len__(self) -> int:
        return len(self._items)

    def items(self, region: str | None = None, category: str | None = None) -> list[Item]:
        return [i for i in self._items
                if (region is None or i.region == region) and (category is None or i.category == category)]

    def get(self, code: str) -> Item | None:
        return self._by_code.get(code)

    def scenes(self, region: str | None = None) -> list[Scene]:
        return [s for s in self._scenes if region is None or s.region == region]

    def scene(self, scene_id: str) -> Scene | None:
        return self._scene_by_id.get(scene_id)

    def scene_items(self, scene: Scene) -> list[Item]:
        return [self._by_code[c] for c in scene.item_codes()]

    def search_scenes(self, query: str, limit: int = 10) -> list[Scene]:
        return self._scene_index.search(query, limit)

    def categories(self) -> list[str]:
        """Categories in catalog order (first appearance)."""
        return list(dict.fromkeys(i.category for i in self._items))

    def regions(self) -> list[str]:
        return sorted({i.region for i in self._items})

    def search(self, query: str, limit: int = 50) -> list[Item]:
        return self._index.search(query, limit)

    def describe(self) -> dict[str, Any]:
        """What a technician needs to know about this catalog (CLI, doctor, heartbeat)."""
        return {"version": self.version, "source": self.source, "items": len(self._items),
                "scenes": len(self._scenes),
                "synced_at": self.synced_at, "regions": {r: {"version": self.region_versions.get(r, ""),
                                                              "items": len(self.items(region=r))}
                                                          for r in self.regions()}}


def combined_version(region_versions: dict[str, str], etags: dict[str, str]) -> str:
    canon = json.dumps({"v": region_versions, "e": etags}, sort_keys=True)
    return "sync-" + hashlib.sha256(canon.encode()).hexdigest()[:12]


MAX_CATALOG_BYTES = 64_000_000


def cache_path(cfg) -> Path:
    return Path(cfg.kiosk.data_dir) / "catalog" / "catalog.json"


def load_seed(path: str | Path) -> Catalog:
    path = Path(path)
    try:
        doc = json.loads(read_regular_file(path, MAX_CATALOG_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc}", f"{path}：无法读取事项目录：{exc}") from None
    version, items = parse_document(doc)
    scenes = parse_scenes(doc.get("scenes"), items)
    versions = {r: version for r in {i.region for i in items}}
    return Catalog(items, version, source="seed", region_versions=versions, scenes=scenes)


def parse_cache(doc: Any) -> Catalog:
    """The cache document written by sync → Catalog; CatalogError if anything is off."""
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or not isinstance(doc.get("regions"), dict):
        raise CatalogError("not a catalog cache (format 1)", "不是有效的目录缓存")
    items: list[Item] = []
    versions: dict[str, str] = {}
    etags: dict[str, str] = {}
    raw_scenes: list = []
    for region, part in doc["regions"].items():
        if not isinstance(part, dict) or not (len(region) == 6 and region.isdigit()):
            raise CatalogError(f"region {region!r}: not a region code with an object", f"区划 {region} 格式错误")
        region_items = parse_items(part.get("items"))
        wrong = [i.code for i in region_items if i.region != region]
        if wrong:
            raise CatalogError(f"region {region} holds items of other regions: {wrong[:3]}",
                               f"区划 {region} 含有其他区划的事项")
        items += region_items
        region_scenes = part.get("scenes") or []
        if not isinstance(region_scenes, list) or any(not isinstance(x, dict) or x.get("region") != region
                                                       for x in region_scenes):
            raise CatalogError(f"region {region}: scenes must be a list of this region's scenes",
                               f"区划 {region} 的一件事场景格式错误")
        raw_scenes += region_scenes
        versions[region] = str(part.get("version", ""))
        if part.get("etag"):
            etags[region] = str(part["etag"])
    return Catalog(items, combined_version(versions, etags), source="cache", region_versions=versions,
                   etags=etags, synced_at=doc.get("synced_at"), scenes=parse_scenes(raw_scenes, items))


def load_cache(path: str | Path) -> Catalog:
    try:
        doc = json.loads(read_regular_file(path, MAX_CATALOG_BYTES).decode("utf-8"))
    except RecursionError:
        raise CatalogError("nested too deeply", "目录缓存嵌套层数过多") from None
    return parse_cache(doc)


def load_catalog(cfg) -> Catalog:
    """The cache if present and valid, else the seed. A broken seed stops start-up (CatalogError)."""
    path = cache_path(cfg)
    if path.exists():
        try:
            return load_cache(path)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:   # CatalogError is a ValueError
            log.warning("catalog cache %s unusable, using the seed: %s / 目录缓存不可用，改用内置目录", path, exc)
    return load_seed(cfg.catalog.seed)
