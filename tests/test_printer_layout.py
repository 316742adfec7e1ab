"""Column arithmetic: a Chinese character takes two columns on the paper."""
from hypothesis import given, strategies as st

from drivers.printer.layout import pad, text_width, two_columns, wrap
from drivers.printer.profile import PrinterProfile


def test_widths_count_cjk_and_fullwidth_as_two():
    assert text_width("abc") == 3
    assert text_width("政务服务") == 8
    assert text_width("（，。）") == 8          # full-width punctuation
    assert text_width("Ａ１") == 4              # full-width Latin
    assert text_width("￥12") == 4


def test_paper_width_gives_columns():
    assert PrinterProfile(58).columns == 32
    assert PrinterProfile(80).columns == 48
    assert PrinterProfile(58).dots == 384


def test_wrap_never_splits_a_chinese_character_across_the_edge():
    # 15 Chinese characters + "a" + more: on 32 columns the 17th wide char must move down
    lines = wrap("一二三四五六七八九十一二三四五a六七", 32)
    assert lines == ["一二三四五六七八九十一二三四五a", "六七"]
    assert all(text_width(x) <= 32 for x in lines)


def test_wrap_keeps_latin_words_whole_when_they_fit():
    assert wrap("请 present your card 请", 12) == ["请 present", "your card 请"]
    # a word longer than the line is cut at the edge rather than lost
    assert wrap("编号 HRB-DL-001-20261126-0042", 20) == ["编号 HRB-DL-001-2026", "1126-0042"]


def test_pad_and_two_columns_align_to_the_right_edge():
    assert pad("中文", 8, "right") == "    中文"
    assert pad("中文", 8, "center") == "  中文  "
    row = two_columns("申请人", "张*丰", 32)
    assert row == ["申请人" + " " * (32 - 6 - 5) + "张*丰"] and text_width(row[0]) == 32
    long = two_columns("事项名称", "北京市居民身份证换领（异地受理）补充说明文字", 32)
    assert len(long) > 1 and all(text_width(x) <= 32 for x in long)


text = st.text(alphabet=st.sampled_from("政务服务中心abc XYZ0123，。（）￥-"), max_size=120)


@given(text, st.sampled_from([16, 32, 48]))
def test_wrap_fits_and_loses_nothing_but_spaces(s, columns):
    lines = wrap(s, columns)
    assert all(text_width(x) <= columns for x in lines)
    assert "".join(lines).replace(" ", "") == s.replace(" ", "")
