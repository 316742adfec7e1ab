"""The receipt template, checked by decoding the exact bytes it produces."""
import dataclasses
import json

import pytest
import zxingcpp

from drivers.printer import PrinterProfile
from drivers.printer.decode import decode
from drivers.printer.preview import render_bytes
from kiosk.receipt import ReceiptData, build_receipt_bytes, sample_receipt

ID_NUMBER = "110105194912310021"
NAME = "张三丰"


@pytest.fixture(params=[(80, "gb18030", True), (58, "gbk", False), (58, "gb2312", True)],
                ids=["80mm-gb18030-nativeqr", "58mm-gbk-imageqr", "58mm-gb2312"])
def profile(request):
    w, enc, qr = request.param
    return PrinterProfile(w, enc, native_qr=qr)


def test_receipt_content_round_trips(profile):
    data = sample_receipt()
    raw = build_receipt_bytes(data, profile)
    out = decode(raw, profile.encoding)
    text = out.text
    for expected in ("哈尔滨市道里区政务服务中心", "政务服务办件回执", "异地代收代办",
                     "北京市", "110000", "HRB-DL-001-20261126-0042", "BJ2026112600123",
                     "2026-11-26 14:30", "3 份", "15个工作日", "HRB-DL-001"):
        assert expected in text.replace(" ", "") or expected in text, expected
    assert not out.undecodable and not out.unknown
    assert out.cuts == 1
    assert ("CODE128", "BJ2026112600123") in out.barcodes
    if profile.native_qr:
        assert out.qr_payloads == ["Q7F3K9X2M4P8"]
    else:
        found = [r.text for img in out.images for r in zxingcpp.read_barcodes(img)]
        assert found == ["Q7F3K9X2M4P8"]
    assert all(len(line.text.encode("gbk", "replace")) <= profile.columns for line in out.lines)


def test_id_number_and_name_appear_only_masked(profile):
    raw = build_receipt_bytes(sample_receipt(), profile)
    for enc in ("gb18030", "utf-8", "ascii"):
        for secret in (ID_NUMBER, NAME, ID_NUMBER[4:14]):
            try:
                assert secret.encode(enc) not in raw
            except UnicodeEncodeError:
                pass
    text = decode(raw, profile.encoding).text
    assert ID_NUMBER not in text and NAME not in text
    assert "1101**********0021" in text and "张*丰" in text


def test_qr_carries_only_the_opaque_key():
    out = decode(build_receipt_bytes(sample_receipt(), PrinterProfile()))
    assert out.qr_payloads == ["Q7F3K9X2M4P8"]


def test_pending_receipt_says_it_will_be_submitted_automatically():
    out = decode(build_receipt_bytes(sample_receipt(tracking_no=None), PrinterProfile()))
    text = out.text.replace(" ", "")
    assert "待提交" in text and "自动提交" in text
    assert out.barcodes == []                        # no tracking number, no barcode
    assert out.qr_payloads == ["Q7F3K9X2M4P8"]       # progress still queryable


def test_rare_name_character_prints_as_an_image_on_a_gb2312_printer():
    """喆 is in GBK but not GB2312: the masked name 喆*明 must still print."""
    data = dataclasses.replace(sample_receipt(), applicant_name="喆小明")
    out = decode(build_receipt_bytes(data, PrinterProfile(58, "gb2312")), "gb2312")
    assert "申请人" not in out.text             # the whole 申请人 line went as an image
    assert len(out.images) == 1 and out.images[0].getextrema()[0] == 0
    assert "事项名称" in out.text               # every other line is still text


def test_repr_hides_personal_data():
    r = repr(sample_receipt())
    assert ID_NUMBER not in r and NAME not in r and "1101" in r


def test_from_dict_round_trip_and_rejects_unknown_keys():
    d = dataclasses.asdict(sample_receipt())
    d["submitted_at"] = d["submitted_at"].isoformat()
    back = ReceiptData.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert back == sample_receipt()
    with pytest.raises(ValueError):
        ReceiptData.from_dict({**d, "phone": "1"})
    d.pop("tracking_no")
    assert ReceiptData.from_dict(d).tracking_no is None


def test_preview_renders_the_receipt():
    profile = PrinterProfile(80)
    img = render_bytes(build_receipt_bytes(sample_receipt(), profile), profile)
    assert img.width == profile.dots + 32 and img.height > 600
    assert [r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)] \
        == ["Q7F3K9X2M4P8"]
    codes = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.Code128)
    assert [r.text for r in codes] == ["BJ2026112600123"]


def test_escpos_control_bytes_in_an_item_name_never_reach_the_printer(profile):
    """Issue 13 #10: a catalog item name from a gateway carrying ESC @ (reset), GS V (cut), DLE EOT."""
    hostile = "居民身份证\x1b@\x1dV\x00\x10\x04\x01换领\u202e"
    raw = build_receipt_bytes(dataclasses.replace(sample_receipt(), item_name=hostile, next_steps="\x1bp\x00\x19"),
                              profile)
    plain = build_receipt_bytes(dataclasses.replace(sample_receipt(), item_name="居民身份证@V换领", next_steps="p"),
                                profile)
    assert raw == plain                       # the letters stay as text; the control bytes are gone
    for command in (b"\x1b@", b"\x1dV", b"\x10\x04", b"\x1bp"):
        assert raw.count(command) == build_receipt_bytes(sample_receipt(), profile).count(command)
    assert decode(raw, profile.encoding).cuts == 1
