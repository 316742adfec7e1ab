"""The resident's transaction as a flow: its screens, their wiring, and the steps
from the home screen to the review. Identity and face are in identity.py; the
commit, receipt and rating in submit.py; the welcome page's content and the
redrawing in another language in welcome.py."""
from __future__ import annotations

import logging

from PySide6.QtCore import Signal

from kiosk import viewmodels as vm
from kiosk.flows.base import Flow
from kiosk.flows.resident.documents import DocumentSteps
from kiosk.flows.resident.face_consent import FaceConsentSteps
from kiosk.flows.resident.identity import IdentitySteps
from kiosk.flows.resident.licenses import LicenseSteps
from kiosk.flows.resident.recommend import RecommendSteps
from kiosk.flows.resident.scene import SceneSteps
from kiosk.flows.resident.staff_verify import StaffVerifySteps
from kiosk.flows.resident.submit import SubmitSteps
from kiosk.flows.resident.welcome import WelcomeAndLanguage
from kiosk.privacy import mask_id
from kiosk.session import Refused, Step, Transaction
from kiosk.voice import Coach
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)

TITLES = {Step.HOME: "请选择办理事项", Step.ITEM: "办事指南", Step.IDENTITY: "验证身份",
          Step.FACE: "人脸核验", Step.FORM: "填写信息", Step.MATERIALS: "拍摄材料",
          Step.REVIEW: "核对并提交", Step.COMMIT: "正在提交", Step.RESULT: "已受理",
          Step.RATING: "服务评价"}

SCREEN_OF_STEP = {Step.HOME: "home", Step.ITEM: "guide", Step.IDENTITY: "identity", Step.FACE: "face",
                  Step.FORM: "form", Step.MATERIALS: "materials", Step.REVIEW: "review",
                  Step.COMMIT: "submitting", Step.RESULT: "result", Step.RATING: "rating"}

# Steps where 返回 goes one step back (never back past the commit).
BACK_STEPS = (Step.ITEM, Step.IDENTITY, Step.FACE, Step.FORM, Step.MATERIALS, Step.REVIEW)
# Steps where 首页 would abandon something the resident has started (it asks first).
STARTED_STEPS = (Step.IDENTITY, Step.FACE, Step.FORM, Step.MATERIALS, Step.REVIEW)

# The step indicator: (its label, the transaction steps it covers).
INDICATOR = [(tr_noop("选择事项"), (Step.HOME, Step.ITEM)), (tr_noop("验证身份"), (Step.IDENTITY, Step.FACE)),
             (tr_noop("填写信息"), (Step.FORM,)), (tr_noop("上传材料"), (Step.MATERIALS,)),
             (tr_noop("核对提交"), (Step.REVIEW,)), (tr_noop("完成"), (Step.COMMIT, Step.RESULT, Step.RATING))]


class ResidentFlow(SceneSteps, RecommendSteps, FaceConsentSteps, StaffVerifySteps, IdentitySteps, SubmitSteps,
                   DocumentSteps, LicenseSteps, WelcomeAndLanguage, Flow):
    name = "resident"
    INDICATOR = INDICATOR
    SCREENS = [("home", "screens.home", "HomeScreen"), ("guide", "screens.item_guide", "ItemGuideScreen"),
               ("identity", "screens.identity", "IdentityScreen"),
               ("face", "screens.face_check", "FaceCheckScreen"), ("form", "screens.form", "FormScreen"),
               ("face_consent", "screens.face_consent", "FaceConsentScreen"),
               ("staff_pin", "screens.staff_verify", "StaffPinScreen"),      # StaffVerifySteps
               ("materials", "screens.materials", "MaterialsScreen"),
               ("review", "screens.review", "ReviewScreen"),
               ("submitting", "screens.submitting", "SubmittingScreen"),
               ("result", "screens.result", "ResultScreen"), ("rating", "screens.rating", "RatingScreen"),
               ("document_preview", "screens.document_preview", "DocumentPreviewScreen")] + RecommendSteps.SCREENS

    _print_request = Signal(object)      # → the receipt printer's thread
    _doc_print_request = Signal(object)  # VerifiedDocument → the A4 printer's thread
    _doc_forget = Signal()               # the wipe → the A4 printer's thread

    def __init__(self, ctx):
        super().__init__(ctx)
        self.tx = Transaction()
        self.face_coach = Coach()            # which face-check prompts are said aloud
        self._indicator = INDICATOR
        self._doc_queue, self._doc_outcomes, self.timings = [], {}, {}   # DocumentSteps
        self._licenses_found = {}                                        # LicenseSteps

    def wire(self) -> None:
        """The transaction's diagram: each screen's intents, in the order a resident meets them."""
        self.home.search_changed.connect(self.on_search)
        self.home.category_chosen.connect(self.on_category)
        self.home.item_chosen.connect(self.on_item_chosen)
        self.home.progress_requested.connect(lambda: self.ctx.start_flow("progress"))
        self.guide.proceed.connect(self.on_proceed)
        self.guide.scene_item_toggled.connect(self.on_scene_item_toggled)
        self.identity.method_chosen.connect(self.on_identity_method)
        self.wire_face()                     # FaceConsentSteps: the consent, the camera, the other ways
        self.form.submitted.connect(self.on_form_submitted)
        self.materials.capture_requested.connect(self.on_capture)
        self.materials.retake_requested.connect(self.on_retake)
        self.materials.done.connect(self.on_materials_done)
        self.review.confirmed.connect(self.on_confirmed)
        self.result.done.connect(self.on_result_done)
        self.rating.rated.connect(self.on_rated)
        self.rating.skipped.connect(self.ctx.end_session)
        self._wire_keyboards()
        self.document_preview.print_requested.connect(self.on_document_print)
        self.document_preview.skipped.connect(self.on_document_done)
        self.materials.license_requested.connect(self.on_license_requested)
        self.materials.license_consent.connect(self.on_license_consent)
        self.materials.license_chosen.connect(self.on_license_chosen)
        self.wire_recommendations()
        hub = self.ctx.hub
        hub.card_read.connect(self.on_card_read)
        hub.card_error.connect(self.on_card_error)
        hub.status_changed.connect(self.on_device_status)
        self.ctx.online_changed.connect(self.on_online_changed)

    def _wire_keyboards(self) -> None:
        """Chinese free text (户籍地址, 邮寄地址, 意见或建议): the pinyin keyboard, no GPL module.
        Its dictionary is built the first time a resident touches a text field, off the UI thread."""
        from screens.pinyin_keyboard import PinyinKeyboard
        self.keyboards = [PinyinKeyboard(), PinyinKeyboard()]
        self.form.set_text_keyboard(self.keyboards[0])
        self.rating.set_text_keyboard(self.keyboards[1])
        self.form.text_input_requested.connect(self._want_pinyin)
        self.form.typing.connect(self.ctx.nav.set_typing)
        self.rating.typing.connect(self.ctx.nav.set_typing)
        self.rating.comment_input_requested.connect(self._want_pinyin)

    _pinyin_asked = _pinyin_ready = False

    def _want_pinyin(self, _field) -> None:
        if not self._pinyin_asked:
            self._pinyin_asked = True
            from kiosk.ime import shared_engine
            self.ctx.runner.run("misc", shared_engine, self._pinyin_arrived,
                                lambda exc: log.warning("pinyin input unavailable: %s: %s", type(exc).__name__, exc))

    def _pinyin_arrived(self, engine) -> None:
        self._pinyin_ready = True
        for kb in self.keyboards:
            kb.set_candidates_source(engine)

    def attach(self) -> None:
        printer = self.ctx.hub.worker("printer")
        if printer is not None:
            self._print_request.connect(printer.print_receipt)
            printer.printed.connect(self._on_printed)
        self.fill_welcome()
        a4 = self.ctx.hub.worker("document_printer")
        if a4 is not None:
            self._doc_print_request.connect(a4.print_document)
            self._doc_forget.connect(a4.forget_documents)
            a4.printed.connect(self._on_document_printed)

    # -- the shell's interface ---------------------------------------------------
    def start(self, at: str | None = None) -> None:
        self.tx.start()
        self._indicator = INDICATOR
        self.home.set_categories(self.categories())
        self.on_search("")
        self.show_step(Step.HOME)
        if at:                       # a frequent item on the welcome page: straight to its guide
            self.on_item_chosen(at)

    def wipe(self) -> None:
        self.tx.wipe()
        self._pinyin_asked = self._pinyin_ready     # a build the wipe forgot is asked for again
        self._pending_material = None
        self._printed = None
        self._doc_queue, self._doc_outcomes = [], {}
        self._doc_forget.emit()              # the A4 worker drops its copies too
        self._licenses_found = {}
        self.wipe_recommendations()

    def where(self) -> str:
        return self.tx.step.value

    def started(self) -> bool:
        return self.tx.step in STARTED_STEPS

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

    @property
    def lang(self) -> str:
        return self.ctx.prefs.lang

    def show_step(self, step: Step, screen=None) -> None:
        position = next(i for i, (_, steps) in enumerate(self._indicator) if step in steps)
        self.ctx.steps.set_steps([label for label, _ in self._indicator])
        self.ctx.nav.show(screen or getattr(self, SCREEN_OF_STEP[step]), TITLES.get(step, ""),
                          back=step in BACK_STEPS, step=position, home=step != Step.HOME)

    # -- home and guide ----------------------------------------------------------
    def on_item_chosen(self, code: str) -> None:           # (search and categories: scene.py)
        item = self.services.catalog.get(code)
        if item is None:
            if self.services.catalog.scene(code) is not None:
                self.on_scene_chosen(code)
            return
        self.tx.choose_item(item, self.ctx.online)
        self.ctx.metrics.item_chosen(code)
        # The indicator names only the steps this item has (no 上传材料 without materials).
        self._indicator = [(label, steps) for label, steps in INDICATOR
                           if Step.MATERIALS not in steps or item.materials]
        self.guide.show_item(vm.item_guide(item, lang=self.lang))
        self._show_refusal(self.ctx.online)
        self.show_step(Step.ITEM)

    def _show_refusal(self, online: bool) -> None:
        refused = self.tx.refusal(online)
        self.guide.set_refused(refused.zh if refused else None)

    def on_proceed(self) -> None:
        try:
            self.tx.proceed(self.ctx.online)
        except Refused as r:
            self.guide.set_refused(r.zh)
            return
        self.enter_identity()

    def on_online_changed(self, online: bool) -> None:
        if self.tx.step == Step.HOME:
            self.on_search(self.home.search_edit.text())
        elif self.tx.step == Step.ITEM:
            self._show_refusal(online)

    # -- form and materials --------------------------------------------------------
    def enter_form(self) -> None:
        from kiosk.catalog.forms import prefill
        self.fill_form(prefill(self.tx.session.item, self.tx.session.identity) | self.tx.session.form)
        self.show_step(Step.FORM)

    def fill_form(self, values: dict) -> None:
        item, identity = self.tx.session.item, self.tx.session.identity
        # Outside the review (the moment of confirmation) the ID number is shown masked.
        display = {f.key: mask_id(str(values.get(f.key, ""))) for f in item.fields
                   if f.prefill == "id_number" and values.get(f.key) and identity is not None}
        self.form.set_fields(vm.form_fields(item, lang=self.lang), values, display)

    def on_form_submitted(self, values: dict) -> None:
        from kiosk.catalog.forms import validate_form
        errors = validate_form(self.tx.session.item, values)
        step = self.tx.form_done(values, errors)
        if errors:
            self.form.show_errors({e.key: e.message(self.lang) for e in errors})
            return
        if step == Step.MATERIALS:
            self.materials.set_materials(vm.materials(self.tx.session.item, lang=self.lang))
            for key, lic in self.tx.session.licenses.items():     # chosen before a step back
                self.materials.set_license_used(key, tr_noop("已使用电子证照：{kind}（{number}）"),
                                                kind=lic.kind, number=lic.number_masked)
            self.show_step(Step.MATERIALS)
            self.ctx.camera.start("document", self.materials.preview_area(),
                                  on_document=self.on_document_captured,
                                  on_document_rejected=self.on_document_rejected)
        else:
            self.enter_review()

    def on_capture(self, key: str) -> None:
        self._pending_material = key
        self.ctx.camera.capture_document()

    _pending_material: str | None = None
    _printed: dict | None = None

    def on_document_captured(self, jpeg: bytes, thumbnail) -> None:
        key = self._pending_material
        if self.tx.step != Step.MATERIALS or key is None:
            return
        self.tx.add_page(key, jpeg)
        self.materials.add_page(key, thumbnail)

    def on_document_rejected(self, code: str) -> None:
        """The camera saw a face and no page: a portrait is not a material (not kept)."""
        key = self._pending_material
        if self.tx.step == Step.MATERIALS and key is not None:
            self.materials.refuse_page(key, tr_noop("这张照片里是人像，不是材料。请把材料平放在拍摄区再拍。"))
            self.ctx.say(self.materials.rows[key].refused_label.text())

    def on_retake(self, key: str, index: int) -> None:
        self.tx.remove_page(key, index)
        self.materials.remove_page(key, index)

    def on_materials_done(self) -> None:
        try:
            self.tx.materials_done()
        except Refused as r:
            self.ctx.fail(r.zh, **r.params)
            return
        self.ctx.camera.stop()
        self.enter_review()

    def enter_review(self) -> None:
        s = self.tx.session
        summary = vm.review_summary(s.item, s.identity, s.form, s.materials, self.ctx.online, s.licenses,
                                    lang=self.lang)
        summary["scene_items"] = [vm.text(i, "name", self.lang) for i in s.scene_items]   # 一件事: every item
        self.review.show_summary(summary)
        self.show_step(Step.REVIEW)
