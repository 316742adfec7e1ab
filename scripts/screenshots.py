"""Screenshots of every screen of the resident's transaction, on the demo configuration.

Drives the real kiosk (emulated devices, embedded gateway) through a whole
transaction and grabs the window at each step into docs/screenshots/ (or
--out DIR), then writes an index README.md there.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402

SHOTS = [
    ("attract", "待机页 attract"), ("dock", "演示设备面板 demo device dock (emulated devices only)"), ("home", "选择事项 home (search: hjzm)"),
    ("guide", "办事指南 item guide"), ("identity", "验证身份 identity"),
    ("face", "人脸核验 face check"), ("form", "填写信息 form (prefilled)"),
    ("materials", "拍摄材料 materials"), ("review", "核对并提交 review + consent"),
    ("result", "已受理 result"), ("rating", "好差评 rating"),
    ("idle", "还在吗？ idle countdown"), ("offline", "断网时的办事指南 offline-deny item"),
    ("progress", "进度查询 progress"), ("pin", "技术维护 PIN"), ("maintenance", "维护 maintenance"),
]


def pump(ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def wait(cond, timeout_s: float = 20) -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError("screen did not arrive")
        pump(50)


def click(root, text: str) -> None:
    wait(lambda: any(text in b.text() for b in root.findChildren(QAbstractButton)
                     if b.isVisible() and b.isEnabled()), 10)
    for b in root.findChildren(QAbstractButton):
        if text in b.text() and b.isVisible() and b.isEnabled():
            b.click()
            return


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from kiosk.app import KioskApp
    from kiosk.config import parse_config
    from kiosk.services import Services
    from kiosk.session import Step

    qapp = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp(prefix="kiosk-shots-")
    text = (ROOT / "kiosk.toml").read_text(encoding="utf-8")
    text = text.replace('data_dir = "var"', f'data_dir = "{tmp}/var"')
    text = text.replace('key_file = "var/queue.key"', f'key_file = "{tmp}/var/queue.key"')
    text = text.replace("fullscreen = true", "fullscreen = false")
    cfg = parse_config(text, ROOT / "kiosk.toml")
    services = Services(cfg)
    app = KioskApp(cfg, services)
    services.start()
    app.start(show=True)
    app.window.resize(1600, 1000)

    def shot(name: str) -> None:
        pump(400)
        app.window.grab().save(str(out / f"{name}.png"))

    try:
        shot("attract")
        app.attract.start_requested.emit()
        app.home.search_edit.setText("hjzm")
        pump(300)
        shot("home")
        click(app.home, "户籍证明开具")
        shot("guide")
        click(app.guide, "办理")
        shot("identity")
        app.dock.set_collapsed(False)
        shot("dock")
        app.dock.set_collapsed(True)
        app.dock.dock_action.emit("present_card", cfg.devices.id_reader.card)
        wait(lambda: app.window.stack.currentWidget() is app.form)
        app.dock.dock_action.emit("remove_card", "")
        shot("form")
        for key in ("purpose", "pickup"):
            row = app.form.rows[key]
            for b in row.findChildren(QAbstractButton):
                b.click()
                break
            if row.combo is not None:
                row.combo.setCurrentIndex(0)
        app.form.submit_button.click()
        wait(lambda: app.flows["resident"].tx.step == Step.REVIEW)
        app.review.consent_check.setChecked(True)
        shot("review")
        click(app.review, "确认提交")
        wait(lambda: app.window.stack.currentWidget() is app.result, 30)
        shot("result")
        click(app.result, "完成")
        shot("rating")
        app.end_session()

        # A cross-region item with a face check and materials.
        app.attract.start_requested.emit()
        app.home.search_edit.setText("bjsbk")
        click(app.home, "北京社会保障卡补换")
        click(app.guide, "办理")
        app.dock.dock_action.emit("present_card", cfg.devices.id_reader.card)
        wait(lambda: app.window.stack.currentWidget() is app.face)
        app.dock.dock_action.emit("remove_card", "")
        app.dock.dock_action.emit("camera_face", "")
        pump(1500)
        shot("face")
        wait(lambda: app.window.stack.currentWidget() is app.form, 30)
        app.form.rows["phone"].edit.setText("13812345678")
        for key in ("reason", "pickup"):
            row = app.form.rows[key]
            if row.combo is not None:
                row.combo.setCurrentIndex(0)
            else:
                row.findChildren(QAbstractButton)[0].click()
        app.form.submit_button.click()
        wait(lambda: app.window.stack.currentWidget() is app.materials)
        app.dock.dock_action.emit("camera_document", "")
        pump(500)
        click(app.materials, "拍照")
        wait(lambda: app.materials.page_counts().get("photo", 0) >= 1)
        shot("materials")
        app.idle.timeout_ms = 100
        wait(lambda: app.idle_prompt.isVisible(), 5)
        shot("idle")
        app.end_session()
        app.idle.timeout_ms = cfg.kiosk.idle_timeout_s * 1000

        app.dock.dock_action.emit("network_down", "")
        wait(lambda: not app.online, 30)
        app.attract.start_requested.emit()
        app.home.search_edit.setText("gjjjczm")
        click(app.home, "住房公积金缴存证明打印")
        shot("offline")
        app.dock.dock_action.emit("network_up", "")
        wait(lambda: app.online, 30)
        app.end_session()

        app.attract.start_requested.emit()
        app.start_flow("progress")
        shot("progress")
        for _ in range(5):
            app.corner.tap()
        shot("pin")
        app.pin.pin_entered.emit("246810")
        wait(lambda: app.window.stack.currentWidget() is app.maintenance)
        pump(500)
        shot("maintenance")
    finally:
        app.shutdown()
        services.stop()
    lines = ["# Screenshots", "",
             "Made by `scripts/screenshots.py` on the demo configuration (offscreen, 1600×1000).", ""]
    for name, caption in SHOTS:
        if (out / f"{name}.png").exists():
            lines += [f"## {caption}", "", f"![{caption}]({name}.png)", ""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
