"""The face's own consent before the camera opens, and the other ways in (a part of ResidentFlow).

PIPL art. 29 and the 人脸识别技术应用安全管理办法: a separate consent after saying why,
and face recognition never the only way. 同意 opens the camera; 不同意 is kept for the
visit (never asked again) and offers what the item allows instead: the provincial
app's identity code (back to the identity step, the same person as the card) or
请工作人员核验 (the staff call, which holds the session at this step). The answer,
its time and the wording's version go with the submission; no image ever does.
"""
from __future__ import annotations

import datetime as dt
import logging

from kiosk.session import Step
from screens.face_consent import CONSENT_VERSION

log = logging.getLogger(__name__)


class FaceConsentSteps:
    def wire_face(self) -> None:
        self.face.retry_requested.connect(self.start_face_check)
        self.face.staff_help_requested.connect(self.on_face_staff_help)
        self.face.continue_requested.connect(self.after_face)
        self.face_consent.agreed.connect(lambda: self.on_face_consent(True))
        self.face_consent.refused.connect(lambda: self.on_face_consent(False))
        self.face_consent.instead.connect(self.on_face_instead)
        self.wire_staff_verify()             # StaffVerifySteps: 工作人员核验 after 请工作人员核验

    def start_face_check(self) -> None:
        """The camera opens only after 同意; otherwise the question (or, refused before, the other ways)."""
        consent = self.tx.session.face_consent
        if consent is not None and consent["agreed"]:
            super().start_face_check()
            return
        item = self.tx.session.item
        name = item.name_en if self.lang == "en" and item.name_en else item.name
        self.face_consent.ask(name, item.face_alternatives)
        if self.tx.face_refused():
            self.face_consent.show_other_ways()
            self.offer_staff_verify()      # StaffVerifySteps: asked for staff before, their control
        self.show_step(Step.FACE, screen=self.face_consent)

    def on_face_consent(self, agreed: bool) -> None:
        if self.tx.step != Step.FACE:
            return
        at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        self.tx.face_consent_given(agreed, at, CONSENT_VERSION)
        log.info("face consent %s (wording %s)", "given" if agreed else "refused", CONSENT_VERSION)
        if agreed:
            self.start_face_check()
        else:
            self.face_consent.show_other_ways()
            self.ctx.say(self.face_consent.spoken_hint())

    def on_face_instead(self, way: str) -> None:
        if self.tx.step != Step.FACE:
            return
        self.tx.face_instead(way)
        if way == "app_qr":
            self.enter_identity()
            self.on_identity_method("app_qr")
        else:
            self.ctx.call_staff()      # the staff-call page; its 好的 returns to this step
            self.offer_staff_verify()  # StaffVerifySteps: on it, the staff's 工作人员核验通过

    def on_face_staff_help(self) -> None:
        """The face screen's 请工作人员协助核验 (不刷脸; before a check or after one failed): the
        staff way, as after 不同意: the visit held at this step, the staff's 工作人员核验 offered;
        the camera can still be tried again."""
        s = self.tx.session
        if self.tx.step == Step.FACE and s.face_way is None and "staff" in s.item.face_alternatives:
            self.tx.face_instead("staff")
        self.ctx.call_staff()
        self.offer_staff_verify()      # StaffVerifySteps: only while the visit waits for staff

    def consents(self) -> dict | None:
        """What the submission carries about the face: the answer, when, the wording; never an image."""
        s = self.tx.session
        if s.face_consent is None:
            return None
        verified = "face" if s.face_checked else s.face_way or "none"
        return {"face": dict(s.face_consent, verified_by=verified)}
