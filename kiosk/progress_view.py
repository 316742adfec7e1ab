"""The gateway's progress answer shaped for the progress screen, in Chinese or English."""
from __future__ import annotations

import re

from kiosk.viewmodels import item_names

STATUS_LABELS = {"received": "已接收", "accepted": "已受理", "processing": "办理中",
                 "completed": "已办结", "rejected": "不予受理", "queued": "待提交"}
STATUS_LABELS_EN = {"received": "Received", "accepted": "Accepted", "processing": "In progress",
                    "completed": "Completed", "rejected": "Not accepted", "queued": "Waiting to be submitted"}
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def progress_view(answer: dict, lang: str = "zh", catalog=None) -> dict:
    """`{tracking_no, status_label, history: [(when, text)], item_name}`; with `catalog` (anything with
    .get(code)) the item's name in `lang` (and `official_name` in English, as in kiosk.viewmodels)."""
    en = lang == "en"
    labels = STATUS_LABELS_EN if en else STATUS_LABELS
    history = []
    for h in answer.get("history", []):
        when = str(h.get("at") or h.get("time") or "")[:16].replace("T", " ")
        status = h.get("status", "")
        note = h.get("note") or ""
        if en and _CJK.search(note):
            note = ""          # a department's Chinese remark; the status says it in English
        history.append((when, note or labels.get(status, status)))
    status = answer.get("status", "")
    out = {"tracking_no": answer.get("tracking_no", ""),
           "status_label": labels.get(status, status), "history": history, "item_name": ""}
    item = catalog.get(answer.get("item_code") or "") if catalog is not None else None
    if item is not None:
        out.update(item_names(item, lang, "item_name"))
    return out


SCENE_NEEDS_STAFF = {"zh": "未能受理，需工作人员处理", "en": "Not accepted: please see the staff"}


def scene_progress_view(scene, rows: list[dict], lang: str = "zh", catalog=None) -> dict:
    """一件事一次办 by ID card: the scene and each of its items, `rows` as
    [{item_code, number, state (outbox), answer (the gateway's, or None)}] →
    `{scene_name, items: [(name, number, status text, needs_staff)]}`."""
    en = lang == "en"
    labels = STATUS_LABELS_EN if en else STATUS_LABELS
    items = []
    for r in rows:
        item = catalog.get(r["item_code"]) if catalog is not None else None
        name = (item.name_en or item.name if en else item.name) if item is not None else r["item_code"]
        staff = r["state"] == "needs_staff"
        answer = r.get("answer") or {}
        status = SCENE_NEEDS_STAFF["en" if en else "zh"] if staff else labels.get(
            answer.get("status") or "queued", answer.get("status", ""))
        items.append((name, answer.get("tracking_no") or r["number"], status, staff))
    name = "" if scene is None else (scene.name_en or scene.name if en else scene.name)
    return {"scene_name": name, "items": items}
