"""The resident's transaction as a flow: its screens, their wiring, and the steps
from the home screen to the review. Identity and face are in identity.py; the
commit, receipt and rating in submit.py."""
from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk import viewmodels as vm
from kiosk.flows.base import Flow
from kiosk.flows.resident.identity import IdentitySteps
from kiosk.flows.resident.submit import SubmitSteps
from kiosk.session import Refused, Step, Transaction
from kiosk.voice import Coach

TITLES = {Step.HOME: "请选择办理事项", Step.ITEM: "办事指南", Step.IDENTITY: "验证身份",
          Step.FACE: "人脸核验", Step.FORM: "填写信息", Step.MATERIALS: "拍摄材料",
          Step.REVIEW: "核对并提交", Step.COMMIT: "正在提交", Step.RESULT: "已受理",
          Step.RATING: "服务评价"}

SCREEN_OF_STEP = {Step.HOME: "home", Step.ITEM: "guide", Step.IDENTITY: "identity", Step.FACE: "face",
                  Step.FORM: "form", Step.MATERIALS: "materials", Step.REVIEW: "review",
                  Step.COMMIT: "submitting", Step.RESULT: "result", Step.RATING: "rating"}

# Steps where 返回 goes one step back (never back past the commit).
BACK_STEPS = (Step.ITEM, Step.IDENTITY, Step.FACE, Step.FORM, Step.MATERIALS, Step.REVIEW)


class ResidentFlow(IdentitySteps, SubmitSteps, Flow):
    name = "resident"
    SCREENS = [("home", "screens.home", "HomeScreen"), ("guide", "screens.item_guide", "ItemGuideScreen"),
               ("identity", "screens.identity", "IdentityScreen"),
               ("face", "screens.face_check", "FaceCheckScreen"), ("form", "screens.form", "FormScreen"),
               ("materials", "screens.materials", "MaterialsScreen"),
               ("review", "screens.review", "ReviewScreen"),
               ("submitting", "screens.submitting", "SubmittingScreen"),
               ("result", "screens.result", "ResultScreen"), ("rating", "screens.rating", "RatingScreen")]

    _print_request = Signal(object)      # → the receipt printer's thread

    def __init__(self, ctx):
        super().__init__(ctx)
        self.tx = Transaction()
        self.face_coach = Coach()            # which face-check prompts are said aloud

    def wire(self) -> None:
        """The transaction's diagram: each screen's intents, in the order a resident meets them."""
        self.home.search_changed.connect(self.on_search)
        self.home.category_chosen.connect(self.on_category)
        self.home.item_chosen.connect(self.on_item_chosen)
        self.home.progress_requested.connect(lambda: self.ctx.start_flow("progress"))
        self.guide.proceed.connect(self.on_proceed)
        self.identity.method_chosen.connect(self.on_identity_method)
        self.face.retry_requested.connect(self.start_face_check)
        self.face.staff_help_requested.connect(self.ctx.call_staff)
        self.face.continue_requested.connect(self.after_face)
        self.form.submitted.connect(self.on_form_submitted)
        self.materials.capture_requested.connect(self.on_capture)
        self.materials.retake_requested.connect(self.on_retake)
        self.materials.done.connect(self.on_materials_done)
        self.review.confirmed.connect(self.on_confirmed)
        self.result.done.connect(self.on_result_done)
        self.rating.rated.connect(self.on_rated)
        self.rating.skipped.connect(self.ctx.end_session)
        hub = self.ctx.hub
        hub.card_read.connect(self.on_card_read)
        hub.card_error.connect(self.on_card_error)
        hub.status_changed.connect(self.on_device_status)
        self.ctx.online_changed.connect(self.on_online_changed)

    def attach(self) -> None:
        printer = self.ctx.hub.worker("printer")
        if printer is not None:
            self._print_request.connect(printer.print_receipt)
            printer.printed.connect(self._on_printed)

    # -- the shell's interface ---------------------------------------------------
    def start(self) -> None:
        self.tx.start()
        self.on_search("")
        self.home.set_categories(self.services.catalog.categories())
        self.show_step(Step.HOME)

    def wipe(self) -> None:
        self.tx.wipe()

    def where(self) -> str:
        return self.tx.step.value

    def back(self) -> bool:
        before = self.tx.step
        step = self.tx.back()
        if step == before:
            return True
        if before in (Step.IDENTITY, Step.FACE):
            self.ctx.hub.watch_cards(False)
            self.ctx.camera.stop()
        if step == Step.IDENTITY:
            self.enter_identity()
        else:
            self.show_step(step)
        return True

    # -- helpers ---------------------------------------------------------------
    @property
    def services(self):
        return self.ctx.services

    def show_step(self, step: Step) -> None:
        self.ctx.nav.show(getattr(self, SCREEN_OF_STEP[step]), TITLES.get(step, ""),
                          back=step in BACK_STEPS)

    # -- home and guide ----------------------------------------------------------
    def on_search(self, query: str) -> None:
        catalog = self.services.catalog
        items = catalog.search(query) if query.strip() else catalog.items()
        self.home.set_items([vm.item_row(i, self.ctx.online) for i in items])

    def on_category(self, category: str) -> None:
        items = [i for i in self.services.catalog.items() if i.category == category]
        self.home.set_items([vm.item_row(i, self.ctx.online) for i in items])

    def on_item_chosen(self, code: str) -> None:
        item = self.services.catalog.get(code)
        if item is None:
            return
        self.tx.choose_item(item, self.ctx.online)
        self.ctx.metrics.item_chosen(code)
        self.guide.show_item(vm.item_guide(item))
        refused = self.tx.refusal(self.ctx.online)
        self.guide.set_refused(refused.zh if refused else None)
        self.show_step(Step.ITEM)

    def on_proceed(self) -> None:
        try:
            self.tx.proceed(self.ctx.online)
        except Refused as r:
            self.guide.set_refused(r.zh)
            return
        self.enter_identity()

    def on_online_changed(self, online: bool) -> None:
        if self.tx.step == Step.HOME:
            self.on_search("")
        elif self.tx.step == Step.ITEM:
            refused = self.tx.refusal(online)
            self.guide.set_refused(refused.zh if refused else None)

    # -- form and materials --------------------------------------------------------
    def enter_form(self) -> None:
        from kiosk.catalog.forms import prefill
        item = self.tx.session.item
        values = prefill(item, self.tx.session.identity)
        values.update(self.tx.session.form)
        self.form.set_fields(vm.form_fields(item), values)
        self.show_step(Step.FORM)

    def on_form_submitted(self, values: dict) -> None:
        from kiosk.catalog.forms import validate_form
        errors = validate_form(self.tx.session.item, values)
        step = self.tx.form_done(values, errors)
        if errors:
            self.form.show_errors({e.key: e.message_zh for e in errors})
            return
        if step == Step.MATERIALS:
            self.materials.set_materials(vm.materials(self.tx.session.item))
            self.show_step(Step.MATERIALS)
            self.ctx.camera.start("document", self.materials.preview_area(),
                                  on_document=self.on_document_captured)
        else:
            self.enter_review()

    def on_capture(self, key: str) -> None:
        self._pending_material = key
        self.ctx.camera.capture_document()

    _pending_material: str | None = None

    def on_document_captured(self, jpeg: bytes, thumbnail) -> None:
        key = self._pending_material
        if self.tx.step != Step.MATERIALS or key is None:
            return
        self.tx.add_page(key, jpeg)
        self.materials.add_page(key, thumbnail)

    def on_retake(self, key: str, index: int) -> None:
        self.tx.remove_page(key, index)
        self.materials.remove_page(key, index)

    def on_materials_done(self) -> None:
        try:
            self.tx.materials_done()
        except Refused as r:
            self.ctx.fail(r.zh)
            return
        self.ctx.camera.stop()
        self.enter_review()

    def enter_review(self) -> None:
        s = self.tx.session
        self.review.show_summary(vm.review_summary(s.item, s.identity, s.form, s.materials, self.ctx.online))
        self.show_step(Step.REVIEW)
