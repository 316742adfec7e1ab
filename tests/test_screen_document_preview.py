"""The document preview (QtPdf from memory), standalone: pages, zoom, 长辈模式, 打印 / 不打印, wipe."""
from __future__ import annotations

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView

from document_helpers import signed
from screens.document_preview import DocumentPreviewScreen
from screens.theme import set_elder_mode
from screens_helpers import show


def loaded(qtbot, can_print=True, pages=3, size=(1024, 768)):
    screen = show(qtbot, DocumentPreviewScreen(), size=size)
    data, listing = signed(pages=pages)
    screen.show_document(listing, data, can_print)
    qtbot.wait(20)
    return screen, listing


def test_draws_the_pages_from_memory_with_the_count_and_code(qtbot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    screen, listing = loaded(qtbot)
    assert screen.pdf.status() == QPdfDocument.Status.Ready and screen.page_count() == 3
    assert screen.title_label.text() == "个人参保证明"
    assert "共 3 页" in screen.info_label.text() and listing["verification_code"] in screen.info_label.text()
    qtbot.waitUntil(lambda: _ink(screen) > 200, timeout=5000)       # QPdfView renders off-thread
    assert screen.print_button.isVisible() and screen.skip_button.text() == "不打印"
    assert list(tmp_path.iterdir()) == [], "nothing written"


def test_zoom_buttons_and_elder_mode_start_larger(qtbot):
    screen, _ = loaded(qtbot)
    assert screen.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    screen.zoom_in_button.click()
    first = screen.view.zoomFactor()
    screen.zoom_in_button.click()
    assert screen.view.zoomFactor() > first
    screen.zoom_out_button.click()
    assert abs(screen.view.zoomFactor() - first) < 1e-6
    plain_fit = screen._fit_width_factor()
    set_elder_mode(screen, True)
    data, listing = signed(pages=1)
    screen.show_document(listing, data, True)
    assert screen.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert screen.view.zoomFactor() > plain_fit * 1.3


def test_print_and_skip_emit_the_document_id(qtbot):
    screen, listing = loaded(qtbot)
    with qtbot.waitSignal(screen.print_requested) as got:
        screen.print_button.click()
    assert got.args == [listing["id"]]
    screen.set_printing()
    assert not screen.print_button.isEnabled() and "正在打印" in screen.message_label.text()
    with qtbot.waitSignal(screen.skipped) as got:
        screen.skip_button.click()
    assert got.args == [listing["id"]]


def test_no_promise_when_the_printer_cannot_print(qtbot):
    screen, listing = loaded(qtbot, can_print=False)
    screen.set_printable(False, "A4 打印机缺纸")
    assert not screen.print_button.isVisible() and screen.skip_button.text() == "完成"
    assert "缺纸" in screen.message_label.text() and "验证码" in screen.message_label.text()
    assert listing["verification_code"] in screen.info_label.text()


def test_an_aborted_job_is_offered_again(qtbot):
    screen, _ = loaded(qtbot)
    screen.show_outcome({"ok": False, "sent": True, "offer_again": True,
                         "reason_zh": "打印中断：A4 打印机卡纸，可请工作人员处理后重新打印"})
    assert screen.print_button.isVisible() and screen.print_button.text() == "重新打印"
    screen.show_outcome({"ok": True, "reason_zh": "文件已打印，请取走"})
    assert not screen.print_button.isVisible() and screen.skip_button.text() == "完成"


def test_readable_on_the_smallest_screen_in_portrait_too(qtbot):
    for size in ((1024, 768), (768, 1024)):
        screen, _ = loaded(qtbot, size=size)
        assert screen.view.width() >= 600 and screen.view.height() >= 200, size
        for b in (screen.print_button, screen.skip_button, screen.zoom_in_button):
            assert b.height() >= 64 and b.width() >= 64
        screen.close()


def test_wipe_closes_the_document_and_drops_the_bytes(qtbot):
    screen, _ = loaded(qtbot)
    screen.wipe()
    assert screen.page_count() == 0 and screen.pdf.status() != QPdfDocument.Status.Ready
    assert screen._buffer is None and screen.title_label.text() == "" and screen.info_label.text() == ""


def _ink(screen) -> int:
    """Dark pixels (text) on white (the page) in what the view shows now."""
    img = screen.view.viewport().grab().toImage()
    dark = white = 0
    for y in range(0, img.height(), 3):
        for x in range(0, img.width(), 3):
            lightness = img.pixelColor(x, y).lightness()
            dark += lightness < 100
            white += lightness > 240
    return dark if white > 1000 else 0
