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
