"""Chinese and English: the translation files (Qt's own tooling).

    .venv/bin/python scripts/i18n.py update    # pyside6-lupdate: new source texts into assets/i18n/kiosk_en.ts
    .venv/bin/python scripts/i18n.py check     # exit 1 while any message is unfinished
    .venv/bin/python scripts/i18n.py release   # pyside6-lrelease: kiosk_en.qm (scripts/setup.sh runs this)

Source texts are the Chinese in `tr("…")` and `tr_noop("…")` calls in screens/
and kiosk/ (a text handed to a label, a button or a message is marked with
tr_noop where it is written); translators edit the .ts (Qt Linguist: pyside6-linguist).
"""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "i18n" / "kiosk_en.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


# Technician screens, the demo dock, the CLI and the reference gateway speak Chinese and English at once.
NOT_TRANSLATED = ("screens/dock.py", "screens/technician.py", "kiosk/cli/", "kiosk/gateway_sim/")


def sources() -> list[str]:
    files = (str(p.relative_to(ROOT)) for d in ("screens", "kiosk") for p in (ROOT / d).rglob("*.py")
             if "__pycache__" not in p.parts)
    return sorted(f for f in files if not f.startswith(NOT_TRANSLATED))


def update() -> int:
    cmd = [str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "zh_CN",
           "-target-language", "en_US", "-tr-function-alias", "QT_TR_NOOP+=tr_noop", *sources(), "-ts", str(TS)]
    return subprocess.run(cmd, cwd=ROOT).returncode


def unfinished() -> list[str]:
    root = ET.parse(TS).getroot()
    out = []
    for msg in root.iter("message"):
        if not (msg.findtext("source") or "").strip():
            continue                       # an empty text passed to a text function
        t = msg.find("translation")
        if t is None or t.get("type") == "unfinished" or not (t.text or "").strip():
            out.append(msg.findtext("source") or "")
    return out


def check() -> int:
    missing = unfinished()
    for m in missing:
        print("unfinished:", m)
    print(f"{TS.name}: {len(missing)} unfinished")
    return 1 if missing else 0


def release() -> int:
    return subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)], cwd=ROOT).returncode


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"update": update, "check": check, "release": release}[what]())
