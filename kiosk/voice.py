"""Spoken guidance (语音引导): a screen's spoken_hint() read aloud, one sentence at a time.

The engine is a command from kiosk.toml ([voice] command) that reads one text
on its standard input and plays it: espeak-ng with its Mandarin voice by
default (offline; Debian package espeak-ng). Text goes through stdin, never
the command line, so nothing in it can become an option. A new sentence cuts
the previous one short: the resident hears the screen in front of them.

`say()` starts a process, so the application calls it on its "voice" worker
lane, never on the UI thread.

Privacy: the screens' hints are fixed guidance; as a last line, a text with
anything shaped like an ID number is never spoken (a hall is a public room).
"""
from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
import threading
import time

from kiosk.logging_setup import redact

log = logging.getLogger(__name__)

TEST_SENTENCE = "语音播报测试。请把身份证放在读卡区。"   # kiosk voice, and 测试语音 on the maintenance screen
# The resident's three steps of volume and speech rate (音量, 语速 in the top bar): what a
# "{volume}" and a "{rate}" in the command become (espeak-ng: -a amplitude 0-200, -s words a minute).
VOLUMES = (50, 100, 180)
RATES = (110, 145, 190)
MIDDLE = 1


class Coach:
    """Which of a stream of changing prompts (the face check's, ~20 a second) to say aloud.

    A prompt is said once it has held for `settle_s` (a head moving through the oval
    must not make the kiosk chatter), and said again only after `repeat_s` if it
    still holds (the resident may not have understood).
    """

    def __init__(self, settle_s: float = 1.0, repeat_s: float = 6.0, clock=time.monotonic):
        self.settle_s, self.repeat_s = settle_s, repeat_s
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self._current, self._since = "", 0.0
        self._spoken, self._spoken_at = "", float("-inf")

    def offer(self, prompt: str) -> str | None:
        """The prompt shown now; returns it when it should be said, else None."""
        now = self.clock()
        if prompt != self._current:
            self._current, self._since = prompt, now
            return None
        if not prompt or now - self._since < self.settle_s:
            return None
        if prompt == self._spoken and now - self._spoken_at < self.repeat_s:
            return None
        self._spoken, self._spoken_at = prompt, now
        return prompt


def speakable(text: str) -> bool:
    return bool(text.strip()) and redact(text) == text


class Speaker:
    def __init__(self, command: str):
        self.argv = shlex.split(command)
        self.volume = self.rate = MIDDLE      # indexes into VOLUMES and RATES (the resident's steps)
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._warned = False

    @property
    def enabled(self) -> bool:
        """A command is configured ("" turns spoken guidance off and hides its button)."""
        return bool(self.argv)

    def available(self) -> bool:
        return self.enabled and shutil.which(self.argv[0]) is not None

    def say(self, text: str) -> bool:
        """Stop what is being said and start saying `text`. False if it was not spoken."""
        if not self.enabled:
            return False
        if not speakable(text):
            log.warning("voice: refused a text that looks like it holds an ID number")
            return False
        with self._lock:
            self._stop_locked()
            argv = [a.replace("{volume}", str(VOLUMES[self.volume])).replace("{rate}", str(RATES[self.rate]))
                    for a in self.argv]
            try:
                proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
            except OSError as exc:
                self._warn_once(f"cannot start {self.argv[0]}: {type(exc).__name__}")
                return False
            try:
                proc.stdin.write(text.encode("utf-8"))
                proc.stdin.close()
            except OSError:      # the engine exited at once; its stderr says why
                pass
            self._proc = proc
            return True

    def busy(self) -> bool:
        """A sentence is still being said."""
        with self._lock:
            return self._proc is not None and self._proc.poll() is None

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def wait(self, timeout: float) -> tuple[int | None, str]:
        """Wait for the current sentence to end: (exit code, what the engine said on stderr)."""
        with self._lock:
            proc = self._proc
        if proc is None:
            return None, ""
        try:
            proc.wait(timeout=timeout)      # stdin is already closed; stderr is a few lines at most
        except subprocess.TimeoutExpired:
            return None, ""
        with self._lock:
            if self._proc is not proc:      # replaced meanwhile: its stderr was read there
                return proc.returncode, ""
            self._proc = None
            err = _drain(proc)
        return proc.returncode, err

    def _stop_locked(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            proc.stderr.close()
            return
        err = _drain(proc)
        if proc.returncode != 0 or "error" in err.lower():
            self._warn_once(f"{self.argv[0]} exit {proc.returncode}: {err.strip()[-200:]}")

    def _warn_once(self, what: str) -> None:
        # Once per run: a kiosk without a sound device would otherwise log every screen.
        if not self._warned:
            self._warned = True
            log.warning("voice guidance is not heard: %s", what)


def _drain(proc: subprocess.Popen) -> str:
    """What an ended engine wrote on stderr. Non-blocking: a player it started in the
    background may still hold the pipe open, and the voice lane must not wait for it."""
    os.set_blocking(proc.stderr.fileno(), False)
    try:
        data = proc.stderr.read() or b""
    except OSError:
        data = b""
    proc.stderr.close()
    return data.decode("utf-8", "replace")
