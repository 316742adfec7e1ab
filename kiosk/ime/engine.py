"""The pinyin input engine: typed letters → candidates, each with the number of
letters it consumes, so a resident can pick word by word.

    engine = PinyinEngine.build()          # a few seconds: run it off the UI thread
    engine("anjingjie")  → [("安静街", 9), ("安静", 6), ("安", 2), ...]
    engine("hljs")       → [("黑龙江省", 4), ...]
    engine("17hao")      → [("17号", 5), ...]

Ranking: the candidates consuming more letters first (a phrase before its first
character), within the same length the likeliest: corpus frequency, a bonus per
syllable, a penalty for a reading costlier than the best one (xi'an for "xian").
When no single word covers the whole input, the likeliest sequence of words for
it comes first (安静 + 街); digits go through as they are and make house-number
units (号 单元 室) the likeliest word after them.

Nothing typed is kept between calls (it can be personal data). Plain Python, no
Qt; read-only after build(), so one engine may serve any thread.
"""
from __future__ import annotations

import marshal
import math
import time
from dataclasses import dataclass

from kiosk.ime.index import WordIndex
from kiosk.ime.lexicon import NUMBER_UNITS, entries, log_freq
from kiosk.ime.syllables import SEPARATOR, Lattice, SyllableTable, lattice, syllable_table

FORMAT = "tongban-pinyin-1"    # of to_bytes(); a change of the index's layout changes it
MARGIN = 2                # readings up to this much costlier than the best one are still offered
SYLLABLE_BONUS = 1.4      # per extra syllable: a two-syllable word says more than one character
PARSE_PENALTY = 1.5       # per unit of reading cost above the best reading
UNIT_AFTER_NUMBER = math.log(200)   # 17 + hao → 号, not 好
SECOND_COMPOSITION = 2.0  # a word sequence this close to the best single word is offered too
DIGITS_SCORE = -1.0       # log probability of a run of digits in a composition
LITERAL_SCORE = -30.0     # a character no word covers (a stray "i", punctuation)
DEFAULT_MIN_FREQ = 5      # jieba's rarest words (counts 3–4: mostly names and idioms) are left out
INITIALS_ONLY = 5         # inputs up to this long are also read as initials only
WHILE_TYPING = 100        # candidates while the last syllable is unfinished ("x", "zh", "jin"):
                          # the long tail of rare characters waits for the whole syllable
AFTER_DIGITS = 20         # candidates offered after a leading number ("17" + 号, 好, 豪 ...)

Walked = list[tuple[int, int, int, int, float]]


@dataclass(frozen=True)
class Match:
    text: str
    consumed: int             # letters of the input, from its start, that `text` replaces
    score: float


class PinyinEngine:
    def __init__(self, table: SyllableTable, index: WordIndex, units: dict[int, int] | None = None,
                 log_total: float | None = None):
        self.table = table
        self.index = index
        self.build_seconds = 0.0
        if log_total is None:
            log_total = math.log(math.fsum(math.exp(s) for s in index.scores))
        self._log_total = log_total
        if units is None:
            wanted = set(NUMBER_UNITS)
            units = {}
            for c in range(index.readings):
                for i in index.group(c):
                    if index.word(i) in wanted:
                        units[c] = i
                        break
        self._units = units          # reading → its likeliest house-number unit

    def to_bytes(self) -> bytes:
        """The built engine as marshal data (plain values only: loading runs no code)."""
        return marshal.dumps((FORMAT, self.table.names, self.index.to_parts(),
                              list(self._units.items()), self._log_total, self.build_seconds))

    @classmethod
    def from_bytes(cls, data: bytes) -> "PinyinEngine":
        fmt, names, parts, units, log_total, seconds = marshal.loads(data)
        if fmt != FORMAT:
            raise ValueError(f"pinyin index format {fmt!r}, expected {FORMAT!r}")
        engine = cls(SyllableTable(names), WordIndex.from_parts(parts), dict(units), log_total)
        engine.build_seconds = seconds
        return engine

    @classmethod
    def build(cls, min_freq: int = DEFAULT_MIN_FREQ, dict_path: str | None = None) -> "PinyinEngine":
        """Read jieba's dictionary with pypinyin's readings (seconds: not on the UI thread)."""
        t0 = time.perf_counter()
        table = syllable_table()
        index = WordIndex((e.code, log_freq(e.freq), e.text) for e in entries(table, dict_path, min_freq))
        engine = cls(table, index)
        engine.build_seconds = time.perf_counter() - t0
        return engine

    def __len__(self) -> int:
        return len(self.index)

    def __call__(self, letters: str) -> list[tuple[str, int]]:
        return self.candidates(letters)

    def candidates(self, letters: str, limit: int = 400) -> list[tuple[str, int]]:
        """Ranked (text, letters consumed from the start of `letters`), at most `limit`."""
        if not letters:
            return []
        lat = lattice(letters, self.table)
        lead = 0
        while lead < len(letters) and letters[lead] == SEPARATOR:
            lead += 1
        if lead == len(letters):
            return [(letters, lead)]
        if _typing_a_syllable(lat):
            limit = min(limit, WHILE_TYPING)
        walked = self._walk(lat, lead)
        words = self._from(lat, lead, limit, walked + self._initials_walk(lat, lead))
        composed, single = self._compose(lat, lead, walked)
        if composed is not None:
            if single is None or composed.score > single:
                words.insert(0, composed)
            elif composed.score >= single - SECOND_COMPOSITION:
                words.insert(1, composed)
        seen, out = set(), []
        for m in words:           # a text once, for its likeliest (first) way through the letters
            if m.text not in seen:
                seen.add(m.text)
                out.append((m.text, m.consumed))
        return out[:limit]

    def _walk(self, lat: Lattice, start: int) -> Walked:
        """(reading, end, cost, syllables, excess) of the words matching from `start`; excess:
        how much costlier the whole input's reading through the word is than the best one."""
        bound = lat.best + MARGIN - lat.prefix[start]
        out = [(c, end, cost, depth, lat.prefix[start] + cost + lat.suffix[end] - lat.best)
               for c, end, cost, depth in self.index.walk(lat, start, bound)]
        return out

    def _initials_walk(self, lat: Lattice, start: int) -> Walked:
        """Short input read as initials only, even where they spell a syllable: "hebs" is
        he|b|s (河北省) but may be h|e|b|s (哈尔滨市); offered after the likelier readings."""
        rest = lat.raw[start:]
        if not 2 <= len(rest) <= INITIALS_ONLY or not all(c in self.table.initials for c in lat.text[start:]):
            return []
        ilat = lattice(rest, self.table, initials_only=True)
        if ilat.best <= lat.best - lat.prefix[start]:
            return []                                   # the normal walk found these already
        return [(c, start + end, cost, depth, ilat.best + lat.prefix[start] - lat.best)
                for c, end, cost, depth in self.index.walk(ilat, 0, ilat.best)
                if end == len(rest)]

    def _from(self, lat: Lattice, start: int, limit: int, walked: Walked | None = None,
              after_number: bool = False) -> list[Match]:
        """Candidates for the input from `start`, best first (longest, then likeliest)."""
        text = lat.text
        tok = lat.tokens[start][0]
        if tok.kind in ("digits", "literal"):
            rest = start + tok.length
            raw = lat.raw[start:rest]
            ms = [Match(raw, rest, LITERAL_SCORE)]
            while rest < len(text) and text[rest] == SEPARATOR:
                rest += 1
            if tok.kind == "digits" and rest < len(text):
                after = self._from(lat, rest, AFTER_DIGITS, after_number=True)
                ms = [Match(raw + m.text, m.consumed, m.score) for m in after] + ms
            return ms
        index = self.index
        if walked is None:
            walked = self._walk(lat, start)
        by_end: dict[int, list[tuple[int, float]]] = {}
        for c, end, cost, depth, excess in walked:
            by_end.setdefault(end, []).append((c, SYLLABLE_BONUS * (depth - 1) - PARSE_PENALTY * excess))
        out: list[Match] = []
        taken: set[tuple[str, int]] = set()
        starts, scores, word_of = index.starts, index.scores, index.word
        for end in sorted(by_end, reverse=True):     # longest first; within, the likeliest
            ranked = []
            for c, adj in by_end[end]:
                lo = starts[c]
                ranked += [(scores[i] + adj, i) for i in range(lo, min(starts[c + 1], lo + limit))]
            ranked.sort(reverse=True)
            for score, i in ranked:
                word = word_of(i)
                if (word, end) in taken:
                    continue
                taken.add((word, end))
                bonus = UNIT_AFTER_NUMBER if after_number and word in NUMBER_UNITS else 0.0
                out.append(Match(word, end, score + bonus))
                if len(out) >= limit:
                    break
            if len(out) >= limit:
                break
        if after_number:
            # a unit may sit deep in its group (shi: 是 市 时 ... 室): look for it there too
            for c, end, _, _, _ in walked:
                j = self._units.get(c)
                if j is not None and (index.word(j), end) not in taken:
                    taken.add((index.word(j), end))
                    out.append(Match(index.word(j), end, index.scores[j] + UNIT_AFTER_NUMBER))
            out.sort(key=lambda m: (-m.consumed, -m.score))
        return out

    def _compose(self, lat: Lattice, start: int, walked: Walked) -> tuple[Match | None, float | None]:
        """The likeliest sequence of two or more pieces (words, numbers) for the whole input,
        and the log probability of the likeliest single word for all of it. Viterbi over the
        word matches; a state counts its pieces (none, one, more)."""
        n = len(lat.text)
        best: list[list[tuple[float, str] | None]] = [[None, None, None] for _ in range(n + 1)]
        best[start][0] = (0.0, "")
        for p in range(start, n):
            states = best[p]
            if states == [None, None, None]:
                continue
            for end, s, w in self._edges(lat, p, walked if p == start else None):
                for k, here in enumerate(states):
                    if here is None:
                        continue
                    k2 = min(k + (1 if w else 0), 2)
                    cand = (here[0] + s, here[1] + w)
                    if best[end][k2] is None or cand[0] > best[end][k2][0]:
                        best[end][k2] = cand
        many, one = best[n][2], best[n][1]
        return (Match(many[1], n, many[0]) if many else None), (one[0] if one else None)

    def _edges(self, lat: Lattice, p: int, walked: Walked | None) -> list[tuple[int, float, str]]:
        """(end, log probability, text) of the likeliest word for each end from `p`."""
        tok = lat.tokens[p][0]
        if tok.kind == "sep":
            return [(p + 1, 0.0, "")]
        if tok.kind in ("digits", "literal"):
            return [(p + tok.length, DIGITS_SCORE if tok.kind == "digits" else LITERAL_SCORE,
                     lat.raw[p:p + tok.length])]
        index = self.index
        after_number = p > 0 and lat.text[p - 1].isdigit()
        top: dict[int, tuple[float, int]] = {}
        for c, end, cost, depth, _ in (walked if walked is not None else self._walk(lat, p)):
            i = index.starts[c]
            s = index.scores[i] - self._log_total - PARSE_PENALTY * (cost - depth)
            j = self._units.get(c) if after_number else None
            if j is not None:
                s2 = s - index.scores[i] + index.scores[j] + UNIT_AFTER_NUMBER
                if s2 > s:
                    s, i = s2, j
            if end not in top or s > top[end][0]:
                top[end] = (s, i)
        return [(end, s, index.word(i)) for end, (s, i) in top.items()]


def _typing_a_syllable(lat: Lattice) -> bool:
    """The likeliest reading ends in an unfinished syllable or an initial."""
    p, last = 0, None
    while p < len(lat.text):
        last = lat.tokens[p][lat.choice[p]]
        p += last.length
    return last is not None and last.kind in ("partial", "initial")
