"""Privacy: after submissions with a known ID number and name (queued, delivered, with a photo),
neither appears in the outbox database, its WAL, the attachments or the logs — searched as raw
bytes in UTF-8, GBK and UTF-16 — nor in `kiosk queue list/status` output."""
from __future__ import annotations

import base64
import json
import logging
from pathlib import Path

import pytest

from drivers.identity import IdentityRecord
from kiosk.catalog.forms import prefill
from kiosk.catalog.store import load_catalog
from kiosk.cli.main import main
from kiosk.config import load_config
from kiosk.gateway.client import GatewayRouter
from kiosk.gateway_sim import GatewaySim
from kiosk.outbox_service import OutboxService
from kiosk.submission import applicant_group, build_submission
from privacy_scan import scan
from outbox_helpers import FIELDS, ID_NUMBER, ITEM, ITEM_WITH_PHOTO, NAME, RESIDENT_CARD, write_config

def _jpeg_with_comment(comment: bytes) -> bytes:
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 170, 150)).save(buf, "JPEG", comment=comment)
    assert comment in buf.getvalue()
    return buf.getvalue()


def _scan(folder: Path) -> list[str]:
    return scan(folder, [ID_NUMBER, NAME])


@pytest.mark.slow
def test_no_id_number_or_name_on_disk_or_in_logs(tmp_path, capsys):
    sim = GatewaySim(data_dir=tmp_path / "gw")
    sim.start()
    log_file = tmp_path / "kiosk" / "var" / "logs" / "test.log"
    log_file.parent.mkdir(parents=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    svc = router = None
    try:
        cfg_path = write_config(tmp_path / "kiosk", sim.url)
        cfg = load_config(cfg_path)
        var = Path(cfg.kiosk.data_dir)
        fields = [a for k, v in FIELDS.items() for a in ("--field", f"{k}={v}")]
        # 1. offline: queued by `kiosk submit`
        sim.set_offline(True)
        for _ in range(2):
            assert main(["submit", ITEM, "--config", str(cfg_path), "--wait", "0.2", *fields]) == 0
        # 2. the touch-screen path, with a photo whose bytes carry the name, WAL still open
        identity = IdentityRecord.from_dict(json.loads(RESIDENT_CARD.read_text(encoding="utf-8")))
        item = load_catalog(cfg).get(ITEM_WITH_PHOTO)
        photo = _jpeg_with_comment(NAME.encode("utf-8") + ID_NUMBER.encode())   # a real photo, the name inside
        form = {**prefill(item, identity), "phone": "13800138000", "reason": "遗失补办", "pickup": "窗口领取"}
        body = build_submission(cfg, item, identity, form,
                                [{"key": "photo", "content_type": "image/jpeg", "data": photo}])
        assert base64.b64decode(body["materials"][0]["data_b64"]) == photo
        router = GatewayRouter(cfg)
        svc = OutboxService(cfg, router)
        lid = svc.submit(body, applicant_group(identity, cfg))
        wal = var / "queue" / "outbox.db-wal"
        assert wal.exists() and wal.stat().st_size > 0
        assert _scan(var) == []
        # 3. back online: everything delivered, payloads erased
        sim.set_offline(False)
        assert main(["queue", "sync", "--until-empty", "--timeout", "30", "--config", str(cfg_path)]) == 0
        assert svc.outbox.get(lid)["state"] == "delivered"
        assert main(["queue", "list", "--json", "--config", str(cfg_path)]) == 0
        assert main(["queue", "status", "--json", "--config", str(cfg_path)]) == 0
        handler.flush()
        assert log_file.stat().st_size > 0          # the logs were really written
        assert _scan(var) == []
        out = capsys.readouterr()
        for secret in (ID_NUMBER, NAME):
            assert secret not in out.out and secret not in out.err
    finally:
        if svc:
            svc.close()
        if router:
            router.close()
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
        sim.stop()
