"""The screens' font (issue 15, memory at idle): "Kiosk Sans SC", the set-up's cut of Noto Sans CJK
SC (scripts/ui_font.py). Every character our screens and catalogue hold is in it, a rare one in a
name is still drawn (from the full font, next in the family list), and drawing the screens no
longer maps the full Noto Sans CJK's pages into the kiosk."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontInfo, QRawFont, QTextLayout

from screens import theme

ROOT = Path(__file__).resolve().parent.parent
CUT = "Kiosk Sans SC"

DRAW = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from screens import theme
app = QApplication([])
if sys.argv[2] == "full":          # the control: the style sheet as it was before the cut
    theme.theme_text.cache_clear()
    text = theme.theme_text().replace('"Kiosk Sans SC", ', '')
    theme.theme_text = lambda: text
theme.apply_theme(app)
page = QWidget(); box = QVBoxLayout(page)
words = sys.argv[3]                # every Chinese character of our screens, in both weights
for role in ("title", "body"):
    label = QLabel(words); label.setProperty("role", role); label.setWordWrap(True); box.addWidget(label)
page.resize(1024, 768); page.show()
for _ in range(20):
    app.processEvents()
page.grab()
rss, name = {}, None
for line in open("/proc/self/smaps"):
    head = line.split()
    if "-" in head[0] and len(head) >= 6:
        name = head[5]
    elif head[0] == "Rss:" and name and (name.endswith(".ttc") or name.endswith(".otf")):
        base = name.rsplit("/", 1)[-1]
        rss[base] = rss.get(base, 0) + int(head[1])
print(json.dumps(rss))
"""


@pytest.fixture(scope="module")
def cut_registered(qapp):
    families = theme.register_ui_font()
    assert families == [CUT], "the set-up (scripts/ui_font.py) builds the font into assets/fonts/"
    return families


def texts_we_show() -> set[str]:
    """The Chinese of the translations (every screen text) and the seed catalogue."""
    chars = set((ROOT / "assets" / "i18n" / "kiosk_en.ts").read_text(encoding="utf-8"))
    chars |= set((ROOT / "assets" / "catalog" / "seed.json").read_text(encoding="utf-8"))
    return {c for c in chars if ord(c) > 0x2E7F}


def test_every_character_of_our_screens_and_catalogue_is_in_the_cut(cut_registered):
    font = QFont(CUT)
    assert QFontInfo(font).family() == CUT
    cut = QRawFont.fromFont(font)                  # the one face (QFontMetrics would fall back)
    assert cut.familyName() == CUT
    chars = texts_we_show()
    assert len(chars) > 500                        # 631 when written
    missing = sorted(c for c in chars if not cut.supportsCharacter(ord(c)))
    assert missing == []


def test_a_rare_character_of_a_name_is_drawn_from_another_font_not_as_a_box(cut_registered):
    font = QFont()
    font.setFamilies(theme.FONT_FAMILIES)
    font.setPixelSize(40)
    for rare in ("𡃁", "䴔"):                         # CJK Extension B and A: not in GB 2312
        assert not QRawFont.fromFont(QFont(CUT)).supportsCharacter(ord(rare))
        layout = QTextLayout(f"王{rare}", font)
        layout.beginLayout(); layout.createLine(); layout.endLayout()
        runs = {run.rawFont().familyName(): list(run.glyphIndexes()) for run in layout.glyphRuns()}
        assert runs.get(CUT) and all(runs[CUT])       # 王 from the cut
        others = {f: g for f, g in runs.items() if f != CUT}
        assert others and all(all(g) for g in others.values()), runs   # the rare one: a real glyph


def test_drawing_the_screens_maps_the_cut_and_not_the_full_noto_font(cut_registered, tmp_path):
    def draw(which: str) -> dict:
        out = subprocess.run([sys.executable, "-c", DRAW, str(ROOT), which, "".join(sorted(texts_we_show()))], capture_output=True, text=True,
                             check=True, timeout=60, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                                          "HOME": str(tmp_path)})
        return json.loads(out.stdout.strip().splitlines()[-1])
    cut = draw("cut")
    full = draw("full")
    noto = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
    # The control: with the full font first, both weights' pages are resident (~8 MB each here).
    assert all(full.get(name, 0) > 2048 for name in noto), full
    assert cut.get("KioskSansSC-Regular.otf", 0) > 0 and cut.get("KioskSansSC-Bold.otf", 0) > 0, cut
    assert all(cut.get(name, 0) == 0 for name in noto), cut
    kiosk_fonts = sum(cut.values())
    assert kiosk_fonts < sum(full.values()) / 2, (cut, full)


SELF_PAINTED = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from screens import theme
app = QApplication([])
if sys.argv[2] == "themed":
    theme.apply_theme(app)
else:                              # the control: the style sheet alone, as before
    theme.register_ui_font()
    app.setStyleSheet(theme.theme_text())

class Painted(QWidget):            # as the camera view draws its 摄像头已开启 sign
    def paintEvent(self, event):
        p = QPainter(self)
        p.drawText(10, 40, "摄像头已开启 请看屏幕")
        p.end()

w = Painted(); w.resize(400, 80); w.show()
width = QFontMetrics(QFont()).horizontalAdvance("请输入您的姓名")
for _ in range(20):
    app.processEvents()
w.grab()
mapped = sorted({line.split()[-1].rsplit("/", 1)[-1] for line in open("/proc/self/maps")
                 if line.rstrip().endswith((".ttc", ".otf", ".ttf"))})
print(json.dumps({"family": QFontInfo(QFont()).family(), "mapped": mapped, "width": width}))
"""


def test_text_a_widget_paints_itself_is_in_the_cut_too():
    def paint(which: str) -> dict:
        out = subprocess.run([sys.executable, "-c", SELF_PAINTED, str(ROOT), which], capture_output=True,
                             text=True, check=True, timeout=60, env={"QT_QPA_PLATFORM": "offscreen",
                                                                     "PATH": "/usr/bin:/bin"})
        return json.loads(out.stdout.strip().splitlines()[-1])
    themed, control = paint("themed"), paint("control")
    assert themed["family"] == CUT
    chinese = [f for f in themed["mapped"] if "wqy" in f or "NotoSansCJK" in f or "KioskSansSC" in f]
    assert chinese == ["KioskSansSC-Regular.otf"], themed
    # The control shows what this fixed: the default font fell back to another Chinese font.
    assert control["family"] != CUT and any("wqy" in f or "NotoSansCJK" in f for f in control["mapped"]), control


def test_the_set_up_step_is_quiet_when_nothing_changed():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "ui_font.py")], capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout == ""                       # the stamp matched: nothing rebuilt
    note = (ROOT / "assets" / "fonts" / "SOURCE.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in note and "renamed" in note


def test_kiosk_doctor_tells_the_technician_when_the_cut_is_missing(tmp_path, monkeypatch):
    from kiosk.cli import cmd_doctor
    assert cmd_doctor.check_ui_font()["ok"]
    monkeypatch.setattr(cmd_doctor, "UI_FONT_DIR", tmp_path)
    check = cmd_doctor.check_ui_font()
    assert not check["ok"] and str(tmp_path) in check["detail"]
    assert "scripts/ui_font.py" in check["hint"] and "界面字体" in check["hint"]
