"""The resident's own settings for one visit (中文/EN, 长辈模式, 语音播报).

They belong to the shell, not to a flow: the bars set them on every screen,
and they reset to the defaults when the session ends.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Preferences:
    elder: bool = False
    voice: bool = False
    lang: str = "zh"          # "zh" or "en"
    volume: int = 1           # 音量 and 语速: 0, 1, 2 (kiosk.voice.VOLUMES, RATES)
    rate: int = 1
    low: bool = False         # 轮椅模式: everything in the lower 60 % of a portrait screen

    def reset(self, lang: str = "zh") -> None:
        self.elder = False
        self.voice = False
        self.lang = lang
        self.volume = self.rate = 1
        self.low = False
