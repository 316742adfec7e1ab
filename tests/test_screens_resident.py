"""The resident screens emit the right intents when their buttons are touched."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from screens.attract import AttractScreen
from screens.error import ErrorScreen
from screens.face_check import CAMERA_NOTICE, FaceCheckScreen
from screens.form import FormScreen
from screens.home import HomeScreen
from screens.identity import IdentityScreen
from screens.item_guide import ItemGuideScreen
from screens.materials import MaterialsScreen
from screens.progress import ProgressScreen
from screens.result import ResultScreen
from screens.review import ReviewScreen
from screens.submitting import SubmittingScreen
from screens_helpers import ID_NUMBER, NAME, all_texts, button_with_text, show

L = Qt.LeftButton


def click(qtbot, widget):
    qtbot.mouseClick(widget, L)


def test_attract_starts_on_a_tap_anywhere(qtbot):
    s = show(qtbot, AttractScreen())
    s.set_hall("哈尔滨市道里区政务服务中心")
    assert "哈尔滨市道里区政务服务中心" in all_texts(s)
    assert any("请触摸屏幕开始办理" in t for t in all_texts(s))
    with qtbot.waitSignal(s.start_requested, timeout=1000):
        click(qtbot, s.bring_label)  # a label, not the button: the tap passes through
    starts = []
    s.start_requested.connect(lambda: starts.append(1))
    click(qtbot, s.start_button)
    assert starts == [1]  # the button's own tap is not counted twice


def test_home_search_categories_items_progress(qtbot):
    s = show(qtbot, HomeScreen())
    s.set_categories(["户籍", "社保"])
    s.set_items([{"code": "A1", "name": "居民身份证换领", "region_name": "北京",
                  "mode_label": "异地代收代办", "needs_face": True, "offline_denied": True},
                 {"code": "B2", "name": "社保参保证明", "region_name": "天津",
                  "mode_label": "全程网办", "needs_face": False, "offline_denied": False}])
    assert "需刷脸" in s.item_buttons["A1"].text() and "需联网办理" in s.item_buttons["A1"].text()
    assert "需刷脸" not in s.item_buttons["B2"].text()
    typed = []
    s.search_changed.connect(typed.append)
    qtbot.keyClicks(s.search_edit, "sb")
    assert typed == ["s", "sb"]
    with qtbot.waitSignal(s.category_chosen, timeout=1000) as sig:
        click(qtbot, s.category_buttons["社保"])
    assert sig.args == ["社保"]
    with qtbot.waitSignal(s.item_chosen, timeout=1000) as sig:
        click(qtbot, s.item_buttons["B2"])
    assert sig.args == ["B2"]
    with qtbot.waitSignal(s.progress_requested, timeout=1000):
        click(qtbot, s.progress_button)
    with qtbot.waitSignal(s.search_changed, timeout=1000) as sig:
        click(qtbot, s.clear_button)
    assert sig.args == [""]
    s.set_items([])  # nothing found says so, and the old entries are gone
    assert s.empty_label.isVisible() and s.item_buttons == {}


def test_home_letter_keys_type_pinyin_initials_without_a_keyboard(qtbot):
    s = show(qtbot, HomeScreen())
    s.set_categories(["户籍", "社保"])
    qtbot.waitUntil(lambda: s.category_buttons["户籍"].isVisible(), timeout=2000)   # shown next turn
    assert not s.letter_pad.isVisible()
    qtbot.mouseClick(s.search_edit, Qt.MouseButton.LeftButton)      # touching the field opens them
    assert s.letter_pad.isVisible() and s.letters_button.isChecked()
    assert not s.category_buttons["户籍"].isVisible()                # they take the categories' place
    typed = []
    s.search_changed.connect(typed.append)
    for key in "HJZM":
        click(qtbot, s.letter_pad.buttons[key])
    click(qtbot, s.letter_pad.buttons["back"])
    assert typed == ["h", "hj", "hjz", "hjzm", "hjz"]
    keys = [b for k, b in s.letter_pad.buttons.items()]
    assert len(keys) == 27 and all(b.height() >= 64 and b.width() >= 64 for b in keys)
    click(qtbot, s.letters_button)                                     # closed again
    assert not s.letter_pad.isVisible() and s.category_buttons["户籍"].isVisible()
    click(qtbot, s.letters_button)
    s.wipe()                                                            # the next resident starts clean
    assert s.search_edit.text() == "" and not s.letter_pad.isVisible()


def test_item_guide_proceeds_or_refuses_politely(qtbot):
    s = show(qtbot, ItemGuideScreen())
    s.show_item({"code": "A1", "name": "居民身份证换领", "region_name": "北京",
                 "department": "北京市公安局", "mode_label": "异地代收代办", "guide": "须知",
                 "fee": "", "time_limit": "20 个工作日", "identity_label": "身份证",
                 "materials": [{"label": "户口簿", "required": True, "pages": 2},
                               {"label": "照片回执", "required": False, "pages": None}]})
    texts = "\n".join(all_texts(s))
    assert "户口簿（必需，约 2 页）" in texts and "照片回执（可选）" in texts
    assert "收费：不收费" in texts and "北京 · 北京市公安局 · 异地代收代办" in texts
    with qtbot.waitSignal(s.proceed, timeout=1000):
        click(qtbot, s.proceed_button)
    s.set_refused("网络断开，此事项需联网办理，请稍后再试")
    assert not s.proceed_button.isEnabled() and s.refused_label.isVisible()
    with qtbot.assertNotEmitted(s.proceed):
        click(qtbot, s.proceed_button)
    s.set_refused(None)
    assert s.proceed_button.isEnabled() and not s.refused_label.isVisible()


def test_identity_methods_waiting_and_device_state(qtbot):
    s = show(qtbot, IdentityScreen())
    s.set_methods(["id_card", "social_card", "app_qr"])
    with qtbot.waitSignal(s.method_chosen, timeout=1000) as sig:
        click(qtbot, s.method_buttons["social_card"])
    assert sig.args == ["social_card"]
    s.show_waiting("id_card")
    assert s.instruction_label.text() == "请将身份证放在读卡区"
    assert s.picture.isVisible() and not s.preview_widget().isVisible()
    s.show_waiting("app_qr")
    assert s.preview_widget().isVisible() and "二维码" in s.instruction_label.text()
    s.show_message("请取走身份证")
    assert s.message_label.isVisible() and s.message_label.text() == "请取走身份证"
    s.set_device_state("id_card", False, "读卡器暂时不可用")
    assert not s.method_buttons["id_card"].isEnabled()
    assert s.state_labels["id_card"].text() == "读卡器暂时不可用"
    s.set_device_state("id_card", True, "")
    assert s.method_buttons["id_card"].isEnabled() and not s.state_labels["id_card"].isVisible()
    s.set_device_state("social_card", False, "")  # states survive a new set of methods
    s.set_methods(["id_card", "social_card"])
    assert not s.method_buttons["social_card"].isEnabled()
    assert "其他方式" in s.state_labels["social_card"].text()
    assert "app_qr" not in s.method_buttons


def test_face_check_hosts_the_real_camera_view(qtbot):
    from screens.camera_view import CameraView
    s = show(qtbot, FaceCheckScreen())
    view = CameraView()
    s.preview_area().set_view(view)
    qtbot.waitUntil(view.isVisible, timeout=1000)
    assert view.width() >= 320 and s.preview_area().view() is view


def test_preview_area_takes_the_camera_view(qtbot):
    from PySide6.QtWidgets import QLabel
    s = show(qtbot, IdentityScreen())
    s.show_waiting("app_qr")
    view = QLabel("camera")
    s.preview_widget().set_view(view)
    assert view.parentWidget() is s.preview_widget() and view.isVisible()
    s.preview_widget().set_view(None)
    assert view.parentWidget() is None
    view.deleteLater()


def test_face_check_says_the_camera_is_on_and_offers_staff_help(qtbot):
    s = show(qtbot, FaceCheckScreen())
    assert CAMERA_NOTICE in all_texts(s) and "本机不保存您的照片" in CAMERA_NOTICE
    assert s.preview_area().minimumWidth() >= 240      # it fits 1024×768 in 长辈模式 too
    assert s.staff_button.isVisible() and not s.continue_button.isVisible()
    s.set_prompt("请眨眨眼")
    assert s.message_label.text() == "请眨眨眼"
    s.show_verifying()                                 # one message at a time: the camera's prompts wait
    s.set_prompt("请正对摄像头")
    assert s.message_label.text() == "正在核验，请稍候…"
    with qtbot.waitSignal(s.staff_help_requested, timeout=1000):
        click(qtbot, s.staff_button)
    s.show_result(False, "未能核验通过")
    assert s.retry_button.isVisible() and not s.continue_button.isVisible()
    with qtbot.waitSignal(s.retry_requested, timeout=1000):
        click(qtbot, s.retry_button)
    s.show_result(True, "核验通过")
    assert s.continue_button.isVisible() and s.staff_button.isVisible()
    with qtbot.waitSignal(s.continue_requested, timeout=1000):
        click(qtbot, s.continue_button)


FIELDS = [
    {"key": "name", "label": "姓名", "type": "text", "required": True, "readonly": True},
    {"key": "id", "label": "证件号码", "type": "id_number", "required": True},
    {"key": "phone", "label": "联系电话", "type": "phone", "required": True, "hint": "11 位"},
    {"key": "birth", "label": "出生日期", "type": "date"},
    {"key": "sex", "label": "性别", "type": "select", "options": ["男", "女"]},
    {"key": "nation", "label": "民族", "type": "select", "options": ["汉", "满", "回", "壮", "苗"]},
]


def test_form_prefills_types_and_submits_values(qtbot):
    s = show(qtbot, FormScreen())
    s.set_fields(FIELDS, {"name": NAME, "sex": "女"})
    assert s.rows["name"].edit.text() == NAME and s.rows["name"].edit.isReadOnly()
    # choices are big option buttons, never a drop-down (its rows were 43 px and its arrow 6 px)
    assert s.rows["nation"].group is not None and s.rows["sex"].group is not None
    assert all(b.height() >= 64 for b in s.rows["nation"].group.buttons())
    qtbot.keyClicks(s.rows["phone"].edit, "13a9123456789")  # letters and the 12th digit refused
    assert s.rows["phone"].edit.text() == "13912345678"
    # the number pad appears for digit fields and types into the focused one
    s.rows["id"].edit.setFocus()
    qtbot.waitUntil(lambda: s.pad.isVisible(), timeout=1000)
    for key in "11010519491231002":
        click(qtbot, s.pad.buttons[key])
    click(qtbot, s.pad.buttons["X"])
    assert s.rows["id"].edit.text() == ID_NUMBER
    qtbot.keyClicks(s.rows["birth"].edit, "19491231")
    assert s.rows["birth"].edit.text() == "1949-12-31"
    for _ in range(3):  # delete back over the dash, then type on: the dash comes back
        qtbot.keyClick(s.rows["birth"].edit, Qt.Key_Backspace)
    assert s.rows["birth"].edit.text() == "1949-1"
    qtbot.keyClicks(s.rows["birth"].edit, "231")
    assert s.rows["birth"].edit.text() == "1949-12-31"
    click(qtbot, button_with_text(s, "满"))
    click(qtbot, button_with_text(s, "男"))
    with qtbot.waitSignal(s.submitted, timeout=1000) as sig:
        click(qtbot, s.submit_button)
    assert sig.args == [{"name": NAME, "id": ID_NUMBER, "phone": "13912345678",
                         "birth": "1949-12-31", "sex": "男", "nation": "满"}]
    assert s.values() == sig.args[0]


def test_form_shows_errors_by_the_field_and_on_top(qtbot):
    s = show(qtbot, FormScreen())
    s.set_fields(FIELDS, {})
    qtbot.wait(10)  # rows added to a shown screen appear on the next event loop turn
    s.show_errors({"phone": "请填写 11 位手机号码", "id": "证件号码不对", "_form": "请检查后再提交"})
    assert s.rows["phone"].error_label.text() == "请填写 11 位手机号码"
    assert s.rows["phone"].error_label.isVisible()
    assert s.rows["phone"].edit.property("invalid") == "true"
    summary = s.summary_label.text()
    assert "有 2 项需要修改" in summary and "联系电话" in summary and "证件号码" in summary
    assert "请检查后再提交" in summary and s.summary_label.isVisible()
    assert not s.rows["birth"].error_label.isVisible()
    s.show_errors({})
    assert not s.summary_label.isVisible() and not s.rows["phone"].error_label.isVisible()


def thumb() -> QImage:
    img = QImage(80, 60, QImage.Format_RGB32)
    img.fill(QColor("gray"))
    return img


def test_materials_capture_retake_and_done_enablement(qtbot):
    s = show(qtbot, MaterialsScreen())
    s.set_materials([{"key": "hk", "label": "户口簿", "required": True, "pages": 2},
                     {"key": "id", "label": "身份证", "required": True, "pages": 2},
                     {"key": "ph", "label": "照片", "required": False, "pages": 1}])
    assert not s.done_button.isEnabled() and "户口簿" in s.missing_label.text()
    with qtbot.waitSignal(s.capture_requested, timeout=1000) as sig:
        click(qtbot, s.rows["hk"].capture_button)
    assert sig.args == ["hk"]
    s.add_page("hk", thumb())
    assert not s.done_button.isEnabled() and "还差 1 页" in s.missing_label.text()   # 户口簿 asks for 2
    s.add_page("hk", thumb())
    assert not s.done_button.isEnabled()  # 身份证 still missing
    s.add_page("id", thumb())
    assert not s.done_button.isEnabled()  # one page of two
    s.add_page("id", thumb())
    assert s.done_button.isEnabled() and not s.missing_label.isVisible()
    with qtbot.waitSignal(s.retake_requested, timeout=1000) as sig:
        click(qtbot, s.rows["id"].page_buttons[1])
    assert sig.args == ["id", 1]
    s.remove_page("hk", 0)
    assert not s.done_button.isEnabled() and s.page_counts()["hk"] == 1
    with qtbot.assertNotEmitted(s.done):
        click(qtbot, s.done_button)
    s.add_page("hk", thumb())
    with qtbot.waitSignal(s.done, timeout=1000):
        click(qtbot, s.done_button)


def test_review_shows_everything_and_needs_consent(qtbot):
    s = show(qtbot, ReviewScreen())
    s.show_summary({"item_name": "居民身份证换领", "region_name": "北京", "mode_label": "代收",
                    "applicant_name": NAME, "applicant_id": ID_NUMBER,
                    "fields": [("联系电话", "13912345678")], "materials": [("户口簿", 2)],
                    "offline_note": "网络断开，恢复后自动提交"})
    texts = "\n".join(all_texts(s))
    assert ID_NUMBER in texts and NAME in texts and "13912345678" in texts  # in full here
    assert "户口簿：2 页" in texts and s.offline_label.isVisible()
    assert not s.confirm_button.isEnabled()
    with qtbot.assertNotEmitted(s.confirmed):
        click(qtbot, s.confirm_button)
    click(qtbot, s.view_consent_button)
    assert s.consent_text.isVisible() and "个人信息处理告知" in s.consent_text.text()
    s.consent_check.setChecked(True)
    with qtbot.waitSignal(s.confirmed, timeout=1000):
        click(qtbot, s.confirm_button)
    s.show_summary({"item_name": "x", "applicant_name": NAME, "applicant_id": ID_NUMBER})
    assert not s.consent_check.isChecked()  # a new summary asks again


def test_submitting_shows_progress_and_a_busy_indicator(qtbot):
    s = show(qtbot, SubmittingScreen())
    s.show_progress("正在等待办件编号")
    assert s.progress_label.text() == "正在等待办件编号"
    assert s.busy.minimum() == s.busy.maximum() == 0 and s.busy.isVisible()


def _result(**kw):
    r = {"accepted": True, "tracking_no": "T1", "local_no": "L1", "queued": False,
         "queued_note_zh": "", "printer_ok": True, "printer_message_zh": "",
         "qr_payload": "opaque-key-123", "masked_name": "张*丰", "item_name": "换领"}
    r.update(kw)
    return r


def test_result_with_printer_shows_number_and_card_reminder(qtbot):
    s = show(qtbot, ResultScreen())
    s.show_result(_result())
    assert s.heading.text() == "已受理" and "办件编号：T1" == s.number_label.text()
    assert not s.qr_label.isVisible() and "请取走身份证" in s.card_label.text()
    with qtbot.waitSignal(s.done, timeout=1000):
        click(qtbot, s.done_button)


def test_result_without_printer_shows_a_qr_that_decodes(qtbot):
    import numpy as np
    import zxingcpp
    s = show(qtbot, ResultScreen())
    s.show_result(_result(tracking_no=None, queued=True, queued_note_zh="网络恢复后自动提交",
                          printer_ok=False, printer_message_zh="打印机缺纸"))
    assert s.number_label.text() == "本机受理号：L1"
    assert s.queued_label.isVisible() and s.printer_label.text() == "打印机缺纸"
    assert s.qr_label.isVisible() and s.photo_label.isVisible() and "拍照留存" in s.photo_label.text()
    img = s.qr_label.pixmap().toImage().convertToFormat(QImage.Format_Grayscale8)
    arr = np.array(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    decoded = zxingcpp.read_barcodes(np.ascontiguousarray(arr[:, :img.width()]))
    assert [d.text for d in decoded] == ["opaque-key-123"]
    assert "请取走" in s.card_label.text()


def test_result_not_accepted_says_so(qtbot):
    s = show(qtbot, ResultScreen())
    s.show_result(_result(accepted=False, tracking_no=None))
    assert s.heading.text() == "未能受理" and "工作人员" in s.greeting_label.text()


def test_progress_query_scan_card_and_history(qtbot):
    s = show(qtbot, ProgressScreen())
    with qtbot.assertNotEmitted(s.query):
        click(qtbot, s.query_button)  # nothing typed: nothing asked
    for key in "2026":
        click(qtbot, s.pad.buttons[key])
    qtbot.keyClicks(s.number_edit, "ab")
    with qtbot.waitSignal(s.query, timeout=1000) as sig:
        click(qtbot, s.query_button)
    assert sig.args == ["2026AB"]
    with qtbot.waitSignal(s.scan_qr_requested, timeout=1000):
        click(qtbot, s.scan_button)
    with qtbot.waitSignal(s.read_card_requested, timeout=1000):
        click(qtbot, s.card_button)
    s.show_progress({"tracking_no": "T9", "status_label": "审核中",
                     "history": [("2026-11-26 10:00", "已受理"), ("2026-11-26 11:00", "审核中")]})
    texts = all_texts(s)
    assert "办件编号：T9" in texts and "当前状态：审核中" in texts
    assert "2026-11-26 11:00  审核中" in texts
    s.show_message("没有找到这个编号")
    assert s.message_label.isVisible()


def test_error_screen_default_detail_and_staff_called(qtbot):
    s = show(qtbot, ErrorScreen())
    s.show_error("读卡器故障")
    assert s.title_label.text() == "暂时无法办理，请联系工作人员" and s.detail_label.text() == "读卡器故障"
    with qtbot.waitSignal(s.done, timeout=1000):
        click(qtbot, s.done_button)
    s.show_staff_called()
    assert "已呼叫工作人员" in s.title_label.text() and s.done_button.accessibleName() == "好的"
    s.show_error()
    assert not s.detail_label.isVisible() and s.done_button.text() == "返回首页"
