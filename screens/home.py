"""Choose a service item: search, categories, the item list, 进度查询."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.keypads import LetterPad
from screens.widgets import BigButton, accessible, clear_layout, make_label, make_scroll


def item_text(item: dict) -> tuple[str, str]:
    """(button text, spoken description) of one catalog item."""
    notes = [item.get("region_name", ""), item.get("mode_label", "")]
    if item.get("needs_face"):
        notes.append("需刷脸")
    if item.get("offline_denied"):
        notes.append("需联网办理")
    line2 = " · ".join(n for n in notes if n)
    return f"{item['name']}\n{line2}", f"{item['name']}，{line2}"


class HomeScreen(Screen):
    name = "home"
    title = "选择事项"
    search_changed = Signal(str)
    category_chosen = Signal(str)
    item_chosen = Signal(str)
    progress_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 24)
        col.setSpacing(16)
        col.addWidget(make_label("请选择要办理的事项", "title"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索事项，可输入拼音首字母")
        accessible(self.search_edit, "搜索事项", "输入事项名称或拼音首字母")
        self.search_edit.textChanged.connect(self.search_changed)
        self.clear_button = BigButton("清空", "清空搜索内容", "secondary")
        self.clear_button.clicked.connect(self.search_edit.clear)
        # No keyboard on a kiosk: touching the field or this button opens the letter keys.
        self.letters_button = BigButton("拼音首字母", "用字母键查找，例如户籍证明按 H J Z M", "toggle")
        self.letters_button.setCheckable(True)
        self.letters_button.toggled.connect(self.show_letters)
        self.search_edit.installEventFilter(self)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.letters_button)
        search_row.addWidget(self.clear_button)
        col.addLayout(search_row)
        self.letter_pad = LetterPad()
        self.letter_pad.set_target(self.search_edit)
        self.letter_pad.hide()
        col.addWidget(self.letter_pad)
        self._category_box = QWidget()
        self._category_grid = QGridLayout(self._category_box)
        self._category_grid.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self._category_box)
        self._list = QWidget()
        self._list_col = QVBoxLayout(self._list)
        self._list_col.setSpacing(12)
        self._list_col.addStretch(1)
        col.addWidget(make_scroll(self._list), 1)
        self.empty_label = make_label("没有找到相关事项，请换个词试试，或呼叫工作人员", "hint")
        self.empty_label.hide()
        col.addWidget(self.empty_label)
        self.progress_button = BigButton("进度查询", "查询已提交业务的办理进度", "secondary")
        self.progress_button.clicked.connect(self.progress_requested)
        col.addWidget(self.progress_button)
        self.category_buttons: dict[str, BigButton] = {}
        self.item_buttons: dict[str, BigButton] = {}

    def show_letters(self, on: bool) -> None:
        """The letter keys take the categories' place (the list keeps its room)."""
        self.letters_button.blockSignals(True)
        self.letters_button.setChecked(on)
        self.letters_button.blockSignals(False)
        self.letter_pad.setVisible(on)
        self._category_box.setVisible(not on)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.search_edit and event.type() == QEvent.Type.MouseButtonPress:
            self.show_letters(True)
        return False

    def wipe(self) -> None:
        super().wipe()
        self.show_letters(False)

    def set_categories(self, categories: list[str]) -> None:
        clear_layout(self._category_grid)
        self.category_buttons = {}
        for i, name in enumerate(categories):
            b = BigButton(name, f"查看{name}类事项", "option")
            b.clicked.connect(lambda _=False, n=name: self.category_chosen.emit(n))
            self._category_grid.addWidget(b, i // 2, i % 2)  # two short buttons a row
            self.category_buttons[name] = b

    def set_items(self, items: list[dict]) -> None:
        # keep the trailing stretch; rebuild the buttons above it
        while self._list_col.count() > 1:
            w = self._list_col.takeAt(0).widget()
            w.hide()
            w.deleteLater()
        self.item_buttons = {}
        for i, item in enumerate(items):
            text, spoken = item_text(item)
            b = BigButton(text, spoken, "list")
            b.clicked.connect(lambda _=False, c=item["code"]: self.item_chosen.emit(c))
            self._list_col.insertWidget(i, b)
            self.item_buttons[item["code"]] = b
        self.empty_label.setVisible(not items)

    def spoken_hint(self) -> str:
        return "请选择要办理的事项，可以按类别选，也可以按拼音首字母搜索。"
