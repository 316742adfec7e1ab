"""The residents' own tools in the header: 中文/EN, 长辈模式 and 语音播报, and speaking aloud.

All three are the resident's settings for the visit (kiosk.preferences); they
reset when the session ends. Speech runs on the "voice" lane, never on the UI
thread, with the English engine in English mode.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.preferences import Preferences
from kiosk.voice import Speaker
from screens.i18n import set_language
from screens.theme import set_elder_mode


class ResidentTools(QObject):
    language_changed = Signal(str)

    def __init__(self, cfg, window, header, runner, current_screen, parent=None):
        """`current_screen`: a callable giving the screen on show (its instruction is read
        when voice is switched on)."""
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

    @property
    def speaker(self) -> Speaker:
        """The engine for the current language (the Chinese one if English has none)."""
        en = self.speakers["en"]
        return en if self.prefs.lang == "en" and en.enabled else self.speakers["zh"]

    def set_elder(self, on: bool) -> None:
        self.prefs.elder = on
        set_elder_mode(self.window, on)

    def set_voice(self, on: bool) -> None:
        """The resident's 语音播报 switch (and the session default from kiosk.toml)."""
        on = on and self.speaker.enabled
        self.prefs.voice = on
        self.header.set_voice(on, self.speaker.enabled)
        if on:
            self._say_current()
        else:
            for speaker in self.speakers.values():
                self.runner.run("voice", speaker.stop)

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
        self._say_current()

    def _say_current(self) -> None:
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
        self.header.set_elder(False)
        self.set_voice(False)
        self.set_language(self.default_lang)
