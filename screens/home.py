"""Choose a service item: search (letter keys for pinyin initials), category tiles, the list.

Landscape: the categories (or the letter keys) on the left, the items on the
right; portrait: one above the other. Both scroll inside the screen.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.keypads import LetterPad
from screens.widgets import (
    BigButton, Columns, TileGrid, WrapButton, accessible, make_label, make_scroll, take_item,
)

# category (the catalog's Chinese name) → icon in assets/icons
CATEGORY_ICONS = {"社会保障": "shield-check", "医疗保障": "first-aid-kit", "就业创业": "briefcase",
                  "住房公积金": "home-dollar", "户籍证明": "users", "不动产": "building-estate",
                  "交通出行": "car", "婚姻登记": "heart", "职业资格": "certificate",
                  "一件事一次办": "clipboard-check", "卫生健康": "first-aid-kit"}
ALL_ITEMS = tr_noop("全部事项")


def item_text(item: dict) -> tuple[str, str]:
    """(button text, spoken description) of one catalog item, in the current language."""
    notes = [item.get("region_name", ""), item.get("mode_label", "")]
    if item.get("needs_face"):
        notes.append(tr("需刷脸"))
    if item.get("offline_denied"):
        notes.append(tr("需联网办理"))
    line2 = " · ".join(n for n in notes if n)
    name = item["name"]
    if item.get("official_name"):          # English mode: the official Chinese name beside it
        name = f"{name}\n{item['official_name']}"
    return f"{name}\n{line2}", f"{item['name']}，{line2}"


class HomeScreen(Screen):
    name = "home"
    title = "选择事项"
    search_changed = Signal(str)
    category_chosen = Signal(str)
    item_chosen = Signal(str)
    progress_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, scroll=False, heading=tr_noop("请选择要办理的事项"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(tr("搜索事项，可输入拼音首字母"))
        accessible(self.search_edit, tr_noop("搜索事项"), tr_noop("输入事项名称或拼音首字母"))
        self.search_edit.textChanged.connect(self.search_changed)
        self.search_edit.textChanged.connect(
            lambda t: self.list_title.set_source(tr_noop("搜索结果") if t.strip() else ALL_ITEMS))
        self.clear_button = BigButton(tr_noop("清空"), tr_noop("清空搜索内容"), "secondary")
        self.clear_button.clicked.connect(self.search_edit.clear)
        # No keyboard on a kiosk: touching the field or this button opens the letter keys.
        self.letters_button = BigButton(tr_noop("拼音首字母"), tr_noop("用字母键查找，例如户籍证明按 H J Z M"), "toggle")
        self.letters_button.setCheckable(True)
        self.letters_button.toggled.connect(self.show_letters)
        self.search_edit.installEventFilter(self)
        search_row = QHBoxLayout()
        search_row.setSpacing(16)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.letters_button)
        search_row.addWidget(self.clear_button)
        self.progress_button = BigButton(tr_noop("进度查询"), tr_noop("查询已提交业务的办理进度"), "secondary", icon="list-search")
        self.progress_button.clicked.connect(self.progress_requested)
        search_row.addSpacing(16)
        search_row.addWidget(self.progress_button)
        self.body.addLayout(search_row)
        self.columns = Columns()
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        self.letter_pad = LetterPad()
        self.letter_pad.set_target(self.search_edit)
        self.letter_pad.hide()
        lcol.addWidget(self.letter_pad)
        self._category_box = TileGrid(min_width=220, max_columns=4)
        lcol.addWidget(self._category_box)
        lcol.addStretch(1)
        self.left_scroll = make_scroll(left)
        self.columns.add(self.left_scroll, 2)
        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        self.list_title = make_label(ALL_ITEMS, "subtitle")
        rcol.addWidget(self.list_title)
        self._list = QWidget()
        self._list_col = QVBoxLayout(self._list)
        self._list_col.setContentsMargins(0, 0, 8, 0)
        self._list_col.setSpacing(16)
        self._list_col.addStretch(1)
        self.list_scroll = make_scroll(self._list)
        rcol.addWidget(self.list_scroll, 1)
        self.empty_label = make_label(tr_noop("没有找到相关事项，请换个词试试，或呼叫工作人员"), "hint")
        self.empty_label.hide()
        rcol.addWidget(self.empty_label)
        self.columns.add(right, 3)
        self.body.addWidget(self.columns, 1)
        self.category_buttons: dict[str, BigButton] = {}
        self.item_buttons: dict[str, BigButton] = {}
        self._categories: list[tuple[str, str]] = []

    def show_letters(self, on: bool) -> None:
        """The letter keys take the categories' place (the list keeps its room)."""
        self.letters_button.blockSignals(True)
        self.letters_button.setChecked(on)
        self.letters_button.blockSignals(False)
        self.letters_button._paint_icon()
        self.letter_pad.setVisible(on)
        self._category_box.setVisible(not on)
        self.columns.set_stretch(self.left_scroll, 4 if on else 2)   # the keys get the room they need
        self.heading.setVisible(not on)      # the field is the instruction while typing
        self.clear_button.setVisible(not on)  # the keys have 删除

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.search_edit and event.type() == QEvent.Type.MouseButtonPress:
            self.show_letters(True)
        return False

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.search_edit.setPlaceholderText(tr("搜索事项，可输入拼音首字母"))

    def wipe(self) -> None:
        super().wipe()
        self.show_letters(False)
        self.list_title.set_source(ALL_ITEMS)

    def set_categories(self, categories: list[str] | list[tuple[str, str]]) -> None:
        """Category tiles: names, or (key, shown name) pairs (key: the catalog's Chinese name)."""
        self._category_box.clear()
        self.category_buttons = {}
        pairs = [c if isinstance(c, tuple) else (c, c) for c in categories]
        self._categories = pairs
        for key, shown in pairs:
            b = BigButton("", "", "tile", icon=CATEGORY_ICONS.get(key, "folder"), icon_size=48)
            b.setText(shown)
            b.setAccessibleName(shown)
            b.setAccessibleDescription(tr("查看{name}类事项").format(name=shown))
            b.clicked.connect(lambda _=False, k=key, n=shown: self._category(k, n))
            self.category_buttons[key] = b
            self._category_box.add(b)

    def _category(self, key: str, shown: str) -> None:
        self.list_title.setText(shown)
        self.category_chosen.emit(key)

    def set_items(self, items: list[dict], title: str | None = None) -> None:
        # keep the trailing stretch; rebuild the buttons above it
        while self._list_col.count() > 1:
            w = take_item(self._list_col, 0)
            w.hide()
            w.deleteLater()
        self.item_buttons = {}
        for i, item in enumerate(items):
            text, spoken = item_text(item)
            b = WrapButton("", "", "list", icon=CATEGORY_ICONS.get(item.get("category", ""), "file-text"))
            b.setText(text)
            b.setAccessibleName(item["name"])
            b.setAccessibleDescription(spoken)
            b.clicked.connect(lambda _=False, c=item["code"]: self.item_chosen.emit(c))
            self._list_col.insertWidget(i, b)
            self.item_buttons[item["code"]] = b
        self.empty_label.setVisible(not items)
        if title is not None:
            self.list_title.setText(title)

    def spoken_hint(self) -> str:
        return tr("请选择要办理的事项，可以按类别选，也可以按拼音首字母搜索。")
