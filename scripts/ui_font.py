"""Build the screens' font: Noto Sans CJK SC cut down to the characters a Chinese screen draws.

The full Noto Sans CJK (Regular and Bold, ~20 MB each, 65,535 glyphs for five
languages) costs the kiosk ~16 MB of resident memory once CJK text is drawn:
fontconfig and FreeType read far more of a face than the glyphs shown. This
keeps the SC face's glyphs for GB 2312 (all 6,763 hanzi and its symbols),
ASCII, Latin with pinyin's tone marks, the punctuation, arrows and fullwidth
forms, and every character in our own texts (translations, catalogue, code).
Outlines, metrics and layout features are kept as they are, so the screens
look and measure the same. A character outside the cut (a rare one in a name)
is drawn from the full Noto Sans CJK SC, which stays next in the family list
(assets/theme.qss).

Noto Sans CJK is under the SIL Open Font License 1.1; the cut is renamed
"Kiosk Sans SC" as the OFL asks of modified versions, and the licence notice
is written beside it.

    .venv/bin/python scripts/ui_font.py [--force]    (scripts/setup.sh runs it)

Writes assets/fonts/KioskSansSC-{Regular,Bold}.otf and SOURCE.txt; does nothing
when they were built from the same characters and source fonts (a stamp in
SOURCE.txt). Without fontTools or the Noto fonts it says so and exits 0: the
screens then draw with the full Noto Sans CJK.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"
FAMILY = "Kiosk Sans SC"
SOURCES = {"Regular": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                       "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
           "Bold": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc")}
SC_FACE = "Noto Sans CJK SC"
# Blocks kept whole: Latin-1 and Latin Extended-A/B (pinyin's ā ǎ ǚ), general punctuation,
# letterlike symbols and number forms, arrows, enclosed numbers (①), box drawing and shapes,
# CJK symbols and punctuation, fullwidth forms.
RANGES = ((0x20, 0x7F), (0xA0, 0x250), (0x2000, 0x2070), (0x2100, 0x2190), (0x2190, 0x2200),
          (0x2460, 0x2500), (0x2500, 0x2600), (0x3000, 0x3040), (0xFF00, 0xFFF0))
# Our own texts: whatever the screens, the catalogue and the translations may show.
TEXT_GLOBS = ("kiosk/**/*.py", "screens/**/*.py", "drivers/**/*.py", "assets/i18n/*.ts",
              "assets/catalog/**/*.json", "kiosk.toml")


def gb2312() -> set[str]:
    chars = set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes((b1, b2)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def our_texts() -> set[str]:
    chars: set[str] = set()
    for pattern in TEXT_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file():
                chars |= set(path.read_text(encoding="utf-8", errors="ignore"))
    return chars


def characters() -> list[int]:
    chars = gb2312() | our_texts()
    for lo, hi in RANGES:
        chars |= {chr(c) for c in range(lo, hi)}
    return sorted(c for c in map(ord, chars) if c >= 0x20 and not 0xD800 <= c < 0xE000)


def source_font(weight: str) -> Path | None:
    return next((Path(p) for p in SOURCES[weight] if Path(p).exists()), None)


def stamp(codes: list[int], sources: dict[str, Path]) -> str:
    h = hashlib.sha256(",".join(map(str, codes)).encode())
    for weight, path in sorted(sources.items()):
        st = path.stat()
        h.update(f"{weight}:{path}:{st.st_size}:{int(st.st_mtime)}".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def sc_face(path: Path):
    from fontTools.ttLib import TTCollection, TTFont
    if path.suffix.lower() != ".ttc":
        return TTFont(path)
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1) == SC_FACE:
            return font
    raise SystemExit(f"ui_font: no {SC_FACE} face in {path} / 字体文件中没有 {SC_FACE}")


def rename(font, weight: str) -> None:
    """The OFL: a modified font does not carry the original's name."""
    ps = "KioskSansSC-" + weight
    for rec in font["name"].names:
        text = rec.toUnicode()
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID == 4:
            rec.string = FAMILY if weight == "Regular" else f"{FAMILY} {weight}"
        elif rec.nameID in (3, 6, 20):
            rec.string = ps
        elif rec.nameID in (17, 18, 21, 22) and "Noto" in text:
            rec.string = text.replace("Noto Sans CJK SC", FAMILY)


def build(weight: str, source: Path, codes: list[int]) -> Path:
    from fontTools import subset
    font = sc_face(source)
    options = subset.Options()
    options.layout_features = ["*"]      # as the full font: same shaping, same look
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    rename(font, weight)
    out = OUT / f"KioskSansSC-{weight}.otf"
    tmp = out.with_suffix(".tmp")
    font.save(tmp)
    tmp.replace(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="build even if the stamp matches")
    args = ap.parse_args()
    try:
        import fontTools  # noqa: F401
    except ImportError:
        print("ui_font: fontTools is not installed; the screens use the full Noto Sans CJK "
              "/ 未安装 fontTools，界面使用完整的思源黑体")
        return 0
    sources = {w: p for w in SOURCES if (p := source_font(w))}
    if len(sources) < len(SOURCES):
        print("ui_font: Noto Sans CJK (fonts-noto-cjk) not found; the screens use another CJK font "
              "/ 未找到思源黑体（fonts-noto-cjk），界面使用其他中文字体")
        return 0
    codes = characters()
    mark = stamp(codes, sources)
    note = OUT / "SOURCE.txt"
    if not args.force and note.exists() and f"stamp: {mark}" in note.read_text(encoding="utf-8") \
            and all((OUT / f"KioskSansSC-{w}.otf").exists() for w in SOURCES):
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for weight, source in sources.items():
        out = build(weight, source, codes)
        print(f"ui_font: {out.relative_to(ROOT)}: {len(codes)} characters, "
              f"{out.stat().st_size / 2**20:.1f} MB (from {source.name}, {source.stat().st_size / 2**20:.1f} MB)")
    note.write_text(
        f"{FAMILY}: a subset of {SC_FACE} (Regular, Bold) built by scripts/ui_font.py.\n"
        "Noto Sans CJK is licensed under the SIL Open Font License, Version 1.1\n"
        "(https://openfontlicense.org; Debian: /usr/share/doc/fonts-noto-cjk/copyright).\n"
        "Its copyright and licence notices are kept in each font's name table; this modified\n"
        "version is renamed, as the licence asks.\n"
        f"characters: {len(codes)}\nstamp: {mark}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
