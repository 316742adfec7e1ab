"""The header's accessibility tools beside 长辈模式 and 语音播报: 轮椅模式 (low position, on
portrait screens), and 音量 and 语速 in three steps each (shown while voice is on).

One touch each; the shell resets them with the session."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from screens.i18n import tr_noop
from screens.widgets import BigButton

VOLUME_NAMES = (tr_noop("音量：小"), tr_noop("音量：中"), tr_noop("音量：大"))
RATE_NAMES = (tr_noop("语速：慢"), tr_noop("语速：中"), tr_noop("语速：快"))


class AccessTools(QWidget):
    wheelchair_toggled = Signal(bool)
    volume_chosen = Signal(int)        # 0, 1, 2
    rate_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.wheelchair_button = BigButton(tr_noop("轮椅模式"), tr_noop("把说明和所有按钮移到屏幕下部，坐着也够得到"),
                                           "header", icon_size=28)
        self.wheelchair_button.setCheckable(True)
        self.volume_button = BigButton(VOLUME_NAMES[1], tr_noop("音量分小、中、大三档，点一下换一档"), "header",
                                       icon="volume", icon_size=28)
        self.rate_button = BigButton(RATE_NAMES[1], tr_noop("语速分慢、中、快三档，点一下换一档"), "header",
                                     icon_size=28)
        for b in (self.wheelchair_button, self.volume_button, self.rate_button):
            row.addWidget(b)
        self.wheelchair_button.toggled.connect(self.wheelchair_toggled)
        self.volume_button.clicked.connect(lambda: self.volume_chosen.emit((self._volume + 1) % 3))
        self.rate_button.clicked.connect(lambda: self.rate_chosen.emit((self._rate + 1) % 3))
        self._volume = self._rate = 1
        self._portrait = self._voice = False
        self._refresh()

    def set_volume(self, step: int) -> None:
        self._volume = step
        self.volume_button.set_source(VOLUME_NAMES[step])

    def set_rate(self, step: int) -> None:
        self._rate = step
        self.rate_button.set_source(RATE_NAMES[step])

    def set_wheelchair(self, on: bool) -> None:
        """Show the state without emitting wheelchair_toggled (the reset at the session's end)."""
        self.wheelchair_button.blockSignals(True)
        self.wheelchair_button.setChecked(on)
        self.wheelchair_button.blockSignals(False)
        self.wheelchair_button._paint_icon()

    def set_portrait(self, portrait: bool) -> None:
        if portrait != self._portrait:
            self._portrait = portrait
            self._refresh()

    def set_voice(self, on: bool) -> None:
        if on != self._voice:
            self._voice = on
            self._refresh()

    def _refresh(self) -> None:
        self.wheelchair_button.setVisible(self._portrait)
        self.volume_button.setVisible(self._voice)
        self.rate_button.setVisible(self._voice)
        self.setVisible(self._portrait or self._voice)
