"""The pinyin engine (kiosk/ime): the segmenter fuzzed, fixed cases on the real
word list (jieba's dictionary read with pypinyin), and what it keeps."""
from __future__ import annotations

import gc
import string
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.ime import shared_engine
from kiosk.ime.syllables import SEPARATOR, segment, syllable_table

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "黑龙江省哈尔滨市道里区安静街17号2单元301室"
ADDRESS_TYPED = ["heilongjiangsheng", "haerbinshi", "daoliqu", "anjingjie", "17hao", "2danyuan", "301shi"]
PINYIN_KEYS = string.ascii_lowercase + string.digits + SEPARATOR


@pytest.fixture(scope="module")
def engine():
    return shared_engine()


def first_texts(engine, letters, n=6):
    return [t for t, _ in engine(letters)[:n]]


def picks_to_type(engine, letters: str, want: str, page: int = 6) -> int:
    """Picks a resident needs: each time the candidate on the first page that continues
    `want` the furthest, until every letter is converted. Fails if none continues it."""
    picks, done = 0, ""
    while letters:
        fits = [(t, c) for t, c in engine(letters)[:page] if want.startswith(done + t)]
        assert fits, f"nothing on the first page continues {done!r} toward {want!r} for {letters!r}"
        text, consumed = max(fits, key=lambda tc: len(tc[0]))
        done += text
        letters = letters[consumed:]
        picks += 1
    assert done == want
    return picks


# ---------- the segmenter ----------
@given(st.text())
@settings(max_examples=300, deadline=None)
def test_segment_never_raises_and_consumes_the_input_exactly(text):
    pieces = segment(text)
    assert "".join(pieces) == text
    assert all(pieces)


@given(st.text(alphabet=PINYIN_KEYS + "ABCXYZ", max_size=40))
@settings(max_examples=300, deadline=None)
def test_segment_pieces_are_syllables_initials_digits_or_single_characters(text):
    table = syllable_table()
    for piece in segment(text):
        p = piece.lower()
        assert (p in table.ids or p in table.initials or table.prefix_range(p) is not None
                or p.isdigit() or len(p) == 1), (text, piece)


@pytest.mark.parametrize("typed, pieces", [
    ("anjingjie", ["an", "jing", "jie"]),
    ("xian", ["xian"]),                    # one syllable beats xi'an when nothing says otherwise
    ("xi'an", ["xi", "'", "an"]),
    ("hljs", ["h", "l", "j", "s"]),
    ("daolq", ["dao", "l", "q"]),
    ("zhangsan", ["zhang", "san"]),
    ("17hao2danyuan", ["17", "hao", "2", "dan", "yuan"]),
    ("lue", ["lue"]),                      # typed spelling of lüe
    ("Beijing", ["Bei", "jing"]),          # case kept, read as lower case
    ("iu", ["i", "u"]),                    # no syllable starts with i or u: through as they are
])
def test_segment_fixed_cases(typed, pieces):
    assert segment(typed) == pieces


# ---------- candidates ----------
@given(st.text(alphabet=PINYIN_KEYS, min_size=1, max_size=24))
@settings(max_examples=150, deadline=None)
def test_candidates_consume_part_of_the_input_and_picking_the_first_always_ends(letters):
    engine = shared_engine()
    rest, picks = letters, 0
    while rest:
        cands = engine(rest)
        assert cands, rest
        for text, consumed in cands:
            assert text and 1 <= consumed <= len(rest), (rest, text, consumed)
        rest = rest[cands[0][1]:]
        picks += 1
    assert picks <= len(letters)


def test_the_address_takes_one_pick_a_word_each_the_first_candidate(engine):
    typed = ""
    for letters in ADDRESS_TYPED:
        text, consumed = engine(letters)[0]
        assert consumed == len(letters), (letters, engine(letters)[:5])
        typed += text
    assert typed == ADDRESS


def test_the_address_in_few_picks_with_initials_and_mixed_input(engine):
    assert engine("hljs")[0] == ("黑龙江省", 4)
    assert engine("hrb")[0] == ("哈尔滨", 3)           # 尔 abbreviated by its sound, as on signs
    assert engine("daolq")[0] == ("道里区", 5)
    assert "哈尔滨市" in first_texts(engine, "hebs")     # he|b|s (河北省) first, h|e|b|s too
    # "hljshrbs" would read 省 as sh; a separator says where a word ends
    assert picks_to_type(engine, "hljs'hrbs'dlq'anjingjie17hao", "黑龙江省哈尔滨市道里区安静街17号") <= 6


def test_place_and_house_number_words_rank_first(engine):
    assert engine("jie")[0][0] == "街"
    assert engine("17hao")[0] == ("17号", 5)
    assert engine("301shi")[0] == ("301室", 6)
    assert engine("2danyuan")[0] == ("2单元", 8)
    assert engine("hao")[0][0] == "好"            # without a number before it, 好 stays first
    assert engine("beijingshi")[0] == ("北京市", 10)


def test_a_pick_consumes_the_letters_of_its_word(engine):
    cands = engine("anjingjie")
    assert cands[0] == ("安静街", 9)              # composed: 安静 + 街
    assert ("安静", 6) in cands and ("安", 2) in cands
    assert engine("jie")[0] == ("街", 3)


def test_ambiguous_syllables_offer_both_readings(engine):
    top = first_texts(engine, "xian")
    assert "西安" in top and "先" in top
    assert engine("xi'an")[0] == ("西安", 5)       # the separator is consumed with the word


@pytest.mark.parametrize("letters, want, most", [
    ("zhangsan", "张三", 2),
    ("beijingshi", "北京市", 1),
    ("yijianjianyi", "意见建议", 1),
    ("yijianhuojianyi", "意见或建议", 1),
    ("yinhang", "银行", 1),                         # 行 read hang in the word
    ("chongqingshi", "重庆市", 1),
    ("haerbingongyedaxue", "哈尔滨工业大学", 1),
    ("youxiangongsi", "有限公司", 1),
    ("fuwuhenhao", "服务很好", 2),
])
def test_fixed_phrases_in_few_picks(engine, letters, want, most):
    assert picks_to_type(engine, letters, want) <= most


def test_rare_characters_of_names_can_be_found(engine):
    # every character pypinyin has a reading for, after the ones jieba counts (CJK Ext. A here;
    # 𠮷 has no reading in pypinyin and cannot be typed by pinyin)
    assert "䶮" in [t for t, _ in engine("yan")]


def test_digits_and_stray_letters_go_through(engine):
    assert engine("301")[0] == ("301", 3)
    assert engine("i")[0] == ("i", 1)
    assert engine("'")[0] == ("'", 1)


def test_nothing_typed_stays_in_the_engine(engine):
    marker = "".join(["qing", "tian", "gong", "yuan", "xyz"])     # made at run time
    before = {k: (type(v), len(v) if hasattr(v, "__len__") else v) for k, v in vars(engine).items()}
    assert engine(marker)
    del marker
    gc.collect()
    assert before == {k: (type(v), len(v) if hasattr(v, "__len__") else v) for k, v in vars(engine).items()}
    needle = "".join(["tiang", "ongyu"])        # in no source line (linecache holds those)
    for obj in gc.get_objects():
        items = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple, set)) else ()
        try:
            for item in items:
                assert not (isinstance(item, str) and needle in item and item is not needle), item
        except RuntimeError:       # changed size while iterating: another thread's container
            pass


def test_shared_engine_is_built_once_for_every_thread(engine):
    got = []
    threads = [threading.Thread(target=lambda: got.append(shared_engine())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(got) == 3 and all(e is engine for e in got)


def test_the_engine_never_imports_qt():
    code = ("import sys, kiosk.ime as ime; from kiosk.ime.syllables import segment; segment('anjingjie'); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], "
            "[m for m in sys.modules if m.startswith('PySide6')]")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_the_child_build_hands_over_the_same_engine(engine):
    from kiosk.ime import PinyinEngine
    copy = PinyinEngine.from_bytes(engine.to_bytes())
    for letters in ["anjingjie", "hljs", "17hao", "xian", "yijianhuojianyi"]:
        assert copy(letters) == engine(letters)
    with pytest.raises(ValueError, match="format"):
        import marshal
        PinyinEngine.from_bytes(marshal.dumps(("another-format", [], {}, [], 0.0, 0.0)))


def test_a_failed_child_build_says_why(monkeypatch):
    from kiosk.ime.build import build_in_child
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with pytest.raises(RuntimeError, match="pinyin index build failed"):
        build_in_child(timeout=30)
