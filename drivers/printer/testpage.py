"""The printer test page: Chinese text, full-width punctuation, rare characters
(sent as an image when the encoding lacks them), a QR code, a CODE128 barcode, a cut."""
from __future__ import annotations

from datetime import datetime

from drivers.printer.document import Document
from drivers.printer.profile import PrinterProfile


def build_test_page(profile: PrinterProfile) -> bytes:
    d = Document(profile)
    d.line("打印机测试页 Printer test", align="center", double=True)
    d.line(f"{datetime.now():%Y-%m-%d %H:%M:%S}", align="center")
    d.rule()
    d.pair("纸宽 Paper", f"{profile.paper_width_mm} mm / {profile.columns} 列")
    d.pair("编码 Encoding", profile.encoding)
    d.pair("二维码 QR", "原生 native" if profile.native_qr else "图像 image")
    d.line("中文：政务服务自助终端，全角标点“，。！？”与￥12.50")
    d.line("生僻字（图像打印）：𠮷 䶮 堃 喆 赟")
    d.rule()
    d.qr("KIOSK-PRINT-TEST")
    d.barcode128("TEST-0123456789")
    d.line("测试完成", align="center")
    d.cut()
    return d.bytes()
