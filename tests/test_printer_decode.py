"""What goes on the wire: Chinese inside FS & … FS ., QR (native and image), CODE128,
cuts, rare characters as images — checked by decoding the bytes."""
import pytest
import zxingcpp
from hypothesis import given, settings, strategies as st

from drivers.printer import Document, PrinterProfile, parse_printer_url
from drivers.printer import commands as C
from drivers.printer.decode import decode, tokenize
from drivers.printer.status import PrinterState, interpret

CHINESE = "政务服务自助终端：全角标点“，。！？”与￥12.50"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312", "utf-8"])
def test_chinese_round_trips_inside_fs_and_in_the_configured_encoding(encoding):
    doc = Document(PrinterProfile(80, encoding)).line(CHINESE)
    data = doc.bytes()
    raw = CHINESE.encode(encoding)
    assert C.CHINESE_ON + raw + C.CHINESE_OFF in data     # bracketed, in that encoding
    assert decode(data, encoding).lines[0].text == CHINESE
    assert decode(data, encoding).lines[0].chinese
    assert doc.image_lines == 0


def test_chinese_mode_is_entered_again_after_every_reset():
    doc = Document(PrinterProfile()).line("第一行")
    doc.init().line("复位后")
    tokens, _ = tokenize(doc.bytes())
    kinds = [t.kind for t in tokens]
    resets = [i for i, k in enumerate(kinds) if k == "ESC @"]
    assert len(resets) == 2
    for r in resets:   # after each ESC @, Chinese text only comes after an FS &
        first_text = next(i for i in range(r, len(kinds)) if kinds[i] == "text")
        assert "FS &" in kinds[r:first_text]


def test_fullwidth_punctuation_and_yuan_are_never_question_marks():
    data = Document(PrinterProfile(80, "gbk")).line("，。￥").bytes()
    assert b"?" not in data and "，。￥".encode("gbk") in data


def test_rare_character_the_encoding_lacks_goes_as_an_image_the_rest_as_text():
    profile = PrinterProfile(58, "gb2312")
    doc = Document(profile).line("申请人：陶喆").line("张三")
    out = decode(doc.bytes(), "gb2312")
    assert doc.image_lines == 1 and doc.missing_glyphs == []
    assert [line.text for line in out.lines] == ["张三"]    # the 喆 line is a picture
    img = out.images[0]
    assert img.width == profile.dots
    assert img.getextrema()[0] == 0          # something black was drawn


def test_line_wider_than_the_paper_wraps():
    profile = PrinterProfile(58)
    out = decode(Document(profile).line("一" * 20).bytes())
    assert [line.text for line in out.lines] == ["一" * 16, "一" * 4]


@pytest.mark.parametrize("native", [True, False])
def test_qr_payload_decodes_native_and_as_image(native):
    profile = PrinterProfile(58, native_qr=native)
    out = decode(Document(profile).qr("Q7F3K9X2M4P8").bytes())
    if native:
        assert out.qr_payloads == ["Q7F3K9X2M4P8"] and out.images == []
    else:
        assert out.qr_payloads == []
        found = zxingcpp.read_barcodes(out.images[0])
        assert [r.text for r in found] == ["Q7F3K9X2M4P8"]


def test_code128_and_cut():
    out = decode(Document(PrinterProfile()).barcode128("BJ2026112600123").cut().bytes())
    assert out.barcodes == [("CODE128", "BJ2026112600123")]
    assert out.cuts == 1


def test_no_cutter_means_feed_only():
    assert decode(Document(PrinterProfile(cutter=False)).cut().bytes()).cuts == 0


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.integers(1, 50))
def test_tokenizer_never_crashes_and_streaming_equals_whole(data, chunk):
    whole, end = tokenize(data, 0, final=True)
    assert end == len(data)
    # the emulator feeds the stream piece by piece: same tokens
    buf, pos, streamed = b"", 0, []
    for i in range(0, len(data), chunk):
        buf += data[i:i + chunk]
        toks, pos = tokenize(buf, pos, final=False)
        streamed += toks
    toks, pos = tokenize(buf, pos, final=True)
    streamed += toks
    merge = lambda ts: [(t.kind, t.raw) for t in ts if t.kind != "text"]
    assert merge(streamed) == merge(whole)
    assert b"".join(t.raw for t in streamed) == data


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_crashes(data):
    decode(data, "gb18030")


@given(st.text(alphabet=st.characters(codec="gb18030", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
               max_size=60))
@settings(max_examples=150, deadline=None)
def test_any_gb18030_line_round_trips(s):
    """On a printer whose font has the whole of GB18030, everything goes as text."""
    out = decode(Document(PrinterProfile(80, "gb18030", four_byte=True)).line(s).bytes(), "gb18030")

    def visible(text):  # wrapping drops white space at line ends (U+00A0, U+3000 too): invisible on paper
        return "".join(ch for ch in text if not ch.isspace())
    assert visible("".join(line.text for line in out.lines)) == visible(s)


@given(st.text(alphabet=st.characters(codec="gb18030", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
               max_size=60))
@settings(max_examples=100, deadline=None)
def test_a_two_byte_gb18030_printer_is_never_sent_a_four_byte_character(s):
    doc = Document(PrinterProfile(80, "gb18030"))
    out = decode(doc.line(s).bytes(), "gb18030")
    assert all(len(ch.encode("gb18030")) <= 2 for line in out.lines for ch in line.text)
    if any(len(ch.encode("gb18030")) == 4 for ch in s if not ch.isspace()):
        assert doc.image_lines > 0                 # such a line went as a picture instead


# -- status bytes -------------------------------------------------------------
@pytest.mark.parametrize("answers,state", [
    ({1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}, PrinterState.READY),
    ({1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E}, PrinterState.NEAR_END),
    ({1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E}, PrinterState.PAPER_OUT),
    ({1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12}, PrinterState.COVER_OPEN),
    ({1: 0x1A, 2: 0x12, 3: 0x12, 4: 0x12}, PrinterState.OFFLINE),
    ({1: 0x1A, 2: 0x52, 3: 0x1A, 4: 0x12}, PrinterState.ERROR),
    ({1: 0x12, 2: 0x12}, PrinterState.UNKNOWN),                 # answered only half
    ({1: 0x00, 2: 0x12, 3: 0x12, 4: 0x12}, PrinterState.UNKNOWN),   # not shaped 0xx1xx10
    ({}, PrinterState.UNKNOWN),
])
def test_status_bytes(answers, state):
    st_ = interpret(answers)
    assert st_.state is state
    assert st_.printable == (state in (PrinterState.READY, PrinterState.NEAR_END))
    assert st_.reason_zh and st_.reason_en


# -- URLs ---------------------------------------------------------------------
def test_printer_urls():
    u = parse_printer_url("tcp://192.0.2.10:9100")
    assert (u.kind, u.target, u.port) == ("tcp", "192.0.2.10", 9100)
    assert parse_printer_url("tcp://printer").port == 9100
    u = parse_printer_url("serial:///dev/ttyUSB0?baudrate=19200")
    assert (u.kind, u.target, u.params["baudrate"]) == ("serial", "/dev/ttyUSB0", 19200)
    assert parse_printer_url("serial:///dev/ttyS1").params["baudrate"] == 9600
    u = parse_printer_url("usb://0416:5011?in_ep=0x81&out_ep=0x03")
    assert u.params == {"id_vendor": 0x0416, "id_product": 0x5011, "in_ep": 0x81, "out_ep": 0x03}
    assert parse_printer_url("file:///dev/usb/lp0").target == "/dev/usb/lp0"
    assert parse_printer_url("emulated:").kind == "emulated"
    assert parse_printer_url("none").kind == "none"
    for bad in ("http://x", "usb://zz:1", "tcp://", "serial://"):
        with pytest.raises(ValueError):
            parse_printer_url(bad)


def test_importing_escpos_leaves_logging_and_tmp_alone(tmp_path):
    """python-escpos calls logging.basicConfig() and mkdtemp() on import; we undo both."""
    import subprocess
    import sys
    code = ("import logging, os, tempfile;"
            "from drivers.printer._escpos import escpos_printer_module;"
            "m = escpos_printer_module(); assert m.Network;"
            "from escpos.capabilities import get_profile; assert get_profile('default').profile_data;"
            "print(len(logging.getLogger().handlers)); print(sorted(os.listdir(tempfile.gettempdir())))")
    env = {**__import__("os").environ, "TMPDIR": str(tmp_path)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=str(__import__("pathlib").Path(__file__).parents[1]), timeout=60)
    assert out.returncode == 0, out.stderr
    handlers, listing = out.stdout.splitlines()
    assert handlers == "0"
    assert eval(listing) == []          # no folder left behind, no fixed cache folder to plant in


def test_a_planted_escpos_pickle_is_never_loaded(tmp_path):
    """Issue 13 #3: a pickle planted in the old predictable folder (or named by the environment)
    ran code as the kiosk's user when python-escpos unpickled it."""
    import os
    import pickle
    import platform
    import subprocess
    import sys
    marker = tmp_path / "pwned"

    class Planted:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for folder in (tmp_path / f"kiosk-escpos-{os.getuid()}", tmp_path / "named"):
        folder.mkdir(mode=0o777)
        plant = folder / f"{platform.python_version()}.capabilities.pickle"
        plant.write_bytes(pickle.dumps(Planted()))
        os.utime(plant, (4_000_000_000, 4_000_000_000))     # newer than the shipped database
    env = {**os.environ, "TMPDIR": str(tmp_path), "ESCPOS_CAPABILITIES_PICKLE_DIR": str(tmp_path / "named")}
    out = subprocess.run([sys.executable, "-c", "from drivers.printer._escpos import escpos_printer_module;"
                          "assert escpos_printer_module().Network"], capture_output=True, text=True, env=env,
                         cwd=str(__import__("pathlib").Path(__file__).parents[1]), timeout=60)
    assert out.returncode == 0, out.stderr
    assert not marker.exists()


def test_gb18030_four_byte_rare_characters_go_as_images_unless_the_font_has_them():
    """𠮷 (Extension B) and 䶮 (Extension A) are 4-byte GB18030: most printer fonts lack them."""
    line = "申请人：𠮷*䶮"
    plain = Document(PrinterProfile(80, "gb18030")).line(line).line("张三")
    out = decode(plain.bytes(), "gb18030")
    assert plain.image_lines == 1 and [t.text for t in out.lines] == ["张三"]
    assert plain.missing_glyphs == []                   # the kiosk's fonts can draw both
    assert out.images[0].getextrema()[0] == 0
    four = Document(PrinterProfile(80, "gb18030", four_byte=True)).line(line)
    assert four.image_lines == 0
    assert decode(four.bytes(), "gb18030").lines[0].text == line
    # ASCII and 2-byte text is never sent as a picture.
    assert Document(PrinterProfile(80, "gb18030")).line("受理编号 HRB-2026 ￥0.00").image_lines == 0
