"""好差评 (GB/T 39734/39735): five levels, four dimensions, a reason for a 差评, a comment.

A 差评 (不满意 or 非常不满意) asks why, in a few touches: the reason is what
the hall follows up and rectifies, so at least one is needed before sending.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.widgets import BigButton, TileGrid, WrapButton, accessible, make_label

LEVELS = [(5, tr_noop("非常满意")), (4, tr_noop("满意")), (3, tr_noop("基本满意")),
          (2, tr_noop("不满意")), (1, tr_noop("非常不满意"))]
LEVEL_NAMES = dict(LEVELS)
LEVEL_ICONS = {5: "mood-smile", 4: "mood-smile", 3: "thumb-up", 2: "mood-sad", 1: "mood-sad"}
DIMENSIONS = [("overall", tr_noop("整体满意度")), ("efficiency", tr_noop("服务效率")),
              ("quality", tr_noop("服务水平")), ("attitude", tr_noop("服务态度"))]
# The same codes as kiosk.gateway.wire.EVALUATION_REASONS (a test keeps them equal).
REASONS = [("guide_unclear", tr_noop("办事指南不清楚")), ("too_many_materials", tr_noop("材料多或要求反复提交")),
           ("slow", tr_noop("等候或办理时间长")), ("device_hard", tr_noop("自助设备不好用")),
           ("attitude", tr_noop("服务态度不好")), ("other", tr_noop("其他"))]
BAD = (1, 2)


class DimensionRow(QWidget):
    """One dimension, five buttons 5…1; follows the overall level until touched."""

    def __init__(self, key: str, label: str):
        super().__init__()
        self.key = key
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 4, 0, 4)
        col.addWidget(make_label(label, "body"))
        row = QHBoxLayout()
        row.setSpacing(8)
        self.group = QButtonGroup(self)
        for level, name in LEVELS:
            b = BigButton("", "", "level")
            b.set_source("{n}", tr_noop("{dim}：{n}分，{name}"), n=level, dim=tr(label), name=tr(name))
            b.setCheckable(True)
            self.group.addButton(b, level)
            row.addWidget(b)
        col.addLayout(row)

    def set_level(self, level: int) -> None:
        self.group.button(level).setChecked(True)

    def level(self) -> int:
        return self.group.checkedId()

    def clear(self) -> None:
        self.group.setExclusive(False)
        for b in self.group.buttons():
            b.setChecked(False)
        self.group.setExclusive(True)


class RatingScreen(Screen):
    name = "rating"
    title = "服务评价"
    rated = Signal(dict)
    skipped = Signal()
    comment_input_requested = Signal(object)     # the comment field was touched (a keyboard may open)
    typing = Signal(bool)                        # the keyboard opened / closed

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("请您为本次服务评价"))
        levels = TileGrid(min_width=260, max_columns=5)
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[int, BigButton] = {}
        for level, name in LEVELS:
            b = BigButton(name, "评价为" + name, "level", icon=LEVEL_ICONS[level])
            b.set_source(name, tr_noop("评价为{name}"), name=tr(name))
            b.setCheckable(True)
            self.level_group.addButton(b, level)
            self.level_buttons[level] = b
            levels.add(b)
        self.level_group.idClicked.connect(self._level_chosen)
        self.body.addWidget(levels)
        self.reasons_box = QWidget()
        rcol = QVBoxLayout(self.reasons_box)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addWidget(make_label(tr_noop("很抱歉给您带来不便。请告诉我们哪里做得不好（可多选）："), "subtitle"))
        grid = TileGrid(min_width=360, max_columns=3)
        self.reason_buttons: dict[str, BigButton] = {}
        for code, label in REASONS:
            b = WrapButton(label, label, "option")
            b.setCheckable(True)
            b.toggled.connect(lambda _on: self._update_submit())
            grid.add(b)
            self.reason_buttons[code] = b
        rcol.addWidget(grid)
        self.reasons_box.hide()
        self.body.addWidget(self.reasons_box)
        self.details_button = BigButton(tr_noop("分项评价（可不填）"), tr_noop("分别评价服务效率、服务水平、服务态度"), "toggle")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(lambda on: self._details.setVisible(on))
        self.body.addWidget(self.details_button)
        self._details = QWidget()
        dcol = QVBoxLayout(self._details)
        dcol.addWidget(make_label(tr_noop("5 分非常满意，1 分非常不满意"), "hint"))
        self.rows = {key: DimensionRow(key, label) for key, label in DIMENSIONS}
        for row in self.rows.values():
            dcol.addWidget(row)
        self._details.hide()
        self.body.addWidget(self._details)
        self.body.addWidget(make_label(tr_noop("意见或建议（可不填）"), "body"))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setFixedHeight(120)
        accessible(self.comment_edit, tr_noop("意见或建议"), tr_noop("可以写下您的意见或建议，也可以不填"))
        self.comment_edit.installEventFilter(self)
        self.body.addWidget(self.comment_edit)
        self.keys = QWidget()          # a text keyboard for the comment, when the flow gives one
        QVBoxLayout(self.keys).setContentsMargins(0, 0, 0, 0)
        self.keys.hide()
        self.layout().insertWidget(self.layout().indexOf(self.actions_widget), self.keys)
        self.body.addStretch(1)
        self.skip_button = BigButton(tr_noop("跳过"), tr_noop("不评价，直接结束"), "secondary")
        self.submit_button = BigButton(tr_noop("提交评价"), tr_noop("提交您的评价"), "primary", icon="check")
        self.skip_button.clicked.connect(self.skipped)
        self.submit_button.clicked.connect(self._submit)
        self.add_action(self.skip_button)
        self.add_action(self.submit_button, 2)
        self.text_keyboard = None
        self.wipe()

    def set_text_keyboard(self, keyboard: QWidget) -> None:
        self.text_keyboard = keyboard
        self.keys.layout().addWidget(keyboard)
        keyboard.done.connect(lambda: self._typing(False))

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.comment_edit and event.type() == event.Type.MouseButtonPress:
            if self.text_keyboard is not None:
                self.text_keyboard.set_target(self.comment_edit)
                self.text_keyboard.show()
                self._typing(True)
                self.scroll_to(self.comment_edit)
            self.comment_input_requested.emit(self.comment_edit)
        return super().eventFilter(obj, event)

    def _typing(self, on: bool) -> None:
        """The keyboard takes the heading's and the action row's room while it is open."""
        if self.give_keys_the_room(self.keys, on):
            self.typing.emit(on)

    def _level_chosen(self, level: int) -> None:
        for row in self.rows.values():  # dimensions default to the overall level
            row.set_level(level)
        self.reasons_box.setVisible(level in BAD)
        if level in BAD:
            self.scroll_to(self.reasons_box)
        self._update_submit()

    def reasons(self) -> list[str]:
        return [code for code, b in self.reason_buttons.items() if b.isChecked()]

    def _update_submit(self) -> None:
        level = self.level_group.checkedId()
        self.submit_button.setEnabled(level > 0 and (level not in BAD or bool(self.reasons())))

    def _submit(self) -> None:
        level = self.level_group.checkedId()
        if level < 1 or (level in BAD and not self.reasons()):
            return
        dims = {key: (row.level() if row.level() > 0 else level) for key, row in self.rows.items()}
        self.rated.emit({"level": level, "dimensions": dims, "reasons": self.reasons() if level in BAD else [],
                         "comment": self.comment_edit.toPlainText().strip()})

    def wipe(self) -> None:
        super().wipe()
        self.level_group.setExclusive(False)
        for b in self.level_buttons.values():
            b.setChecked(False)
        self.level_group.setExclusive(True)
        for b in self.reason_buttons.values():
            b.setChecked(False)
        self.reasons_box.hide()
        for row in self.rows.values():
            row.clear()
        self.details_button.setChecked(False)
        self._typing(False)
        if self.text_keyboard is not None and hasattr(self.text_keyboard, "wipe"):
            self.text_keyboard.wipe()
        self.submit_button.setEnabled(False)

    def spoken_hint(self) -> str:
        return tr("请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意。也可以跳过。")
