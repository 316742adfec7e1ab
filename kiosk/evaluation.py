"""好差评 (GB/T 39734/39735): the rating body sent through the outbox, one per service."""
from __future__ import annotations

from kiosk.gateway.wire import EVALUATION_DIMENSIONS, EVALUATION_REASONS

# The rating screen says "quality" for 服务水平; the wire calls it "competence".
SCREEN_TO_WIRE = {"quality": "competence"}

LEVEL_NAMES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


def build_evaluation(cfg, item, tracking_no: str, rating: dict) -> dict:
    """`rating` is what the rating screen emits: {level, dimensions: {...}, comment}."""
    level = int(rating["level"])
    if level not in LEVEL_NAMES:
        raise ValueError("level must be 1..5")
    dims = {SCREEN_TO_WIRE.get(k, k): int(v) for k, v in (rating.get("dimensions") or {}).items()}
    unknown = set(dims) - set(EVALUATION_DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown rating dimensions {sorted(unknown)}")
    reasons = list(rating.get("reasons") or [])
    if any(r not in EVALUATION_REASONS for r in reasons):
        raise ValueError(f"unknown rating reasons {reasons}")
    body = {"tracking_no": tracking_no, "item_code": item.code, "region": item.region,
            "kiosk_id": cfg.kiosk.id, "channel": "self_service_terminal",
            "level": level, "dimensions": dims, "comment": (rating.get("comment") or "").strip()}
    if reasons:
        body["reasons"] = reasons
    return body
