"""The face's own consent (PIPL art. 29), before the camera opens, and the other ways in.

It says why this item needs the face, that the picture is compared once and not
kept, and offers 同意 and 不同意. After 不同意 it offers the ways the item
allows instead (the app's identity code, 请工作人员核验), never a dead end.
"""
from __future__ import annotations

from PySide6.QtCore import Signal

from screens.base import Screen
from screens.i18n import tr, tr_noop
from screens.staff_verify import StaffVerifyPanel
from screens.widgets import BigButton, card, make_label

# The wording's version goes with the submission beside the answer and its time: a new
# wording gets a new version.
CONSENT_VERSION = "face-consent-zh-en-2026-12-v1"
WHY = tr_noop("办理“{item}”需要确认是您本人在办理：摄像头会拍下您现在的照片，与您证件上的照片比对一次。")
KEPT = tr_noop("照片只用于这一次比对，比对后不保存，也不用于其他用途。人脸属于敏感个人信息，需要您单独同意。")
ASK = tr_noop("您是否同意进行人脸核验？不同意也可以用其他方式办理。")
OTHER_WAYS = tr_noop("不刷脸也可以办理，请选择一种方式：")


class FaceConsentScreen(Screen):
    name = "face_consent"
    title = "人脸核验告知"
    agreed = Signal()
    refused = Signal()
    instead = Signal(str)          # "app_qr" or "staff"

    def __init__(self, parent=None):
        super().__init__(parent, heading=tr_noop("人脸核验需要您的同意"))
        box, col = card()
        self.why_label = make_label("", "body")
        self.kept_label = make_label(KEPT, "body")
        self.ask_label = make_label(ASK, "instruction")
        for label in (self.why_label, self.kept_label, self.ask_label):
            col.addWidget(label)
        self.explain_box = box          # above the ways when asking, below them after 不同意
        self.body.addWidget(box)
        self.app_button = BigButton(tr_noop("用政务 App 身份码验证"), tr_noop("打开政务 App 的身份码，对准摄像头"),
                                    "secondary", icon="qrcode")
        self.staff_button = BigButton(tr_noop("请工作人员核验"), tr_noop("在这里稍等，工作人员过来核对您的证件"),
                                      "secondary", icon="headset")
        self.agree_again_button = BigButton(tr_noop("改为同意刷脸"), tr_noop("同意人脸核验，打开摄像头"),
                                            "secondary", icon="camera")
        self.staff_verify = StaffVerifyPanel()   # 工作人员核验, once the resident asked for staff
        for b in (self.app_button, self.staff_button, self.staff_verify, self.agree_again_button):
            self.body.addWidget(b)
        self.body.addStretch(1)
        self.refuse_button = BigButton(tr_noop("不同意"), tr_noop("不刷脸，选择其他方式验证身份"), "secondary")
        self.agree_button = BigButton(tr_noop("同意"), tr_noop("同意人脸核验，打开摄像头"), "primary", icon="check")
        self.add_action(self.refuse_button)
        self.add_action(self.agree_button)
        self.agree_button.clicked.connect(self.agreed)
        self.agree_again_button.clicked.connect(self.agreed)
        self.refuse_button.clicked.connect(self.refused)
        self.app_button.clicked.connect(lambda: self.instead.emit("app_qr"))
        self.staff_button.clicked.connect(lambda: self.instead.emit("staff"))
        self._ways: list[str] = ["staff"]
        self.ask("")

    def ask(self, item_name: str, ways=("staff",)) -> None:
        """The question for the item named `item_name`; `ways`: what it allows instead."""
        self._item, self._ways = item_name, list(ways)
        self.why_label.set_source(WHY, item=item_name)
        self.staff_verify.withdraw()
        self._show_ways(False)

    def show_other_ways(self) -> None:
        """After 不同意 (now or earlier this visit): the ways the item allows instead."""
        self._show_ways(True)

    def offer_staff_verify(self, available: bool) -> None:
        """The resident asked for staff: the staff's control (or, none here, the window) in the
        place of 请工作人员核验 (呼叫工作人员 stays in the bottom bar), so the ways still fit."""
        self.staff_verify.offer(available)
        self.staff_button.setVisible(False)

    def _show_ways(self, refused: bool) -> None:
        # After 不同意 the heading alone says it (OTHER_WAYS is only spoken): a line less, so
        # in 长辈模式 at 768 px high 改为同意刷脸 shows under the ways instead of below the fold.
        self._refused = refused
        self.set_heading(tr_noop("请选择其他验证方式") if refused else tr_noop("人脸核验需要您的同意"))
        # Every way in sight without scrolling (1024×768): after 不同意 the why comes after them.
        self.body.removeWidget(self.explain_box)
        self.body.insertWidget(self.body.count() - 1 if refused else 0, self.explain_box)
        self.ask_label.setVisible(not refused)
        self.app_button.setVisible(refused and "app_qr" in self._ways)
        self.staff_button.setVisible(refused and not self.staff_verify.offered())
        self.agree_again_button.setVisible(refused)
        self.actions_widget.setVisible(not refused)

    def refused_shown(self) -> bool:
        return self._refused

    def spoken_hint(self) -> str:
        if self.refused_shown():
            ways = [b.text() for b in (self.app_button, self.staff_button, self.agree_again_button)
                    if b.isVisibleTo(self)]
            return f"{tr(OTHER_WAYS)}{'；'.join(ways)}。{self.staff_verify.text()}"
        return f"{self.why_label.text()}{self.kept_label.text()}{self.ask_label.text()}"
