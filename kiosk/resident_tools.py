"""The top bar's tools for residents: 长辈模式 and 语音播报, and speaking aloud.

Both are the resident's own settings for the visit (kiosk.preferences); they
reset when the session ends. Speech runs on the "voice" lane, never on the UI thread.
"""
from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.preferences import Preferences
from screens.theme import set_elder_mode


class ResidentTools(QObject):
    def __init__(self, window, topbar, speaker, runner, current_screen, parent=None):
        """`current_screen`: a callable giving the screen on show (its instruction is read
        when voice is switched on)."""
        super().__init__(parent)
        self.window, self.topbar, self.speaker, self.runner = window, topbar, speaker, runner
        self._current = current_screen
        self.prefs = Preferences()
        topbar.elder_toggled.connect(self.set_elder)
        topbar.voice_toggled.connect(self.set_voice)
        topbar.set_voice(False, speaker.enabled)

    def set_elder(self, on: bool) -> None:
        self.prefs.elder = on
        set_elder_mode(self.window, on)

    def set_voice(self, on: bool) -> None:
        """The resident's 语音播报 switch (and the session default from kiosk.toml)."""
        on = on and self.speaker.enabled
        self.prefs.voice = on
        self.topbar.set_voice(on, self.speaker.enabled)
        if on:
            current = self._current()
            if current is not None and current.objectName() != "attract" and hasattr(current, "spoken_hint"):
                self.say(current.spoken_hint())
        else:
            self.runner.run("voice", self.speaker.stop)

    def say(self, text: str) -> None:
        """Speak `text` if this visit wants spoken guidance."""
        if self.prefs.voice and text:
            speaker = self.speaker
            self.runner.run("voice", lambda: speaker.say(text))

    def reset(self) -> None:
        """The session ended: default size, silence (the configured default returns at the next start)."""
        self.set_elder(False)
        self.topbar.set_elder(False)
        self.set_voice(False)
