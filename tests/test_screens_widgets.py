"""Shared widgets, the rating screen, the overlays and the technician screens."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from screens.dock import DEFAULT_QR, DemoDock, PANEL_WIDTH, TAB_WIDTH
from screens.idle_prompt import IdlePrompt
from screens.rating import RatingScreen
from screens.technician import ACTIONS, MaintenanceScreen, PinDialogScreen
from screens.theme import is_elder_mode, set_elder_mode
from screens.keypads import LetterPad, NumberPad
from screens.bars import BottomBar, HeaderBar
from screens.widgets import CountdownLabel, NetworkBanner
from screens_helpers import all_texts, controls, show

L = Qt.LeftButton


def test_the_bars_signal_and_set_quiet_states(qtbot):
    header = show(qtbot, HeaderBar(), size=(1080, 120))
    header.set_hall("哈尔滨市道里区政务服务中心")
    assert header.hall_label.text() == "哈尔滨市道里区政务服务中心"
    bottom = show(qtbot, BottomBar(), size=(1080, 120))
    for button, signal in ((bottom.back_button, bottom.back), (bottom.home_button, bottom.home),
                           (bottom.staff_button, bottom.call_staff)):
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.mouseClick(button, L)
    with qtbot.waitSignal(header.elder_toggled, timeout=1000) as sig:
        qtbot.mouseClick(header.elder_button, L)
    assert sig.args == [True]
    with qtbot.assertNotEmitted(header.elder_toggled):
        header.set_elder(False)  # reset at session end without a feedback loop
    assert not header.elder_button.isChecked()
    with qtbot.waitSignal(header.language_chosen, timeout=1000) as sig:
        qtbot.mouseClick(header.lang_button, L)
    assert sig.args == ["en"]
    bottom.set_back_visible(False)
    bottom.set_home_visible(False)
    assert not bottom.back_button.isVisible() and bottom.staff_button.isVisible()
    bottom.set_countdown(12)
    assert bottom.countdown_label.isVisible() and "12" in bottom.countdown_label.text()
    bottom.set_countdown(None)
    assert not bottom.countdown_label.isVisible()
    assert all(w.accessibleName() and w.accessibleDescription() for w in controls(header) + controls(bottom))


def test_elder_mode_is_a_property_on_the_window(qtbot):
    win = show(qtbot, QWidget(), size=(400, 300))
    assert not is_elder_mode(win)
    set_elder_mode(win, True)
    assert is_elder_mode(win) and win.property("elder") == "true"
    set_elder_mode(win, False)
    assert not is_elder_mode(win)


def test_network_banner_only_when_offline(qtbot):
    host = show(qtbot, QWidget(), size=(800, 200))
    banner = NetworkBanner(host)
    banner.set_online(False)
    assert banner.isVisible() and banner.text() == NetworkBanner.OFFLINE_TEXT
    banner.set_online(True)
    assert not banner.isVisible() and banner.is_online()


def test_number_pad_types_into_its_target_and_keeps_focus_there(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout
    host = show(qtbot, QWidget(), size=(600, 700))
    col = QVBoxLayout(host)
    edit, pad = QLineEdit(), NumberPad(allow_x=False)
    col.addWidget(edit)
    col.addWidget(pad)
    qtbot.wait(10)
    pad.set_target(edit)
    keys = []
    pad.key_pressed.connect(keys.append)
    for k in "905":
        qtbot.mouseClick(pad.buttons[k], L)
    qtbot.mouseClick(pad.buttons["back"], L)
    assert edit.text() == "90" and keys == ["9", "0", "5"]
    assert not pad.buttons["X"].isVisible()
    assert all(b.focusPolicy() == Qt.NoFocus for b in pad.buttons.values())
    edit.setReadOnly(True)
    qtbot.mouseClick(pad.buttons["1"], L)
    assert edit.text() == "90"


def test_countdown_label_counts_down_and_expires(qtbot):
    label = CountdownLabel()
    qtbot.addWidget(label)
    label.set_remaining(15)
    assert label.text() == "15 秒" and label.remaining() == 15
    label._timer.setInterval(10)  # a fast second, so the test is quick
    label.start(2)
    with qtbot.waitSignal(label.expired, timeout=3000):
        pass
    assert label.remaining() == 0 and not label.is_running()


def test_rating_defaults_dimensions_to_the_level_and_emits_the_dict(qtbot):
    s = show(qtbot, RatingScreen())
    assert not s.submit_button.isEnabled()
    qtbot.mouseClick(s.level_buttons[4], L)
    qtbot.mouseClick(s.details_button, L)
    qtbot.wait(10)
    assert s.rows["efficiency"].level() == 4
    qtbot.mouseClick(s.rows["attitude"].group.button(2), L)
    s.comment_edit.insertPlainText("等待时间长")  # keyClicks only types ASCII
    with qtbot.waitSignal(s.rated, timeout=1000) as sig:
        qtbot.mouseClick(s.submit_button, L)
    assert sig.args == [{"level": 4, "dimensions": {"overall": 4, "efficiency": 4,
                                                    "quality": 4, "attitude": 2},
                         "reasons": [], "comment": "等待时间长"}]
    names = [b.text() for b in s.level_group.buttons()]
    assert names == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert "服务态度" in all_texts(s) and "整体满意度" in all_texts(s)
    with qtbot.waitSignal(s.skipped, timeout=1000):
        qtbot.mouseClick(s.skip_button, L)
    s.wipe()
    assert s.level_group.checkedId() == -1 and not s.submit_button.isEnabled()
    assert s.rows["overall"].level() == -1


def test_rating_level_only(qtbot):
    s = show(qtbot, RatingScreen())
    qtbot.mouseClick(s.level_buttons[1], L)
    # a 差评 asks why (GB/T 39735: bad ratings are followed up): no reason, no sending
    assert s.reasons_box.isVisible() and not s.submit_button.isEnabled()
    with qtbot.assertNotEmitted(s.rated):
        qtbot.mouseClick(s.submit_button, L)
    qtbot.mouseClick(s.reason_buttons["slow"], L)
    with qtbot.waitSignal(s.rated, timeout=1000) as sig:
        qtbot.mouseClick(s.submit_button, L)
    assert sig.args[0] == {"level": 1, "dimensions": dict.fromkeys(
        ["overall", "efficiency", "quality", "attitude"], 1), "reasons": ["slow"], "comment": ""}


def test_rating_reasons_are_the_wire_contracts():
    from kiosk.gateway.wire import EVALUATION_REASONS
    from screens.rating import REASONS
    assert [code for code, _ in REASONS] == list(EVALUATION_REASONS)


def test_idle_prompt_covers_the_window_and_counts(qtbot):
    win = show(qtbot, QWidget(), size=(900, 700))
    prompt = IdlePrompt(win)
    assert not prompt.isVisible()
    prompt.show_countdown(15)
    assert prompt.isVisible() and prompt.geometry() == win.rect()
    assert prompt.countdown.text() == "15 秒" and "还在吗？" in all_texts(prompt)
    prompt.set_remaining(9)
    assert prompt.remaining() == 9 and prompt.countdown.text() == "9 秒"
    win.resize(1000, 800)
    qtbot.waitUntil(lambda: prompt.geometry() == win.rect(), timeout=1000)
    with qtbot.waitSignal(prompt.still_here, timeout=1000):
        qtbot.mouseClick(prompt.still_button, L)
    prompt.hide_prompt()
    assert not prompt.isVisible()


def test_demo_dock_collapses_to_a_tab_and_emits_actions(qtbot):
    from PySide6.QtWidgets import QHBoxLayout
    win = show(qtbot, QWidget(), size=(1000, 900))
    row = QHBoxLayout(win)
    screen = QWidget()
    dock = DemoDock()
    row.addWidget(screen, 1)
    row.addWidget(dock)                   # its own column: it never covers a screen
    dock.set_cards([("张三 身份证", "resident-2023"), ("港澳居住证", "hk-permit")])
    qtbot.wait(10)
    assert dock.is_collapsed() and dock.width() == TAB_WIDTH
    assert screen.geometry().right() < dock.geometry().left()
    qtbot.mouseClick(dock.tab_button, L)
    qtbot.wait(10)
    assert not dock.is_collapsed() and dock.width() == TAB_WIDTH + PANEL_WIDTH
    assert screen.geometry().right() < dock.geometry().left()
    got = []
    dock.dock_action.connect(lambda a, arg: got.append((a, arg)))
    dock.card_combo.setCurrentIndex(1)
    qtbot.mouseClick(dock.present_button, L)
    qtbot.mouseClick(dock.remove_button, L)
    qtbot.mouseClick(dock.buttons["camera_qr"], L)
    qtbot.keyClicks(dock.qr_edit, "K-42")
    qtbot.mouseClick(dock.buttons["camera_qr"], L)
    for action in ("camera_face", "camera_document", "camera_empty", "network_down",
                   "network_up", "printer_ok", "printer_paper_out", "printer_near_end",
                   "printer_cover_open"):
        qtbot.mouseClick(dock.buttons[action], L)
    assert got[:4] == [("present_card", "hk-permit"), ("remove_card", ""),
                       ("camera_qr", DEFAULT_QR), ("camera_qr", "K-42")]
    assert [a for a, _ in got[4:]] == ["camera_face", "camera_document", "camera_empty",
                                       "network_down", "network_up", "printer_ok",
                                       "printer_paper_out", "printer_near_end",
                                       "printer_cover_open"]
    assert all(w.accessibleName() for w in controls(dock))
    win.resize(1200, 900)
    qtbot.waitUntil(lambda: screen.width() > 1200 - TAB_WIDTH - PANEL_WIDTH - 100, timeout=1000)
    assert screen.geometry().right() < dock.geometry().left()


def test_pin_dialog_digits_only_masked_and_cleared(qtbot):
    s = show(qtbot, PinDialogScreen())
    from PySide6.QtWidgets import QLineEdit
    assert s.pin_edit.echoMode() == QLineEdit.Password
    qtbot.keyClicks(s.pin_edit, "12a")
    qtbot.mouseClick(s.pad.buttons["3"], L)
    with qtbot.waitSignal(s.pin_entered, timeout=1000) as sig:
        qtbot.mouseClick(s.ok_button, L)
    assert sig.args == ["123"] and s.pin_edit.text() == ""
    s.show_error("密码错误，还可以试 4 次 Wrong PIN, 4 tries left")
    assert s.error_label.isVisible()
    with qtbot.assertNotEmitted(s.pin_entered):
        qtbot.mouseClick(s.ok_button, L)  # empty PIN: nothing
    with qtbot.waitSignal(s.cancelled, timeout=1000):
        qtbot.mouseClick(s.cancel_button, L)
    assert not s.error_label.isVisible()


def test_maintenance_shows_state_and_emits_every_action(qtbot):
    s = show(qtbot, MaintenanceScreen())
    s.set_devices([{"kind": "printer", "label": "打印机 Printer", "state": "no_media",
                    "message_zh": "缺纸", "message_en": "paper out"},
                   {"kind": "document_printer", "label": "A4 打印机", "state": "ready"},
                   {"kind": "voice", "label": "扬声器 speaker", "state": "ready"}])
    # The shape `kiosk queue status --json` prints (counts{…}, oldest_pending_age_s), not a guess.
    s.set_queue({"counts": {"pending": 3, "in_flight": 1, "needs_staff": 0, "delivered": 7},
                 "oldest_pending_age_s": 4242.5, "next_attempt_in_s": None, "last_error": None},
                [{"local_id": "L-1", "kind": "submission", "state": "pending", "attempts": 2,
                  "last_error": "503 busy"}])
    s.set_catalog_version("2026-11-20")
    img = QImage(576, 300, QImage.Format_RGB32)
    img.fill(QColor("white"))
    s.set_last_printed({"job_id": "P0001", "receipt_no": "R-9", "printed_at": 1.7e9})
    s.set_printed_preview(img)
    texts = all_texts(s)
    assert "缺纸 / paper out" in texts and any("no_media" in t for t in texts)
    assert s.queue_labels["pending"].text() == "3" and s.queue_labels["last_error"].text() == "-"
    assert s.queue_labels["oldest_pending_age_s"].text() == "1:10:42"
    assert "2026-11-20" in s.catalog_label.text() and not s.preview_label.pixmap().isNull()
    assert s.printed_label.text().startswith("R-9")
    got = []
    s.action.connect(got.append)
    keys = [k for k, _ in ACTIONS] + ["test_print", "test_print_a4", "test_voice"]
    for key in keys:
        qtbot.mouseClick(s.action_buttons[key], L)
    assert got == keys
    assert {"test_print", "test_print_a4", "reprint_last", "retry_needs_staff", "sync_queue", "sync_catalog", "test_voice",
            "refresh", "exit_kiosk", "back_to_service"} == set(got)
    with qtbot.waitSignal(s.retry_entry, timeout=1000) as sig:
        qtbot.mouseClick([b for b in s.findChildren(type(s.action_buttons["refresh"])) if "重试 Retry" == b.text()][0], L)
    assert sig.args == ["L-1"]
    s.set_test_result("test_print", False, "缺纸 paper out")
    assert "缺纸" in s.test_results["test_print"].text()
    s.set_printed_preview(None)
    assert s.preview_label.pixmap().isNull()


def test_tile_grid_counts_its_columns_again_when_its_tiles_grow_in_place(qtbot):
    # 长辈模式 (or English) makes every tile wider while the grid keeps its width: the
    # columns must be counted again, or the wider tiles overlap (seen at 1080x1920).
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    from screens.widgets import TileGrid
    host = QWidget()
    qtbot.addWidget(host)
    grid = TileGrid(min_width=100, max_columns=4, spacing=8)
    QVBoxLayout(host).addWidget(grid)
    tiles = [grid.add(QPushButton(f"选项{n}")) for n in range(4)]
    host.resize(600, 400)
    host.show()
    qtbot.waitExposed(host)
    assert grid.columns() == 4
    for t in tiles:
        t.setStyleSheet("font-size: 72px; padding: 0 40px")    # each tile now ~3.4x as wide

    def fitting() -> int:
        return max(1, (grid.width() + 8) // (tiles[0].sizeHint().width() + 8))
    qtbot.waitUntil(lambda: tiles[0].sizeHint().width() > 200 and grid.columns() == fitting() < 4)

    def apart(a, b):
        return not a.geometry().intersects(b.geometry())
    qtbot.waitUntil(lambda: all(apart(a, b) for i, a in enumerate(tiles) for b in tiles[i + 1:]))
