"""Screenshots of every screen and state, at a terminal's size, checked as they are taken.

Drives the real kiosk (demo configuration: emulated devices, embedded gateway)
through tests/screen_tour.py and grabs the window at each stop into
docs/screenshots/<W>x<H>[-elder][-en]/ (or --out DIR), with an index README.md.
Exits 1 when any picture is not exactly WxH, the window differs from WxH, a
widget lies outside its parent, or a label or button cuts its text.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --size 1366x768 [--elder] [--lang en]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

SIZES = ["1920x1080", "1080x1920", "1366x768", "1280x1024", "1024x768"]


def demo_config(tmp: str, size: str, lang: str):
    from kiosk.config import parse_config
    text = (ROOT / "kiosk.toml").read_text(encoding="utf-8")
    text = text.replace('data_dir = "var"', f'data_dir = "{tmp}/var"')
    text = text.replace('key_file = "var/queue.key"', f'key_file = "{tmp}/var/queue.key"')
    text = re.sub(r"^fullscreen = true", "fullscreen = false", text, flags=re.M)
    text = re.sub(r'^window_size = "[^"]*"', f'window_size = "{size}"', text, flags=re.M)
    if lang == "en":
        text = re.sub(r'^language = "zh_CN"', 'language = "en_US"', text, flags=re.M)
    return parse_config(text, ROOT / "kiosk.toml")


def make_kiosk(size: str, elder: bool, lang: str):
    """A shown kiosk on the demo configuration; every session starts in `lang`, elder if asked."""
    from kiosk.app import KioskApp
    from kiosk.services import Services
    tmp = tempfile.mkdtemp(prefix="kiosk-shots-")
    cfg = demo_config(tmp, size, lang)
    services = Services(cfg)
    app = KioskApp(cfg, services)
    services.outbox.device_status = app.hub.summary
    services.start()
    app.start(show=True)
    start, end = app.start_session, app.end_session

    def start_session(at=None):
        start(at)
        app.tools.set_elder(elder)

    def end_session(farewell=None):
        end(farewell)
        app.tools.set_elder(elder)
    app.start_session, app.end_session = start_session, end_session
    app.tools.set_language(app.tools.default_lang)
    app.tools.set_elder(elder)
    return app, services


def save_small(image, path: Path) -> None:
    """A 256-colour PNG (the screens are flat colours and text: a quarter of the bytes)."""
    import io

    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    pil = Image.open(io.BytesIO(bytes(buf.data()))).convert("RGB")
    pil.quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (terminals: " + ", ".join(SIZES) + ")")
    ap.add_argument("--elder", action="store_true", help="长辈模式 on every screen")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    name = args.size + ("-elder" if args.elder else "") + ("-en" if args.lang == "en" else "")
    out = Path(args.out or ROOT / "docs" / "screenshots" / name)
    out.mkdir(parents=True, exist_ok=True)

    from tests.screen_tour import pump, tour
    from tests.ui_audit import fit_problems
    QApplication.instance() or QApplication([])
    app, services = make_kiosk(args.size, args.elder, args.lang)
    problems: list[str] = []
    shots: list[str] = []
    try:
        for stop in tour(app):
            pump(250)
            image = app.window.grab().toImage()
            if (image.width(), image.height()) != (width, height):
                problems.append(f"{stop}: the picture is {image.width()}x{image.height()}")
            save_small(image, out / f"{stop}.png")
            shots.append(stop)
            problems += [f"{stop}: {p}" for p in fit_problems(app.window, (width, height))]
    finally:
        app.shutdown()
        services.stop()
    lines = [f"# Screens at {args.size}" + (" in 长辈模式" if args.elder else "") +
             (" in English" if args.lang == "en" else ""), "",
             "Made by `scripts/screenshots.py`; every picture is exactly the window.", ""]
    lines += [f"![{s}]({s}.png)" for s in shots]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(shots)} screens at {args.size} in {out}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
