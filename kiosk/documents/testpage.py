"""The A4 test page (测试打印 on the maintenance screen, `kiosk print-doc test`): no personal data."""
from __future__ import annotations

import datetime as dt


def build_a4_test_page(kiosk_id: str = "") -> bytes:
    from kiosk.documents.sheet import Sheet, render
    now = dt.datetime.now().astimezone()
    rows = ["中文字体：政务服务自助终端 一二三四五六七八九十", "English: The quick brown fox jumps over the lazy dog",
            "数字：0123456789", f"终端：{kiosk_id or '（未设置）'}", f"时间：{now.isoformat(timespec='seconds')}",
            "右下角二维码应可扫描；四周文字完整说明纸张与边距正常。"]
    return render(Sheet(title="A4 打印测试页", issuer="通办自助终端 / tongban kiosk", holder_name="—",
                        holder_id_masked="—", verification_code="TESTPAGE", rows=rows))
