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
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from screens.base import Screen
from screens.theme import is_elder_mode
from screens.widgets import BigButton, accessible, make_label

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.5, 4.0
ELDER_ZOOM = 1.5            # relative to fitting the width
WHERE_LATER = "可凭验证码到政务服务大厅窗口或其他自助终端打印。"


class DocumentPreviewScreen(Screen):
    name = "document_preview"
    title = "文件预览"
    print_requested = Signal(str)      # doc id
    skipped = Signal(str)              # doc id: 不打印 / 完成

    def __init__(self, parent=None):
        super().__init__(parent)
        self._doc_id = ""
        self._buffer: QBuffer | None = None
        self.pdf = QPdfDocument(self)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 16, 24, 16)
        col.setSpacing(10)
        self.title_label = make_label("", "title")
        self.title_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.title_label)
        self.info_label = make_label("", "body")          # 共 N 页 · 验证码
        self.info_label.setAlignment(Qt.AlignCenter)
        col.addWidget(self.info_label)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        accessible(self.view, "文件预览", "上下滑动查看每一页")
        col.addWidget(self.view, 1)
        self.message_label = make_label("", "notice")     # printer state, outcome
        col.addWidget(self.message_label)
        # One row, so the page keeps the height even on a 1024×768 screen.
        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.zoom_out_button = BigButton("缩小", "缩小页面", "secondary")
        self.zoom_in_button = BigButton("放大", "放大页面", "secondary")
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        actions.addWidget(self.zoom_out_button, 1)
        actions.addWidget(self.zoom_in_button, 1)
        actions.addSpacing(24)
        self.skip_button = BigButton("不打印", "不打印，继续", "secondary")
        self.print_button = BigButton("打印", "在本机打印这份文件", "primary")
        self.skip_button.clicked.connect(lambda: self.skipped.emit(self._doc_id))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self._doc_id))
        actions.addWidget(self.skip_button, 2)
        actions.addWidget(self.print_button, 2)
        col.addLayout(actions)
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
        self.title_label.setText(doc.get("title", ""))
        self.info_label.setText(f"共 {pages} 页    验证码：{doc.get('verification_code', '')}")
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        for w in (self.view, self.zoom_in_button, self.zoom_out_button):
            w.show()
        if is_elder_mode(self.window()):
            self.zoom(ELDER_ZOOM)
        self.set_printable(can_print, printer_message)

    def show_notice(self, title: str, message: str) -> None:
        """No document to show (refused, or not produced yet): a calm word and 继续."""
        self._unload()
        self._doc_id = ""
        self.title_label.setText(title)
        self.info_label.clear()
        self.view.hide()
        for b in (self.print_button, self.zoom_in_button, self.zoom_out_button):
            b.hide()
        self.skip_button.setText("继续")
        self._message(message)

    def set_printable(self, can_print: bool, printer_message: str = "") -> None:
        self.print_button.setText("打印")
        self.print_button.setEnabled(True)
        self.print_button.setVisible(can_print)
        self.skip_button.setText("不打印" if can_print else "完成")
        if can_print:
            self._message("")
        else:
            self._message(f"{printer_message or 'A4 打印机暂不可用'}。{WHERE_LATER}")

    def set_printing(self) -> None:
        self.print_button.setEnabled(False)
        self._message("正在打印，请稍候…")

    def show_outcome(self, outcome: dict) -> None:
        """From the A4 worker: printed, or not (then offered again when it makes sense)."""
        if outcome.get("ok"):
            self.print_button.hide()
            self.skip_button.setText("完成")
            self._message(outcome.get("reason_zh") or "文件已打印，请取走")
            return
        again = bool(outcome.get("offer_again")) and bool(outcome.get("sent"))
        self.print_button.setVisible(again)
        self.print_button.setEnabled(True)
        self.print_button.setText("重新打印")
        self.skip_button.setText("不打印" if again else "完成")
        self._message(f"{outcome.get('reason_zh') or '未能打印'}。{WHERE_LATER}")

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

    def _message(self, text: str) -> None:
        self.message_label.setText(text)
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
        for label in (self.title_label, self.info_label, self.message_label):
            label.clear()
        self.message_label.hide()
        self.print_button.setText("打印")
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def spoken_hint(self) -> str:
        return f"{self.title_label.text()}。{self.info_label.text()}。{self.message_label.text()}"
