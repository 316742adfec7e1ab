"""The resident flow's identity and face-check steps (a part of ResidentFlow)."""
from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

from drivers.identity import CardType
from kiosk.session import Refused, Step
from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)

# Which identity method on the identity screen each card device serves.
METHOD_OF_DEVICE = {"id_reader": "id_card", "smartcard": "social_card"}
FOREIGN_CARDS = (CardType.FOREIGN_PERMANENT_2017, CardType.FOREIGN_PERMANENT_2023)


class IdentitySteps:
    # -- identity ---------------------------------------------------------------
    def enter_identity(self) -> None:
        methods = self.tx.identity_methods(devices=self.ctx.hub.kinds)   # only configured devices
        if not methods:
            self.ctx.fail(tr_noop("本机暂时无法核验身份，请到窗口办理或呼叫工作人员。"))
            return
        self.identity.set_methods(methods)
        self.identity.show_waiting("id_card" if "id_card" in methods else methods[0])
        for kind, st in self.ctx.hub.statuses.items():
            method = METHOD_OF_DEVICE.get(kind)
            if method:
                self.identity.set_device_state(method, st.ok, st.message_zh)
        self.show_step(Step.IDENTITY)
        self.ctx.hub.watch_cards(True)

    def on_identity_method(self, method: str) -> None:
        self.identity.show_waiting(method)
        if method == "app_qr":
            self.ctx.camera.start("qr", self.identity.preview_widget(), on_qr=self.on_identity_qr)
        else:
            self.ctx.camera.stop()

    def on_card_read(self, kind: str, record) -> None:
        if self.tx.step != Step.IDENTITY:
            return
        self._accept_identity(record)

    def on_identity_qr(self, payload: str) -> None:
        if self.tx.step != Step.IDENTITY:
            return
        from kiosk.identity_qr import parse_app_qr
        try:
            record = parse_app_qr(payload)
        except ValueError:
            self._tell_identity(tr_noop("无法识别此二维码，请出示政务 App 的身份码。"))
            return
        self._accept_identity(record)

    def _accept_identity(self, record) -> None:
        try:
            step = self.tx.identity_presented(record)
        except Refused as r:
            self._tell_identity(r.zh, **r.params)
            return
        self.ctx.hub.watch_cards(False)
        self.ctx.camera.stop()
        if step == Step.FACE:
            self.start_face_check()
        else:
            self.after_identity()            # RecommendSteps: 为您推荐? once, then the form
        if record.card_type in FOREIGN_CARDS and self.lang != "en":
            self.ctx.offer_language("en")          # a foreign permanent resident: English, if wanted

    def _tell_identity(self, text: str, **args) -> None:
        """A refusal or read error on the identity screen (a source text): shown, and spoken if wanted."""
        self.identity.show_message(text, **args)
        self.ctx.say(self.identity.message_label.text())

    def on_card_error(self, kind: str, error) -> None:
        if self.tx.step == Step.IDENTITY:
            self._tell_identity(getattr(error, "zh", "") or tr_noop("读卡失败，请重新放置证件。"))

    def on_device_status(self, kind: str, status) -> None:
        method = METHOD_OF_DEVICE.get(kind)
        if method:
            self.identity.set_device_state(method, status.ok, status.message_zh)

    # -- face check ---------------------------------------------------------------
    def start_face_check(self) -> None:
        self.face.reset()
        self.face_coach.reset()
        self.show_step(Step.FACE)
        self.ctx.camera.start("face", self.face.preview_area(), on_face=self.on_face_captured,
                              on_frame=self._on_frame_analysis)

    def _on_frame_analysis(self, image, analysis: dict) -> None:
        if self.tx.step == Step.FACE and analysis.get("prompt_zh") and self.face.state() == "looking":
            self.face.set_prompt(analysis["prompt_zh"])
            if self.ctx.prefs.voice:
                self.ctx.say(self.face_coach.offer(self.face.message_label.text()) or "")

    def on_face_captured(self, jpeg: bytes, quality: dict) -> None:
        if self.tx.step != Step.FACE:
            return
        self.ctx.camera.stop()
        self.face.show_verifying()
        ident = self.tx.session.identity
        id_number, name = ident.id_number, ident.name
        gateway = self.services.gateway

        holder = [jpeg]   # the only reference, dropped as soon as the call returns

        def verify():
            try:
                return gateway.verify_identity(id_number, name, holder[0])
            finally:
                holder.clear()
        self.ctx.runner.run("network", verify, self._on_face_verified, self._on_face_verify_failed)

    def _on_face_verified(self, answer: dict) -> None:
        self.ctx.metrics.face_checked("match" if answer.get("match") else "mismatch")
        try:
            self.tx.face_result(bool(answer.get("match")))
        except Refused as r:
            self.face.show_result(False, r.zh)
            return
        self.face.show_result(True, tr_noop("核验通过"))
        QTimer.singleShot(800, self.after_face)

    def _on_face_verify_failed(self, exc: BaseException) -> None:
        log.warning("face verification call failed: %s", type(exc).__name__)
        self.ctx.metrics.face_checked("error")
        self.face.show_result(False, tr_noop("暂时无法核验人脸，您可以重试，或请工作人员协助办理。"))

    def after_face(self) -> None:
        if self.tx.step == Step.FORM and self.ctx.nav.current() is self.face:
            self.after_identity()
