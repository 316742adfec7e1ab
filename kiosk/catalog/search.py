"""Search the way residents type: Chinese substrings, full pinyin, pinyin initials, keywords, synonyms.

"sbk" finds 社保卡, "shebao" finds 社会保障卡 via the 社保 synonym, "驾照" finds
机动车驾驶证补领. Everything text-like is precomputed when the index is built
(pinyin via pypinyin), so a keystroke is a few substring tests per item in C:
well under 5 ms over 2,000 items (bench/bench_search.py).

Ranking, best first: name equal > name/short name starts with > name contains >
pinyin initials/full pinyin of the name > keywords and synonyms > category,
department, region. Ties keep catalog order.
"""
from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

from kiosk.catalog.model import Item

SEP = "\x1f"
# Words residents use → words the catalog uses. Applied at index time: an item
# whose text contains a value also answers to the key (and its pinyin).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "社保": ("社会保障", "社会保险", "参保"),
    "医保": ("医疗保险", "医疗保障"),
    "公积金": ("住房公积金",),
    "驾照": ("驾驶证",),
    "户口": ("户籍",),
    "房产": ("不动产",),
    "房子": ("不动产", "购房", "租赁住房"),
    "失业金": ("失业保险金",),
    "养老金": ("养老保险",),
    "退休": ("离休、退休", "退休"),
    "补办": ("补领", "补换", "补办"),
    "丢失": ("补领", "补换", "挂失"),
    "换证": ("换证", "换领", "补换"),
    "证明": ("证明", "缴存信息查询"),
    "转移": ("转移接续",),
    "看病": ("就医",),
    "找工作": ("就业",),
    "京": ("北京",),
    "津": ("天津",),
    "冀": ("河北",),
    "辽": ("辽宁",),
    "吉": ("吉林",),
    "黑": ("黑龙江", "哈尔滨"),
}

_ASCII_RE = re.compile(r"[a-z0-9 ]+")
_RUN_RE = re.compile(r"[a-z0-9]+|[^a-z0-9]+")
_PUNCT_RE = re.compile(r"[\s,，。、；;:：()（）·\-_/]+")


@functools.lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of `text`, lower case, no tones; non-Chinese runs kept whole."""
    full, ini = [], []
    # Imported here, not at the top: its tables take ~0.5 s to load, and kiosk.catalog is
    # imported on the UI thread after the first paint; the index is built on a worker lane.
    from pypinyin import lazy_pinyin
    for syl in lazy_pinyin(text):       # phrase-aware: 银行 → yin hang
        syl = _PUNCT_RE.sub("", syl.lower())
        if not syl:
            continue
        full.append(syl)
        ini.append(syl if not syl.isalpha() or len(syl) > 6 else syl[0])
    return "".join(full), "".join(ini)


@dataclass
class _Entry:
    item: Item
    order: int
    name: str
    short: str
    name_py: str
    name_ini: str
    short_py: str
    short_ini: str
    keywords: str          # SEP-joined keywords and synonyms, each preceded by SEP
    kw_py: str
    kw_ini: str
    other: str             # category, department, region name
    other_py: str
    blob: str              # everything a Chinese query can match, for the fast reject
    ascii_blob: str        # everything a pinyin query can match
    pfx: str               # SEP-led name/short-name initials and pinyin: SEP+q in pfx = "starts with"
    kw_asc: str            # keyword initials and pinyin, SEP-separated
    ini_pair: str          # name and short-name initials
    py_pair: str           # name and short-name full pinyin
    latin: str             # name and short name as typed (Latin bits like "C1")


def _normalize(query: str) -> list[str]:
    q = query.strip().lower()
    if not q:
        return []
    if _ASCII_RE.fullmatch(q):
        return [q.replace(" ", "")]       # "she bao ka" = "shebaoka"
    # "bj公积金" = "bj 公积金": a run of pinyin and a run of Chinese are two words
    return [t for part in _PUNCT_RE.split(q) for t in _RUN_RE.findall(part)]


class SearchIndex:
    """Built once per catalog; `search()` is thread-safe."""

    def __init__(self, items: list[Item]):
        self._entries = [self._entry(i, n) for n, i in enumerate(items)]
        # The first keystroke ("s") matches nearly everything: rank those once, at load.
        self._first_letter: dict[str, tuple[list, list[_Entry]]] = {}
        for c in "abcdefghijklmnopqrstuvwxyz0123456789":
            pool = [e for e in self._entries if c in e.ascii_blob]
            hits = [(-s, e.order, e) for e in pool if (s := self._score_ascii(e, c))]
            self._first_letter[c] = (sorted(hits, key=lambda x: (x[0], x[1])), pool)
        self._lock = threading.Lock()
        self._last: tuple[str, list[_Entry]] | None = None   # previous keystroke's candidates

    @staticmethod
    def _entry(item: Item, order: int) -> _Entry:
        text = " ".join((item.name, item.short_name, *item.keywords))
        words = list(dict.fromkeys(item.keywords))
        for key, values in SYNONYMS.items():
            if any(v in text for v in values) and key not in words:
                words.append(key)
        kw_py, kw_ini = zip(*(_pinyin(w) for w in words)) if words else ((), ())
        name_py, name_ini = _pinyin(item.name)
        short_py, short_ini = _pinyin(item.short_name)
        other = SEP.join((item.category, item.department, item.region_name)).lower()
        # Keyword strings start and end with SEP, so "\x1fjz\x1f" tests a whole keyword.
        keywords = SEP + SEP.join(w.lower() for w in words) + SEP
        kp, ki = SEP + SEP.join(kw_py) + SEP, SEP + SEP.join(kw_ini) + SEP
        other_py = SEP + SEP.join(_pinyin(item.region_name) + _pinyin(item.category)) + SEP
        name, short = item.name.lower(), item.short_name.lower()
        blob = SEP.join((name, short, keywords, other))
        ascii_blob = SEP.join((name_py, name_ini, short_py, short_ini, kp, ki, other_py))
        return _Entry(item, order, name, short, name_py, name_ini, short_py, short_ini, keywords, kp, ki,
                      other, other_py, blob, ascii_blob,
                      pfx=SEP + SEP.join((name_ini, short_ini, name_py, short_py)),
                      kw_asc=ki + kp, ini_pair=name_ini + SEP + short_ini, py_pair=name_py + SEP + short_py,
                      latin=name + SEP + short)

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _score_han(e: _Entry, q: str) -> int:
        """How well a Chinese (non-pinyin) token matches one item (0 = not at all)."""
        if q == e.name or q == e.short:
            return 1000
        if e.name.startswith(q) or e.short.startswith(q):
            return 900
        pos = e.name.find(q)
        if pos >= 0:
            return 800 - min(pos, 40)
        if q in e.short:
            return 760
        if SEP + q + SEP in e.keywords:
            return 600
        if SEP + q in e.keywords:
            return 560
        if q in e.keywords:
            return 500
        if q in e.other:
            return 200
        return 0

    @staticmethod
    def _score_ascii(e: _Entry, q: str) -> int:
        """How well a pinyin / initials / Latin token matches one item (0 = not at all).
        Kept in step with the inlined copy in `search` (the hot path)."""
        sq = SEP + q
        if sq in e.pfx:
            return 710        # name or short name starts with these initials / this pinyin
        if sq + SEP in e.kw_asc:
            return 660        # "jz" is exactly 驾照: better than letters inside a longer name
        if len(q) >= 2 and q in e.ini_pair:
            return 640
        if len(q) >= 3 and q in e.py_pair:
            return 620
        if q in e.latin:
            return 600        # Latin in names: "C1", "A2"
        if sq in e.kw_asc:
            return 450
        if len(q) >= 3 and q in e.kw_py:
            return 350
        if sq in e.other_py:
            return 250
        return 0

    def search(self, query: str, limit: int = 50) -> list[Item]:
        tokens = _normalize(query)
        if not tokens:
            return [e.item for e in self._entries[:limit]]
        found = self._search(tokens, limit)
        words = query.strip().lower().split()
        if not found and len(words) > 1 and len(tokens) == 1:
            # "gjj bj": the space separated words, not pinyin syllables
            found = self._search([t for w in words for t in _normalize(w)], limit)
        return found

    def _search(self, tokens: list[str], limit: int) -> list[Item]:
        key = SEP.join(tokens)
        with self._lock:
            last = self._last
        pool = self._entries
        # A keystroke that extends the previous query can only narrow it:
        # every field containing "sbk" contains "sb".
        if last is not None and len(tokens) == 1 and key.startswith(last[0]) and SEP not in last[0]:
            pool = last[1]
        if key in self._first_letter:
            scored, pool = self._first_letter[key]
            with self._lock:
                self._last = (key, pool)
            return [e.item for _, _, e in scored[:limit]]
        rules = [(t, self._score_ascii if t.isascii() else self._score_han, t.isascii()) for t in tokens]
        scored: list[tuple[int, int, _Entry]] = []
        # The next keystroke's pool is every entry whose text contains this token:
        # a superset of its matches, whatever the length rules in the scorers.
        passed: list[_Entry] = []
        if len(rules) == 1 and rules[0][2]:
            # The hot path: one pinyin token. _score_ascii inlined (a call per item costs more
            # than the tests themselves).
            q = rules[0][0]
            sq, l2, l3 = SEP + q, len(q) >= 2, len(q) >= 3
            sqe = sq + SEP
            for e in pool:
                if q not in e.ascii_blob:
                    continue
                passed.append(e)
                if sq in e.pfx:
                    s = 710
                elif sqe in e.kw_asc:
                    s = 660
                elif l2 and q in e.ini_pair:
                    s = 640
                elif l3 and q in e.py_pair:
                    s = 620
                elif q in e.latin:
                    s = 600
                elif sq in e.kw_asc:
                    s = 450
                elif l3 and q in e.kw_py:
                    s = 350
                elif sq in e.other_py:
                    s = 250
                else:
                    continue
                scored.append((-s, e.order, e))
        elif len(rules) == 1:
            t, score, is_ascii = rules[0]
            for e in pool:
                if t in (e.ascii_blob if is_ascii else e.blob):
                    passed.append(e)
                    s = score(e, t)
                    if s:
                        scored.append((-s, e.order, e))
        else:
            for e in pool:
                total = 0
                for t, score, is_ascii in rules:
                    s = score(e, t) if t in (e.ascii_blob if is_ascii else e.blob) else 0
                    if not s:
                        break
                    total += s
                else:
                    scored.append((-total, e.order, e))
        with self._lock:
            self._last = (key, passed) if len(rules) == 1 else None
        scored.sort(key=lambda x: (x[0], x[1]))
        return [e.item for _, _, e in scored[:limit]]
