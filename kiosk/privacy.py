"""Masking of personal data for screens (after confirmation), receipts, logs and the CLI."""
from __future__ import annotations


def mask_id(number: str | None) -> str:
    """`110105194912310021` → `1101**********0021` (keep the first 4 and last 4)."""
    if not number:
        return ""
    n = str(number)
    if len(n) <= 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_name(name: str | None) -> str:
    """`张三丰` → `张*丰`, `张三` → `张*`, `A B SMITH` style names keep first and last letter."""
    if not name:
        return ""
    s = str(name)
    if len(s) == 1:
        return "*"
    if len(s) == 2:
        return s[0] + "*"
    return s[0] + "*" * (len(s) - 2) + s[-1]
