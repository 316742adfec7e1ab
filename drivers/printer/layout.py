"""Column arithmetic for a fixed-pitch receipt: a CJK character takes two columns."""
from __future__ import annotations

import unicodedata


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(s: str) -> int:
    return sum(char_width(c) for c in s)


def wrap(s: str, columns: int) -> list[str]:
    """Break `s` into lines of at most `columns`, never splitting a wide character.

    Latin words are kept whole when they fit on a line; Chinese breaks anywhere.
    Explicit newlines are kept.
    """
    out: list[str] = []
    for para in s.split("\n"):
        line, width = "", 0
        i = 0
        while i < len(para):
            ch = para[i]
            # keep an ASCII word together if it can fit on a fresh line
            if ch.isascii() and ch != " ":
                j = i
                while j < len(para) and para[j].isascii() and para[j] != " ":
                    j += 1
                word = para[i:j]
                if width + len(word) > columns and len(word) <= columns and line:
                    out.append(line.rstrip())
                    line, width = "", 0
                for c in word:
                    if width + 1 > columns:
                        out.append(line)
                        line, width = "", 0
                    line += c
                    width += 1
                i = j
                continue
            w = char_width(ch)
            if width + w > columns:
                out.append(line.rstrip())
                line, width = "", 0
                if ch == " ":
                    i += 1
                    continue
            line += ch
            width += w
            i += 1
        out.append(line.rstrip())
    return out


def pad(s: str, columns: int, where: str = "left") -> str:
    """Align one line within `columns` with spaces (for mixed rows built by hand)."""
    gap = max(0, columns - text_width(s))
    if where == "right":
        return " " * gap + s
    if where == "center":
        return " " * (gap // 2) + s + " " * (gap - gap // 2)
    return s + " " * gap


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """`label ........ value` on one line when it fits, else the value wrapped below."""
    if text_width(left) + 1 + text_width(right) <= columns:
        return [left + " " * (columns - text_width(left) - text_width(right)) + right]
    return wrap(left, columns) + [pad(x, columns, "right") for x in wrap(right, columns)]
