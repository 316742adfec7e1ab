"""The residents' own tools in the header: 中文/EN, 长辈模式, 轮椅模式, 语音播报 with its 音量 and
语速, and speaking aloud; with them the keypad path (kiosk/keypad.py) and explore-by-touch
(kiosk/touch_reader.py), application-wide event filters installed here.

All are the resident's settings for the visit (kiosk.preferences); they
reset when the session ends. Speech runs on the "voice" lane, never on the UI
thread, with the English engine in English mode.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from drivers.headset import HeadsetWatch
from kiosk.keypad import KeypadNavigator
from kiosk.preferences import Preferences
from kiosk.touch_reader import TouchReader
from kiosk.voice import MIDDLE, Speaker
from screens.access_bar import RATE_NAMES, VOLUME_NAMES
from screens.i18n import set_language, tr
from screens.theme import set_elder_mode


class ResidentTools(QObject):
    language_changed = Signal(str)
    _headset_changed = Signal(bool)     # from the jack's thread, queued to the UI thread

    def __init__(self, cfg, window, header, runner, current_screen, parent=None, bottom=None):
        """`current_screen`: a callable giving the screen on show (its instruction is read
        when voice is switched on); `bottom`: the bottom bar (the keypad goes round it too)."""
        super().__init__(parent)
        self.window, self.header, self.runner = window, header, runner
        self.speakers = {"zh": Speaker(cfg.voice.command), "en": Speaker(cfg.voice.command_en)}
        self.default_lang = "en" if cfg.kiosk.language == "en_US" else "zh"
        self._current = current_screen
        self.prefs = Preferences(lang="zh")
        header.elder_toggled.connect(self.set_elder)
        header.voice_toggled.connect(self.set_voice)
        header.language_chosen.connect(self.set_language)
        header.set_voice(False, self.speaker.enabled)
        access = header.access
        access.wheelchair_toggled.connect(self.set_wheelchair)
        access.volume_chosen.connect(self.set_volume)
        access.rate_chosen.connect(self.set_rate)
        self.keypad = KeypadNavigator(self, window, header, bottom, current_screen)
        self.touch = TouchReader(self, window, self.keypad, exempt=[header.voice_button])
        self._filters = (self.keypad, self.touch)
        for f in self._filters:
            QApplication.instance().installEventFilter(f)
        # A headset plugged in switches voice on (and a visit started with it in starts with it).
        self.headset_in = False
        self.headset = HeadsetWatch(cfg.voice.headset_device, self._headset_changed.emit) \
            if cfg.voice.headset_device else None
        self._headset_changed.connect(self._on_headset)
        if self.headset is not None:
            self.headset.start()

    def shutdown(self) -> None:
        """The kiosk stops: the filters out of the application, every voice silent."""
        for f in self._filters:
            QApplication.instance().removeEventFilter(f)
        if self.headset is not None:
            self.headset.stop()
        self.touch.repeat.stop()
        self.keypad.ring.show_on(None)
        for speaker in self.speakers.values():
            speaker.stop()

    @property
    def speaker(self) -> Speaker:
        """The engine for the current language (the Chinese one if English has none)."""
        en = self.speakers["en"]
        return en if self.prefs.lang == "en" and en.enabled else self.speakers["zh"]

    def set_elder(self, on: bool) -> None:
        self.prefs.elder = on
        self.header.set_elder(on)      # the button shows the state however it was set
        set_elder_mode(self.window, on)

    def set_voice(self, on: bool) -> None:
        """The resident's 语音播报 switch (and the session default from kiosk.toml)."""
        on = on and self.speaker.enabled
        self.prefs.voice = on
        self.header.set_voice(on, self.speaker.enabled)
        self.touch.voice_changed(on)
        if on:
            self.say_current()
        else:
            for speaker in self.speakers.values():
                self.runner.run("voice", speaker.stop)

    def _on_headset(self, plugged: bool) -> None:
        """Plugged in: voice on at once (the screen's instruction is read). Pulled out: voice
        stays as the resident has it; nothing said is personal, and silence mid-visit would
        strand a resident who cannot see the screen."""
        self.headset_in = plugged
        if plugged and not self.prefs.voice:
            self.set_voice(True)

    def set_language(self, lang: str) -> None:
        """中文/EN: every screen in `lang` at once; voice follows."""
        if lang == self.prefs.lang:
            return
        if not set_language(lang):
            return                                   # no .qm: stays as it was (logged)
        self.runner.run("voice", self.speaker.stop)
        self.prefs.lang = lang
        self.header.set_language_shown(lang)
        self.language_changed.emit(lang)
        self.say_current()

    # -- 音量, 语速 and 轮椅模式 --------------------------------------------------------
    def set_volume(self, step: int) -> None:
        self.prefs.volume = step = max(0, min(2, step))
        for speaker in self.speakers.values():
            speaker.volume = step
        self.header.access.set_volume(step)
        self.say(tr(VOLUME_NAMES[step]))             # heard at the new volume

    def set_rate(self, step: int) -> None:
        self.prefs.rate = step = max(0, min(2, step))
        for speaker in self.speakers.values():
            speaker.rate = step
        self.header.access.set_rate(step)
        self.say(tr(RATE_NAMES[step]))

    def step_volume(self, by: int) -> None:
        self.set_volume(self.prefs.volume + by)

    def step_rate(self, by: int) -> None:
        self.set_rate(self.prefs.rate + by)

    def set_wheelchair(self, on: bool) -> None:
        self.prefs.low = on
        self.header.access.set_wheelchair(on)
        self.window.set_low_position(on)

    def say_current(self) -> None:
        current = self._current()
        if current is not None and current.objectName() != "attract" and hasattr(current, "spoken_hint"):
            self.say(current.spoken_hint())

    def say(self, text: str) -> None:
        """Speak `text` if this visit wants spoken guidance."""
        if self.prefs.voice and text:
            speaker = self.speaker
            self.runner.run("voice", lambda: speaker.say(text))

    def reset(self) -> None:
        """The session ended: default size, language and silence (the configured voice
        default returns at the next start)."""
        self.set_elder(False)
        self.set_voice(False)
        self.set_language(self.default_lang)
        self.set_wheelchair(False)
        for speaker in self.speakers.values():
            speaker.volume = speaker.rate = MIDDLE
        self.prefs.volume = self.prefs.rate = MIDDLE
        self.header.access.set_volume(MIDDLE)
        self.header.access.set_rate(MIDDLE)
        self.keypad.reset()
