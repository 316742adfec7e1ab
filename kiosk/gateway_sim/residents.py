"""The reference gateway's demo resident records: what the platform knows about the demo
people, so 主动服务 (GET /v1/recommendations) has something to find.

Dates are days from the gateway's clock ("today"), so the demo never goes stale.
The documented records, so tests and demos know what to expect:

| person (card file in assets/cards)            | ID number          | what the platform knows |
|-----------------------------------------------|--------------------|-------------------------|
| 李明华 (resident.json, social_security.json)   | 230102198506151234 | 机动车驾驶证 valid 44 more days; 社保卡 3rd generation |
| 赵桂兰 (resident_long_term.json)              | 230103195511020426 | retired; 养老金资格认证 last done 330 days ago (yearly); 社保卡 2nd generation |
| 王秀英 (no card file: tests make one)          | 230104197203150021 | 居民身份证 valid 60 more days |
| anyone else                                   |                    | licences as licenses.py's rule makes them; nothing due |

`ResidentRecords.records` may be changed by tests and the demo (like `LicenseRegistry.holdings`).
Nothing here is stored: it is a fixed table in memory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PENSION_CYCLE_DAYS = 365       # 养老金领取资格认证: once every 12 months


@dataclass(frozen=True)
class Record:
    license_days: dict[str, int] = field(default_factory=dict)   # licence kind → valid this many more days
    retired: bool = False
    pension_certified_days_ago: int | None = None
    social_card_generation: int = 3


DEMO_RECORDS: dict[str, Record] = {
    "230102198506151234": Record(license_days={"机动车驾驶证": 44}),
    "230103195511020426": Record(retired=True, pension_certified_days_ago=330, social_card_generation=2),
    "230104197203150021": Record(license_days={"居民身份证": 60}),
}


class ResidentRecords:
    def __init__(self, clock):
        self.clock = clock                      # the gateway's wall clock (seconds)
        self.records: dict[str, Record] = dict(DEMO_RECORDS)

    def today(self) -> dt.date:
        return dt.date.fromtimestamp(self.clock())

    def of(self, id_number: str) -> Record:
        return self.records.get(id_number.strip().upper(), Record())

    def license_valid_until(self, id_number: str, kind: str) -> dt.date | None:
        """The recorded end of validity of a licence, or None (licenses.py then makes one up)."""
        days = self.of(id_number).license_days.get(kind)
        return None if days is None else self.today() + dt.timedelta(days=days)

    def pension_due(self, id_number: str) -> dt.date | None:
        """When a retiree's next 养老金资格认证 is due; None for anyone not drawing a pension."""
        rec = self.of(id_number)
        if not rec.retired or rec.pension_certified_days_ago is None:
            return None
        return self.today() + dt.timedelta(days=PENSION_CYCLE_DAYS - rec.pension_certified_days_ago)
