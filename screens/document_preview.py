"""预览：a verified document (certificate, licence) drawn with QtPdf from memory, then 打印 / 不打印.

The PDF arrives as bytes (already verified by the kiosk) and is loaded from a
QBuffer: it never touches a file. Pages fit the width of any screen from
1024×768 up; 放大 / 缩小 zoom, and 长辈模式 starts larger. When the A4
printer cannot print, 打印 is not offered (no promise): the resident gets the
verification code and where to print later. `wipe()` closes the document and
drops the bytes.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.theme import is_elder_mode
from screens.widgets import BigButton, accessible, make_label

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.5, 4.0
ELDER_ZOOM = 1.5            # relative to fitting the width
WHERE_LATER = tr_noop("可凭验证码到政务服务大厅窗口或其他自助终端打印。")


class DocumentPreviewScreen(Screen):
    name = "document_preview"
    title = "文件预览"
    print_requested = Signal(str)      # doc id
    skipped = Signal(str)              # doc id: 不打印 / 完成

    def __init__(self, parent=None):
        super().__init__(parent, scroll=False)
        self._doc_id = ""
        self._buffer: QBuffer | None = None
        self.pdf = QPdfDocument(self)
        self.title_label = self.heading
        self.info_label = make_label("", "body")          # 共 N 页 · 验证码
        self.body.addWidget(self.info_label)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setMinimumHeight(120)
        accessible(self.view, tr_noop("文件预览"), tr_noop("上下滑动查看每一页"))
        self.body.addWidget(self.view, 1)
        self.message_label = make_label("", "notice")     # printer state, outcome
        self.body.addWidget(self.message_label)
        self.zoom_out_button = BigButton(tr_noop("缩小"), tr_noop("缩小页面"), "secondary")
        self.zoom_in_button = BigButton(tr_noop("放大"), tr_noop("放大页面"), "secondary")
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.skip_button = BigButton(tr_noop("不打印"), tr_noop("不打印，继续"), "secondary")
        self.print_button = BigButton(tr_noop("打印"), tr_noop("在本机打印这份文件"), "primary", icon="printer")
        self.skip_button.clicked.connect(lambda: self.skipped.emit(self._doc_id))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self._doc_id))
        for b, stretch in ((self.zoom_out_button, 1), (self.zoom_in_button, 1), (self.skip_button, 2),
                           (self.print_button, 2)):
            self.add_action(b, stretch)
        self.wipe()

    # -- what the flow calls ----------------------------------------------------
    def show_document(self, doc: dict, data: bytes, can_print: bool, printer_message: str = "") -> None:
        """`doc`: {id, title, pages, verification_code}; `data`: the verified PDF."""
        self._unload()
        self._doc_id = doc["id"]
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        pages = self.pdf.pageCount()
        self.set_heading("{title}", title=doc.get("title", ""))
        self.info_label.set_source(tr_noop("共 {n} 页    验证码：{code}"), n=pages, code=doc.get("verification_code", ""))
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        for w in (self.view, self.zoom_in_button, self.zoom_out_button):
            w.show()
        if is_elder_mode(self.window()):
            self.zoom(ELDER_ZOOM)
        self.set_printable(can_print, printer_message)

    def show_notice(self, title: str, message: str) -> None:
        """No document to show (refused, or not produced yet): a calm word and 继续.
        `title` and `message` are source texts."""
        self._unload()
        self._doc_id = ""
        self.set_heading(title)
        self.info_label.clear()
        self.view.hide()
        for b in (self.print_button, self.zoom_in_button, self.zoom_out_button):
            b.hide()
        self.skip_button.set_source(tr_noop("继续"))
        self._message(message)

    def set_printable(self, can_print: bool, printer_message: str = "") -> None:
        self.print_button.set_source(tr_noop("打印"))
        self.print_button.setEnabled(True)
        self.print_button.setVisible(can_print)
        self.skip_button.set_source(tr_noop("不打印") if can_print else tr_noop("完成"))
        if can_print:
            self._message("")
        else:
            self._message(tr_noop("{why}。{later}"), why=tr(printer_message or tr_noop("A4 打印机暂不可用")),
                          later=tr(WHERE_LATER))

    def set_printing(self) -> None:
        self.print_button.setEnabled(False)
        self._message(tr_noop("正在打印，请稍候…"))

    def show_outcome(self, outcome: dict) -> None:
        """From the A4 worker: printed, or not (then offered again when it makes sense)."""
        if outcome.get("ok"):
            self.print_button.hide()
            self.skip_button.set_source(tr_noop("完成"))
            self._message(outcome.get("reason_zh") or tr_noop("文件已打印，请取走"))
            return
        again = bool(outcome.get("offer_again")) and bool(outcome.get("sent"))
        self.print_button.setVisible(again)
        self.print_button.setEnabled(True)
        self.print_button.set_source(tr_noop("重新打印"))
        self.skip_button.set_source(tr_noop("不打印") if again else tr_noop("完成"))
        self._message(tr_noop("{why}。{later}"), why=tr(outcome.get("reason_zh") or tr_noop("未能打印")),
                      later=tr(WHERE_LATER))

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else 1.0
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._fit_width_factor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, current * factor)))

    def page_count(self) -> int:
        return self.pdf.pageCount()

    # -- internals ---------------------------------------------------------------
    def _fit_width_factor(self) -> float:
        """The zoom that fits a page's width in the view (QPdfView does not expose it)."""
        if self.pdf.pageCount() == 0:
            return 1.0
        page_pt = self.pdf.pagePointSize(0)
        dpi_scale = self.view.logicalDpiX() / 72.0
        width = max(1, self.view.viewport().width() - 2 * self.view.documentMargins().left())
        return width / max(1.0, page_pt.width() * dpi_scale)

    def _message(self, text: str, **args) -> None:
        if text:
            self.message_label.set_source(text, **args)
        else:
            self.message_label.clear()
        self.message_label.setVisible(bool(text))

    def _unload(self) -> None:
        self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None

    def wipe(self) -> None:
        super().wipe()
        self._unload()
        self._doc_id = ""
        self.set_heading("")
        for label in (self.info_label, self.message_label):
            label.clear()
        self.message_label.hide()
        self.print_button.set_source(tr_noop("打印"))
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def spoken_hint(self) -> str:
        return f"{self.title_label.text()}。{self.info_label.text()}。{self.message_label.text()}"
