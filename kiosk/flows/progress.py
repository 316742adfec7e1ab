"""The progress query (进度查询): by typed number, by the receipt's QR code, or by ID card.

Diagram: home ─► progress ─┬─ typed number ─────────────► gateway ─► progress shown
                           ├─ 扫描回执 ─► camera QR ─────► gateway
                           └─ 刷身份证 ─► card ─► outbox (this kiosk's receipts) ─► gateway
"""
from __future__ import annotations

from kiosk.flows.base import Flow
from screens.i18n_marks import tr_noop


class ProgressFlow(Flow):
    name = "progress"
    SCREENS = [("progress", "screens.progress", "ProgressScreen")]

    def wire(self) -> None:
        self.progress.query.connect(self.on_query)
        self.progress.scan_qr_requested.connect(self.on_scan)
        self.progress.read_card_requested.connect(self.on_read_card)
        self.ctx.hub.card_read.connect(self.on_card_read)

    def start(self, at: str | None = None) -> None:
        self.ctx.nav.show(self.progress, "进度查询")

    def _active(self) -> bool:
        return self.ctx.nav.current() is self.progress

    # -- the three ways in ----------------------------------------------------------
    def on_read_card(self) -> None:
        self.ctx.camera.stop()
        self.progress.show_message(tr_noop("请将身份证放在读卡区"))
        self.ctx.hub.watch_cards(True)

    def on_scan(self) -> None:
        self.ctx.hub.watch_cards(False)
        self.progress.show_scanning(True)
        self.progress.show_message(tr_noop("请把回执上的二维码对准摄像头"))
        self.ctx.camera.start("qr", self.progress.preview_area(), on_qr=self.on_qr)

    def on_qr(self, payload: str) -> None:
        if not self._active():
            return
        self.ctx.camera.stop()
        self.progress.show_scanning(False)
        self.on_query(payload)

    def on_card_read(self, kind: str, record) -> None:
        if not self._active():
            return
        self.ctx.hub.watch_cards(False)
        from kiosk.submission import applicant_group
        cfg, outbox = self.ctx.cfg, self.ctx.services.outbox

        def found(visit: list[dict]) -> None:
            if not visit:
                self.progress.show_message(tr_noop("本机没有查到您的办件记录。"))
            elif visit[-1].get("scene_id"):
                self.on_scene_query(visit)
            else:
                self.on_query(visit[-1]["tracking_no"] or visit[-1]["idempotency_key"])
        # Key file and database reads: on the outbox lane, never on the UI thread.
        self.ctx.runner.run("outbox", lambda: outbox.visit_of(applicant_group(record, cfg)), found,
                            lambda exc: self.progress.show_message(tr_noop("暂时无法查询，请稍后再试。")))

    def on_scene_query(self, visit: list[dict]) -> None:
        """一件事一次办: the newest visit was a scene; each item from its own gateway (the refused one
        from the outbox: it never reached one)."""
        gateway = self.ctx.services.gateway
        self.progress.show_message(tr_noop("正在查询…"))

        def ask() -> list[dict]:
            rows = []
            for v in visit:
                answer = None
                if v["state"] != "needs_staff":
                    try:
                        answer = gateway.progress(v["tracking_no"] or v["idempotency_key"])
                    except Exception:      # not there yet (queued) or the network is down: shown as 待提交
                        answer = None
                rows.append({"item_code": v["item_code"], "number": v["tracking_no"] or v["local_id"],
                             "state": v["state"], "answer": answer})
            return rows

        def show(rows: list[dict]) -> None:
            from kiosk.progress_view import scene_progress_view
            catalog = self.ctx.services.catalog
            self.progress.show_scene(scene_progress_view(catalog.scene(visit[0]["scene_id"]), rows,
                                                         self.ctx.prefs.lang, catalog))
        self.ctx.runner.run("network", ask, show,
                            lambda exc: self.progress.show_message(tr_noop("暂时无法查询，请稍后再试。")))

    # -- the query ------------------------------------------------------------------------
    def on_query(self, ident: str) -> None:
        gateway = self.ctx.services.gateway
        self.progress.show_message(tr_noop("正在查询…"))
        self.ctx.runner.run("network", lambda: gateway.progress(ident), self._on_progress,
                            lambda exc: self.progress.show_message(tr_noop("未查到该办件，或网络暂时不可用。")))

    def _on_progress(self, answer: dict) -> None:
        from kiosk.progress_view import progress_view
        self.progress.show_progress(progress_view(answer, self.ctx.prefs.lang, self.ctx.services.catalog))
