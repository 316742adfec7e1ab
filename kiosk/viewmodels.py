"""Plain dicts for the screens, made from catalog items, identities and sessions.

Screens get data, never kiosk objects; this is the one place that shapes it.
"""
from __future__ import annotations

from drivers.identity import IdentityRecord
from kiosk.privacy import mask_id, mask_name

MODE_LABELS = {"online": "全程网办", "proxy": "异地代收代办", "joint": "多地联办"}
IDENTITY_LABELS = {"card": "身份证或社保卡", "card_face": "身份证 + 人脸核验",
                   "any": "身份证、社保卡或手机扫码"}


def item_row(item, online: bool) -> dict:
    return {"code": item.code, "name": item.name, "region_name": item.region_name,
            "mode_label": MODE_LABELS.get(item.mode, item.mode),
            "needs_face": item.identity == "card_face",
            "offline_denied": (item.offline == "deny" and not online)}


def item_guide(item) -> dict:
    return {"code": item.code, "name": item.name, "region_name": item.region_name,
            "department": item.department, "mode_label": MODE_LABELS.get(item.mode, item.mode),
            "guide": item.guide, "fee": item.fee, "time_limit": item.time_limit,
            "identity_label": IDENTITY_LABELS.get(item.identity, item.identity),
            "materials": [{"label": m.label, "required": m.required, "pages": m.pages}
                          for m in item.materials]}


def form_fields(item) -> list[dict]:
    return [{"key": f.key, "label": f.label, "type": f.type, "required": f.required,
             "options": list(f.options or []), "hint": f.hint or "",
             # Values read from the card are not retyped (and not mistyped).
             "readonly": bool(f.prefill) and f.prefill in ("name", "id_number", "birth_date")}
            for f in item.fields]


def materials(item) -> list[dict]:
    return [{"key": m.key, "label": m.label, "required": m.required, "pages": m.pages,
             "accept_licenses": list(m.accept_licenses)} for m in item.materials]


def license_choice(lic) -> dict:
    """A licence as the materials screen offers it: kind, masked number, issuer, validity."""
    return {"id": lic.id, "kind": lic.kind, "number_masked": lic.number_masked, "issuer": lic.issuer,
            "valid_until": lic.valid_until}


def review_summary(item, identity: IdentityRecord, form: dict, pages: dict, online: bool,
                   licenses: dict | None = None) -> dict:
    """The moment of confirmation: the only screen that shows the full name and number."""
    # In the item's field order (the form's dict came through a Qt signal, which sorts keys);
    # empty optional fields and the applicant's own name and number are not repeated.
    fields = [(f.label, form[f.key]) for f in item.fields
              if form.get(f.key) and f.prefill not in ("name", "id_number")]
    return {"item_name": item.name, "region_name": item.region_name,
            "mode_label": MODE_LABELS.get(item.mode, item.mode),
            "applicant_name": identity.name, "applicant_id": identity.id_number,
            "fields": fields,
            "materials": [(f"{m.label}（电子证照：{licenses[m.key].kind}）", 1) if m.key in (licenses or {})
                          else (m.label, len(pages.get(m.key, []))) for m in item.materials],
            "offline_note": None if online else "网络暂时中断：提交后将保存在本机，网络恢复后自动提交。"}


def result(item, identity: IdentityRecord, local_no: str, tracking_no: str | None,
           receipt_key: str, printed: dict | None) -> dict:
    printer_ok = bool(printed and printed.get("ok"))
    return {"accepted": True, "tracking_no": tracking_no, "local_no": local_no,
            "queued": tracking_no is None,
            "queued_note_zh": "" if tracking_no else "您的申请已保存，网络恢复后将自动提交，无需再次办理。",
            "printer_ok": printer_ok,
            "printer_message_zh": "" if printer_ok else ((printed or {}).get("reason_zh")
                                                         or "回执打印机暂不可用"),
            "qr_payload": receipt_key, "masked_name": mask_name(identity.name),
            "masked_id": mask_id(identity.id_number), "item_name": item.name}
