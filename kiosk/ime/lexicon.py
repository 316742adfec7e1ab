"""The word list of the pinyin input: jieba's dictionary (words with their
frequency in a large corpus, MIT) read with pypinyin's readings (MIT).

A word's reading comes from pypinyin's phrase table where the word or its parts
are in it (银行 → yin hang, not yin xing); else each character's first reading.
Single characters are listed under every reading they have (行: xing, hang), so
a resident finds a character by whichever sound they know. Characters pypinyin
knows and jieba does not (rare characters of names and streets) come last.
Plain Python, no Qt.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Iterator

from kiosk.ime.syllables import CODE_BASE, SyllableTable, to_plain

MAX_WORD = 8            # characters; longer entries are set phrases nobody types in one go
RARE_FREQ = 1           # frequency given to characters jieba does not list

# Words of addresses and forms rank higher: the free-text fields are 户籍地址, 邮寄地址,
# an employer's name and 意见或建议. Factors on jieba's corpus frequency.
PLACE_BOOST = 4.0       # jieba's part of speech "ns" (place names: 哈尔滨市, 道里区)
ADDRESS_WORDS = {
    # administrative divisions and streets
    "省": 6, "市": 3, "区": 6, "县": 3, "镇": 6, "乡": 6, "村": 6, "街": 6, "街道": 6, "路": 4,
    "大街": 4, "胡同": 4, "巷": 6, "社区": 4, "小区": 4, "花园": 2, "新村": 4,
    "自治区": 4, "自治州": 4, "自治县": 4, "开发区": 4, "新区": 4,
    # house numbers (号 楼 层 室 and the like rank first after digits: NUMBER_UNITS)
    "号楼": 6, "栋": 6, "幢": 6, "单元": 6, "室": 3,
    # the fields' own words
    "地址": 4, "住址": 4, "邮寄": 6, "户籍": 4, "单位": 3, "工作单位": 4,
    # employers
    "有限公司": 4, "公司": 2, "集团": 3, "医院": 2, "学校": 2, "大学": 2, "委员会": 2,
}
# After a house number (digits typed in the same composition) these are almost certain.
NUMBER_UNITS = ("号", "号楼", "栋", "幢", "座", "单元", "楼", "层", "室", "户", "组", "弄", "巷", "区",
                "号院", "号楼", "米")


@dataclass
class RawEntry:
    text: str
    code: str          # the reading: one character per syllable, chr(CODE_BASE + syllable id)
    freq: float


def jieba_dict_path() -> str:
    """jieba's dictionary file, found without importing jieba (its import sets up logging)."""
    from importlib.util import find_spec
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jieba is not installed (pip install jieba)")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


def read_jieba(path: str) -> Iterator[tuple[str, int, str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and len(parts[0]) <= MAX_WORD:
                yield parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""


class Reader:
    """Readings of words as codes (one character per syllable id), from pypinyin's tables."""

    def __init__(self, table: SyllableTable):
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
        self.table = table
        self.phrases = PHRASES_DICT
        self.chars = PINYIN_DICT
        self.longest = min(MAX_WORD, max(len(p) for p in PHRASES_DICT))
        self._char_cache: dict[str, list[str]] = {}
        self._code_of: dict[str, str | None] = {}

    def _code(self, reading: str) -> str | None:
        got = self._code_of.get(reading, "")
        if got == "":
            sid = self.table.ids.get(to_plain(reading))
            got = self._code_of[reading] = None if sid is None else chr(CODE_BASE + sid)
        return got

    def char_readings(self, ch: str) -> list[str]:
        """Every reading of one character, most common first (none if pypinyin has none)."""
        got = self._char_cache.get(ch)
        if got is None:
            got = []
            for r in self.chars.get(ord(ch), "").split(","):
                code = self._code(r) if r else None
                if code is not None and code not in got:
                    got.append(code)
            self._char_cache[ch] = got
        return got

    def word_reading(self, word: str) -> str | None:
        """Characters of one reading each by that reading; else forward maximum matching over
        pypinyin's phrases (银行 → yin hang), the characters in between by their first reading."""
        cache = self._char_cache
        firsts = []
        several = False
        for ch in word:
            rs = cache.get(ch)
            if rs is None:
                rs = self.char_readings(ch)
            if not rs:
                return None
            firsts.append(rs[0])
            several = several or len(rs) > 1
        if not several:
            return "".join(firsts)
        out: list[str] = []
        i, n = 0, len(word)
        phrases = self.phrases
        while i < n:
            for length in range(min(self.longest, n - i), 1, -1):
                phrase = phrases.get(word[i:i + length])
                if phrase is not None and len(phrase) == length:
                    codes = [self._code(r[0]) for r in phrase]
                    if None not in codes:
                        out += codes
                        i += length
                        break
            else:
                out.append(firsts[i])
                i += 1
        return "".join(out)


def boosted(text: str, freq: float, pos: str) -> float:
    if pos == "ns":
        freq *= PLACE_BOOST
    return freq * ADDRESS_WORDS.get(text, 1)


def entries(table: SyllableTable, path: str | None = None, min_freq: int = 0) -> Iterator[RawEntry]:
    """Every (word, reading, frequency) of the input method. Words rarer than `min_freq`
    are left out (and not counted for readings), except place names, address words and
    single characters.

    A character's frequency is shared among its readings in proportion to how often
    each reading occurs in the words read (还 in 还是 is hai, in 归还 huan); a reading no
    word uses keeps a small share, the first reading pypinyin lists a larger one."""
    reader = Reader(table)
    singles: list[tuple[str, float]] = []
    used: dict[str, dict[str, float]] = {}
    for word, freq, pos in read_jieba(path or jieba_dict_path()):
        f = boosted(word, freq, pos)
        if len(word) == 1:
            singles.append((word, f))
            continue
        if freq < min_freq and pos != "ns" and word not in ADDRESS_WORDS:
            continue
        reading = reader.word_reading(word)
        if reading is None:
            continue
        for ch, sid in zip(word, reading):
            per = used.get(ch)
            if per is None:
                used[ch] = {sid: freq}
            else:
                per[sid] = per.get(sid, 0) + freq
        yield RawEntry(word, reading, f)
    seen = set()
    for ch, f in singles:
        readings = reader.char_readings(ch)
        seen.add(ch)
        for sid, share in reading_shares(readings, used.get(ch, {})):
            yield RawEntry(ch, sid, f * share)
    for code in reader.chars:
        ch = chr(code)
        if ch not in seen and _is_han(code):
            for sid, share in reading_shares(reader.char_readings(ch), used.get(ch, {})):
                yield RawEntry(ch, sid, RARE_FREQ * share)


FIRST_READING_PRIOR = 50.0   # in corpus counts: pypinyin lists the commonest reading first
OTHER_READING_PRIOR = 2.0


def reading_shares(readings: list[str], used: dict[str, float]) -> list[tuple[str, float]]:
    weights = [used.get(sid, 0.0) + (FIRST_READING_PRIOR if i == 0 else OTHER_READING_PRIOR)
               for i, sid in enumerate(readings)]
    total = sum(weights)
    return [(sid, w / total) for sid, w in zip(readings, weights)]


def _is_han(code: int) -> bool:
    return (0x3400 <= code <= 0x9FFF) or (0x20000 <= code <= 0x3134F)


def log_freq(freq: float) -> float:
    return math.log(max(freq, 1.0))
