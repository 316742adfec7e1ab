"""GB 11643 citizen identity numbers: ISO 7064 MOD 11-2 check and 15→18 upgrade."""
from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_RE18 = re.compile(r"^\d{17}[\dXx]$")
_RE15 = re.compile(r"^\d{15}$")


def check_char(first17: str) -> str:
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need 17 digits")
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def upgrade_15(number: str) -> str:
    """Legacy 15-digit number → 18 digits ("19" after the area code + check character)."""
    if not _RE15.match(number):
        raise ValueError("not a 15-digit number")
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_char(first17)


def normalize(number: str) -> str:
    """Upper-case X, upgrade 15 digits; raises ValueError if the number is not valid."""
    n = number.strip()
    if _RE15.match(n):
        n = upgrade_15(n)
    if not _RE18.match(n):
        raise ValueError("not 18 characters of digits and a final X")
    n = n.upper()
    if check_char(n[:17]) != n[17]:
        raise ValueError("check character mismatch")
    try:
        dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        raise ValueError("birth date inside the number is not a date") from None
    return n


def is_valid(number: str) -> bool:
    try:
        normalize(number)
        return True
    except ValueError:
        return False
