"""After whole transactions (face check, materials, rating, an offline one too), no ID number,
name or address lies in plaintext anywhere under the data directory — queue, gateway
simulator store, catalog cache, logs at DEBUG, audit log — nor in new temp files."""
from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

from kiosk.logging_setup import setup_logging
from kiosk.session import Step
from privacy_scan import scan
from tests.test_ui_flows import click_text, submit_beijing_card_replacement, wait_step


def test_no_personal_data_on_disk_after_transactions(qtbot, make_kiosk, tmp_path, monkeypatch):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    app = make_kiosk()
    data_dir = Path(app.cfg.kiosk.data_dir)
    log_path = setup_logging(data_dir, "DEBUG")
    root = logging.getLogger()
    try:
        card = json.loads(open(app.cfg.devices.id_reader.card, encoding="utf-8").read())
        # Face check + a photographed material + rating, online.
        submit_beijing_card_replacement(qtbot, app)
        click_text(qtbot, app.result, "完成")
        click_text(qtbot, app.rating, "满意")
        click_text(qtbot, app.rating, "提交评价")
        wait_step(qtbot, app, Step.ATTRACT)
        qtbot.waitUntil(lambda: app.s.outbox.status()["counts"]["delivered"] >= 2, timeout=15000)
        assert log_path.stat().st_size > 0          # the logs were really written
    finally:
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
    secrets = [card["name"], card["id_number"], card["address"]]
    assert scan(data_dir, secrets) == []
    assert scan(private_tmp, secrets) == []
    assert not any(p.suffix.lower() in (".jpg", ".jpeg", ".png") for p in data_dir.rglob("*"))


def test_the_scan_finds_planted_data_in_each_encoding(tmp_path):
    for i, enc in enumerate(("utf-8", "gbk", "utf-16-le", "utf-16-be")):
        (tmp_path / f"f{i}").write_bytes(b"xx" + "李明华".encode(enc) + b"yy")
    assert len(scan(tmp_path, ["李明华"])) == 4


def test_log_files_mask_anything_shaped_like_an_id_number(tmp_path):
    path = setup_logging(tmp_path, "INFO")
    root = logging.getLogger()
    try:
        logging.getLogger("kiosk.test").info("card 230102198506151234 and 11010519491231002x read")
    finally:
        for h in list(root.handlers):
            if getattr(h, "_kiosk", False):
                root.removeHandler(h)
                h.close()
    text = path.read_text(encoding="utf-8")
    assert "230102198506151234" not in text and "2301**********1234" in text
    assert "11010519491231002x" not in text and "1101**********002x" in text
