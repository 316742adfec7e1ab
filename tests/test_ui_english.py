"""A whole transaction in English (issue 12): no Chinese on the screen but the resident's
own data, the item's official Chinese name beside its English one, and 中文 on the button
that switches back. The .ts file has no unfinished messages."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QWidget

from kiosk.session import Step
from tests.screen_tour import LOCAL_ITEM
from tests.ui_driver import click_text

LEFT = Qt.MouseButton.LeftButton
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def visible_texts(window: QWidget) -> list[tuple[str, QWidget]]:
    """Every text a resident can see now (the demo dock is a technician's tool: left out)."""
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or _in_dock(w):
            continue
        if isinstance(w, (QLabel, QAbstractButton, QCheckBox)) and w.text():
            out.append((w.text(), w))
        if isinstance(w, QLineEdit):
            out += [(t, w) for t in (w.text(), w.placeholderText()) if t]
    return out


def _in_dock(w: QWidget) -> bool:
    while w is not None:
        if w.objectName() == "demoDock":
            return True
        w = w.parentWidget()
    return False


def chinese_left(app, allowed: list[str]) -> list[str]:
    found = []
    for text, w in visible_texts(app.window):
        rest = text
        for a in allowed:
            rest = rest.replace(a, "")
        if w in (app.header.lang_button, app.attract.lang_button) and rest == "中文":
            continue                       # the way back to Chinese is named in Chinese
        if CJK.search(rest):
            found.append(f"{type(w).__name__}: {text!r}")
    return found


def test_a_whole_transaction_in_english(qtbot, make_kiosk):
    app = make_kiosk({"kiosk.language": "en_US"})
    flow = app.flows["resident"]
    card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
    item = app.s.catalog.get(LOCAL_ITEM)
    # Official names, each shown beside its English one (the list shows every item's).
    allowed = sorted((i.name for i in app.s.catalog.items()), key=len, reverse=True)
    seen = {}

    def look(stop: str, extra: list[str] = ()) -> None:
        qtbot.wait(150)
        problems = chinese_left(app, allowed + list(extra))
        assert not problems, f"{stop}: Chinese on an English screen: {problems}"
        seen[stop] = len(visible_texts(app.window))

    qtbot.waitUntil(lambda: bool(app.attract.frequent_buttons), timeout=10000)
    look("attract")
    qtbot.mouseClick(app.attract, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.HOME, timeout=10000)
    assert app.prefs.lang == "en"
    look("home")
    qtbot.keyClicks(app.home.search_edit, "hjzm")          # pinyin initials work in English too
    assert item.name_en in app.home.item_buttons[LOCAL_ITEM].text()
    look("search")
    qtbot.mouseClick(app.home.item_buttons[LOCAL_ITEM], LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.ITEM, timeout=10000)
    assert app.guide.official_label.text() == item.name and app.guide.heading.text() == item.name_en
    look("guide")
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.IDENTITY, timeout=10000)
    look("identity")
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    qtbot.waitUntil(lambda: flow.tx.step == Step.FORM, timeout=15000)
    app.dock.dock_action.emit("remove_card", "")
    own = [card["name"], card.get("address", "")]
    look("form", own)
    qtbot.mouseClick(app.form.submit_button, LEFT)          # choices missing: errors, in English
    assert app.form.summary_label.isVisible()
    look("form errors", own)
    for row in app.form.rows.values():
        if row.group is not None and not row.value():
            qtbot.mouseClick(row.group.buttons()[0], LEFT)
    qtbot.mouseClick(app.form.submit_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.REVIEW, timeout=10000)
    # The review shows the values the resident gave; the chosen options in English.
    look("review", own)
    app.review.consent_check.setChecked(True)
    qtbot.mouseClick(app.review.confirm_button, LEFT)
    qtbot.waitUntil(lambda: app.nav.current() is app.result, timeout=30000)
    masked = app.result.greeting_label.text().split(",")[0]
    look("result", own + [masked])
    qtbot.mouseClick(app.result.done_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.RATING, timeout=10000)
    look("rating")
    qtbot.mouseClick(app.rating.level_buttons[2], LEFT)      # a 差评 asks why, in English too
    look("rating reasons")
    click_text(qtbot, app.rating, "took too long")
    qtbot.mouseClick(app.rating.submit_button, LEFT)
    qtbot.waitUntil(lambda: app.nav.current() is app.thanks, timeout=10000)
    look("thanks")
    assert app.thanks.title_label.text() == "Thank you for your rating"
    assert len(seen) == 12


def test_switching_to_english_on_the_form_keeps_what_was_typed(qtbot, make_kiosk):
    app = make_kiosk()
    flow = app.flows["resident"]
    qtbot.mouseClick(app.attract, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step == Step.HOME, timeout=10000)
    flow.on_item_chosen(LOCAL_ITEM)
    qtbot.mouseClick(app.guide.proceed_button, LEFT)
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    qtbot.waitUntil(lambda: flow.tx.step == Step.FORM, timeout=15000)
    purpose = app.form.rows["purpose"]
    qtbot.mouseClick(purpose.group.buttons()[1], LEFT)
    chosen = purpose.value()
    assert "下一步" in app.form.submit_button.text()
    qtbot.mouseClick(app.header.lang_button, LEFT)                      # EN
    qtbot.waitUntil(lambda: app.form.submit_button.text() == "Next", timeout=3000)   # LanguageChange is posted
    assert app.form.rows["purpose"].value() == chosen                   # the Chinese value is kept
    assert not CJK.search(app.form.rows["purpose"].group.checkedButton().text())
    qtbot.mouseClick(app.header.lang_button, LEFT)                      # 中文 again
    qtbot.waitUntil(lambda: "下一步" in app.form.submit_button.text(), timeout=3000)


def test_the_translation_file_has_no_unfinished_message():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout
    assert "0 unfinished" in r.stdout
