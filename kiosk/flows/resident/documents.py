"""The resident flow's documents (a part of ResidentFlow): after delivery, the certificates the item
produced are fetched, verified, previewed and printed on the A4 printer; then the receipt.

Verification comes before anything is shown: a refused document is never
previewed; the resident reads a calm message, the reason goes to the log for
staff. The A4 promise follows the printer's state: when CUPS says the queue
cannot print, the preview offers no 打印, only the verification code and where
to print later. Documents live in the session (memory) and in the A4 worker
until the wipe; logs and the receipt name only title and verification code.
"""
from __future__ import annotations

import logging
import time

from kiosk.session import Step
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)

NOT_READY_YET = tr_noop("证明文件将在办结后生成，届时可凭办件编号到政务服务大厅窗口或自助终端打印。")


class DocumentSteps:
    """Needs self._doc_queue, self._doc_outcomes and self.timings (ResidentFlow.__init__)."""
    _verifier_cache = None

    # -- entry from SubmitSteps ----------------------------------------------------
    def wants_documents(self) -> bool:
        s = self.tx.session
        return bool(s.item is not None and s.item.documents and (s.tracking_no or s.receipt_key))

    def verifier(self):
        if self._verifier_cache is None:
            from kiosk.documents import DocumentVerifier
            d = self.ctx.cfg.documents
            self._verifier_cache = DocumentVerifier(d.trust_roots, d.max_bytes)
        return self._verifier_cache

    def fetch_documents(self) -> None:
        from kiosk.documents.fetch import submission_documents
        self.submitting.show_progress(tr_noop("正在获取证明文件，请稍候…"))
        s = self.tx.session
        client = self.services.gateway.client_for(s.item.region)
        ident, verifier = s.tracking_no or s.receipt_key, self.verifier()
        self.timings = {"documents_requested": time.perf_counter()}
        self.ctx.runner.run("network", lambda: submission_documents(client, ident, verifier),
                            self._on_documents, self._on_documents_failed)

    def _on_documents_failed(self, exc: BaseException) -> None:
        log.warning("documents not fetched: %s: %s", type(exc).__name__, getattr(exc, "reason", exc))
        if self.tx.step == Step.RESULT:
            self._doc_queue, self._doc_outcomes = [], {}
            self.document_preview.show_notice(tr_noop("证明文件"), NOT_READY_YET)
            self.ctx.nav.show(self.document_preview, "证明打印", back=False)

    def _on_documents(self, fetched) -> None:
        if self.tx.step != Step.RESULT:
            return
        self.timings.update(gateway_s=fetched.seconds_gateway, verify_s=fetched.seconds_verify)
        s = self.tx.session
        s.documents[:] = fetched.documents
        self._doc_queue = list(fetched.documents)
        self._doc_outcomes = {}
        for listing, refusal in fetched.refused:
            log.warning("document %s refused for staff: %s / %s", listing.get("title", ""), refusal, refusal.zh)
        if fetched.refused and not fetched.documents:
            from kiosk.documents import RESIDENT_MESSAGE
            self.document_preview.show_notice(fetched.refused[0][0].get("title") or tr_noop("证明文件"), RESIDENT_MESSAGE)
            self.ctx.nav.show(self.document_preview, "证明打印", back=False)
            return
        if not fetched.documents:
            self.document_preview.show_notice(tr_noop("证明文件"), NOT_READY_YET)
            self.ctx.nav.show(self.document_preview, "证明打印", back=False)
            return
        self._show_next_document()

    # -- preview and A4 ---------------------------------------------------------------
    def _a4(self):
        return self.ctx.hub.worker("document_printer")

    def _a4_printable(self) -> tuple[bool, str]:
        worker = self._a4()
        if worker is None:
            return False, tr_noop("本机未配置 A4 打印机")
        st = worker.last_status
        if st is None:
            return False, tr_noop("A4 打印机状态未知")
        return st.printable, st.reason_zh

    def _show_next_document(self) -> None:
        if not self._doc_queue:
            self.finish_documents()
            return
        doc = self._doc_queue[0]
        can, why = self._a4_printable()
        t = time.perf_counter()
        self.document_preview.show_document({"id": doc.id, "title": doc.title, "pages": doc.pages,
                                             "verification_code": doc.verification_code}, doc.data, can, why)
        self.timings["render_s"] = self.timings.get("render_s", 0.0) + time.perf_counter() - t
        log.info("document ready: %s", doc.label)
        self.ctx.nav.show(self.document_preview, "证明打印", back=False)

    def on_document_print(self, doc_id: str) -> None:
        doc = next((d for d in self.tx.session.documents if d.id == doc_id), None)
        if doc is None or self._a4() is None:
            return
        self.document_preview.set_printing()
        self.timings["print_sent"] = time.perf_counter()
        self._doc_print_request.emit(doc)

    def _on_document_printed(self, outcome: dict) -> None:
        if self.tx.step != Step.RESULT or not self._doc_queue or outcome.get("doc_id") != self._doc_queue[0].id:
            return
        self.timings["print_s"] = time.perf_counter() - self.timings.get("print_sent", time.perf_counter())
        self._doc_outcomes[outcome["doc_id"]] = outcome
        self.document_preview.show_outcome(outcome)

    def on_document_done(self, doc_id: str) -> None:
        if self._doc_queue and self._doc_queue[0].id == doc_id:
            self._doc_queue.pop(0)
        self._show_next_document()

    def finish_documents(self) -> None:
        """Every document seen: on to the receipt, as without documents."""
        self._doc_queue = []
        self.print_receipt()

    def document_labels(self) -> list[str]:
        """For the receipt: title and verification code only, printed here or not."""
        out = []
        for d in self.tx.session.documents:
            printed = self._doc_outcomes.get(d.id, {}).get("ok")
            out.append(f"{d.label}{'已打印' if printed else '未打印，可凭验证码打印'}")
        return out
