"""Social-security card basic data: TLV records of EF05/EF06 ↔ IdentityRecord.

Pure functions (no PC/SC), shared by the driver and the virtual card.
"""
from __future__ import annotations

import datetime as dt

from drivers.identity import CardType, Gender, IdentityRecord
from drivers.id_reader import idnumber, tables
from drivers.smartcard.errors import CardDataError

AID = b"sx1.sh." + "社会保障".encode("gbk")
# tag: (file, length, field)
TAGS: dict[int, tuple[int, int, str]] = {
    0x01: (0x05, 16, "card_identifier"), 0x02: (0x05, 1, "card_category"),
    0x03: (0x05, 4, "spec_version"), 0x04: (0x05, 12, "issuer"),
    0x05: (0x05, 4, "valid_from"), 0x06: (0x05, 4, "valid_until"),
    0x07: (0x05, 9, "card_number"),
    0x08: (0x06, 18, "id_number"), 0x09: (0x06, 30, "name"), 0x0A: (0x06, 1, "gender"),
    0x0B: (0x06, 1, "ethnicity"), 0x0C: (0x06, 3, "birthplace"), 0x0D: (0x06, 4, "birth_date"),
}
GENERATIONS = {"1.00": "第一代", "2.00": "第二代", "3.00": "第三代"}


def parse_tlv(data: bytes) -> dict[int, bytes]:
    """Tag-length-value records (1-byte tag and length). Raises CardDataError when truncated."""
    out: dict[int, bytes] = {}
    i = 0
    while i < len(data):
        if data[i] in (0x00, 0xFF):      # padding after the last record
            i += 1
            continue
        if i + 2 > len(data):
            raise CardDataError("bad_tlv", "TLV truncated in its header", "数据结构错误")
        tag, n = data[i], data[i + 1]
        if i + 2 + n > len(data):
            raise CardDataError("bad_tlv", "TLV value runs past the end", "数据结构错误")
        out[tag] = bytes(data[i + 2:i + 2 + n])
        i += 2 + n
    return out


def bcd_digits(b: bytes) -> str:
    s = b.hex().upper().rstrip("F")
    if not s.isdigit():
        raise CardDataError("bad_bcd", "BCD field holds non-digits", "BCD 数据错误")
    return s


def bcd_date(b: bytes, what: str) -> dt.date:
    s = bcd_digits(b)
    try:
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        raise CardDataError("bad_date", f"{what} is not a date", f"{what}日期无效") from None


def _ascii(b: bytes, what: str) -> str:
    try:
        return b.decode("ascii").strip(" \x00")
    except UnicodeDecodeError:
        raise CardDataError("bad_text", f"{what} is not ASCII", f"{what}编码错误") from None


def gbk_name(b: bytes) -> str:
    try:
        s = b.rstrip(b"\x00\xff ").decode("gbk").strip()
    except UnicodeDecodeError:
        raise CardDataError("bad_text", "name is not GBK", "姓名编码错误") from None
    if not s or any(ord(c) < 0x20 for c in s):
        raise CardDataError("bad_text", "name is empty or has control characters", "姓名无效")
    return s


def to_record(fields: dict[int, bytes]) -> IdentityRecord:
    """TLV values by tag → IdentityRecord; the ID number must pass its check."""
    if 0x08 not in fields or 0x09 not in fields:
        raise CardDataError("missing_field", "card has no ID number or name", "卡内无证件号码或姓名")
    try:
        number = idnumber.normalize(_ascii(fields[0x08], "ID number"))
    except ValueError:
        raise CardDataError("id_check_failed", "the ID number fails the GB 11643 check",
                            "证件号码校验失败") from None
    gender = Gender.UNKNOWN
    if 0x0A in fields:
        g = tables.gender_from_code(_ascii(fields[0x0A], "sex"))
        if g is None:
            raise CardDataError("bad_gender", "sex code outside GB/T 2261.1", "性别代码无效")
        gender = g
    ethnicity = None
    if 0x0B in fields:
        code = bcd_digits(fields[0x0B]).zfill(2)
        ethnicity = tables.ETHNICITY_BY_CODE.get(code)
        if ethnicity is None:
            raise CardDataError("bad_ethnicity", "ethnicity code outside GB 3304", "民族代码无效")
    birth = bcd_date(fields[0x0D], "birth date") if 0x0D in fields else None
    if birth is not None and number[6:14] != birth.strftime("%Y%m%d"):
        raise CardDataError("birth_mismatch", "birth date differs from the ID number",
                            "出生日期与证件号码不符")
    return IdentityRecord(
        card_type=CardType.SOCIAL_SECURITY, name=gbk_name(fields[0x09]), id_number=number,
        gender=gender, ethnicity=ethnicity, birth_date=birth,
        valid_from=bcd_date(fields[0x05], "issue date") if 0x05 in fields else None,
        valid_until=bcd_date(fields[0x06], "valid until") if 0x06 in fields else None,
        card_number=_ascii(fields[0x07], "card number") or None if 0x07 in fields else None,
        spec_version=_ascii(fields[0x03], "spec version") or None if 0x03 in fields else None,
    )


def generation(spec_version: str | None) -> str | None:
    """"3.00" → "第三代" (card generation), None when unknown."""
    return GENERATIONS.get(spec_version or "")


# ---- encoding (virtual card) ------------------------------------------------------

def _bcd(s: str, n: int) -> bytes:
    return bytes.fromhex(s.ljust(2 * n, "F"))


def encode_fields(card: dict) -> dict[int, bytes]:
    """assets/cards/social_security.json → value bytes by tag (written as given, no checks)."""
    ymd = lambda v: _bcd(str(v).replace("-", ""), 4)  # noqa: E731
    g = card.get("gender", "unknown")
    out = {
        0x01: (card.get("card_identifier") or "").encode("ascii")[:16].ljust(16, b"0")
        if len(card.get("card_identifier") or "") <= 16 else bytes.fromhex(card["card_identifier"])[:16],
        0x02: (card.get("card_category") or "1").encode("ascii")[:1],
        0x03: (card.get("spec_version") or "3.00").encode("ascii")[:4],
        0x04: (card.get("issuer") or "").encode("ascii")[:12].ljust(12, b" "),
        0x07: (card.get("card_number") or "").encode("ascii")[:9],
        0x08: card["id_number"].encode("ascii"),
        0x09: card["name"].encode("gbk").ljust(30, b"\x00"),
        0x0A: (tables.gender_code(g) if g in {x.value for x in Gender} else str(g)).encode("ascii"),
        0x0C: _bcd(card.get("birthplace") or "", 3),
    }
    if card.get("valid_from"):
        out[0x05] = ymd(card["valid_from"])
    if card.get("valid_until"):
        out[0x06] = ymd(card["valid_until"])
    if card.get("ethnicity"):
        out[0x0B] = bytes.fromhex(tables.ethnicity_code(card["ethnicity"]))
    if card.get("birth_date"):
        out[0x0D] = ymd(card["birth_date"])
    return out
