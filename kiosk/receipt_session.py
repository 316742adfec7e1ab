"""A finished session's receipt data (masking happens in the receipt template)."""
from __future__ import annotations

from datetime import datetime

from kiosk.receipt import ReceiptData


def receipt_data_for(cfg, item, identity, local_no: str, tracking_no: str | None,
                     query_key: str, materials_count: int, documents: list[str] = (),
                     scene_items: list[dict] = ()) -> ReceiptData:
    """`documents`: labels of the certificates (title and verification code only); `scene_items`: a
    一件事一次办 visit's items [{"name", "receipt_no", "tracking_no", "needs_staff"}]."""
    steps = ("请保持电话畅通，工作人员核验材料原件后办理；"
             "办理结果将按您选择的方式送达。")
    if documents:
        steps = "证明文件：" + "；".join(documents) + "。" + steps
    return ReceiptData(
        hall=cfg.kiosk.hall, kiosk_id=cfg.kiosk.id, item_name=item.name,
        region_code=item.region, region_name=item.region_name, handling_mode=item.mode,
        applicant_name=identity.name, applicant_id_number=identity.id_number,
        receipt_no=local_no, tracking_no=tracking_no, submitted_at=datetime.now(),
        materials_count=materials_count,
        next_steps=steps,
        time_limit=item.time_limit or "以办事指南为准", query_key=query_key, items=list(scene_items))
