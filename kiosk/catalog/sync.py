"""Catalog sync: per region from its gateway with ETag/304, validated, swapped atomically, cached.

For every region the kiosk knows (the current catalog's, the mapped ones in
kiosk.toml and the home region) ask its gateway (GatewayRouter.fetch_catalog)
with the last ETag. A 200 is validated completely (every item, its region,
unique codes across regions) before it can replace anything; a broken answer
or an unreachable gateway keeps that region's current items. The full
snapshot is written to a temp file, fsynced and renamed over the cache, so a
power cut leaves either the old or the new cache, never half of one.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kiosk.catalog.model import CatalogError, Item, parse_document
from kiosk.catalog.scenes import Scene, parse_scenes
from kiosk.catalog.store import CACHE_FORMAT, Catalog, cache_path, combined_version
from kiosk.gateway.errors import GatewayRejected, GatewayUnavailable

log = logging.getLogger(__name__)


@dataclass
class RegionResult:
    region: str
    status: str          # updated | unchanged | unavailable | rejected
    message: str = ""
    version: str = ""
    items: int = 0


@dataclass
class SyncResult:
    catalog: Catalog
    regions: list[RegionResult] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return all(r.status in ("updated", "unchanged") for r in self.regions)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "written": self.written, "catalog": self.catalog.describe(),
                "regions": [asdict(r) for r in self.regions]}


def regions_to_sync(cfg, current: Catalog) -> list[str]:
    return sorted(set(current.regions()) | set(cfg.regions) | {cfg.kiosk.region})


def _validate_region(region: str, doc, others: dict[str, list[Item]]) -> tuple[str, list[Item], list[Scene]]:
    version, items = parse_document(doc)
    if isinstance(doc, dict) and doc.get("region") not in (None, region):
        raise CatalogError(f"answer is for region {doc.get('region')}, asked for {region}",
                           f"返回的区划 {doc.get('region')} 与请求的 {region} 不符")
    wrong = [i.code for i in items if i.region != region]
    if wrong:
        raise CatalogError(f"items of another region in region {region}: {wrong[:3]}",
                           f"区划 {region} 的目录含有其他区划的事项")
    taken = {i.code for r, its in others.items() if r != region for i in its}
    clash = sorted(i.code for i in items if i.code in taken)
    if clash:
        raise CatalogError(f"item codes already used by another region: {clash[:3]}", "事项编码与其他区划重复")
    # A scene may name items of other regions (异地就医: 备案 here, 公积金 there): checked against all.
    known = {i.code: i for r, its in others.items() if r != region for i in its} | {i.code: i for i in items}
    scenes = parse_scenes(doc.get("scenes") if isinstance(doc, dict) else None, known)
    wrong = [s.id for s in scenes if s.region != region]
    if wrong:
        raise CatalogError(f"scenes of another region in region {region}: {wrong[:3]}",
                           f"区划 {region} 的目录含有其他区划的一件事场景")
    return version, items, scenes


def write_cache_atomically(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    dfd = os.open(path.parent, os.O_RDONLY)   # make the rename itself durable
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def sync_catalog(cfg, router, current: Catalog) -> SyncResult:
    """Fetch every region, keep what fails, write the cache if anything changed. Never raises for
    a gateway problem; the result says per region what happened."""
    by_region: dict[str, list[Item]] = {r: current.items(region=r) for r in current.regions()}
    scenes: dict[str, list[Scene]] = {}
    for s in current.scenes():
        scenes.setdefault(s.region, []).append(s)
    versions = dict(current.region_versions)
    etags = dict(current.etags)
    results: list[RegionResult] = []
    changed = current.source == "seed"      # first sync: persist even if all 304 (ETags, offline start)
    for region in regions_to_sync(cfg, current):
        try:
            status, etag, doc = router.fetch_catalog(region, etags.get(region))
        except (GatewayUnavailable, GatewayRejected) as exc:
            results.append(RegionResult(region, "unavailable", str(exc), versions.get(region, ""),
                                        len(by_region.get(region, []))))
            continue
        if status == 304:
            results.append(RegionResult(region, "unchanged", "304 Not Modified", versions.get(region, ""),
                                        len(by_region.get(region, []))))
            continue
        try:
            version, items, region_scenes = _validate_region(region, doc, by_region)
        except CatalogError as exc:
            log.warning("catalog of region %s rejected, keeping the current one: %s", region, exc)
            results.append(RegionResult(region, "rejected", str(exc), versions.get(region, ""),
                                        len(by_region.get(region, []))))
            continue
        by_region[region] = items
        scenes[region] = region_scenes
        versions[region] = version
        if etag:
            etags[region] = etag
        changed = True
        results.append(RegionResult(region, "updated", "", version, len(items)))
    if not changed:
        return SyncResult(current, results, written=False)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    # Home province first, so ties in search and lists favour local items, as in the seed.
    order = sorted(by_region, key=lambda r: (r[:2] != cfg.kiosk.region[:2], r))
    all_items = [i for r in order for i in by_region[r]]
    catalog = Catalog(all_items, combined_version(versions, etags), source="cache",
                      region_versions=versions, etags=etags, synced_at=now,
                      scenes=[s for r in sorted(scenes) for s in scenes[r]])
    kept = {s.id for s in catalog.scenes()}
    doc = {"format": CACHE_FORMAT, "synced_at": now, "version": catalog.version,
           "regions": {r: {"version": versions.get(r, ""), "etag": etags.get(r, ""),
                           "items": [i.as_dict() for i in by_region[r]],
                           "scenes": [s.as_dict() for s in scenes.get(r, []) if s.id in kept]} for r in order}}
    write_cache_atomically(cache_path(cfg), doc)
    return SyncResult(catalog, results, written=True)
