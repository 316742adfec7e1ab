"""`kiosk catalog list|show|sync`: the service items and the 一件事一次办 scenes, as the touch screen sees them."""
from __future__ import annotations

import argparse
import contextlib
import sys

from kiosk.cli.common import DEVICE_MISSING, FAILED, NOT_FOUND, OK, add_config_arg, add_json_arg, config_from, \
    fail, print_json

SUMMARY_KEYS = ("code", "name", "short_name", "region", "region_name", "department", "category", "mode",
                "identity", "offline", "instant")


def register(sub) -> None:
    p = sub.add_parser("catalog", help="list, show and sync the service items (事项目录)")
    cmds = p.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    ls = cmds.add_parser("list", help="list items and scenes (with --search: ranked as on the touch screen)")
    ls.add_argument("--region", help="only items of this region (GB/T 2260, e.g. 110000)")
    ls.add_argument("--search", metavar="QUERY", help="Chinese, full pinyin or initials, e.g. sbk")
    add_config_arg(ls)
    add_json_arg(ls)
    ls.set_defaults(func=run_list)

    show = cmds.add_parser("show", help="one item completely (fields, materials, offline policy, identity), "
                                        "or one scene (its items, the optional ones, what they share)")
    show.add_argument("code", help="an item code or a scene id")
    add_config_arg(show)
    add_json_arg(show)
    show.set_defaults(func=run_show)

    sync = cmds.add_parser("sync", help="fetch every region's catalog from its gateway (ETag) and cache it")
    add_config_arg(sync)
    add_json_arg(sync)
    sync.set_defaults(func=run_sync)


def _load(args):
    from kiosk.catalog.model import CatalogError
    from kiosk.catalog.store import load_catalog
    cfg = config_from(args)
    try:
        return cfg, load_catalog(cfg)
    except CatalogError as exc:
        fail(FAILED, f"the catalog is invalid: {exc.en}", f"事项目录无效：{exc.zh}", where=cfg.catalog.seed)


def _header(cat) -> str:
    synced = f", synced {cat.synced_at}" if cat.synced_at else ""
    return f"catalog {cat.version} ({cat.source}{synced}), {len(cat)} items / 事项目录版本 {cat.version}"


def scene_summary(scene) -> dict:
    return {"id": scene.id, "name": scene.name, "region": scene.region, "items": scene.item_codes(),
            "optional": [i.code for i in scene.items if i.optional]}


def run_list(args: argparse.Namespace) -> int:
    cfg, cat = _load(args)
    items = cat.search(args.search, limit=len(cat)) if args.search else cat.items()
    scenes = cat.search_scenes(args.search, limit=len(cat.scenes())) if args.search else cat.scenes()
    if args.region:
        items = [i for i in items if i.region == args.region]
        scenes = [s for s in scenes if s.region == args.region]
    if args.json:
        print_json({"catalog": cat.describe(), "query": args.search,
                    "items": [{k: getattr(i, k) for k in SUMMARY_KEYS} for i in items],
                    "scenes": [scene_summary(s) for s in scenes]})
        return OK
    print(_header(cat), file=sys.stderr)
    for i in items:
        flags = ("秒批 " if i.instant else "") + ("离线不可办 " if not i.offline_allowed else "") + \
                ("人脸 " if i.needs_face else "")
        print(f"{i.code:<20} {i.region} {i.mode_zh:<6} {flags:<12} {i.name}")
    if not items:
        print("no items match / 没有符合条件的事项", file=sys.stderr)
    if scenes:
        print("scenes 一件事一次办:")
    for sc in scenes:
        codes = " ".join(i.code + ("(optional 可选)" if i.optional else "") for i in sc.items)
        print(f"{sc.id:<20} {sc.region} {sc.name}: {codes}")
    return OK


def show_scene(cat, scene, as_json: bool) -> int:
    if as_json:
        print_json({**scene.as_dict(), "optional": [i.code for i in scene.items if i.optional]})
        return OK
    print(f"{scene.name}  [{scene.id}]  一件事一次办 / one visit for a life event")
    print(f"  English 英文名称:    {scene.name_en or '(none / 无，界面显示中文)'}")
    print(f"  region 区划:         {scene.region} {scene.region_name}")
    print("  items 事项:")
    for i in scene.items:
        item = cat.get(i.code)
        print(f"    {i.code:<18} {'optional' if i.optional else 'required':<8} {item.name if item else ''}")
    print(f"  shared fields 共享字段:    {', '.join(scene.shared_fields) or '-'}")
    print(f"  shared materials 共享材料: {', '.join(scene.shared_materials) or '-'}")
    print(f"  guide 申报须知:      {scene.guide}")
    return OK


def run_show(args: argparse.Namespace) -> int:
    from kiosk.catalog.model import IDENTITY_ZH
    cfg, cat = _load(args)
    item = cat.get(args.code)
    if item is None and cat.scene(args.code) is not None:
        return show_scene(cat, cat.scene(args.code), args.json)
    if item is None:
        fail(NOT_FOUND, f"no item or scene with code {args.code} in catalog {cat.version}",
             f"目录中没有事项或场景 {args.code}")
    if args.json:
        print_json(item.as_dict())
        return OK
    print(f"{item.name}  [{item.code}]")
    print(f"  English 英文名称:    {item.name_en or '(none / 无，界面显示中文)'}")
    print(f"  short name 简称:     {item.short_name}")
    print(f"  region 区划:         {item.region} {item.region_name}")
    print(f"  department 实施机构: {item.department}")
    print(f"  category 分类:       {item.category}")
    print(f"  mode 办理模式:       {item.mode} ({item.mode_zh})")
    print(f"  identity 身份核验:   {item.identity} ({IDENTITY_ZH[item.identity]})")
    print(f"  offline 离线:        {item.offline} ({'可离线受理' if item.offline_allowed else '需联网办理'})"
          f"{'  instant 秒批' if item.instant else ''}")
    print(f"  fee 收费:            {item.fee}")
    print(f"  time limit 时限:     {item.time_limit}")
    print(f"  keywords 关键词:     {'、'.join(item.keywords)}")
    print("  fields 表单字段:")
    for f in item.fields:
        extra = []
        if f.pattern:
            extra.append(f"pattern={f.pattern}")
        if f.options:
            extra.append("options=" + "/".join(f.options))
        if f.prefill:
            extra.append(f"prefill={f.prefill}")
        if f.required_when:
            extra.append("required_when=" + ",".join(f"{k}={v}" for k, v in f.required_when.items()))
        label = f"{f.label} / {f.label_en}" if f.label_en else f.label
        print(f"    {f.key:<18} {f.type:<9} {'required' if f.required else 'optional':<8} {label}  "
              + " ".join(extra))
    print("  materials 材料:")
    for m in item.materials or []:
        print(f"    {m.key:<18} {'required' if m.required else 'optional':<8} {m.pages} page(s)  {m.label}")
    if not item.materials:
        print("    (none / 无需提交材料)")
    print(f"  guide 申报须知:      {item.guide}")
    return OK


@contextlib.contextmanager
def gateway_router(cfg):
    """A GatewayRouter; with gateway.url = "embedded" the simulator runs for the command's duration."""
    from kiosk.gateway.client import GatewayRouter
    sim = None
    home_url = None
    if cfg.gateway.url == "embedded":
        from kiosk.gateway_sim import start_embedded
        sim = start_embedded(cfg)
        home_url = sim.url
    router = GatewayRouter(cfg, home_url=home_url)
    try:
        yield router
    finally:
        router.close()
        if sim is not None:
            sim.stop()


def run_sync(args: argparse.Namespace) -> int:
    from kiosk.catalog.sync import sync_catalog
    cfg, cat = _load(args)
    with gateway_router(cfg) as router:
        result = sync_catalog(cfg, router, cat)
    if args.json:
        print_json(result.as_dict())
    else:
        for r in result.regions:
            zh = {"updated": "已更新", "unchanged": "无变化", "unavailable": "网关不可用", "rejected": "目录无效，已拒绝"}
            print(f"{r.region}  {r.status:<11} {zh[r.status]:<8} version={r.version or '-'} items={r.items}"
                  + (f"  {r.message}" if r.message and r.status != "unchanged" else ""))
        print(_header(result.catalog) + ("; cache written / 已写入缓存" if result.written else ""))
    statuses = {r.status for r in result.regions}
    if "rejected" in statuses:
        return FAILED
    if "unavailable" in statuses:
        return DEVICE_MISSING
    return OK
