"""好差评 (GB/T 39734): five levels, four dimensions, an optional comment."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.widgets import BigButton, accessible, make_label, make_scroll

LEVELS = [(5, "非常满意"), (4, "满意"), (3, "基本满意"), (2, "不满意"), (1, "非常不满意")]
LEVEL_NAMES = dict(LEVELS)
DIMENSIONS = [("overall", "整体满意度"), ("efficiency", "服务效率"),
              ("quality", "服务水平"), ("attitude", "服务态度")]


class DimensionRow(QWidget):
    """One dimension, five buttons 5…1; follows the overall level until touched."""

    def __init__(self, key: str, label: str):
        super().__init__()
        self.key = key
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 4, 0, 4)
        col.addWidget(make_label(label, "body"))
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        for level, name in LEVELS:
            b = BigButton(str(level), f"{label}：{level}分，{name}", "option")
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

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(12)
        col.addWidget(make_label("请您为本次服务评价", "title"))
        body = QWidget()
        bcol = QVBoxLayout(body)
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[int, BigButton] = {}
        for level, name in LEVELS:
            b = BigButton(name, f"评价为{name}", "option")
            b.setCheckable(True)
            self.level_group.addButton(b, level)
            self.level_buttons[level] = b
            bcol.addWidget(b)
        self.level_group.idClicked.connect(self._level_chosen)
        self.details_button = BigButton("分项评价（可不填）", "分别评价服务效率、服务水平、服务态度", "secondary")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(lambda on: self._details.setVisible(on))
        bcol.addWidget(self.details_button)
        self._details = QWidget()
        dcol = QVBoxLayout(self._details)
        dcol.addWidget(make_label("5 分非常满意，1 分非常不满意", "hint"))
        self.rows = {key: DimensionRow(key, label) for key, label in DIMENSIONS}
        for row in self.rows.values():
            dcol.addWidget(row)
        self._details.hide()
        bcol.addWidget(self._details)
        bcol.addWidget(make_label("意见或建议（可不填）", "body"))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setFixedHeight(140)
        accessible(self.comment_edit, "意见或建议", "可以写下您的意见或建议，也可以不填")
        bcol.addWidget(self.comment_edit)
        bcol.addStretch(1)
        col.addWidget(make_scroll(body), 1)
        row = QHBoxLayout()
        self.skip_button = BigButton("跳过", "不评价，直接结束", "secondary")
        self.submit_button = BigButton("提交评价", "提交您的评价", "primary")
        self.skip_button.clicked.connect(self.skipped)
        self.submit_button.clicked.connect(self._submit)
        row.addWidget(self.skip_button)
        row.addWidget(self.submit_button, 2)
        col.addLayout(row)
        self.wipe()

    def _level_chosen(self, level: int) -> None:
        for row in self.rows.values():  # dimensions default to the overall level
            row.set_level(level)
        self.submit_button.setEnabled(True)

    def _submit(self) -> None:
        level = self.level_group.checkedId()
        if level < 1:
            return
        dims = {key: (row.level() if row.level() > 0 else level) for key, row in self.rows.items()}
        self.rated.emit({"level": level, "dimensions": dims,
                         "comment": self.comment_edit.toPlainText().strip()})

    def wipe(self) -> None:
        super().wipe()
        self.level_group.setExclusive(False)
        for b in self.level_buttons.values():
            b.setChecked(False)
        self.level_group.setExclusive(True)
        for row in self.rows.values():
            row.clear()
        self.details_button.setChecked(False)
        self.submit_button.setEnabled(False)

    def spoken_hint(self) -> str:
        return "请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意。也可以跳过。"
