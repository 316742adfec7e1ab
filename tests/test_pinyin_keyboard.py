"""The pinyin keyboard (screens/pinyin_keyboard.py) with real widgets offscreen, typing
through the real engine (kiosk/ime) by taps on its keys."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.ime import shared_engine
from screens.pinyin_keyboard import PinyinKeyboard
from screens.theme import set_elder_mode
from tests.screens_helpers import all_texts, show

ADDRESS = "黑龙江省哈尔滨市道里区安静街17号2单元301室"
ADDRESS_TYPED = ["heilongjiangsheng", "haerbinshi", "daoliqu", "anjingjie", "17hao", "2danyuan", "301shi"]


@pytest.fixture(scope="module")
def engine():
    return shared_engine()


class Form(QWidget):
    """A field above the keyboard, as the form screen will have it."""

    def __init__(self, source=None, field=QLineEdit, layout="qwerty"):
        super().__init__()
        box = QVBoxLayout(self)
        self.field = field()
        box.addWidget(self.field)
        self.kb = PinyinKeyboard(source, layout=layout)
        self.kb.set_target(self.field)
        box.addWidget(self.kb)
        box.addStretch(1)


@pytest.fixture
def form(qtbot, engine):
    return show(qtbot, Form(engine), size=(1024, 768))


def tap(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))


def type_letters(qtbot, kb, letters):
    for ch in letters:
        tap(qtbot, kb.keys[ch])


def tap_candidate(qtbot, kb, text) -> None:
    """Tap the candidate showing `text`, paging forward to it (at most 5 pages)."""
    for _ in range(5):
        for b in kb.candidate_buttons():
            if b.text() == text:
                tap(qtbot, b)
                return
        tap(qtbot, kb.next_button)
    raise AssertionError(f"{text!r} not among {kb.candidates()[:20]}")


def texts_of(kb):
    return [b.text() for b in kb.candidate_buttons()]


def test_the_address_by_taps_only_one_pick_a_word(qtbot, form):
    kb, picks = form.kb, 0
    for letters in ADDRESS_TYPED:
        type_letters(qtbot, kb, letters)
        tap(qtbot, kb.candidate_buttons()[0])
        picks += 1
        assert kb.composition() == ""
    assert form.field.text() == ADDRESS
    assert picks == 7


def test_a_pick_consumes_its_letters_and_the_rest_stays_composed(qtbot, form):
    kb = form.kb
    type_letters(qtbot, kb, "anjingjie")
    assert texts_of(kb)[0] == "安静街"
    tap_candidate(qtbot, kb, "安静")
    assert kb.composition() == "jie"
    assert kb.preedit() == "安静jie"
    assert form.field.text() == ""                  # held until every letter is converted
    assert texts_of(kb)[0] == "街"
    tap_candidate(qtbot, kb, "街")
    assert form.field.text() == "安静街" and kb.preedit() == ""


def test_backspace_in_the_middle_of_a_composition(qtbot, form):
    kb = form.kb
    form.field.setText("地址：")
    type_letters(qtbot, kb, "anjingjie")
    tap_candidate(qtbot, kb, "安静")
    tap(qtbot, kb.keys["back"])
    assert kb.composition() == "ji" and kb.preedit() == "安静ji"
    assert kb.candidates()[0][0] in ("及", "几", "级", "机", "即", "集", "基", "记")
    tap(qtbot, kb.keys["back"])
    tap(qtbot, kb.keys["back"])
    assert kb.composition() == "" and kb.preedit() == "安静"
    tap(qtbot, kb.keys["back"])                     # undoes the pick: its letters come back
    assert kb.composition() == "anjing" and ("安静", 6) in kb.candidates()
    for _ in range(6):
        tap(qtbot, kb.keys["back"])
    assert kb.preedit() == "" and form.field.text() == "地址："
    tap(qtbot, kb.keys["back"])                     # nothing composed: the field's last character
    assert form.field.text() == "地址"


def test_the_zh_en_switch_types_letters_as_they_are(qtbot, form):
    kb = form.kb
    type_letters(qtbot, kb, "zhang")
    tap(qtbot, kb.keys["mode"])                     # what was composed goes in as typed
    assert kb.mode() == "en" and form.field.text() == "zhang" and kb.preedit() == ""
    tap(qtbot, kb.keys["space"])
    tap(qtbot, kb.caps_button)
    type_letters(qtbot, kb, "lee")
    tap(qtbot, kb.caps_button)
    type_letters(qtbot, kb, "ok")
    assert form.field.text() == "zhang LEEok"
    punct = [b for b in kb.candidate_buttons() if b.text() == "-"]
    tap(qtbot, punct[0])
    tap(qtbot, kb.keys["mode"])
    assert kb.mode() == "zh"
    type_letters(qtbot, kb, "san")
    tap_candidate(qtbot, kb, "三")
    assert form.field.text() == "zhang LEEok-三"


def test_no_key_takes_the_focus_from_the_field(qtbot, form):
    kb = form.kb
    form.activateWindow()
    form.field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.field)
    type_letters(qtbot, kb, "beijing")
    tap(qtbot, kb.next_button)
    tap(qtbot, kb.prev_button)
    tap(qtbot, kb.candidate_buttons()[0])
    tap(qtbot, kb.keys["mode"])
    tap(qtbot, kb.keys["space"])
    tap(qtbot, kb.keys["back"])
    tap(qtbot, kb.keys["mode"])
    assert QApplication.focusWidget() is form.field
    assert form.field.text() == "北京"
    assert all(b.focusPolicy() == Qt.NoFocus for b in kb.findChildren(type(kb.keys["q"])))


def test_wipe_leaves_nothing_of_what_was_typed(qtbot, form):
    kb = form.kb
    type_letters(qtbot, kb, "zhangsanfeng")
    tap_candidate(qtbot, kb, "张")
    assert "张" in kb.preedit()
    kb.wipe()
    assert kb.preedit() == "" and kb.composition() == "" and kb.candidates() == []
    assert kb.target() is None and kb.mode() == "zh"
    left = [t for t in all_texts(kb) if any(p in t for p in ("张", "三", "丰", "zhang", "san", "feng"))]
    assert left == []
    type_letters(qtbot, kb, "li")                   # nothing reaches the old field any more
    tap(qtbot, kb.candidate_buttons()[0])
    assert form.field.text() == ""


def test_a_plain_text_field_for_opinions(qtbot, engine):
    form = show(qtbot, Form(engine, field=QPlainTextEdit), size=(1024, 768))
    kb = form.kb
    type_letters(qtbot, kb, "yijianhuojianyi")
    assert texts_of(kb)[0] == "意见或建议"
    tap(qtbot, kb.candidate_buttons()[0])
    tap(qtbot, [b for b in kb.candidate_buttons() if b.text() == "，"][0])
    type_letters(qtbot, kb, "fuwuhenhao")
    tap(qtbot, kb.keys["space"])                    # 空格 takes the first candidate
    assert form.field.toPlainText() == "意见或建议，服务很好"
    tap(qtbot, kb.keys["back"])
    assert form.field.toPlainText() == "意见或建议，服务很"


def test_pages_forward_and_back_and_picks_from_the_page_shown(qtbot, form):
    kb = form.kb
    type_letters(qtbot, kb, "shi")
    first = texts_of(kb)
    assert first and kb.next_button.isEnabled() and not kb.prev_button.isEnabled()
    tap(qtbot, kb.next_button)
    second = texts_of(kb)
    assert second and not set(first) & set(second)
    assert second[0] == kb.candidates()[len(first)][0]
    tap(qtbot, kb.candidate_buttons()[0])
    assert form.field.text() == second[0]
    type_letters(qtbot, kb, "shi")
    tap(qtbot, kb.next_button)
    tap(qtbot, kb.prev_button)
    assert texts_of(kb) == first


def test_candidates_that_arrive_later(qtbot, engine):
    form = show(qtbot, Form(None), size=(1024, 768))
    kb = form.kb
    type_letters(qtbot, kb, "beijing")
    assert kb.candidates() == [] and "准备中" in kb.preedit_label.text()
    kb.set_candidates_source(engine)
    assert texts_of(kb)[0] == "北京"
    tap(qtbot, kb.candidate_buttons()[0])
    assert form.field.text() == "北京"


def test_a_failing_engine_leaves_the_letters_to_pick(qtbot):
    def broken(letters):
        raise RuntimeError("index damaged")
    form = show(qtbot, Form(broken), size=(1024, 768))
    type_letters(qtbot, form.kb, "abc")
    assert form.kb.candidates() == [("abc", 3)]
    tap(qtbot, form.kb.candidate_buttons()[0])
    assert form.field.text() == "abc"


def test_done_puts_the_composition_in_and_closes(qtbot, form):
    kb = form.kb
    type_letters(qtbot, kb, "anjingjie")
    tap_candidate(qtbot, kb, "安静")
    with qtbot.waitSignal(kb.done, timeout=1000):
        tap(qtbot, kb.keys["done"])
    assert form.field.text() == "安静jie" and not kb.isVisible()


def test_another_field_gets_what_was_composed_for_the_first_in_the_first(qtbot, form, engine):
    kb, other = form.kb, QLineEdit()
    form.layout().insertWidget(1, other)
    type_letters(qtbot, kb, "jie")
    kb.set_target(other)
    assert form.field.text() == "jie" and kb.preedit() == ""
    type_letters(qtbot, kb, "jie")
    tap(qtbot, kb.candidate_buttons()[0])
    assert other.text() == "街"
    other.setReadOnly(True)
    type_letters(qtbot, kb, "lu")
    tap(qtbot, kb.candidate_buttons()[0])
    assert other.text() == "街"


def test_alphabetical_keys_on_request(qtbot, engine):
    form = show(qtbot, Form(engine, layout="alphabetical"), size=(1024, 768))
    kb = form.kb
    rows = sorted({(kb.keys[c].y(), kb.keys[c].x(), c) for c in "abcdefghijklmnopqrstuvwxyz"})
    assert "".join(c for _, _, c in rows) == "abcdefghijklmnopqrstuvwxyz"
    with pytest.raises(ValueError):
        PinyinKeyboard(engine, layout="dvorak")


def _targets(kb):
    return [b for b in kb.findChildren(type(kb.keys["q"])) if b.isVisible()]


@pytest.mark.parametrize("elder, target, most_height, per_page", [(False, 64, 360, 6), (True, 88, 480, 4)])
def test_sizes_fit_under_a_form_at_1024_by_768(qtbot, engine, elder, target, most_height, per_page):
    """Measured: 352 px high normally, 472 px in 长辈模式; at least 712 / 952 px wide."""
    form = show(qtbot, Form(engine), size=(1024, 768))
    set_elder_mode(form, elder)
    kb = form.kb
    type_letters(qtbot, kb, "heilongjiangshengharbinshidaoliqu")   # long candidates, long preedit
    qtbot.waitUntil(lambda: kb.candidate_buttons() != [])
    QApplication.processEvents()
    assert form.size().width() == 1024 and form.size().height() == 768   # nothing made it grow
    assert kb.minimumSizeHint().height() <= most_height
    assert kb.minimumSizeHint().width() <= 1024 - 48
    for b in _targets(kb):
        assert b.width() >= target and b.height() >= target, (b.text(), b.size())
        assert kb.rect().contains(b.geometry().translated(b.parentWidget().mapTo(kb, QPoint(0, 0)))), b.text()
    keys = sorted((kb.keys[c].geometry() for c in "qwertyuiop"), key=lambda g: g.x())
    assert min(b.x() - (a.x() + a.width()) for a, b in zip(keys, keys[1:])) >= 8
    bar = kb.candidate_buttons()
    assert len(bar) >= (1 if elder else 2)     # the 11-character composition is 452 px wide in elder
    assert all(b.fontMetrics().horizontalAdvance(b.text()) <= b.contentsRect().width() for b in bar)
    kb.wipe()
    kb.set_target(form.field)
    type_letters(qtbot, kb, "shi")
    assert len(kb.candidate_buttons()) >= per_page
