"""The gateway's progress answer shaped for the progress screen."""
from __future__ import annotations

STATUS_LABELS = {"received": "已接收", "accepted": "已受理", "processing": "办理中",
                 "completed": "已办结", "rejected": "不予受理", "queued": "待提交"}


def progress_view(answer: dict, lang: str = "zh") -> dict:
    history = []
    for h in answer.get("history", []):
        when = str(h.get("at") or h.get("time") or "")[:16].replace("T", " ")
        status = h.get("status", "")
        history.append((when, h.get("note") or STATUS_LABELS.get(status, status)))
    status = answer.get("status", "")
    return {"tracking_no": answer.get("tracking_no", ""),
            "status_label": STATUS_LABELS.get(status, status), "history": history}
