"""Pinyin syllables and the segmenter: how a run of typed letters splits into
syllables ("anjingjie" → an|jing|jie), initials ("hljs" → h|l|j|s) and a last
syllable still being typed ("haerbi" → ha|er|bi…).

The syllable table is read from pypinyin's character readings (tones dropped,
ü typed as v), not written by hand. Every way to read a position is a
`Token` with a cost; the segmenter keeps the cheapest reading of the whole
input, and the engine uses the same costs to rank and prune words.
Plain Python, no Qt.
"""
from __future__ import annotations

import functools
import string
from dataclasses import dataclass

# The cost of reading a piece of input as ... (lower is more likely what was meant)
FULL_COST = 1        # a whole syllable: "jing"
PARTIAL_COST = 2     # the start of the last syllable, still being typed: "zhon" for zhong at the end
LONGER_COST = 3      # ... when those letters are a syllable themselves: "xian" for xiang
INITIAL_COST = 3     # an initial standing for its syllable: "j", "zh"
LITERAL_COST = 10    # a character no syllable starts with ("i", "u", "v", punctuation)
DIGITS_COST = 1      # a run of digits goes through as itself (house numbers)
SEPARATOR = "'"      # typed between syllables to force a split: "xi'an"
MAX_SYLLABLE = 6     # "zhuang", "chuang", "shuang"
CODE_BASE = 0x100    # in the engine's index syllable id i is the character chr(CODE_BASE + i)

# Syllables without a vowel (嗯 n/ng, 呣 m, 噷 hm) would make every initial ambiguous.
_VOWELS = set("aeiouv")
# Spellings people type that pypinyin writes differently.
_ALIASES = {"lue": "lve", "nue": "nve"}
# 儿 (er) is often abbreviated by its sound, r: "hrb" for 哈尔滨 as on road signs and codes.
_EXTRA_INITIALS = {"r": ("er",)}

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    """A–Z to a–z and nothing else (str.lower can change a string's length)."""
    return text.translate(_LOWER)


@dataclass(frozen=True)
class Token:
    """One way to read text[start:start+length]."""
    length: int
    cost: int
    kind: str                         # "full", "partial", "initial", "digits", "sep", "literal"
    ranges: tuple[tuple[int, int], ...] = ()   # syllable ids it may stand for (inclusive ranges)


class SyllableTable:
    """The syllables in alphabetical order; an id is a syllable's position, so all
    syllables sharing a prefix ("zh", "jin") form one contiguous id range."""

    def __init__(self, syllables):
        self.names: list[str] = sorted(set(syllables))
        self.ids: dict[str, int] = {s: i for i, s in enumerate(self.names)}
        for alias, canonical in _ALIASES.items():
            if canonical in self.ids:
                self.ids.setdefault(alias, self.ids[canonical])
        self._prefix_range: dict[str, tuple[int, int]] = {}
        for i, s in enumerate(self.names):
            for k in range(1, len(s) + 1):
                lo, hi = self._prefix_range.get(s[:k], (i, i))
                self._prefix_range[s[:k]] = (min(lo, i), max(hi, i))
        self.initials: dict[str, tuple[tuple[int, int], ...]] = {}
        for letter in string.ascii_lowercase:
            if letter in self._prefix_range:
                self.initials[letter] = (self._prefix_range[letter],)
        for two in ("zh", "ch", "sh"):
            if two in self._prefix_range:
                self.initials[two] = (self._prefix_range[two],)
        for letter, extra in _EXTRA_INITIALS.items():
            more = tuple((self.ids[s], self.ids[s]) for s in extra if s in self.ids)
            self.initials[letter] = self.initials.get(letter, ()) + more

    def prefix_range(self, prefix: str) -> tuple[int, int] | None:
        """Ids of the syllables starting with `prefix` (itself included)."""
        return self._prefix_range.get(prefix)

    def tokens_at(self, text: str, pos: int) -> list[Token]:
        """Every reading of the input starting at `pos`. `text` is already folded."""
        ch = text[pos]
        if ch.isdigit() and ch.isascii():
            end = pos
            while end < len(text) and text[end].isdigit() and text[end].isascii():
                end += 1
            return [Token(end - pos, DIGITS_COST, "digits")]
        if ch == SEPARATOR:
            return [Token(1, 0, "sep")]
        out: list[Token] = []
        left = len(text) - pos
        for length in range(1, min(MAX_SYLLABLE, left) + 1):
            piece = text[pos:pos + length]
            sid = self.ids.get(piece)
            if sid is not None:
                out.append(Token(length, FULL_COST, "full", ((sid, sid),)))
            initial = self.initials.get(piece) if length <= 2 else None
            if length == left:          # the last letters typed: any syllable they begin
                rng = self._prefix_range.get(piece)
                if rng is not None:
                    cost = PARTIAL_COST if sid is None else LONGER_COST
                    out.append(Token(length, cost, "partial", (rng,)))
                    extra = tuple(r for r in initial or () if not rng[0] <= r[0] <= rng[1])
                    if extra:
                        out.append(Token(length, INITIAL_COST, "initial", extra))
                elif initial:
                    out.append(Token(length, INITIAL_COST, "initial", initial))
            elif initial:
                out.append(Token(length, INITIAL_COST, "initial", initial))
        if not out:
            out.append(Token(1, LITERAL_COST, "literal"))
        return out


@functools.lru_cache(maxsize=1)
def syllable_table() -> SyllableTable:
    """The table from pypinyin's readings of every character it knows (~410 syllables)."""
    from pypinyin.constants import PINYIN_DICT
    found = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            found.add(to_plain(reading))
    return SyllableTable(s for s in found if s.isascii() and s.isalpha() and _VOWELS & set(s))


@functools.lru_cache(maxsize=4096)
def to_plain(reading: str) -> str:
    """zhōng → zhong, lǜ → lv (pypinyin's own conversion, memoised per reading)."""
    from pypinyin.contrib.tone_convert import to_normal
    return to_normal(reading)


@dataclass(frozen=True)
class Lattice:
    """The readings of every position and the cheapest cost of reading the input
    before (`prefix`) and after (`suffix`) each position."""
    text: str                  # folded (a–z)
    raw: str                   # as typed
    tokens: list[list[Token]]
    prefix: list[float]
    suffix: list[float]
    choice: list[int]          # index into tokens[pos] of the cheapest way on from pos

    @property
    def best(self) -> float:
        return self.suffix[0]


def lattice(text: str, table: SyllableTable | None = None, initials_only: bool = False) -> Lattice:
    """`initials_only`: read every letter as an initial (h|e|b|s, not he|b|s)."""
    table = table or syllable_table()
    folded = fold(text)
    n = len(folded)
    if initials_only:
        tokens = [[Token(1, INITIAL_COST, "initial", table.initials[c])] if c in table.initials
                  else table.tokens_at(folded, p) for p, c in enumerate(folded)]
    else:
        tokens = [table.tokens_at(folded, p) for p in range(n)]
    inf = float("inf")
    suffix = [inf] * (n + 1)
    choice = [0] * (n + 1)
    suffix[n] = 0
    for p in range(n - 1, -1, -1):
        best, pick = inf, 0
        for i, tok in enumerate(tokens[p]):
            c = tok.cost + suffix[p + tok.length]
            # on a tie the longer piece wins (forward maximum matching: "xian", not "xi'an")
            if c < best or (c == best and tok.length > tokens[p][pick].length):
                best, pick = c, i
        suffix[p], choice[p] = best, pick
    prefix = [inf] * (n + 1)
    prefix[0] = 0
    for p in range(n):
        if prefix[p] == inf:
            continue
        for tok in tokens[p]:
            q = p + tok.length
            if prefix[p] + tok.cost < prefix[q]:
                prefix[q] = prefix[p] + tok.cost
    return Lattice(folded, text, tokens, prefix, suffix, choice)


def segment(text: str) -> list[str]:
    """The likeliest split of `text` into syllables, initials, digit runs and other
    characters. The pieces joined give `text` back exactly, whatever it holds."""
    lat = lattice(text)
    out, p = [], 0
    while p < len(text):
        tok = lat.tokens[p][lat.choice[p]]
        out.append(text[p:p + tok.length])
        p += tok.length
    return out
