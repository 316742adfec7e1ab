"""主动服务 and 养老金资格认证 through the real widgets, the emulators and the embedded reference
gateway over 127.0.0.1. The demo residents and what the gateway knows of them are documented
in kiosk/gateway_sim/residents.py."""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.logging_setup import setup_logging
from kiosk.session import Step
from privacy_scan import scan
from tests.test_ui_flows import open_item, wait_step
from tests.ui_driver import all_texts, click_text, fill_empty_required, leave

LEFT = Qt.MouseButton.LeftButton
CARDS = Path(__file__).resolve().parents[1] / "assets" / "cards"
ON = {"kiosk.recommendations": True}


def card_of(tmp_path, template: str, **changes) -> str:
    """A card file for the emulated reader: a demo card with some fields changed."""
    card = json.loads((CARDS / template).read_text(encoding="utf-8"))
    card.update(changes)
    path = tmp_path / f"{card['id_number']}.json"
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    return str(path)


def to_recommend(qtbot, app, card_path: str, query="hjzm", name="户籍证明开具"):
    """A resident starts 户籍证明开具 (no face check) and shows their card: the question comes."""
    open_item(qtbot, app, query, name)
    click_text(qtbot, app.guide, "办理")
    wait_step(qtbot, app, Step.IDENTITY)
    app.dock.dock_action.emit("present_card", card_path)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.recommend, timeout=15000)
    app.dock.dock_action.emit("remove_card", "")


def cards_shown(qtbot, app) -> dict[str, str]:
    """为您推荐 tapped: {item code: reason shown} once the answer is on screen."""
    click_text(qtbot, app.recommend, "为您推荐")
    qtbot.waitUntil(lambda: app.recommend.continue_button.isVisible(), timeout=15000)
    return {c.rec["code"]: c.reason_label.text() for c in app.recommend.cards}


def end_session(qtbot, app):
    leave(qtbot, app)
    wait_step(qtbot, app, Step.ATTRACT)
    qtbot.waitUntil(lambda: app.hub.statuses["id_reader"].code != "take_card", timeout=5000)


def test_with_consent_each_rule_shows_its_card_and_handling_one_leads_into_it(qtbot, make_kiosk, tmp_path):
    app = make_kiosk(ON)
    flow, today = app.flows["resident"], dt.date.today()
    # 李明华: his driving licence runs out in 44 days.
    to_recommend(qtbot, app, str(CARDS / "resident.json"))
    assert app.s.sim.requests_seen("/v1/recommendations") == []          # asked first, nothing sent yet
    shown = cards_shown(qtbot, app)
    until = (today + dt.timedelta(days=44)).isoformat()
    assert shown == {"230100-JJ-002": f"您的驾驶证将于 {until} 到期"}
    assert "驾驶证期满换证" in app.recommend.cards[0].name_label.text()
    qtbot.mouseClick(app.recommend.cards[0].do_button, LEFT)       # the card's 办理
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=10000)
    s = flow.tx.session
    assert s.item.code == "230100-JJ-002" and flow.tx.step == Step.FORM
    assert s.identity.name == "李明华" and app.form.rows["name"].edit.text() == "李明华"   # identity kept
    end_session(qtbot, app)

    # 王秀英: her ID card runs out in 60 days (the card says so too).
    wang = card_of(tmp_path, "resident.json", name="王秀英", gender="female", birth_date="1972-03-15",
                   id_number="230104197203150021", valid_until=(today + dt.timedelta(days=60)).isoformat())
    to_recommend(qtbot, app, wang)
    shown = cards_shown(qtbot, app)
    assert list(shown) == ["230100-GA-003"] and "居民身份证" in shown["230100-GA-003"]
    qtbot.mouseClick(app.recommend.continue_button, LEFT)              # the item she came for
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=10000)
    assert flow.tx.session.item.code == "230100-GA-001"
    end_session(qtbot, app)

    # 赵桂兰, retired: her yearly pension check is due, and her 社保卡 is second generation.
    to_recommend(qtbot, app, str(CARDS / "resident_long_term.json"))
    shown = cards_shown(qtbot, app)
    assert list(shown) == ["230100-RS-009", "230100-RS-002"]
    assert "养老金领取资格认证" in shown["230100-RS-009"] and "第三代" in shown["230100-RS-002"]
    assert len(app.s.sim.requests_seen("/v1/recommendations")) == 3
    # 办理 养老金资格认证: it needs a face check the first item did not, so that comes next.
    qtbot.mouseClick(app.recommend.cards[0].do_button, LEFT)
    wait_step(qtbot, app, Step.FACE)
    assert flow.tx.session.item.code == "230100-RS-009" and flow.tx.session.identity.name == "赵桂兰"
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.face_consent, timeout=5000)
    qtbot.mouseClick(app.face_consent.agree_button, LEFT)     # the face's own consent (issue 16)
    app.dock.dock_action.emit("camera_face", "")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=30000)
    assert flow.tx.session.face_checked
    complete_pension(qtbot, app)


def complete_pension(qtbot, app):
    """The pension check's form (phone, scheme), review and submit: 秒批, an official number at once."""
    rows = app.form.rows
    fill_empty_required(qtbot, app.form, {"phone": "13912345678", "scheme": rows["scheme"].field["options"][0]})
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, app, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=20000)
    s = app.flows["resident"].tx.session
    assert s.tracking_no
    got = [x for x in app.s.sim.submissions() if x["tracking_no"] == s.tracking_no]
    assert got and got[0]["item_code"] == s.item.code
    assert app.s.gateway.progress(s.tracking_no)["status"] == "completed"       # instant: 秒批


def test_without_consent_nothing_is_asked_and_the_question_is_not_repeated(qtbot, make_kiosk):
    app = make_kiosk(ON)
    to_recommend(qtbot, app, str(CARDS / "resident.json"))
    click_text(qtbot, app.recommend, "不用了")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=10000)
    # 返回 to the identity step and the card again, in the same session: straight to the form.
    qtbot.mouseClick(app.bottombar.back_button, LEFT)
    wait_step(qtbot, app, Step.IDENTITY)
    # The reader must have seen the card go (it polls) before the same card counts as shown again.
    qtbot.waitUntil(lambda: app.hub.statuses["id_reader"].code != "take_card", timeout=5000)
    app.dock.dock_action.emit("present_card", str(CARDS / "resident.json"))
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=15000)
    assert app.s.sim.requests_seen("/v1/recommendations") == []
    assert app.s.sim.requests_seen()          # the log is live: the catalog sync etc. reached it


def test_nothing_of_the_answer_stays_after_the_wipe(qtbot, make_kiosk):
    app = make_kiosk(ON)
    data_dir = Path(app.cfg.kiosk.data_dir)
    log_path = setup_logging(data_dir, "DEBUG")
    root = logging.getLogger()
    try:
        to_recommend(qtbot, app, str(CARDS / "resident_long_term.json"))
        shown = cards_shown(qtbot, app)
        reasons = list(shown.values())
        assert len(reasons) == 2
        app.tools.set_language("en")            # 中文/EN while the cards are up: the gateway's English
        qtbot.waitUntil(lambda: app.recommend.cards and app.recommend.cards[0].reason_label.text()
                        .startswith("Your yearly pension"), timeout=5000)
        assert "Pension qualification check" in app.recommend.cards[0].name_label.text()
        reasons += [c.reason_label.text() for c in app.recommend.cards]
        end_session(qtbot, app)
        assert not any(r in t for r in reasons for t in all_texts(app.window))
        assert app.recommend.cards == [] and app.flows["resident"]._recs == []
        logged = log_path.read_text(encoding="utf-8")
        assert "recommendations shown: item:230100-RS-009,item:230100-RS-002" in logged
    finally:
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
    due = app.s.sim.residents.pension_due("230103195511020426").isoformat()
    assert scan(data_dir, reasons + [due, "资格认证将于", "还是第二代卡"]) == []


def test_the_pension_check_is_refused_offline_before_anything_is_typed(qtbot, make_kiosk):
    app = make_kiosk()
    app.dock.dock_action.emit("network_down", "")
    qtbot.waitUntil(lambda: not app.online, timeout=20000)
    open_item(qtbot, app, "ylj", "养老金领取资格认证（生存认证）")
    assert app.flows["resident"].tx.session.item.code == "230100-RS-009"
    assert not app.guide.proceed_button.isEnabled()
    assert "网络暂时中断，此事项需要联网实时办理" in app.guide.refused_label.text()
    app.guide.proceed.emit()                 # even if the intent arrives, the step machine refuses
    assert app.flows["resident"].tx.step == Step.ITEM
