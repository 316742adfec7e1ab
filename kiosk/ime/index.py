"""The word index of the pinyin input: a trie of readings in flat arrays.

A reading is a "code", one character per syllable. The trie's nodes are laid out
breadth first, so the children of a node are one run of the arrays, sorted by
syllable id: the children a token stands for ("j" = every syllable starting
with j, an id range) are found by two bisects, and no node is a Python object.
A node where a reading ends points at its group of words (homophones), best first.

~110,000 readings and ~190,000 words take ~12 MB. Plain Python, no Qt.
"""
from __future__ import annotations

import gc
from array import array
from bisect import bisect_left, bisect_right
from typing import Iterable

from kiosk.ime.lexicon import MAX_WORD
from kiosk.ime.syllables import CODE_BASE, SEPARATOR, Lattice


class WordIndex:
    ARRAYS = ("starts", "ends", "scores", "edge", "code", "first")

    def __init__(self, rows: Iterable[tuple[str, float, str]]):
        """`rows`: (code, score, word); the best-scored copy of a (code, word) is kept."""
        ordered = sorted((code, -score, word) for code, score, word in rows)
        codes: list[str] = []
        self.starts = array("I")      # the words of reading c: starts[c] .. starts[c+1]-1, best first
        self.ends = array("I")        # word i is text[ends[i-1]:ends[i]]
        self.scores = array("f")      # ln(frequency), boosted for addresses
        parts: list[str] = []
        length, seen = 0, set()
        for code, neg, word in ordered:
            if not codes or code != codes[-1]:
                codes.append(code)
                self.starts.append(len(self.ends))
                seen = set()
            if word in seen:
                continue
            seen.add(word)
            parts.append(word)
            length += len(word)
            self.ends.append(length)
            self.scores.append(-neg)
        self.starts.append(len(self.ends))
        # One string for all words: ~10 MB less than 190,000 small ones. The build's small
        # objects go first, so their memory is given back, not left under long-lived ones.
        del ordered, seen
        self.text = "".join(parts)
        del parts
        gc.collect()
        self._build_trie(codes)

    def _build_trie(self, codes: list[str]) -> None:
        self.edge = array("H", [0])   # syllable id on the edge into the node
        self.code = array("i", [-1])  # the reading ending at the node, or -1
        self.first = array("I")       # children of node k: first[k] .. first[k+1]-1
        queue = [(0, len(codes), 0)]  # (lo, hi, depth): the codes under the node, in node order
        k = 0
        while k < len(queue):
            lo, hi, depth = queue[k]
            self.first.append(len(queue))
            if k and len(codes[lo]) == depth:
                self.code[k] = lo
                lo += 1
            while lo < hi:
                ch = codes[lo][depth]
                stop = lo + 1
                while stop < hi and codes[stop][depth] == ch:
                    stop += 1
                queue.append((lo, stop, depth + 1))
                self.edge.append(ord(ch) - CODE_BASE)
                self.code.append(-1)
                lo = stop
            k += 1
        self.first.append(len(queue))

    def to_parts(self) -> dict:
        """Plain values (for marshal): the words' text and each array as (typecode, bytes)."""
        parts = {name: (getattr(self, name).typecode, getattr(self, name).tobytes()) for name in self.ARRAYS}
        parts["text"] = self.text
        return parts

    @classmethod
    def from_parts(cls, parts: dict) -> "WordIndex":
        index = cls.__new__(cls)
        index.text = parts["text"]
        for name in cls.ARRAYS:
            typecode, data = parts[name]
            arr = array(typecode)
            arr.frombytes(data)
            setattr(index, name, arr)
        return index

    def __len__(self) -> int:
        return len(self.ends)

    @property
    def readings(self) -> int:
        return len(self.starts) - 1

    def word(self, i: int) -> str:
        return self.text[self.ends[i - 1] if i else 0:self.ends[i]]

    def group(self, c: int) -> range:
        return range(self.starts[c], self.starts[c + 1])

    def walk(self, lat: Lattice, start: int, bound: float) -> list[tuple[int, int, int, int]]:
        """(reading, end, cost, syllables) of every reading matching the input from `start`
        whose cost, plus the cheapest way through the rest of the input, is within `bound`."""
        text, n = lat.text, len(lat.text)
        suffix, tokens = lat.suffix, lat.tokens
        edge, code, first = self.edge, self.code, self.first
        out = []
        stack = [(0, start, 0, 0)]
        pop, push = stack.pop, stack.append
        while stack:
            node, pos, cost, depth = pop()
            if depth:
                c = code[node]
                if c >= 0:
                    out.append((c, pos, cost, depth))
                if depth == MAX_WORD:
                    continue
                if pos < n and text[pos] == SEPARATOR:
                    pos += 1
            if pos >= n:
                continue
            f0, f1 = first[node], first[node + 1]
            if f0 == f1:
                continue
            for tok in tokens[pos]:
                if not tok.ranges:
                    continue
                c2 = cost + tok.cost
                q = pos + tok.length
                if c2 + suffix[q] > bound:
                    continue
                d1 = depth + 1
                for a, b in tok.ranges:
                    i = bisect_left(edge, a, f0, f1)
                    j = i + 1 if a == b else bisect_right(edge, b, i, f1)
                    for child in range(i, min(j, f1)):
                        if a == b and edge[child] != a:
                            break
                        push((child, q, c2, d1))
        return out
