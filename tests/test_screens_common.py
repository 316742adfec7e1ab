"""Every screen: builds offscreen, names every control for voice, keeps touch
targets and type big (bigger in elder mode), and wipes all personal text."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from screens.attract import AttractScreen
from screens.base import Screen
from screens.document_preview import DocumentPreviewScreen
from screens.error import ErrorScreen
from screens.face_check import FaceCheckScreen
from screens.form import FormScreen
from screens.home import HomeScreen
from screens.identity import IdentityScreen
from screens.item_guide import ItemGuideScreen
from screens.materials import MaterialsScreen
from screens.progress import ProgressScreen
from screens.rating import RatingScreen
from screens.result import ResultScreen
from screens.review import ReviewScreen
from screens.submitting import SubmittingScreen
from screens.technician import MaintenanceScreen, PinDialogScreen
from screens.theme import set_elder_mode
from screens_helpers import (
    ID_NUMBER, MASKED_NAME, NAME, PHONE, TRACKING, controls, personal_left, show,
)

ITEM = {"code": "110000-001", "name": "居民身份证换领", "region_name": "北京",
        "department": "北京市公安局", "mode_label": "异地代收代办", "needs_face": True,
        "offline_denied": False, "guide": "有效期满前三个月内可申请。", "fee": "",
        "time_limit": "20 个工作日", "identity_label": "身份证 + 刷脸",
        "materials": [{"label": "户口簿", "required": True, "pages": 2}]}
FIELDS = [
    {"key": "name", "label": "姓名", "type": "text", "required": True, "readonly": True},
    {"key": "id", "label": "证件号码", "type": "id_number", "required": True, "readonly": True},
    {"key": "phone", "label": "联系电话", "type": "phone", "required": True},
    {"key": "addr", "label": "住址", "type": "address"},
    {"key": "sex", "label": "性别", "type": "select", "options": ["男", "女"]},
    {"key": "nation", "label": "民族", "type": "select",
     "options": ["汉", "满", "蒙古", "回", "朝鲜"]},
]
VALUES = {"name": NAME, "id": ID_NUMBER, "phone": PHONE, "addr": f"{NAME}家", "sex": "男",
          "nation": "满"}


def thumb() -> QImage:
    img = QImage(80, 60, QImage.Format_RGB32)
    img.fill(QColor("gray"))
    return img


def fill_attract(s): s.set_hall("哈尔滨市道里区政务服务中心")
def fill_home(s):
    s.set_categories(["户籍", "社保"])
    s.set_items([ITEM])
    s.search_edit.setText(NAME)
def fill_guide(s): s.show_item(ITEM)
def fill_identity(s):
    s.set_methods(["id_card", "social_card", "app_qr"])
    s.show_waiting("app_qr")
    s.show_message(f"{NAME}，请取走身份证")
def fill_face(s):
    s.set_prompt(f"{NAME}请眨眼")
    s.show_result(True, f"{MASKED_NAME} 核验通过")
def fill_form(s):
    s.set_fields(FIELDS, VALUES)
    s.show_errors({"phone": f"{PHONE} 不对"})
def fill_materials(s):
    s.set_materials([{"key": "hk", "label": "户口簿", "required": True, "pages": 2}])
    s.add_page("hk", thumb())
def fill_review(s):
    s.show_summary({"item_name": "居民身份证换领", "region_name": "北京", "mode_label": "代收",
                    "applicant_name": NAME, "applicant_id": ID_NUMBER,
                    "fields": [("联系电话", PHONE), ("住址", f"{NAME}家")],
                    "materials": [("户口簿", 2)], "offline_note": "网络断开"})
    s.consent_check.setChecked(True)
def fill_submitting(s): s.show_progress("正在提交，请稍候")
def fill_result(s):
    s.show_result({"accepted": True, "tracking_no": TRACKING, "local_no": "L1", "queued": False,
                   "queued_note_zh": "", "printer_ok": False, "printer_message_zh": "缺纸",
                   "qr_payload": "opaque-key", "masked_name": MASKED_NAME, "item_name": "换领"})
def fill_rating(s):
    s.level_buttons[2].click()
    s.comment_edit.setPlainText(f"我是{NAME}，电话{PHONE}")
def fill_progress(s):
    s.number_edit.setText(TRACKING)
    s.show_progress({"tracking_no": TRACKING, "status_label": "审核中",
                     "history": [("2026-11-26 10:00", f"{NAME} 已受理")]})
    s.show_message(f"{MASKED_NAME} 的办件")
def fill_error(s): s.show_error(f"{NAME} 的证件已过期")
def fill_pin(s):
    s.pin_edit.setText("123456")
    s.show_error("密码错误 wrong PIN")
def fill_preview(s):
    from document_helpers import signed
    data, listing = signed(pages=2)
    s.show_document(listing, data, can_print=False, printer_message="A4 打印机缺纸")


def fill_maintenance(s):
    s.set_devices([{"kind": "printer", "label": "打印机", "state": "ready",
                    "message_zh": "正常", "message_en": "ok"}])
    s.set_queue({"counts": {"pending": 1, "in_flight": 0, "needs_staff": 0, "delivered": 3},
                 "oldest_pending_age_s": 12, "last_error": None})
    s.set_catalog_version("v1")
    s.set_printed_preview(thumb())


SCREENS = [
    (AttractScreen, fill_attract), (HomeScreen, fill_home), (ItemGuideScreen, fill_guide),
    (IdentityScreen, fill_identity), (FaceCheckScreen, fill_face), (FormScreen, fill_form),
    (MaterialsScreen, fill_materials), (ReviewScreen, fill_review),
    (SubmittingScreen, fill_submitting), (ResultScreen, fill_result),
    (RatingScreen, fill_rating), (ProgressScreen, fill_progress), (ErrorScreen, fill_error),
    (PinDialogScreen, fill_pin), (MaintenanceScreen, fill_maintenance),
    (DocumentPreviewScreen, fill_preview),
]
IDS = [cls.__name__ for cls, _ in SCREENS]


@pytest.mark.parametrize("cls,fill", SCREENS, ids=IDS)
def test_every_control_has_a_spoken_name_and_description(qtbot, cls, fill):
    screen = show(qtbot, cls())
    fill(screen)
    assert isinstance(screen, Screen)
    assert screen.title and screen.name
    missing = [f"{type(w).__name__}:{getattr(w, 'text', lambda: '')()}" for w in controls(screen)
               if not w.accessibleName() or not w.accessibleDescription()]
    assert not missing, missing


@pytest.mark.parametrize("cls,fill", SCREENS, ids=IDS)
def test_touch_targets_are_at_least_64px(qtbot, cls, fill):
    screen = show(qtbot, cls())
    fill(screen)
    qtbot.wait(10)
    small = [(w.text(), w.width(), w.height()) for w in screen.findChildren(QAbstractButton)
             if w.isVisibleTo(screen) and (w.height() < 64 or w.width() < 64)]
    edits = [(w.accessibleName(), w.height()) for w in screen.findChildren(QLineEdit)
             if w.isVisibleTo(screen) and w.height() < 64]
    assert not small and not edits, (small, edits)


@pytest.mark.parametrize("cls,fill", SCREENS, ids=IDS)
def test_wipe_leaves_no_personal_text(qtbot, cls, fill):
    screen = show(qtbot, cls())
    fill(screen)
    screen.wipe()  # no event processing: even widgets awaiting deletion must be clean
    assert personal_left(screen) == []


def test_the_fill_data_really_is_shown_before_the_wipe(qtbot):
    """Guards the wipe test: the personal strings do reach the widgets."""
    for cls, fill in SCREENS:
        if cls in (AttractScreen, ItemGuideScreen, SubmittingScreen, PinDialogScreen,
                   MaintenanceScreen, MaterialsScreen, DocumentPreviewScreen):
            continue  # these show no personal text (materials: photos; preview: the PDF, tested apart)
        screen = show(qtbot, cls())
        fill(screen)
        assert personal_left(screen), cls.__name__
        screen.close()


def test_materials_wipe_drops_the_page_photos(qtbot):
    screen = show(qtbot, MaterialsScreen())
    fill_materials(screen)
    assert screen.page_counts() == {"hk": 1}
    screen.wipe()
    assert screen.page_counts() == {}
    assert not screen.done_button.isEnabled() or not screen.rows


def test_theme_type_is_big_and_bigger_in_elder_mode(qtbot):
    screen = show(qtbot, ReviewScreen())
    fill_review(screen)
    qtbot.wait(10)                        # new rows are shown on the next event-loop turn
    body = screen.consent_check
    title = [w for w in screen.findChildren(QLabel) if w.property("role") == "title"][0]
    plain = [w for w in screen.findChildren(QLabel) if w.property("role") == "body" and w.isVisibleTo(screen)][0]
    assert plain.font().pixelSize() >= 28
    assert title.font().pixelSize() >= 40
    assert body.font().pixelSize() >= 28
    before = (plain.font().pixelSize(), title.font().pixelSize(), screen.confirm_button.height())
    set_elder_mode(screen, True)
    qtbot.wait(10)
    after = (plain.font().pixelSize(), title.font().pixelSize(), screen.confirm_button.height())
    assert all(a > b for a, b in zip(after, before)), (before, after)
    set_elder_mode(screen, False)
    assert plain.font().pixelSize() == before[0]


def test_theme_names_the_cjk_font(qtbot):
    """Noto Sans CJK SC first, as its set-up cut "Kiosk Sans SC" (scripts/ui_font.py) and then whole:
    its line spacing is 1.45 em (WenQuanYi's 1.17 is under 1.3), the cut's the same."""
    from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF
    screen = show(qtbot, AttractScreen())
    font = screen.welcome_label.font()
    assert font.families()[:2] == ["Kiosk Sans SC", "Noto Sans CJK SC"]
    assert QFontInfo(font).family() == "Kiosk Sans SC"
    assert QFontMetricsF(font).lineSpacing() >= 1.3 * font.pixelSize()
    full = QFont(font)
    full.setFamilies(["Noto Sans CJK SC"])
    assert QFontInfo(full).family() == "Noto Sans CJK SC"
    assert QFontMetricsF(full).lineSpacing() == QFontMetricsF(font).lineSpacing()
    assert QFontMetricsF(full).horizontalAdvance("政务服务自助终端") == QFontMetricsF(font).horizontalAdvance("政务服务自助终端")


def test_labels_show_resident_text_as_plain_text(qtbot):
    """A name like '<b>x</b>' must not be interpreted as rich text."""
    screen = show(qtbot, ReviewScreen())
    fill_review(screen)
    assert screen.name_label.textFormat() == Qt.PlainText


def test_screens_import_no_driver_and_no_queue():
    """The layer rule, checked in a fresh interpreter (import-linter checks it statically)."""
    import subprocess
    import sys
    code = ("import importlib, pkgutil, sys, screens\n"
            "for m in pkgutil.iter_modules(screens.__path__):\n"
            "    importlib.import_module('screens.' + m.name)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('drivers', 'offline_queue')]\n"
            "print(len(list(pkgutil.iter_modules(screens.__path__))), bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(__import__("pathlib").Path(__file__).parents[1]), env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    count, bad = out.stdout.split(" ", 1)
    assert int(count) >= 18 and bad.strip() == "[]"


def test_rare_name_characters_are_drawn_not_shown_as_boxes(qtbot):
    """生僻字 in names (CJK Extension A/B, e.g. 䶮 𠮷) need a font beyond the main one."""
    def picture(text: str) -> bytes:
        label = show(qtbot, QLabel(text), size=(200, 120))
        label.setStyleSheet("font-size: 64px;")
        qtbot.wait(10)
        image = label.grab().toImage()
        return bytes(image.constBits())[: image.sizeInBytes()]
    box = picture("\U0010FFFD")                 # no font has it: the box a missing glyph gets
    for rare in ("䶮", "𠮷"):
        assert picture(rare) != box, rare
