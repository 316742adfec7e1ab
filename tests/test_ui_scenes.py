"""一件事一次办 through the real widgets: the demo kiosk (emulated devices, the reference gateway over
127.0.0.1), 新生儿出生一件事 from the home tile to the printed receipt; one item refused by its
gateway; the progress query by ID card; taps against doing the four items one by one."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from drivers.printer.decode import decode
from kiosk.session import Step
from tests.ui_driver import click_text

LEFT = Qt.MouseButton.LeftButton
SCENE = "新生儿出生一件事"
SCENE_ID = "230100-SC-001"
ITEMS = ("230100-WJ-001", "230100-GA-005", "230100-YB-003", "230100-RS-012")
# What the parent types or picks (fictitious); selects by their option, dates as digits.
VALUES = {"phone": "13800138000", "relation": "母亲", "baby_name": "李小宝", "baby_gender": "女",
          "baby_birth_date": "20261120", "birth_place": "哈尔滨市妇产医院", "pickup": "窗口领取"}


class Taps(QObject):
    """Counts the resident's taps: presses on buttons (and the welcome page), and characters typed."""

    def __init__(self):
        super().__init__()
        self.clicks = self.keys = 0

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonPress and obj.isWidgetType() and (
                isinstance(obj, QAbstractButton) or type(obj).__name__ == "AttractScreen"):
            self.clicks += 1
        elif event.type() == QEvent.Type.KeyPress and event.text():
            self.keys += 1
        return False


def wait_step(qtbot, flow, step, timeout=15000):
    qtbot.waitUntil(lambda: flow.tx.step == step, timeout=timeout)


def type_text(qtbot, edit, text: str) -> None:
    """Typing, a key event a character (QTest cannot make non-ASCII keys; the kiosk's pinyin
    keyboard sends such events too). A Chinese character counts as one tap here, which is fewer
    than pinyin plus a candidate: the same undercount both ways."""
    from PySide6.QtGui import QKeyEvent
    edit.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(edit, ch)
        else:
            QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                   Qt.KeyboardModifier.NoModifier, ch))


def fill(qtbot, form, values=VALUES) -> int:
    """Type or pick every empty input the form asks for; returns how many inputs it shows."""
    for key, row in form.rows.items():
        if key not in values:
            continue
        if row.edit is not None:
            if not row.edit.text() and not row.edit.isReadOnly():
                type_text(qtbot, row.edit, values[key])
        else:
            button = next(b for b in row.findChildren(QAbstractButton) if b.text() == values[key])
            if not button.isChecked():
                qtbot.mouseClick(button, LEFT)
    return len(form.rows)


def take_materials(qtbot, app) -> int:
    """Photograph each required material once (the emulated camera shows a page), except those an
    electronic licence stands for."""
    app.dock.dock_action.emit("camera_document", "")
    taken = 0
    for key, row in app.materials.rows.items():
        if not row.material.get("required") or key in app.flows["resident"].tx.session.licenses:
            continue
        before = app.materials.page_counts().get(key, 0)
        qtbot.mouseClick(row.capture_button, LEFT)
        qtbot.waitUntil(lambda: app.materials.page_counts().get(key, 0) == before + 1, timeout=15000)
        taken += 1
    click_text(qtbot, app.materials, "下一步")
    return taken


def visit(qtbot, app, tile: str, name: str) -> dict:
    """One visit from the welcome page to the result screen, through the widgets."""
    flow = app.flows["resident"]
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, flow, Step.HOME)
    qtbot.mouseClick(app.home.category_buttons[tile], LEFT)
    click_text(qtbot, app.home, name)
    wait_step(qtbot, flow, Step.ITEM)
    click_text(qtbot, app.guide, "开始办理")
    wait_step(qtbot, flow, Step.IDENTITY)
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    wait_step(qtbot, flow, Step.FORM)
    app.dock.dock_action.emit("remove_card", "")
    inputs = fill(qtbot, app.form)
    qtbot.mouseClick(app.form.submit_button, LEFT)
    qtbot.waitUntil(lambda: flow.tx.step in (Step.MATERIALS, Step.REVIEW), timeout=10000)
    photos = take_materials(qtbot, app) if flow.tx.step == Step.MATERIALS else 0
    wait_step(qtbot, flow, Step.REVIEW)
    reviews = 1
    app.review.consent_check.setChecked(True)     # one tap: counted in "consents" (its hit box moves)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=30000)
    return {"inputs": inputs, "photos": photos, "reviews": reviews, "consents": 1}


def finish(qtbot, app) -> None:
    flow = app.flows["resident"]
    click_text(qtbot, app.result, "完成")
    wait_step(qtbot, flow, Step.RATING)
    click_text(qtbot, app.rating, "跳过")
    wait_step(qtbot, flow, Step.ATTRACT)
    qtbot.mouseClick(app.thanks.done_button, LEFT)


@pytest.fixture
def taps():
    t = Taps()
    QApplication.instance().installEventFilter(t)
    yield t
    QApplication.instance().removeEventFilter(t)


def test_the_newborn_scene_in_one_visit(qtbot, make_kiosk, taps):
    app = make_kiosk()
    flow, sim = app.flows["resident"], app.s.sim
    catalog = app.s.catalog
    scene = next(s for s in catalog.scenes() if s.name == SCENE)
    items = catalog.scene_items(scene)
    shown = visit(qtbot, app, "一件事一次办", SCENE)
    # one identity, one form: every shared field asked (and prefilled) once
    keys = list(app.form.rows)
    assert len(keys) == len(set(keys)) == len({f.key for i in items for f in i.fields})
    assert shown["inputs"] < sum(len(i.fields) for i in items) / 2
    assert keys.count("name") == keys.count("phone") == 1
    assert shown["photos"] == len({m.key for i in items for m in i.materials if m.required})
    # the step indicator names the scene's steps
    assert "合并填表" in " ".join(label.text() for label in app.steps._labels)
    # one review listing every item
    assert all(i.name in app.review.scene_label.text() for i in items)
    # four submissions at their gateway, one scene id, each its own key
    qtbot.waitUntil(lambda: len([s for s in sim.submissions() if s.get("scene_id")]) == 4, timeout=20000)
    subs = [s for s in sim.submissions() if s.get("scene_id")]
    assert sorted(s["item_code"] for s in subs) == sorted(ITEMS)
    assert {s["scene_id"] for s in subs} == {scene.id} and len({s["idempotency_key"] for s in subs}) == 4
    # one receipt, as the printer recorded its bytes, listing the four tracking numbers
    job = app.hub.emulator("printer").wait_for_print_jobs(1, timeout=10)[-1]
    text = decode(bytes(job.data)).text
    for s in subs:
        assert s["tracking_no"] in text
    assert "需工作人员处理" not in text and "一次办理 4 个事项" in text.replace("一并办理", "一次办理")
    assert all(s["tracking_no"] in app.result.scene_label.text() for s in subs)
    assert len(app.hub.emulator("printer").wait_for_print_jobs(1, timeout=1)) == 1
    print(f"scene taps: clicks={taps.clicks} keys={taps.keys} inputs={shown['inputs']} photos={shown['photos']}")
    finish(qtbot, app)
    assert flow.tx.session.scene is None


def test_one_refused_item_goes_to_staff_and_the_receipt_and_progress_say_which(qtbot, make_kiosk):
    app = make_kiosk()
    sim = app.s.sim
    sim.refused_items["230100-YB-003"] = "新生儿参保系统维护中，请到医保窗口办理"
    refused = app.s.catalog.get("230100-YB-003")
    visit(qtbot, app, "一件事一次办", SCENE)
    flow = app.flows["resident"]
    qtbot.waitUntil(lambda: len(flow.tx.session.scene_outcomes) == 4, timeout=20000)
    states = {lid: o["state"] for lid, o in flow.tx.session.scene_outcomes.items()}
    assert sorted(states.values()) == ["delivered", "delivered", "delivered", "needs_staff"]
    staff_id = next(lid for lid, st in states.items() if st == "needs_staff")
    assert app.s.outbox.outbox.get(staff_id)["state"] == "needs_staff"
    assert sorted(s["item_code"] for s in sim.submissions()) == sorted(c for c in ITEMS if c != refused.code)
    text = decode(bytes(app.hub.emulator("printer").wait_for_print_jobs(1, timeout=10)[-1].data)).text
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if refused.name in line)
    assert "需工作人员处理" in " ".join(lines[at:at + 3]) and staff_id in " ".join(lines[at:at + 4])
    assert text.count("需工作人员处理") >= 1 and text.count("受理编号") >= 3
    assert f"{refused.name}：未能受理，需工作人员处理" in app.result.scene_label.text()
    assert app.result.heading.text() == "部分事项需工作人员处理"
    finish(qtbot, app)
    # the progress query by ID card shows the scene and its items, the refused one plainly
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, flow, Step.HOME)
    click_text(qtbot, app.home, "进度查询")
    click_text(qtbot, app.progress, "读身份证查询")
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    qtbot.waitUntil(lambda: app.progress.item_label.text() == SCENE, timeout=15000)
    assert refused.name in app.progress.status_label.text()
    from tests.ui_driver import all_texts
    shown = "\n".join(all_texts(app.progress))
    for code in ITEMS:
        assert app.s.catalog.get(code).name in shown
    assert f"{refused.name}：未能受理，需工作人员处理" in shown
    app.dock.dock_action.emit("remove_card", "")


def test_the_visits_rating_is_given_to_each_of_its_items(qtbot, make_kiosk):
    """好差评 is per 办件: one rating of the visit reaches the gateway once for every item, each
    with its own tracking number (the refused one with its local number), all queued together."""
    app = make_kiosk()
    sim = app.s.sim
    sim.refused_items["230100-YB-003"] = "新生儿参保系统维护中，请到医保窗口办理"
    visit(qtbot, app, "一件事一次办", SCENE)
    flow = app.flows["resident"]
    qtbot.waitUntil(lambda: len(flow.tx.session.scene_outcomes) == 4, timeout=20000)
    numbers = {o["item_code"]: o["tracking_no"] for o in sim.submissions()}
    staff_local = next(lid for lid, o in flow.tx.session.scene_outcomes.items() if o["state"] == "needs_staff")
    click_text(qtbot, app.result, "完成")
    wait_step(qtbot, flow, Step.RATING)
    click_text(qtbot, app.rating, "基本满意")
    click_text(qtbot, app.rating, "提交评价")
    qtbot.waitUntil(lambda: len(sim.evaluations()) == 4, timeout=20000)
    rated = {e["item_code"]: e for e in sim.evaluations()}
    assert sorted(rated) == sorted(ITEMS)
    assert {e["level"] for e in rated.values()} == {3}
    for code, tracking_no in numbers.items():
        assert rated[code]["tracking_no"] == tracking_no
    assert rated["230100-YB-003"]["tracking_no"] == staff_local
    assert len({e["idempotency_key"] for e in rated.values()}) == 4


def test_an_optional_item_can_be_left_out(qtbot, make_kiosk):
    app = make_kiosk()
    flow = app.flows["resident"]
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, flow, Step.HOME)
    qtbot.keyClicks(app.home.search_edit, "xse")
    click_text(qtbot, app.home, SCENE)
    wait_step(qtbot, flow, Step.ITEM)
    buttons = app.guide.scene_buttons
    assert [b.isEnabled() for b in buttons.values()] == [False, False, False, True]
    qtbot.mouseClick(buttons["230100-RS-012"], LEFT)
    assert [i.code for i in flow.tx.session.scene_items] == list(ITEMS[:3])
    assert "pickup" not in [f.key for f in flow.tx.session.item.fields]
    steps = [label for label, _ in flow._indicator]
    assert steps[0] == "选择一件事" and "合并填表" in steps


ONE_BY_ONE = [("卫生健康", "出生医学证明首次签发"), ("户籍证明", "出生登记（新生儿入户）"),
              ("医疗保障", "城乡居民基本医疗保险参保登记（新生儿）"), ("社会保障", "社会保障卡申领（新生儿）")]


def test_taps_for_the_newborn_scene_against_its_four_items_one_by_one(qtbot, make_kiosk, taps):
    """Both ways through the widgets, from the welcome page to the end of the rating (skipped)."""
    app = make_kiosk()
    shown = visit(qtbot, app, "一件事一次办", SCENE)
    finish(qtbot, app)
    scene = {"clicks": taps.clicks, "keys": taps.keys, **shown}
    taps.clicks = taps.keys = 0
    one = {"inputs": 0, "photos": 0, "reviews": 0, "consents": 0}
    for tile, name in ONE_BY_ONE:
        got = visit(qtbot, app, tile, name)
        finish(qtbot, app)
        one = {k: one[k] + got[k] for k in one}
    one.update(clicks=taps.clicks, keys=taps.keys)
    print(f"\nTAPS scene: {scene}\nTAPS one by one: {one}")
    assert len([s for s in app.s.sim.submissions() if s["item_code"] in ITEMS]) == 8
    total = {k: d["clicks"] + d["keys"] + d["consents"] for k, d in (("scene", scene), ("one", one))}
    print(f"TAPS total: scene {total['scene']} one by one {total['one']}")
    assert total["scene"] < total["one"] / 2


def test_offline_the_receipt_lists_each_items_local_number_and_all_go_later(qtbot, make_kiosk):
    app = make_kiosk({"gateway.wait_tracking_s": 1})
    app.dock.dock_action.emit("network_down", "")
    qtbot.waitUntil(lambda: not app.online, timeout=20000)
    visit(qtbot, app, "一件事一次办", SCENE)
    s = app.flows["resident"].tx.session
    ids = list(s.scene_local_ids)
    assert len(ids) == 4 and s.tracking_no is None
    text = decode(bytes(app.hub.emulator("printer").wait_for_print_jobs(1, timeout=10)[-1].data)).text
    assert text.count("待提交") == 4 and all(lid in text for lid in ids) and "网络恢复后将自动提交" in text
    assert all(f"待提交（本机受理号 {lid}）" in app.result.scene_label.text() for lid in ids)
    app.dock.dock_action.emit("network_up", "")
    box = app.s.outbox.outbox
    qtbot.waitUntil(lambda: all(box.tracking_no(lid) for lid in ids), timeout=30000)
    assert sorted(x["item_code"] for x in app.s.sim.submissions() if x["scene_id"] == SCENE_ID) == sorted(ITEMS)
    finish(qtbot, app)


def test_the_scene_tile_and_guide_in_english(qtbot, make_kiosk):
    from tests.test_ui_english import chinese_left
    app = make_kiosk({"kiosk.language": "en_US"})
    flow = app.flows["resident"]
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, flow, Step.HOME)
    qtbot.mouseClick(app.home.category_buttons["一件事一次办"], LEFT)
    scene = app.s.catalog.scene(SCENE_ID)
    qtbot.waitUntil(lambda: SCENE_ID in app.home.item_buttons, timeout=5000)
    assert scene.name_en in app.home.item_buttons[SCENE_ID].text()
    qtbot.mouseClick(app.home.item_buttons[SCENE_ID], LEFT)
    wait_step(qtbot, flow, Step.ITEM)
    qtbot.waitUntil(lambda: app.guide.scene_card.isVisible(), timeout=5000)
    allowed = sorted([i.name for i in app.s.catalog.items()] + [s.name for s in app.s.catalog.scenes()],
                     key=len, reverse=True)
    try:                                         # retranslation arrives on a later event-loop turn
        qtbot.waitUntil(lambda: not chinese_left(app, allowed), timeout=3000)
    finally:
        assert not chinese_left(app, allowed)
    assert "(optional)" in app.guide.scene_buttons["230100-RS-012"].text()
    assert "One form" in " ".join(label.text() for label in app.steps._labels)


# 身后一件事: its shared 亲属关系证明 (relation_proof) accepts the 居民户口簿 licence in each of its
# three items, and the reference gateway's documented rule gives the demo resident one.
DEATH_SCENE, DEATH_SCENE_ID = "身后一件事", "230100-SC-004"
DEATH_VALUES = {"phone": "13800138000", "deceased_name": "李某某", "deceased_id": "230102194501011234",
                "death_date": "20261120", "relation": "子女", "bank_name": "中国工商银行",
                "bank_account": "6222020200112233445"}


def test_a_shared_material_taken_once_from_an_electronic_licence(qtbot, make_kiosk):
    app = make_kiosk()
    flow, sim = app.flows["resident"], app.s.sim
    scene = app.s.catalog.scene(DEATH_SCENE_ID)
    items = app.s.catalog.scene_items(scene)
    needing = sorted(i.code for i in items if any(m.key == "relation_proof" for m in i.materials))
    assert "relation_proof" in scene.shared_materials and len(needing) == 3
    qtbot.mouseClick(app.attract, LEFT)
    wait_step(qtbot, flow, Step.HOME)
    qtbot.mouseClick(app.home.category_buttons["一件事一次办"], LEFT)
    click_text(qtbot, app.home, DEATH_SCENE)
    wait_step(qtbot, flow, Step.ITEM)
    click_text(qtbot, app.guide, "开始办理")
    wait_step(qtbot, flow, Step.IDENTITY)
    app.dock.dock_action.emit("present_card", app.cfg.devices.id_reader.card)
    wait_step(qtbot, flow, Step.FACE)                 # 丧葬补助金 and 公积金提取 need the face check
    app.dock.dock_action.emit("remove_card", "")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.face_consent, timeout=5000)
    qtbot.mouseClick(app.face_consent.agree_button, LEFT)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.face, timeout=5000)
    app.dock.dock_action.emit("camera_face", "")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.form, timeout=30000)
    assert flow.tx.session.face_checked
    fill(qtbot, app.form, DEATH_VALUES)
    qtbot.mouseClick(app.form.submit_button, LEFT)
    wait_step(qtbot, flow, Step.MATERIALS)
    materials = app.materials
    # the shared material is one row, offering the licence once
    assert list(materials.rows).count("relation_proof") == 1
    row = materials.rows["relation_proof"]
    assert row.license_button is not None
    licence_buttons = [b for b in materials.findChildren(QAbstractButton) if b.text() == "使用电子证照"]
    assert len(licence_buttons) == len([m for m in flow.tx.session.item.materials if m.accept_licenses])
    assert licence_buttons.count(row.license_button) == 1
    qtbot.mouseClick(row.license_button, LEFT)
    qtbot.waitUntil(lambda: "授权" in materials.license_panel.message_label.text(), timeout=5000)
    assert sim.requests_seen("/v1/licenses") == []    # nothing asked before the consent
    click_text(qtbot, materials, "同意授权")
    qtbot.waitUntil(lambda: bool(materials.license_panel.choice_buttons), timeout=30000)
    offered = [b.text() for b in materials.license_panel.choice_buttons]
    assert len(offered) == 1 and "居民户口簿" in offered[0] and "*" in offered[0]
    qtbot.mouseClick(materials.license_panel.choice_buttons[0], LEFT)
    qtbot.waitUntil(lambda: "relation_proof" in flow.tx.session.licenses, timeout=5000)
    lic = flow.tx.session.licenses["relation_proof"]
    assert lic.kind == "居民户口簿" and len(sim.requests_seen("/v1/licenses")) == 1
    photos = take_materials(qtbot, app)
    assert photos == len({m.key for i in items for m in i.materials if m.required}) - 1
    assert materials.page_counts().get("relation_proof", 0) == 0 and not flow.tx.session.materials.get("relation_proof")
    wait_step(qtbot, flow, Step.REVIEW)
    app.review.consent_check.setChecked(True)
    click_text(qtbot, app.review, "确认提交")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.result, timeout=30000)
    qtbot.waitUntil(lambda: len([s for s in sim.submissions() if s.get("scene_id") == DEATH_SCENE_ID]) == 3,
                    timeout=20000)
    subs = [s for s in sim.submissions() if s.get("scene_id") == DEATH_SCENE_ID]
    assert sorted(s["item_code"] for s in subs) == needing
    reference = {"key": "relation_proof", "license_id": lic.id, "sha256": lic.sha256, "data_b64": False}
    for s in subs:          # each item's gateway checked the reference: the licence, no image for it
        shapes = sim.material_shapes(s["tracking_no"])
        assert [x for x in shapes if x["key"] == "relation_proof"] == [reference], s["item_code"]
        assert all(x["data_b64"] for x in shapes if x["key"] != "relation_proof")
    finish(qtbot, app)
