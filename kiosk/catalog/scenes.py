"""一件事一次办: a scene (a life event) names several items handled in one visit.

A catalog document may carry `"scenes": [scene, ...]` beside `"items"`. A scene:

    {"id": "230100-SC-001", "name": "新生儿出生一件事", "region": "230100",
     "items": [{"code": "230100-WJ-001"}, {"code": "230100-RS-012", "optional": true}],
     "shared_fields": ["baby_name", "phone"], "shared_materials": ["parents_id"],
     "guide": "…", "keywords": ["出生", "新生儿"]}

`parse_scenes` validates them against the catalog's items (CatalogError names
the scene and what is wrong): every item exists, a field or material key used
by two of the scene's items is declared shared (asked once) and means the same
in each (same type, same options). `merge` makes the one virtual Item the
resident fills: the chosen items' fields and materials, each shared key once.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from kiosk.catalog.model import (REGION_NAMES, REGION_NAMES_EN, CatalogError, Field, Item, Material,
                                 _code_and_region, _en, _need, _str, _unknown)

SCENE_CATEGORY = "一件事一次办"
SCENE_CATEGORY_EN = "One visit for a life event"
SCENE_DEPARTMENT = "多部门联办"
SCENE_DEPARTMENT_EN = "Several departments, one visit"


@dataclass(frozen=True)
class SceneItem:
    code: str
    optional: bool = False


@dataclass(frozen=True, kw_only=True)
class Scene:
    id: str
    name: str
    name_en: str = ""
    short_name: str
    region: str
    region_name: str
    guide: str = ""
    guide_en: str = ""
    items: list[SceneItem]
    shared_fields: list[str] = field(default_factory=list)
    shared_materials: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    # What search and the home list read (a scene is listed like an item).
    category: str = SCENE_CATEGORY
    category_en: str = SCENE_CATEGORY_EN
    department: str = SCENE_DEPARTMENT
    department_en: str = SCENE_DEPARTMENT_EN

    @property
    def code(self) -> str:
        return self.id

    @property
    def region_name_en(self) -> str:
        return REGION_NAMES_EN.get(self.region, "")

    def item_codes(self) -> list[str]:
        return [i.code for i in self.items]

    def is_optional(self, code: str) -> bool:
        return any(i.code == code and i.optional for i in self.items)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("category", "category_en", "department", "department_en"):
            d.pop(k)
        return d


_SCENE_KEYS = {"id", "name", "name_en", "short_name", "region", "region_name", "guide", "guide_en", "items",
               "shared_fields", "shared_materials", "keywords"}


def _keys(d: dict, k: str, sid: str) -> list[str]:
    v = d.get(k, [])
    _need(isinstance(v, list) and all(isinstance(x, str) and x for x in v) and len(set(v)) == len(v),
          f"{k} must be a list of distinct keys", f"{k} 必须是不重复的键列表", sid, k)
    return list(v)


def _same_meaning(a: Field, b: Field) -> bool:
    return a.type == b.type and list(a.options) == list(b.options) and a.pattern == b.pattern


def parse_scene(d: Any, items: dict[str, Item], index: int = 0) -> Scene:
    _need(isinstance(d, dict), f"scenes[{index}] must be an object", f"第 {index} 个场景必须是对象", f"#{index}")
    sid = d.get("id") if isinstance(d.get("id"), str) and d.get("id") else f"scene #{index}"
    _unknown(d, _SCENE_KEYS, sid, "")
    region = _code_and_region(d, "id", sid, "场景编码")
    raw = d.get("items")
    _need(isinstance(raw, list) and len(raw) >= 2, "a scene needs at least two items",
          "一件事场景至少包含两个事项", sid, "items")
    members: list[SceneItem] = []
    for i, m in enumerate(raw):
        _need(isinstance(m, dict) and isinstance(m.get("code"), str) and set(m) <= {"code", "optional"}
              and isinstance(m.get("optional", False), bool),
              'each item is {"code": str, "optional": bool}', "每个事项须为 {code, optional}", sid, f"items[{i}]")
        _need(m["code"] in items, f"item {m['code']} is not in the catalog", f"事项 {m['code']} 不在目录中",
              sid, f"items[{i}]")
        members.append(SceneItem(m["code"], m.get("optional", False)))
    codes = [m.code for m in members]
    _need(len(set(codes)) == len(codes), "an item is named twice", "事项重复", sid, "items")
    _need(any(not m.optional for m in members), "at least one item must not be optional",
          "至少一个事项为必办", sid, "items")
    shared_f, shared_m = _keys(d, "shared_fields", sid), _keys(d, "shared_materials", sid)
    its = [items[c] for c in codes]
    for what, shared, get in (("fields", shared_f, lambda it: it.fields),
                              ("materials", shared_m, lambda it: it.materials)):
        seen: dict[str, list] = {}
        for it in its:
            for x in get(it):
                seen.setdefault(x.key, []).append(x)
        for key in shared:
            _need(len(seen.get(key, [])) >= 2, f"shared {key} is not in two of the scene's items",
                  f"共享的 {key} 未出现在两个以上事项中", sid, f"shared_{what}")
        twice = sorted(k for k, xs in seen.items() if len(xs) > 1 and k not in shared)
        _need(not twice, f"{what} {twice} appear in several items: declare them shared_{what} or rename them",
              f"{twice} 出现在多个事项中：请声明为共享或改名", sid, f"shared_{what}")
        if what == "fields":
            bad = sorted(k for k in shared if not all(_same_meaning(seen[k][0], x) for x in seen[k]))
            _need(not bad, f"shared fields {bad} differ in type, options or pattern between items",
                  f"共享字段 {bad} 在各事项中的类型、选项或格式不一致", sid, "shared_fields")
    keywords = d.get("keywords", [])
    _need(isinstance(keywords, list) and all(isinstance(k, str) and k for k in keywords),
          "keywords must be non-empty strings", "关键词必须是非空字符串", sid, "keywords")
    name = _str(d, "name", sid)
    return Scene(id=sid, name=name, name_en=_en(d, "name_en", sid), short_name=d.get("short_name") or name,
                 region=region, region_name=d.get("region_name") or REGION_NAMES.get(region, region),
                 guide=_str(d, "guide", sid, empty_ok=True) if "guide" in d else "",
                 guide_en=_en(d, "guide_en", sid), items=members, shared_fields=shared_f,
                 shared_materials=shared_m, keywords=list(keywords))


def parse_scenes(raw: Any, items: list[Item] | dict[str, Item]) -> list[Scene]:
    """Validate a list of JSON scenes against `items`; raises CatalogError at the first problem."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CatalogError("scenes must be a list", "scenes 必须是列表")
    by_code = items if isinstance(items, dict) else {i.code: i for i in items}
    out = [parse_scene(d, by_code, n) for n, d in enumerate(raw)]
    check_scene_ids(out, by_code)
    return out


def check_scene_ids(scenes: list[Scene], items: dict[str, Item]) -> None:
    ids = [s.id for s in scenes]
    dup = sorted({i for i in ids if ids.count(i) > 1} | {i for i in ids if i in items})
    if dup:
        raise CatalogError(f"duplicate scene ids (or ids used by items) {dup}", f"场景编码重复：{dup}")


def merge(scene: Scene, items: list[Item]) -> Item:
    """The one form of a visit: `items` (the chosen ones, catalog order) with each shared key once.
    A shared field is required where any item requires it; a material asks for the most pages."""
    fields: dict[str, Field] = {}
    materials: dict[str, Material] = {}
    for it in items:
        for f in it.fields:
            old = fields.get(f.key)
            if old is None:
                fields[f.key] = f
            elif f.required and not old.required:
                fields[f.key] = replace(old, required=True, required_when={})
        for m in it.materials:
            old = materials.get(m.key)
            if old is None:
                materials[m.key] = m
            else:
                materials[m.key] = replace(old, required=old.required or m.required, pages=max(old.pages, m.pages),
                                           accept_licenses=[k for k in old.accept_licenses if k in m.accept_licenses])
    identity = ("card_face" if any(i.identity == "card_face" for i in items)
                else "card" if any(i.identity == "card" for i in items) else "any")
    first = items[0]
    return Item(code=scene.id, name=scene.name, name_en=scene.name_en, short_name=scene.short_name,
                region=scene.region, region_name=scene.region_name, department=SCENE_DEPARTMENT,
                department_en=SCENE_DEPARTMENT_EN, category=SCENE_CATEGORY, category_en=SCENE_CATEGORY_EN,
                mode=first.mode if all(i.mode == first.mode for i in items) else "joint",
                identity=identity, offline="deny" if any(i.offline == "deny" for i in items) else "allow",
                instant=False, fee="不收费" if all(i.fee in ("", "不收费") for i in items) else "按各事项标准",
                fee_en="Free" if all(i.fee in ("", "不收费") for i in items) else "As each item says",
                time_limit="以各事项为准", time_limit_en="As each item says", guide=scene.guide,
                guide_en=scene.guide_en, fields=list(fields.values()), materials=list(materials.values()),
                keywords=list(scene.keywords))


def form_of(item: Item, form: dict) -> dict:
    """The merged form's values that belong to `item` (its own field keys)."""
    keys = {f.key for f in item.fields}
    return {k: v for k, v in form.items() if k in keys}
