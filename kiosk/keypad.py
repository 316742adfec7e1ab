"""The keypad path: a whole transaction with a USB numeric keypad, the hall's 密码键盘 or any
keyboard, for a resident who cannot see or reach the screen (VVSG 2.0's audio-tactile path).

    ↑ ← 8 4   the previous control      ↓ → 2 6 Tab   the next control
    5 Enter   activate it               0             repeat the screen's instruction
    + −       volume up / down          * /           speech faster / slower

The controls of the screen in front of the resident (an open prompt alone when one is up)
go round in reading order: the screen's content, its action row, the bottom bar, then the
header's tools. Each move draws the focus ring (screens/focus_ring.py) and says the control
(screens/spoken.py). The first key of a visit switches 语音播报 on and reads the screen (on
the welcome page it also starts the visit). On a text field 5/Enter starts typing (the
keys then type) and Enter again ends it. An application-wide event filter: no screen knows
about it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget,
)

from screens.focus_ring import FocusRing
from screens.i18n import tr, tr_noop
from screens.spoken import CONTROLS, describe

K = Qt.Key
PREVIOUS = {K.Key_Up, K.Key_Left, K.Key_8, K.Key_4, K.Key_Backtab}
NEXT = {K.Key_Down, K.Key_Right, K.Key_2, K.Key_6, K.Key_Tab}
ACTIVATE = {K.Key_5, K.Key_Enter, K.Key_Return, K.Key_Space}
REPEAT = {K.Key_0}
VOLUME = {K.Key_Plus: 1, K.Key_Minus: -1, K.Key_Equal: 1}
RATE = {K.Key_Asterisk: 1, K.Key_Slash: -1}
TYPING = tr_noop("请输入，输入完按确认键")
TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit)
HANDLED = PREVIOUS | NEXT | ACTIVATE | REPEAT | set(VOLUME) | set(RATE)


def controls(window: QWidget, header: QWidget, bottom: QWidget) -> list[QWidget]:
    """What the keypad goes round on, in reading order (see the module's text)."""
    overlays = [w for w in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if w.objectName() in ("idlePrompt", "confirmPrompt", "languageOffer") and w.isVisible()]
    roots = overlays[-1:] or [window.stack.currentWidget(), bottom, header]
    found: list[QWidget] = []
    for group, root in enumerate(roots):
        if root is None or not root.isVisibleTo(window):
            continue
        actions = getattr(root, "actions_widget", None)
        mine = [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS) and w.isVisibleTo(window)
                and w.isEnabled() and w.width() > 0 and not _in_dock(w)]

        def key(w, actions=actions):
            # A scrolling block (a column of tiles, a list) is read whole, in its own order.
            area = w.parentWidget()
            while area is not None and area is not root and not isinstance(area, QScrollArea):
                area = area.parentWidget()
            block = area if isinstance(area, QScrollArea) else w
            middle = QPoint(0, block.height() // 2)          # a row is read left to right
            at, inner = block.mapTo(window, middle), QPoint(0, 0)
            if block is not w:
                inner = w.mapTo(block.widget(), QPoint(0, w.height() // 2))
            in_actions = actions is not None and actions.isAncestorOf(w)
            return (in_actions, at.y() // 32, at.x(), inner.y() // 32, inner.x())
        found += sorted(mine, key=key)
    return found


def _in_dock(w: QWidget) -> bool:
    while w is not None:
        if w.objectName() == "demoDock":
            return True
        w = w.parentWidget()
    return False


class KeypadNavigator(QObject):
    def __init__(self, tools, window, header, bottom, current_screen):
        super().__init__(tools)
        self.tools, self.window, self.header, self.bottom = tools, window, header, bottom
        self._current = current_screen
        self.ring = FocusRing(window)
        self.typing: QLineEdit | None = None      # a text field the keys type into
        self._screen = None
        self.keys_pressed = 0                     # every key it handled since start (measured in the tests)

    # -- the ring ------------------------------------------------------------------
    @property
    def target(self) -> QWidget | None:
        return self.ring.target

    def focus(self, widget: QWidget | None, speak: bool = True) -> None:
        self.ring.show_on(widget)
        if widget is None:
            return
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(widget, 16, 16)
            self.ring.place()
        if speak:
            self.tools.say(describe(widget))

    def reset(self) -> None:
        """The visit ended (or a new screen): no ring until the next key."""
        self.typing = None
        self.ring.show_on(None)
        self._screen = None

    # -- keys ------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not self.window.isVisible() \
                or QApplication.activeModalWidget() is not None:
            return False
        key = event.key()
        if self.typing is not None:
            if key in (K.Key_Enter, K.Key_Return) or not self.typing.isVisible():
                self._stop_typing()
                return True
            return False                           # the keys type into the field
        if key not in HANDLED or not isinstance(obj, QWidget) or obj.window() is not self.window \
                or isinstance(obj, TEXT_INPUTS):
            return False                           # a field a finger opened: the keys type there
        self.keys_pressed += 1
        self.handle(key)
        return True

    def handle(self, key) -> None:
        current = self._current()
        if current is not None and current.objectName() == "attract":
            current.start_requested.emit()            # the welcome page: any key starts the visit
            self.tools.set_voice(True)
            return
        if not self.tools.prefs.voice and self.tools.speaker.enabled:
            self.tools.set_voice(True)                # the first key: voice on, the screen read
            return
        if current is not self._screen:               # a new screen: start from its top
            self._screen = current
            self.ring.show_on(None)
        if key in PREVIOUS or key in NEXT:
            self.move(-1 if key in PREVIOUS else 1)
        elif key in ACTIVATE:
            self.activate()
        elif key in REPEAT:
            self.tools.say_current()
        elif key in VOLUME:
            self.tools.step_volume(VOLUME[key])
        elif key in RATE:
            self.tools.step_rate(RATE[key])

    def move(self, step: int) -> None:
        found = controls(self.window, self.header, self.bottom)
        if not found:
            return
        if self.target in found:
            i = (found.index(self.target) + step) % len(found)
        else:
            i = 0 if step > 0 else len(found) - 1
        self.focus(found[i])

    def activate(self) -> None:
        target = self.target
        if target is None or not target.isVisibleTo(self.window) or not target.isEnabled():
            self.move(1)
            return
        if isinstance(target, QLineEdit):
            self.typing = target
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tools.say(tr(TYPING))
            return
        screen = self._current()
        if isinstance(target, QAbstractButton):
            target.click()
        if self._current() is screen and target.isVisibleTo(self.window) and isinstance(target, QAbstractButton) \
                and target.isCheckable():
            self.tools.say(describe(target))         # its new state ("已选择，窗口领取")

    def _stop_typing(self) -> None:
        field, self.typing = self.typing, None
        if field is not None:
            field.clearFocus()                     # the keys move the ring again
            if field.isVisible():
                self.focus(field)
