"""工作人员核验 on the kiosk (a part of ResidentFlow): the way on after 不同意 + 请工作人员核验,
or after the camera page's 请工作人员协助核验 (不刷脸, before a check or after one failed).

While the visit is held at the face step for staff, the staff-call page, the face consent's
other ways and the camera page offer a staff-only button. It asks for the hall staff's PIN
([kiosk] staff_pin_hash) on the number pad; kiosk.technician.StaffGate checks it off the UI thread (Argon2id, the
technician's lockout rules, its own lock file) and writes the audit line (no name, no ID number,
no PIN). A right PIN: the step machine records staff verification, the resident reads and hears
that staff confirmed them, and the form follows as after a passed face check; the submission
says `consents.face.verified_by = "staff"`. No staff PIN configured: no button, and the pages
say staff will help at a window.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk.session import Step
from kiosk.technician import StaffGate
from screens.i18n import tr
from screens.staff_verify import AT_WINDOW, PASSED, WRONG_PIN

log = logging.getLogger(__name__)
PASSED_SHOWN_MS = 1500          # long enough to read the line before the form comes


class StaffVerifySteps:
    staff_gate: StaffGate | None = None

    def wire_staff_verify(self) -> None:
        kiosk = self.ctx.cfg.kiosk
        if kiosk.staff_pin_hash:
            self.staff_gate = StaffGate(kiosk.staff_pin_hash, Path(kiosk.data_dir) / "audit.log")
        self.staff_pin.pin_entered.connect(self.on_staff_pin)
        self.staff_pin.cancelled.connect(self.start_face_check)      # back to the other ways
        self.face_consent.staff_verify.requested.connect(self.ask_staff_pin)
        self.face.staff_verify.requested.connect(self.ask_staff_pin)
        self.ctx.screen("error").staff_verify.requested.connect(self.ask_staff_pin)

    def waiting_for_staff(self) -> bool:
        return self.tx.step == Step.FACE and self.tx.session.face_way == "staff"

    def offer_staff_verify(self) -> None:
        """After the staff call (its page) and back on the other ways: the staff's control."""
        if self.waiting_for_staff():
            here = self.staff_gate is not None
            self.ctx.screen("error").staff_verify.offer(here)
            self.face_consent.offer_staff_verify(here)
            self.face.offer_staff_verify(here)          # the camera page, after the call's 好的
            if not here and self.ctx.nav.current() is self.ctx.screen("error"):
                self.ctx.say(tr(AT_WINDOW))        # the page's line, said after its title

    def ask_staff_pin(self) -> None:
        if self.staff_gate is None or not self.waiting_for_staff():
            return
        self.staff_pin.wipe()
        self.ctx.nav.show(self.staff_pin, "工作人员核验", resident=False, home=False)
        gate = self.staff_gate    # the lock file is read on the misc lane, as PIN checks are
        self.ctx.runner.run("misc", gate.lock_remaining_s, self.staff_pin.show_lockout)

    def on_staff_pin(self, pin: str) -> None:
        # Argon2id (~0.3 s) and the fsynced audit line: off the UI thread, on the one misc lane
        # (the technician's PINs are checked there too), so attempts count in order.
        gate = self.staff_gate
        if gate is None:
            return
        self.ctx.runner.run("misc", lambda: (gate.try_pin(pin), gate.lock_remaining_s()), self._on_staff_pin_checked)

    def _on_staff_pin_checked(self, result: tuple[bool, float]) -> None:
        ok, locked_s = result
        if not self.waiting_for_staff():       # the visit ended (idle, 首页) while the PIN was checked
            return
        if not ok:                             # counted by the gate towards its lockout, and audited
            if locked_s > 0:
                self.staff_pin.show_lockout(locked_s)
            else:
                self.staff_pin.show_error(WRONG_PIN)
            return
        self.tx.staff_verified()
        log.info("identity verified by hall staff at the face step (工作人员核验)")
        self.ctx.metrics.face_checked("staff")
        self.ctx.staff_call_answered()
        self.face_consent.staff_verify.withdraw()
        self.staff_pin.show_passed()
        self.ctx.say(tr(PASSED))
        QTimer.singleShot(PASSED_SHOWN_MS, self.after_staff_verified)

    def after_staff_verified(self) -> None:
        if self.tx.step == Step.FORM and self.ctx.nav.current() is self.staff_pin:
            self.after_identity()            # as after a passed face check: 为您推荐? once, then the form
