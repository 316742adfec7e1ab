"""The service item (事项) and its form fields and materials, validated on load.

A catalog document is `{"version": str, "items": [item, ...]}`. `parse_items`
turns the JSON items into dataclasses or raises `CatalogError` naming the item
code, the field and what is wrong (English and Chinese), so a broken seed or a
broken gateway answer is caught before it reaches a screen.

Every text a resident reads has an optional English twin (`name_en`,
`label_en`, `options_en`...; "" when absent, and the screens then show the
Chinese). Values stay Chinese: a select's submitted value is its Chinese
option, whatever language the resident chose.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

MODES = ("online", "proxy", "joint")          # 全程网办 / 异地代收代办 / 多地联办
MODE_ZH = {"online": "全程网办", "proxy": "异地代收代办", "joint": "多地联办"}
IDENTITIES = ("card", "card_face", "any")     # ID card; card + face; any incl. app QR
IDENTITY_ZH = {"card": "刷身份证", "card_face": "刷身份证并人脸核验", "any": "身份证、社保卡或扫码"}
OFFLINE = ("allow", "deny")
FACE_ALTERNATIVES = ("app_qr", "staff")
FIELD_TYPES = ("text", "phone", "date", "select", "number", "id_number", "address")
# IdentityRecord attributes a field may be prefilled from.
PREFILL_SOURCES = ("name", "id_number", "address", "birth_date", "gender", "ethnicity",
                   "nationality", "english_name", "card_number", "issuer")
REGION_NAMES = {
    "110000": "北京市", "120000": "天津市", "130000": "河北省", "133100": "雄安新区",
    "210000": "辽宁省", "220000": "吉林省", "230000": "黑龙江省", "230100": "哈尔滨市",
}
REGION_NAMES_EN = {
    "110000": "Beijing", "120000": "Tianjin", "130000": "Hebei", "133100": "Xiong'an New Area",
    "210000": "Liaoning", "220000": "Jilin", "230000": "Heilongjiang", "230100": "Harbin",
}


class CatalogError(ValueError):
    """A catalog (or one item) is not valid. `code`/`key` say where."""

    def __init__(self, en: str, zh: str, code: str = "", key: str = ""):
        self.en, self.zh, self.code, self.key = en, zh, code, key
        where = ""
        if code:
            where = f"item {code}"
            if key:
                where += f", {key}"
            where += ": "
        super().__init__(f"{where}{en} / {zh}")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    label_en: str = ""
    type: str = "text"
    required: bool = True
    # Required only while other fields hold these values, e.g. {"pickup": "邮寄送达"} (all must hold;
    # a list means any of its values). Such a field has required = false otherwise.
    required_when: dict[str, str | list[str]] = field(default_factory=dict)
    pattern: str = ""                 # full-match regex on the typed value, "" = none
    options: list[str] = field(default_factory=list)   # select only; the values submitted
    options_en: list[str] = field(default_factory=list)  # their display in English, same order
    prefill: str | None = None        # IdentityRecord attribute name
    hint: str = ""
    hint_en: str = ""

    def option_label(self, value: str, lang: str = "zh") -> str:
        """How a select value reads in `lang` (the value itself when there is no English)."""
        if lang == "en" and value in self.options and self.options_en:
            return self.options_en[self.options.index(value)]
        return value


@dataclass(frozen=True)
class Material:
    key: str
    label: str
    label_en: str = ""
    required: bool = True
    pages: int = 1
    # 免证办: electronic licence kinds (电子证照) that may stand for this material, e.g. ["居民户口簿"].
    accept_licenses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentSpec:
    """A document the item produces (a certificate printed on A4), as the gateway will list it."""
    key: str
    title: str
    pages: int = 1


@dataclass(frozen=True, kw_only=True)   # kw_only: each English twin sits beside its Chinese text
class Item:
    code: str                 # opaque (实施编码 etc. differ by province)
    name: str
    name_en: str = ""
    short_name: str
    region: str               # GB/T 2260
    region_name: str
    department: str           # 实施机构
    department_en: str = ""
    category: str
    category_en: str = ""
    mode: str                 # MODES
    identity: str             # IDENTITIES
    offline: str              # OFFLINE
    instant: bool             # 秒批
    fee: str
    fee_en: str = ""
    time_limit: str
    time_limit_en: str = ""
    guide: str                # 申报须知
    guide_en: str = ""
    fields: list[Field]
    materials: list[Material]
    keywords: list[str]
    documents: list[DocumentSpec] = field(default_factory=list)
    # Where the face check is refused (PIPL art. 29; face is never the only way): the ways this
    # item accepts instead. "staff" (请工作人员核验) always; "app_qr": the provincial app's
    # identity code, whose e-ID the app itself verified.
    face_alternatives: list[str] = field(default_factory=lambda: ["staff"])

    @property
    def needs_face(self) -> bool:
        return self.identity == "card_face"

    @property
    def offline_allowed(self) -> bool:
        return self.offline == "allow"

    @property
    def mode_zh(self) -> str:
        return MODE_ZH[self.mode]

    @property
    def region_name_en(self) -> str:
        return REGION_NAMES_EN.get(self.region, "")

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_ITEM_KEYS = {f for f in Item.__dataclass_fields__}
_FIELD_KEYS = {f for f in Field.__dataclass_fields__}
_MATERIAL_KEYS = {f for f in Material.__dataclass_fields__}
_DOCUMENT_KEYS = {f for f in DocumentSpec.__dataclass_fields__}
_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,63}")


def _need(cond: bool, en: str, zh: str, code: str, key: str = "") -> None:
    if not cond:
        raise CatalogError(en, zh, code, key)


def _str(d: dict, k: str, code: str, where: str = "", empty_ok: bool = False) -> str:
    v = d.get(k)
    name = f"{where}{k}"
    _need(isinstance(v, str), f"must be a string, got {v!r}", f"必须是字符串，实际为 {v!r}", code, name)
    _need(empty_ok or bool(v.strip()), "must not be empty", "不能为空", code, name)
    return v


def _en(d: dict, k: str, code: str, where: str = "") -> str:
    """An optional English twin: a string, "" when absent."""
    v = d.get(k, "")
    v = "" if v is None else v
    _need(isinstance(v, str), f"{k} must be a string, got {v!r}", f"{k} 必须是字符串，实际为 {v!r}", code, where + k)
    return v.strip()


def _unknown(d: dict, known: set, code: str, where: str) -> None:
    extra = sorted(set(d) - known)
    _need(not extra, f"unknown keys {extra}", f"未知的字段 {extra}", code, where.rstrip(".") or "item")


_ITEM_EN = ("name_en", "department_en", "category_en", "fee_en", "time_limit_en", "guide_en")


def _check_required_when(fields: list[Field], code: str) -> None:
    """A condition names another field of the item, and a select's condition one of its options."""
    by_key = {f.key: f for f in fields}
    for f in fields:
        where = f"fields.{f.key}.required_when"
        for k, v in f.required_when.items():
            other = by_key.get(k)
            _need(other is not None and k != f.key, f"names {k!r}, which is not another field of this item",
                  f"引用的字段 {k} 不是本事项的其他字段", code, where)
            values = v if isinstance(v, list) else [v]
            bad = [x for x in values if other.type == "select" and x not in other.options]
            _need(not bad, f"{k} has no option {bad}", f"{k} 没有选项 {bad}", code, where)


def parse_field(d: Any, code: str, i: int) -> Field:
    where = f"fields[{i}]."
    _need(isinstance(d, dict), "must be an object", "必须是对象", code, where[:-1])
    _unknown(d, _FIELD_KEYS, code, where)
    key = _str(d, "key", code, where)
    where = f"fields.{key}."
    _need(bool(_KEY_RE.fullmatch(key)), "key must be lower_snake_case ASCII", "字段键必须为小写字母、数字和下划线",
          code, where + "key")
    label = _str(d, "label", code, where)
    typ = d.get("type", "text")
    _need(typ in FIELD_TYPES, f"type must be one of {FIELD_TYPES}, got {typ!r}",
          f"类型必须是 {'、'.join(FIELD_TYPES)} 之一，实际为 {typ!r}", code, where + "type")
    required = d.get("required", True)
    _need(isinstance(required, bool), "required must be true or false", "required 必须是 true 或 false",
          code, where + "required")
    pattern = d.get("pattern", "") or ""
    _need(isinstance(pattern, str), "pattern must be a string", "pattern 必须是字符串", code, where + "pattern")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CatalogError(f"pattern is not a valid regex: {exc}", f"pattern 不是有效的正则表达式：{exc}",
                               code, where + "pattern") from None
    options = d.get("options", []) or []
    _need(isinstance(options, list) and all(isinstance(o, str) and o for o in options),
          "options must be a list of non-empty strings", "options 必须是非空字符串列表", code, where + "options")
    _need(typ != "select" or len(options) >= 1, "a select field needs options", "下拉字段必须有选项",
          code, where + "options")
    options_en = d.get("options_en", []) or []
    _need(isinstance(options_en, list) and all(isinstance(o, str) and o.strip() for o in options_en)
          and len(options_en) in (0, len(options)),
          f"options_en must be {len(options)} non-empty strings, one for each option",
          f"options_en 必须是与 options 一一对应的 {len(options)} 个非空字符串", code, where + "options_en")
    required_when = d.get("required_when", {}) or {}
    _need(isinstance(required_when, dict) and all(
        isinstance(k, str) and (isinstance(v, str) and v or isinstance(v, list) and v
                                and all(isinstance(x, str) and x for x in v))
        for k, v in required_when.items()),
        'required_when must map field keys to a value or a list of values, e.g. {"pickup": "邮寄送达"}',
        "required_when 必须是“字段键: 取值（或取值列表）”的对象", code, where + "required_when")
    _need(not (required_when and required), "a field with required_when must have required = false",
          "设置了 required_when 的字段，required 必须为 false", code, where + "required")
    prefill = d.get("prefill")
    _need(prefill is None or prefill in PREFILL_SOURCES,
          f"prefill must be one of {PREFILL_SOURCES} or null, got {prefill!r}",
          f"prefill 必须是 {'、'.join(PREFILL_SOURCES)} 之一或 null，实际为 {prefill!r}", code, where + "prefill")
    hint = d.get("hint", "") or ""
    _need(isinstance(hint, str), "hint must be a string", "hint 必须是字符串", code, where + "hint")
    return Field(key=key, label=label, label_en=_en(d, "label_en", code, where), type=typ, required=required,
                 required_when={k: (list(v) if isinstance(v, list) else v) for k, v in required_when.items()},
                 pattern=pattern, options=list(options), options_en=[o.strip() for o in options_en],
                 prefill=prefill, hint=hint, hint_en=_en(d, "hint_en", code, where))


def parse_material(d: Any, code: str, i: int) -> Material:
    where = f"materials[{i}]."
    _need(isinstance(d, dict), "must be an object", "必须是对象", code, where[:-1])
    _unknown(d, _MATERIAL_KEYS, code, where)
    key = _str(d, "key", code, where)
    where = f"materials.{key}."
    _need(bool(_KEY_RE.fullmatch(key)), "key must be lower_snake_case ASCII", "材料键必须为小写字母、数字和下划线",
          code, where + "key")
    label = _str(d, "label", code, where)
    required = d.get("required", True)
    _need(isinstance(required, bool), "required must be true or false", "required 必须是 true 或 false",
          code, where + "required")
    pages = d.get("pages", 1)
    _need(isinstance(pages, int) and not isinstance(pages, bool) and 1 <= pages <= 50,
          "pages must be a whole number from 1 to 50", "页数必须是 1 到 50 的整数", code, where + "pages")
    kinds = d.get("accept_licenses", [])
    _need(isinstance(kinds, list) and all(isinstance(k, str) and k.strip() for k in kinds)
          and len(set(kinds)) == len(kinds), "accept_licenses must be a list of distinct licence kinds",
          "accept_licenses 必须是不重复的电子证照种类列表", code, where + "accept_licenses")
    return Material(key=key, label=label, label_en=_en(d, "label_en", code, where), required=required, pages=pages,
                    accept_licenses=list(kinds))


def parse_document_spec(d: Any, code: str, i: int) -> DocumentSpec:
    where = f"documents[{i}]."
    _need(isinstance(d, dict), "must be an object", "必须是对象", code, where[:-1])
    _unknown(d, _DOCUMENT_KEYS, code, where)
    key = _str(d, "key", code, where)
    _need(bool(_KEY_RE.fullmatch(key)), "key must be lower_snake_case ASCII", "文书键必须为小写字母、数字和下划线",
          code, where + "key")
    pages = d.get("pages", 1)
    _need(isinstance(pages, int) and not isinstance(pages, bool) and 1 <= pages <= 20,
          "pages must be a whole number from 1 to 20", "页数必须是 1 到 20 的整数", code, f"documents.{key}.pages")
    return DocumentSpec(key=key, title=_str(d, "title", code, f"documents.{key}."), pages=pages)


def _code_and_region(d: dict, key: str, code: str, noun_zh: str) -> str:
    """An item's `code` or a scene's `id` (short, no spaces) and its 6-digit region: the region."""
    _str(d, key, code)
    _need(len(code) <= 64 and not any(c.isspace() for c in code), f"{key} must be ≤ 64 chars without spaces",
          f"{noun_zh}不得超过 64 个字符且不含空格", code, key)
    region = _str(d, "region", code)
    _need(bool(re.fullmatch(r"\d{6}", region)), "region must be a 6-digit GB/T 2260 code",
          "区划代码必须是 6 位数字（GB/T 2260）", code, "region")
    return region


def parse_item(d: Any, index: int = 0) -> Item:
    _need(isinstance(d, dict), f"items[{index}] must be an object", f"第 {index} 个事项必须是对象", f"#{index}")
    code = d.get("code") if isinstance(d.get("code"), str) and d.get("code") else f"#{index}"
    _unknown(d, _ITEM_KEYS, code, "")
    region = _code_and_region(d, "code", code, "事项编码")
    mode, identity, offline = d.get("mode"), d.get("identity"), d.get("offline")
    _need(mode in MODES, f"mode must be one of {MODES}, got {mode!r}", f"办理模式必须是 {'、'.join(MODES)} 之一",
          code, "mode")
    _need(identity in IDENTITIES, f"identity must be one of {IDENTITIES}, got {identity!r}",
          f"身份要求必须是 {'、'.join(IDENTITIES)} 之一", code, "identity")
    _need(offline in OFFLINE, f"offline must be one of {OFFLINE}, got {offline!r}",
          "离线策略必须是 allow 或 deny", code, "offline")
    instant = d.get("instant", False)
    _need(isinstance(instant, bool), "instant must be true or false", "instant 必须是 true 或 false", code, "instant")
    # 秒批 needs a live check: it can never be accepted offline.
    _need(not instant or offline == "deny", "an instant (秒批) item must have offline = deny",
          "秒批事项必须设置为离线不可办（offline = deny）", code, "offline")
    for k in ("fields", "materials", "keywords", "documents"):
        _need(isinstance(d.get(k, []), list), f"{k} must be a list", f"{k} 必须是列表", code, k)
    fields = [parse_field(f, code, i) for i, f in enumerate(d.get("fields", []))]
    materials = [parse_material(m, code, i) for i, m in enumerate(d.get("materials", []))]
    documents = [parse_document_spec(x, code, i) for i, x in enumerate(d.get("documents", []))]
    for what, keys in (("fields", [f.key for f in fields]), ("materials", [m.key for m in materials]),
                       ("documents", [x.key for x in documents])):
        dup = sorted({k for k in keys if keys.count(k) > 1})
        _need(not dup, f"duplicate {what} keys {dup}", f"{what} 键重复：{dup}", code, what)
    keywords = d.get("keywords", [])
    _need(all(isinstance(k, str) and k for k in keywords), "keywords must be non-empty strings",
          "关键词必须是非空字符串", code, "keywords")
    _check_required_when(fields, code)
    alternatives = d.get("face_alternatives", ["staff"])
    _need(isinstance(alternatives, list) and all(a in FACE_ALTERNATIVES for a in alternatives),
          f"face_alternatives must be a list of {FACE_ALTERNATIVES}", f"face_alternatives 只能包含 {FACE_ALTERNATIVES}",
          code, "face_alternatives")
    alternatives = list(dict.fromkeys(list(alternatives) + ["staff"]))     # staff is always a way
    name = _str(d, "name", code)
    return Item(
        **{k: _en(d, k, code) for k in _ITEM_EN},
        code=code, name=name, short_name=d.get("short_name") or name, region=region,
        region_name=d.get("region_name") or REGION_NAMES.get(region, region),
        department=_str(d, "department", code), category=_str(d, "category", code),
        mode=mode, identity=identity, offline=offline, instant=instant,
        fee=_str(d, "fee", code, empty_ok=True) if "fee" in d else "不收费",
        time_limit=_str(d, "time_limit", code, empty_ok=True) if "time_limit" in d else "",
        guide=_str(d, "guide", code, empty_ok=True) if "guide" in d else "",
        fields=fields, materials=materials, keywords=list(keywords), documents=documents,
        face_alternatives=alternatives)


def parse_items(items: Any) -> list[Item]:
    """Validate a list of JSON items; raises CatalogError at the first problem."""
    if not isinstance(items, list):
        raise CatalogError("items must be a list", "items 必须是列表")
    out = [parse_item(d, i) for i, d in enumerate(items)]
    codes = [i.code for i in out]
    dup = sorted({c for c in codes if codes.count(c) > 1}) if len(set(codes)) != len(codes) else []
    if dup:
        raise CatalogError(f"duplicate item codes {dup}", f"事项编码重复：{dup}")
    return out


def parse_document(doc: Any) -> tuple[str, list[Item]]:
    """`{"version", "items"}` → (version, items)."""
    if not isinstance(doc, dict):
        raise CatalogError("the catalog must be a JSON object", "目录必须是 JSON 对象")
    version = doc.get("version")
    if not isinstance(version, str) or not version:
        raise CatalogError("version must be a non-empty string", "version 必须是非空字符串")
    return version, parse_items(doc.get("items"))
