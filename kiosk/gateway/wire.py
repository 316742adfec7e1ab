"""Constants of the wire contract shared by the kiosk and the reference gateway."""
from __future__ import annotations

# 好差评 (GB/T 39734-2020): five levels.
EVALUATION_LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
# The four offline-channel dimensions; `dimensions` in an evaluation body maps
# these keys to a level 1..5 (each optional).
EVALUATION_DIMENSIONS = {"overall": "整体满意度", "efficiency": "服务效率",
                         "competence": "服务水平", "attitude": "服务态度"}
# Why a 差评 (levels 1–2) was given; the rating screen asks for at least one (GB/T 39735
# has bad ratings followed up and rectified, so the reason is what staff act on).
EVALUATION_REASONS = {"guide_unclear": "办事指南不清楚", "too_many_materials": "材料多或要求反复提交",
                      "slow": "等候或办理时间长", "device_hard": "自助设备不好用",
                      "attitude": "服务态度不好", "other": "其他"}
# Submission statuses, in order, for the progress query.
STATUSES = ("received", "accepted", "completed")
STATUS_ZH = {"received": "已接收", "accepted": "已受理", "completed": "已办结", "rejected": "不予受理"}
MAX_KEY_LEN = 255
# A signed document's Keywords carry its verification key as `verification-code=KEY`
# (inside what the seal signs), the same key its pages' QR codes hold.
VERIFICATION_KEYWORD = "verification-code="
