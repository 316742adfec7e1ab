"""The one identity record every identity source produces.

ID-card readers (all four GA/T 467 card types), social-security cards and
app QR codes all end in an `IdentityRecord`. Field names are the JSON keys of
`kiosk card read --json` (issue 3).
"""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, fields


class CardType(str, enum.Enum):
    RESIDENT = "resident"
    HK_MO_TW_PERMIT = "hk_mo_tw_permit"
    FOREIGN_PERMANENT_2017 = "foreign_permanent_2017"
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"
    SOCIAL_SECURITY = "social_security"
    APP_QR = "app_qr"          # provincial app code (电子身份证 QR), issue 4


class Gender(str, enum.Enum):   # GB/T 2261.1: 0, 1, 2, 9
    UNKNOWN = "unknown"
    MALE = "male"
    FEMALE = "female"
    UNSPECIFIED = "unspecified"


@dataclass
class IdentityRecord:
    card_type: CardType
    name: str
    id_number: str
    gender: Gender = Gender.UNKNOWN
    ethnicity: str | None = None
    birth_date: dt.date | None = None
    address: str | None = None
    issuer: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None      # None = 长期 (no expiry)
    english_name: str | None = None
    chinese_name: str | None = None
    nationality: str | None = None
    pass_number: str | None = None
    issue_count: str | None = None
    card_number: str | None = None
    spec_version: str | None = None
    appended_address: str | None = None     # newest 30 03 address (ID reader), if any
    # Raw WLT photo bytes: proprietary, only a vendor plug-in decodes them.
    # Never written to disk, never printed, never in as_dict().
    photo_wlt: bytes | None = field(default=None, repr=False)
    fingerprint: bytes | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # keep personal data out of tracebacks and logs
        return f"IdentityRecord(card_type={self.card_type.value}, <personal data hidden>)"

    __str__ = __repr__

    def as_dict(self) -> dict:
        """JSON-ready dict (dates as YYYY-MM-DD), without photo and fingerprint."""
        out: dict = {}
        for f in fields(self):
            if f.name in ("photo_wlt", "fingerprint"):
                continue
            v = getattr(self, f.name)
            if isinstance(v, enum.Enum):
                v = v.value
            elif isinstance(v, dt.date):
                v = v.isoformat()
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "IdentityRecord":
        """Inverse of as_dict (accepts what `kiosk card read --json --reveal` prints)."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        kw["card_type"] = CardType(kw["card_type"])
        kw["gender"] = Gender(kw.get("gender") or "unknown")
        for k in ("birth_date", "valid_from", "valid_until"):
            if kw.get(k):
                kw[k] = dt.date.fromisoformat(kw[k])
        return cls(**kw)
