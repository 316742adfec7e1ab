"""The 256-byte UTF-16LE text block of the four GA/T 467 card types ↔ IdentityRecord.

`parse_text` raises only CardDataError. It accepts a record only when every
field decodes and the identity number passes its check, so a corrupted block
gives an error, never a wrong identity. `encode_text` is its inverse (used by
the emulator and the tests).
"""
from __future__ import annotations

import datetime as dt
import re

from drivers.base import DeviceError
from drivers.identity import CardType, Gender, IdentityRecord
from drivers.id_reader import idnumber, tables

TEXT_LEN = 256
FLAG_AT = 248
FLAGS = {" ": CardType.RESIDENT, "J": CardType.HK_MO_TW_PERMIT,
         "I": CardType.FOREIGN_PERMANENT_2017, "Y": CardType.FOREIGN_PERMANENT_2023}
FLAG_OF = {v: k for k, v in FLAGS.items()}
NO_EXPIRY = "长期"

# (start, end inclusive) byte ranges per card type
RESIDENT = {"name": (0, 29), "gender": (30, 31), "ethnicity": (32, 35), "birth": (36, 51),
            "address": (52, 121), "id": (122, 157), "issuer": (158, 187),
            "from": (188, 203), "until": (204, 219)}
PERMIT_J = {**{k: v for k, v in RESIDENT.items() if k != "ethnicity"},
            "pass": (220, 237), "count": (238, 241)}
FOREIGN_I = {"en_name": (0, 119), "gender": (120, 121), "id": (122, 151), "nation": (152, 157),
             "cn_name": (158, 187), "from": (188, 203), "until": (204, 219),
             "birth": (220, 235), "version": (236, 239), "authority": (240, 247)}
FOREIGN_Y = {"cn_name": (0, 29), "gender": (30, 31), "count": (32, 35), "birth": (36, 51),
             "en_name1": (52, 121), "id": (122, 157), "from": (188, 203), "until": (204, 219),
             "en_name2": (220, 241), "nation": (242, 247)}

_PERMIT_I = re.compile(r"^[A-Z]{3}\d{12}$")


class CardDataError(DeviceError):
    """The card's data is unusable (bad encoding, bad date, failed ID-number check)."""

    def __init__(self, code: str, en: str, zh: str):
        super().__init__(code, f"身份证信息无效：{zh}，请联系工作人员", f"invalid card data: {en}")


def _field(block: bytes, rng: tuple[int, int], what: str) -> str:
    raw = block[rng[0]:rng[1] + 1]
    try:
        s = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise CardDataError("bad_text", f"{what} is not valid UTF-16", f"{what}编码错误") from None
    s = s.rstrip(" \x00")
    if any(ord(c) < 0x20 for c in s):
        raise CardDataError("bad_text", f"{what} holds control characters", f"{what}含控制字符")
    return s


def _date(s: str, what: str, allow_no_expiry: bool = False) -> dt.date | None:
    if allow_no_expiry and s == NO_EXPIRY:
        return None
    if len(s) != 8 or not s.isascii() or not s.isdigit():
        raise CardDataError("bad_date", f"{what} is not YYYYMMDD", f"{what}日期格式错误")
    try:
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        raise CardDataError("bad_date", f"{what} is not a calendar date", f"{what}日期无效") from None


def _gender(s: str) -> Gender:
    g = tables.gender_from_code(s)
    if g is None:
        raise CardDataError("bad_gender", "gender code outside GB/T 2261.1", "性别代码无效")
    return g


def _required(s: str, what_en: str, what_zh: str) -> str:
    if not s:
        raise CardDataError("missing_field", f"{what_en} is empty", f"{what_zh}为空")
    return s


def _checked_id(s: str) -> str:
    try:
        return idnumber.normalize(s)
    except ValueError:
        raise CardDataError("id_check_failed", "the ID number fails the GB 11643 check",
                            "证件号码校验失败") from None


def _birth_matches(number: str, birth: dt.date | None) -> None:
    if birth is not None and number[6:14] != birth.strftime("%Y%m%d"):
        raise CardDataError("birth_mismatch", "birth date differs from the ID number",
                            "出生日期与证件号码不符")


def card_type_of(block: bytes) -> CardType:
    if len(block) != TEXT_LEN:
        raise CardDataError("bad_length", f"text block is {len(block)} bytes, not 256",
                            "文字信息长度错误")
    try:
        flag = block[FLAG_AT:FLAG_AT + 2].decode("utf-16-le")
    except UnicodeDecodeError:
        flag = "?"
    if flag not in FLAGS:
        raise CardDataError("unknown_card_type", "unknown card type flag", "无法识别的证件类型")
    return FLAGS[flag]


def parse_text(block: bytes) -> IdentityRecord:
    ct = card_type_of(block)
    f = lambda key, what, lay: _field(block, lay[key], what)  # noqa: E731
    if ct in (CardType.RESIDENT, CardType.HK_MO_TW_PERMIT):
        lay = RESIDENT if ct is CardType.RESIDENT else PERMIT_J
        rec = IdentityRecord(
            card_type=ct,
            name=_required(f("name", "name", lay), "name", "姓名"),
            id_number=_checked_id(f("id", "ID number", lay)),
            gender=_gender(f("gender", "gender", lay)),
            birth_date=_date(f("birth", "birth date", lay), "birth date"),
            address=f("address", "address", lay),
            issuer=f("issuer", "issuer", lay),
            valid_from=_date(f("from", "valid from", lay), "valid from"),
            valid_until=_date(f("until", "valid until", lay), "valid until", allow_no_expiry=True),
        )
        if ct is CardType.RESIDENT:
            code = f("ethnicity", "ethnicity", lay)
            if code not in tables.ETHNICITY_BY_CODE:
                raise CardDataError("bad_ethnicity", "ethnicity code outside GB 3304", "民族代码无效")
            rec.ethnicity = tables.ETHNICITY_BY_CODE[code]
        else:
            if rec.id_number[:2] not in ("81", "82", "83"):
                raise CardDataError("bad_permit_number", "residence permit number must start 81/82/83",
                                    "居住证号码应以81/82/83开头")
            rec.pass_number = f("pass", "pass number", lay) or None
            rec.issue_count = f("count", "issue count", lay) or None
        _birth_matches(rec.id_number, rec.birth_date)
        return rec
    if ct is CardType.FOREIGN_PERMANENT_2017:
        lay = FOREIGN_I
        number = f("id", "permit number", lay)
        if not _PERMIT_I.match(number):
            raise CardDataError("id_check_failed", "permit number is not 3 letters and 12 digits",
                                "永久居留证号码格式错误")
        en = f("en_name", "English name", lay)
        cn = f("cn_name", "Chinese name", lay)
        nation = f("nation", "nationality", lay)
        if not re.fullmatch(r"[A-Z]{3}", nation):
            raise CardDataError("bad_nationality", "nationality is not a 3-letter code", "国籍代码无效")
        birth = _date(f("birth", "birth date", lay), "birth date")
        # No public check-digit rule for this number (not guessed: a wrong rule would
        # reject real cards); its YYMMDD (chars 6-11) must at least match the birth date.
        if number[5:11] != birth.strftime("%y%m%d") or number[:3] != nation:
            raise CardDataError("id_check_failed", "permit number disagrees with birth date or nationality",
                                "永久居留证号码与出生日期或国籍不符")
        return IdentityRecord(
            card_type=ct, name=_required(cn or en, "name", "姓名"), id_number=number,
            gender=_gender(f("gender", "gender", lay)),
            birth_date=birth,
            issuer=f("authority", "authority code", lay) or None,
            valid_from=_date(f("from", "issue date", lay), "issue date"),
            valid_until=_date(f("until", "expiry", lay), "expiry", allow_no_expiry=True),
            english_name=en or None, chinese_name=cn or None, nationality=nation,
            spec_version=f("version", "card version", lay) or None,
        )
    lay = FOREIGN_Y
    number = _checked_id(f("id", "ID number", lay))
    if not number.startswith("9"):
        raise CardDataError("bad_permit_number", "2023 permit number must start with 9",
                            "永久居留身份证号码应以9开头")
    cn = f("cn_name", "Chinese name", lay)
    en2 = f("en_name2", "English name", lay)
    en = f("en_name1", "English name", lay)
    if en2:   # the name continues in 220–241: keep part 1's trailing space, if any
        en = block[52:122].decode("utf-16-le") + en2
    nation = f("nation", "nationality", lay)
    if not re.fullmatch(r"[A-Z]{3}", nation):
        raise CardDataError("bad_nationality", "nationality is not a 3-letter code", "国籍代码无效")
    rec = IdentityRecord(
        card_type=ct, name=_required(cn or en, "name", "姓名"), id_number=number,
        gender=_gender(f("gender", "gender", lay)),
        birth_date=_date(f("birth", "birth date", lay), "birth date"),
        valid_from=_date(f("from", "issue date", lay), "issue date"),
        valid_until=_date(f("until", "expiry", lay), "expiry", allow_no_expiry=True),
        english_name=en or None, chinese_name=cn or None, nationality=nation,
        issue_count=f("count", "renewal count", lay) or None,
    )
    _birth_matches(rec.id_number, rec.birth_date)
    return rec


# ---- encoding (emulator, tests) -------------------------------------------------

def _put(buf: bytearray, rng: tuple[int, int], value: str) -> None:
    raw = (value or "").encode("utf-16-le")
    width = rng[1] - rng[0] + 1
    if len(raw) > width:
        raise ValueError(f"value too long for bytes {rng[0]}-{rng[1]}")
    buf[rng[0]:rng[1] + 1] = raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)


def _ymd(v) -> str:
    if v is None:
        return NO_EXPIRY
    return str(v).replace("-", "")


def encode_text(card: dict) -> bytes:
    """A card dict (IdentityRecord.as_dict() keys, as in assets/cards) → 256-byte block.

    Values are written as given (no validation), so tests can build bad cards.
    """
    ct = CardType(card["card_type"])
    buf = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    g = card.get("gender", "unknown")
    gcode = tables.gender_code(g) if g in {x.value for x in Gender} else str(g)
    if ct in (CardType.RESIDENT, CardType.HK_MO_TW_PERMIT):
        lay = RESIDENT if ct is CardType.RESIDENT else PERMIT_J
        _put(buf, lay["name"], card["name"])
        _put(buf, lay["gender"], gcode)
        if ct is CardType.RESIDENT:
            eth = card.get("ethnicity") or "汉"
            _put(buf, lay["ethnicity"], tables.ethnicity_code(eth) if eth in tables.CODE_BY_ETHNICITY
                 or eth in tables.ETHNICITY_BY_CODE else eth)
        else:
            _put(buf, lay["pass"], card.get("pass_number") or "")
            _put(buf, lay["count"], card.get("issue_count") or "")
        _put(buf, lay["birth"], _ymd(card["birth_date"]))
        _put(buf, lay["address"], card.get("address") or "")
        _put(buf, lay["id"], card["id_number"])
        _put(buf, lay["issuer"], card.get("issuer") or "")
        _put(buf, lay["from"], _ymd(card["valid_from"]))
        _put(buf, lay["until"], _ymd(card.get("valid_until")))
    elif ct is CardType.FOREIGN_PERMANENT_2017:
        lay = FOREIGN_I
        _put(buf, lay["en_name"], card.get("english_name") or "")
        _put(buf, lay["gender"], gcode)
        _put(buf, lay["id"], card["id_number"])
        _put(buf, lay["nation"], card.get("nationality") or "")
        _put(buf, lay["cn_name"], card.get("chinese_name") or "")
        _put(buf, lay["from"], _ymd(card["valid_from"]))
        _put(buf, lay["until"], _ymd(card.get("valid_until")))
        _put(buf, lay["birth"], _ymd(card["birth_date"]))
        _put(buf, lay["version"], card.get("spec_version") or "")
        _put(buf, lay["authority"], card.get("issuer") or "")
    elif ct is CardType.FOREIGN_PERMANENT_2023:
        lay = FOREIGN_Y
        _put(buf, lay["cn_name"], card.get("chinese_name") or "")
        _put(buf, lay["gender"], gcode)
        _put(buf, lay["count"], card.get("issue_count") or "")
        _put(buf, lay["birth"], _ymd(card["birth_date"]))
        en = card.get("english_name") or ""
        _put(buf, lay["en_name1"], en[:35])
        _put(buf, lay["en_name2"], en[35:])
        _put(buf, lay["id"], card["id_number"])
        _put(buf, lay["from"], _ymd(card["valid_from"]))
        _put(buf, lay["until"], _ymd(card.get("valid_until")))
        _put(buf, lay["nation"], card.get("nationality") or "")
    else:
        raise ValueError(f"{ct.value} is not an ID-reader card")
    buf[FLAG_AT:FLAG_AT + 2] = FLAG_OF[ct].encode("utf-16-le")
    return bytes(buf)
