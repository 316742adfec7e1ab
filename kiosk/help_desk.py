"""Help for residents: 呼叫工作人员, the failure page, the crash page.

A staff call reaches the hall's platform through the heartbeat; the resident
waits on a calm page (the idle wipe paused) and returns to exactly where
they were. A failure or a crash has one way out: home.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from screens.i18n_marks import tr_noop

log = logging.getLogger(__name__)


class HelpDesk(QObject):
    def __init__(self, shell):
        super().__init__(shell)
        self._shell = shell
        self.before_staff_call = None     # navigator.Shown while the staff-call page is up

    def call_staff(self) -> None:
        shell, nav = self._shell, self._shell.nav
        error = shell.error
        if nav.current() is not error:
            self.before_staff_call = nav.shown
        step = shell.where()
        log.info("resident asked for staff help at step %s", step)
        shell.metrics.staff_called(step)
        if shell.s is not None:
            outbox = shell.s.outbox
            shell.runner.run("outbox", lambda: outbox.call_staff(step), None,
                             lambda exc: log.warning("staff call not queued: %s", type(exc).__name__))
        error.show_staff_called()
        nav.show(error, "呼叫工作人员", idle=False)    # no wipe while staff come

    def answered(self) -> None:
        """Staff came and dealt with it (工作人员核验): the call is over for the hall's platform."""
        self.before_staff_call = None
        shell = self._shell
        if shell.s is not None:
            outbox = shell.s.outbox
            shell.runner.run("outbox", outbox.clear_staff_call, None,
                             lambda exc: log.warning("staff call not cleared: %s", type(exc).__name__))

    def done(self) -> None:
        """The page's button: after a staff call, back to the same screen; otherwise home."""
        before, self.before_staff_call = self.before_staff_call, None
        if before is None:
            self._shell.end_session()
        else:
            self._shell.nav.show_again(before)

    def fail(self, message: str, **args) -> None:
        """`message`: a source text for the resident (translated on the page)."""
        self.before_staff_call = None       # its button goes home, not back
        self._shell.error.show_error(message, **args)
        self._shell.nav.show(self._shell.error, "暂时无法办理")

    def crashed(self, exc: BaseException) -> None:
        QTimer.singleShot(0, self._recover)   # deferred: never re-enter the code that just failed

    def _recover(self) -> None:
        try:
            self._shell.end_session()
        finally:
            self.fail(tr_noop("暂时无法办理，请联系工作人员。"))
