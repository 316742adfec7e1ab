"""免证办 on the materials screen: the separate consent, then the matching electronic licences."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from screens.i18n import tr, tr_noop
from screens.widgets import BigButton, WrapButton, clear_layout, make_label, scrub


class LicensePanel(QFrame):
    consent = Signal(bool)
    chosen = Signal(str, str)          # material key, licence id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("license_panel")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 8, 0, 8)
        self.message_label = make_label("", "notice")
        col.addWidget(self.message_label)
        self._buttons = QVBoxLayout()
        col.addLayout(self._buttons)
        self._key = ""
        self.choice_buttons: list[BigButton] = []
        self.clear()

    def ask_consent(self, text: str) -> None:
        """`text`: the consent's wording (a source text)."""
        self._reset(text)
        row = QHBoxLayout()
        no = BigButton(tr_noop("不同意"), tr_noop("不授权，继续拍照提交"), "secondary")
        yes = BigButton(tr_noop("同意授权"), tr_noop("同意本机查询我的电子证照，仅用于本次办理"), "primary")
        no.clicked.connect(lambda: self.consent.emit(False))
        yes.clicked.connect(lambda: self.consent.emit(True))
        row.addWidget(no)
        row.addWidget(yes)
        self._buttons.addLayout(row)
        self.show()

    def say(self, text: str) -> None:
        self._reset(text)
        self.show()

    def offer(self, key: str, choices: list[dict]) -> None:
        self._key = key
        if not choices:
            self.say(tr_noop("未找到可用于此项材料的电子证照，请拍照提交。"))
            return
        self._reset(tr_noop("请选择要使用的电子证照："))
        for c in choices:
            text = tr("{kind}  {number}\n{issuer}  有效期至 {until}").format(
                kind=c["kind"], number=c["number_masked"], issuer=c["issuer"], until=c["valid_until"])
            b = WrapButton("", "", "option", icon="file-certificate")
            b.setText(text)
            b.setAccessibleName(text.replace("\n", " "))
            b.setAccessibleDescription(tr("使用{kind}作为材料").format(kind=c["kind"]))
            b.clicked.connect(lambda _=False, lid=c["id"]: self.chosen.emit(self._key, lid))
            self.choice_buttons.append(b)
            self._buttons.addWidget(b)
        self.show()

    def _reset(self, text: str) -> None:
        for b in self.choice_buttons:
            scrub(b)                   # masked numbers, still the resident's
        self.choice_buttons = []
        clear_layout(self._buttons)
        if text:
            self.message_label.set_source(text)
        else:
            self.message_label.clear()

    def clear(self) -> None:
        self._reset("")
        self._key = ""
        self.hide()
