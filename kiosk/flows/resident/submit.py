"""The resident flow's commit, delivery, receipt, result and rating (a part of ResidentFlow).

COMMIT comes before any network attempt: "已受理" and the receipt only after
the outbox says the entry is durable."""
from __future__ import annotations

import logging

from kiosk import viewmodels as vm
from kiosk.session import Step
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)


class SubmitSteps:
    def on_confirmed(self) -> None:
        from kiosk.submission import applicant_group, build_submission
        self.tx.confirm()
        self.submitting.show_progress(tr_noop("正在保存您的申请，请稍候…"))
        self.show_step(Step.COMMIT)
        s = self.tx.session
        if s.scene is not None:
            self.commit_scene()          # 一件事一次办: linked submissions (scene.py)
            return
        cfg, outbox = self.ctx.cfg, self.services.outbox
        item, identity, form = s.item, s.identity, dict(s.form)
        pages = [{"key": key, "content_type": "image/jpeg", "data": p.jpeg}
                 for key, ps in s.materials.items() for p in ps]
        pages += [lic.reference(key) for key, lic in s.licenses.items()]    # 免证办: no image
        consents = self.consents()                                          # FaceConsentSteps

        def commit():
            body = build_submission(cfg, item, identity, form, pages, consents=consents)
            return outbox.submit(body, applicant_group(identity, cfg))
        self.ctx.runner.run("outbox", commit, self._on_committed, self._on_commit_failed)

    def _on_commit_failed(self, exc: BaseException) -> None:
        log.error("commit failed: %s", type(exc).__name__)
        self.ctx.fail(tr_noop("暂时无法保存您的申请，请联系工作人员。您的信息未提交。"))

    def _on_committed(self, local_id: str) -> None:
        outbox = self.services.outbox
        # The QR on the receipt carries the idempotency key: opaque, and the
        # gateway answers progress queries by it even before a tracking number exists.
        receipt_key = outbox.outbox.idempotency_key(local_id)
        self.tx.committed(local_id, receipt_key)      # durable: now we may say 已受理
        self.ctx.metrics.committed()
        self.submitting.show_progress(tr_noop("申请已保存，正在提交…") if self.ctx.online
                                      else tr_noop("申请已保存在本机，联网后自动提交…"))
        wait_s = self.ctx.cfg.gateway.wait_tracking_s
        self.ctx.runner.run("network", lambda: outbox.wait_delivered(local_id, wait_s),
                            self._on_delivery_wait_over, lambda exc: self._on_delivery_wait_over(None))

    def _on_delivery_wait_over(self, tracking_no: str | None) -> None:
        if self.tx.step != Step.RESULT:
            return
        self.tx.delivered(tracking_no)
        if tracking_no and self.wants_documents():      # DocumentSteps: certificates first
            self.fetch_documents()
            return
        self.print_receipt()

    def print_receipt(self) -> None:
        self.ctx.nav.show(self.submitting, "正在提交", step=len(self._indicator) - 1)
        self.submitting.show_progress(tr_noop("正在打印回执…"))
        if self.ctx.hub.worker("printer") is None:
            self._show_result(None)
            return
        self._print_request.emit(self._receipt_data())

    def _receipt_data(self):
        from kiosk.receipt_session import receipt_data_for
        s = self.tx.session
        return receipt_data_for(self.ctx.cfg, s.item, s.identity, s.local_id, s.tracking_no, s.receipt_key,
                                sum(len(p) for p in s.materials.values()) + len(s.licenses),
                                documents=self.document_labels(),
                                scene_items=[{"name": x["name"], "receipt_no": x["local_no"],
                                              "tracking_no": x["tracking_no"], "needs_staff": x["needs_staff"]}
                                             for x in self.scene_lines()])

    def _on_printed(self, outcome: dict) -> None:
        if self.tx.step == Step.RESULT and self.ctx.nav.current() is self.submitting:
            self._show_result(outcome)

    def _show_result(self, printed: dict | None) -> None:
        s = self.tx.session
        self._printed = printed
        r = vm.result(s.item, s.identity, s.local_id, s.tracking_no, s.receipt_key, printed, lang=self.lang)
        items = [dict(x, name=x["display_name"]) for x in self.scene_lines()]
        self.result.show_result(dict(r, online=self.ctx.online, scene_items=items))
        self.show_step(Step.RESULT)

    def on_result_done(self) -> None:
        self.tx.result_seen()
        self.show_step(Step.RATING)

    def on_rated(self, rating: dict) -> None:
        from kiosk.evaluation import build_evaluation
        from kiosk.submission import applicant_group
        s = self.tx.session
        cfg, outbox = self.ctx.cfg, self.services.outbox
        if s.scene is None:
            bodies = [build_evaluation(cfg, s.item, s.tracking_no or s.receipt_key, rating)]
        else:       # one rating for the visit, given to each item's own 办件 (its number, its region)
            numbers = {x["local_no"]: x["tracking_no"] for x in self.scene_lines()}
            bodies = [build_evaluation(cfg, item, numbers.get(lid) or lid, rating)
                      for item, lid in zip(s.scene_items, s.scene_local_ids)]
        identity = s.identity
        # The group key comes from the key file: read it on the outbox lane, not here.
        self.ctx.runner.run("outbox", lambda: outbox.rate_many(bodies, applicant_group(identity, cfg)), None,
                            lambda exc: log.error("rating not queued: %s", type(exc).__name__))
        # Wiped at once; the thank-you (in the resident's language) holds nothing personal.
        self.ctx.end_session(farewell="bad" if rating["level"] <= 2 else "good")
