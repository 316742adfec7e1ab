"""Plain dicts for the screens, made from catalog items, identities and sessions.

Screens get data, never kiosk objects; this is the one place that shapes it.
Every function takes `lang` ("zh", the default, or "en") and returns display
strings in that language, falling back to the Chinese where a catalog text
has no English. Values stay Chinese whatever the language: a select's
`options` are what is submitted, `option_labels` what is shown. In English an
item also carries `official_name`, its Chinese name to show beside the
English one ("" when the item has no English name, so it is not shown twice).
"""
from __future__ import annotations

from drivers.identity import IdentityRecord
from kiosk.catalog.model import REGION_NAMES, REGION_NAMES_EN
from kiosk.privacy import mask_id, mask_name

MODE_LABELS = {"online": "全程网办", "proxy": "异地代收代办", "joint": "多地联办"}
MODE_LABELS_EN = {"online": "Fully online", "proxy": "Accepted here for the home region",
                  "joint": "Handled jointly with the home region"}
IDENTITY_LABELS = {"card": "身份证或社保卡", "card_face": "身份证 + 人脸核验",
                   "any": "身份证、社保卡或手机扫码"}
IDENTITY_LABELS_EN = {"card": "ID card or social security card", "card_face": "ID card + face check",
                      "any": "ID card, social security card or phone QR code"}
OFFLINE_NOTE = {"zh": "网络暂时中断：提交后将保存在本机，网络恢复后自动提交。",
                "en": "The network is down: your application will be kept on this kiosk and submitted "
                      "automatically when the network is back."}
QUEUED_NOTE = {"zh": "您的申请已保存，网络恢复后将自动提交，无需再次办理。",
               "en": "Your application is saved and will be submitted automatically when the network is "
                     "back. You do not need to apply again."}
PRINTER_UNAVAILABLE = {"zh": "回执打印机暂不可用", "en": "The receipt printer is not available right now."}
# The result's headline says what really happened: accepted by the gateway, or only saved here.
HEADLINES = {("zh", False): "已受理", ("zh", True): "已保存，联网后自动提交",
             ("en", False): "Accepted", ("en", True): "Saved, to be submitted when the network is back"}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def text(obj, attr: str, lang: str = "zh") -> str:
    """`obj.<attr>` in `lang`: its `<attr>_en` twin in English when there is one, else the Chinese."""
    if _lang(lang) == "en":
        en = getattr(obj, f"{attr}_en", "")
        if en:
            return en
    return getattr(obj, attr)


def region_label(region: str, lang: str = "zh", fallback: str = "") -> str:
    """A GB/T 2260 code's name ("110000" → 北京市 / Beijing); `fallback` (else the code) when unknown."""
    names = REGION_NAMES_EN if _lang(lang) == "en" else REGION_NAMES
    return names.get(region) or fallback or REGION_NAMES.get(region, region)


def mode_label(mode: str, lang: str = "zh") -> str:
    return (MODE_LABELS_EN if _lang(lang) == "en" else MODE_LABELS).get(mode, mode)


def identity_label(identity: str, lang: str = "zh") -> str:
    return (IDENTITY_LABELS_EN if _lang(lang) == "en" else IDENTITY_LABELS).get(identity, identity)


def item_names(item, lang: str, key: str = "name") -> dict:
    """{name} in `lang`, plus `official_name` in English (see the module's note)."""
    out = {key: text(item, "name", lang)}
    if _lang(lang) == "en":
        out["official_name"] = item.name if item.name_en else ""
    return out


def _where(item, lang: str) -> dict:
    region = item.region_name_en or item.region_name if _lang(lang) == "en" else item.region_name
    return {"region_name": region, "mode_label": mode_label(item.mode, lang)}


def item_row(item, online: bool, lang: str = "zh") -> dict:
    return {"code": item.code, **item_names(item, lang), **_where(item, lang), "category": item.category,
            "needs_face": item.identity == "card_face",
            # A face check needs the gateway: offline it is refused like an offline-deny item.
            "offline_denied": not online and (item.offline == "deny" or item.identity == "card_face")}


def categories(catalog, lang: str = "zh") -> list[dict]:
    """The home screen's categories: `key` is the catalog's category (what filters), `label` what shows."""
    out: dict[str, str] = {}
    for item in catalog.items():
        if item.category not in out or (not out[item.category] and item.category_en):
            out[item.category] = item.category_en
    return [{"key": c, "label": (en if _lang(lang) == "en" and en else c)} for c, en in out.items()]


def item_guide(item, lang: str = "zh") -> dict:
    return {"code": item.code, **item_names(item, lang), **_where(item, lang),
            "department": text(item, "department", lang), "guide": text(item, "guide", lang),
            "fee": text(item, "fee", lang), "time_limit": text(item, "time_limit", lang),
            "identity_label": identity_label(item.identity, lang),
            "materials": [{"label": text(m, "label", lang), "required": m.required, "pages": m.pages}
                          for m in item.materials]}


def form_fields(item, lang: str = "zh") -> list[dict]:
    return [{"key": f.key, "label": text(f, "label", lang), "type": f.type, "required": f.required,
             # {"pickup": "邮寄送达"}: required while those fields hold those (Chinese) values
             "required_when": dict(f.required_when),
             "options": list(f.options or []), "option_labels": [f.option_label(o, lang) for o in f.options],
             "hint": text(f, "hint", lang) or "",
             # Values read from the card are not retyped (and not mistyped).
             "readonly": bool(f.prefill) and f.prefill in ("name", "id_number", "birth_date")}
            for f in item.fields]


def materials(item, lang: str = "zh") -> list[dict]:
    return [{"key": m.key, "label": text(m, "label", lang), "required": m.required, "pages": m.pages,
             "accept_licenses": list(m.accept_licenses)} for m in item.materials]


def license_choice(lic) -> dict:
    """A licence as the materials screen offers it: kind, masked number, issuer, validity."""
    return {"id": lic.id, "kind": lic.kind, "number_masked": lic.number_masked, "issuer": lic.issuer,
            "valid_until": lic.valid_until}


LICENCE_LINE = {"zh": "{label}（电子证照：{kind}）", "en": "{label} (electronic licence: {kind})"}


def review_summary(item, identity: IdentityRecord, form: dict, pages: dict, online: bool,
                   licenses: dict | None = None, lang: str = "zh") -> dict:
    """The moment of confirmation: the only screen that shows the full name and number."""
    # In the item's field order (the form's dict came through a Qt signal, which sorts keys);
    # empty optional fields and the applicant's own name and number are not repeated.
    # A chosen option reads in the resident's language; typed text is shown as typed.
    fields = [(text(f, "label", lang), f.option_label(str(form[f.key]), lang) if f.type == "select" else form[f.key])
              for f in item.fields if form.get(f.key) and f.prefill not in ("name", "id_number")]
    return {**item_names(item, lang, "item_name"), **_where(item, lang),
            "applicant_name": identity.name, "applicant_id": identity.id_number,
            "fields": fields,
            "materials": [(LICENCE_LINE[_lang(lang)].format(label=text(m, "label", lang), kind=licenses[m.key].kind),
                           1, 1) if m.key in (licenses or {})
                          else (text(m, "label", lang), len(pages.get(m.key, [])), m.pages) for m in item.materials],
            "offline_note": None if online else OFFLINE_NOTE[_lang(lang)]}


def result(item, identity: IdentityRecord, local_no: str, tracking_no: str | None,
           receipt_key: str, printed: dict | None, lang: str = "zh") -> dict:
    lang = _lang(lang)
    printer_ok = bool(printed and printed.get("ok"))
    queued = tracking_no is None
    # The printer's reason_en is for technicians; a resident in English gets a plain sentence.
    printer_zh = "" if printer_ok else ((printed or {}).get("reason_zh") or PRINTER_UNAVAILABLE["zh"])
    return {"accepted": True, "tracking_no": tracking_no, "local_no": local_no, "queued": queued,
            "headline": HEADLINES[(lang, queued)],
            "queued_note": QUEUED_NOTE[lang] if queued else "",
            "queued_note_zh": QUEUED_NOTE["zh"] if queued else "",
            "printer_ok": printer_ok,
            "printer_message": printer_zh if lang == "zh" or printer_ok else PRINTER_UNAVAILABLE["en"],
            "printer_message_zh": printer_zh,
            "qr_payload": receipt_key, "masked_name": mask_name(identity.name),
            "masked_id": mask_id(identity.id_number), **item_names(item, lang, "item_name")}


def queue_view(status: dict) -> dict:
    """OutboxService.status() as the maintenance screen's rows (flat, text; nothing personal)."""
    counts = status.get("counts", {})
    err = status.get("last_error") or {}
    damage = status.get("damage") or []
    age = status.get("oldest_pending_age_s")
    return {**counts,
            "oldest_pending_s": None if age is None else round(age),
            "last_error": err.get("error"),
            "damage": "; ".join(f"{d.get('file')}: 丢失 {len(d.get('lost') or [])} 条 lost — kiosk doctor"
                                for d in damage) or ("无 none" if status.get("healthy", True) else "?")}
