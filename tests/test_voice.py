"""Spoken guidance: the Speaker against a recording engine process and the real espeak-ng."""
from __future__ import annotations

import json
import logging
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.voice import Speaker, speakable

RECORDER = Path(__file__).resolve().parent / "voice_recorder.py"
ROOT = Path(__file__).resolve().parent.parent


def recorder_command(out: Path, *extra: str) -> str:
    return shlex.join([sys.executable, str(RECORDER), str(out), *extra])


def events(out: Path) -> list[tuple[str, str]]:
    if not out.exists():
        return []
    return [(e["event"], e["text"]) for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())]


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_text_reaches_the_engine_on_stdin(tmp_path):
    out = tmp_path / "said.jsonl"
    speaker = Speaker(recorder_command(out))
    assert speaker.enabled and speaker.available()
    assert speaker.say("请把身份证放在读卡区。")
    code, err = speaker.wait(10)
    assert code == 0 and err == ""
    assert events(out) == [("start", "请把身份证放在读卡区。"), ("end", "请把身份证放在读卡区。")]


def test_text_starting_with_a_dash_is_spoken_not_parsed_as_an_option(tmp_path):
    out = tmp_path / "said.jsonl"
    speaker = Speaker(recorder_command(out))
    speaker.say("--fail 请稍候")
    assert speaker.wait(10)[0] == 0
    assert events(out)[0] == ("start", "--fail 请稍候")


def test_a_new_sentence_cuts_the_previous_one_short(tmp_path):
    out = tmp_path / "said.jsonl"
    speaker = Speaker(recorder_command(out, "--delay", "1.5"))
    speaker.say("第一句")
    wait_for(lambda: events(out) == [("start", "第一句")])
    speaker.say("第二句")
    assert speaker.wait(10)[0] == 0
    assert events(out) == [("start", "第一句"), ("start", "第二句"), ("end", "第二句")]


def test_stop_silences_at_once(tmp_path):
    out = tmp_path / "said.jsonl"
    speaker = Speaker(recorder_command(out, "--delay", "5"))
    speaker.say("很长的一句话")
    wait_for(lambda: events(out) != [])
    assert speaker.busy()
    speaker.stop()
    assert not speaker.busy()
    time.sleep(0.2)
    assert events(out) == [("start", "很长的一句话")]


def test_anything_shaped_like_an_id_number_is_never_spoken(tmp_path, caplog):
    out = tmp_path / "said.jsonl"
    speaker = Speaker(recorder_command(out))
    assert not speakable("您的号码是110105194912310021")
    with caplog.at_level(logging.WARNING):
        assert not speaker.say("您的号码是110105194912310021")
    assert not speaker.busy() and events(out) == []
    assert "110105" not in caplog.text
    assert speakable("办件编号 HRB2026112600012")      # a tracking number may be read out
    assert not speakable("   ")


def test_an_engine_that_cannot_play_is_reported_once(tmp_path, caplog):
    out = tmp_path / "said.jsonl"
    speaker = Speaker(recorder_command(out, "--fail"))
    with caplog.at_level(logging.WARNING, logger="kiosk.voice"):
        for text in ("一", "二", "三"):
            speaker.say(text)
            wait_for(lambda: not speaker.busy())
        speaker.say("四")
    warnings = [r for r in caplog.records if "not heard" in r.getMessage()]
    assert len(warnings) == 1 and "Unknown PCM" in warnings[0].getMessage()
    speaker.stop()


def test_a_missing_engine_is_not_available_and_says_nothing(caplog):
    speaker = Speaker("no-such-speech-engine --stdin")
    assert speaker.enabled and not speaker.available()
    with caplog.at_level(logging.WARNING, logger="kiosk.voice"):
        assert not speaker.say("你好")
        assert not speaker.say("你好")
    assert sum("not heard" in r.getMessage() for r in caplog.records) == 1


def test_an_empty_command_turns_voice_off():
    speaker = Speaker("")
    assert not speaker.enabled and not speaker.available()
    assert not speaker.say("你好")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (scripts/setup.sh installs it)")
def test_espeak_ng_speaks_mandarin_from_stdin(tmp_path):
    """The shipped command's engine and voice, written to a WAV instead of the sound card."""
    wav = tmp_path / "said.wav"
    speaker = Speaker(f"espeak-ng -v cmn -s 140 --stdin -w {shlex.quote(str(wav))}")
    speaker.say("请把身份证放在读卡区。")
    code, err = speaker.wait(30)
    assert code == 0, err
    data = wav.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    seconds = (len(data) - 44) / (22050 * 2)           # espeak-ng: 22.05 kHz, 16-bit mono
    assert 1.0 < seconds < 10.0


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", "voice", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_kiosk_voice_says_the_test_sentence(demo_config, tmp_path):
    out = tmp_path / "said.jsonl"
    cfg = demo_config({"voice.command": recorder_command(out)})
    proc = run_cli("--config", str(cfg.path))
    assert proc.returncode == 0, proc.stderr
    assert "已播报" in proc.stdout
    assert events(out)[0][1].startswith("语音播报测试")


def test_kiosk_voice_failures_are_named_in_both_languages(demo_config, tmp_path):
    missing = run_cli("--config", str(demo_config({"voice.command": "no-such-speech-engine"}).path))
    assert missing.returncode == 3
    assert "espeak-ng" in missing.stderr and "请安装" in missing.stderr
    broken = run_cli("--config", str(demo_config({"voice.command": recorder_command(tmp_path / "x", "--fail")}).path))
    assert broken.returncode == 3 and "Unknown PCM" in broken.stderr and "声卡" in broken.stderr
    off = run_cli("--config", str(demo_config({"voice.command": ""}).path))
    assert off.returncode == 1 and "已关闭" in off.stderr
    refused = run_cli("--config", str(demo_config({"voice.command": recorder_command(tmp_path / "y")}).path),
                      "号码110105194912310021")
    assert refused.returncode == 64 and not (tmp_path / "y").exists()


def test_doctor_names_a_missing_speech_engine(demo_config):
    from kiosk.cli.cmd_doctor import check_voice
    bad = check_voice(demo_config({"voice.command": "no-such-speech-engine --stdin"}))
    assert not bad["ok"] and "espeak-ng" in bad["hint"]
    assert check_voice(demo_config({"voice.command": ""}))["ok"]


def test_voice_settings_are_validated(demo_config):
    from kiosk.config import ConfigError
    with pytest.raises(ConfigError) as bad_type:
        demo_config({"voice.command": 5})
    assert bad_type.value.key == "voice.command"
    with pytest.raises(ConfigError) as unknown:
        demo_config({"voice.engine": "espeak"})
    assert unknown.value.key == "voice.engine"


def test_the_coach_says_a_prompt_once_it_holds_and_again_only_after_a_while():
    from kiosk.voice import Coach
    now = [0.0]
    coach = Coach(settle_s=1.0, repeat_s=6.0, clock=lambda: now[0])

    def at(t, prompt):
        now[0] = t
        return coach.offer(prompt)
    # A head passing through the oval: prompts flicker, nothing is said.
    assert [at(t / 10, p) for t, p in enumerate(["请靠近一点", "请正对摄像头", "请靠近一点", "请保持不动"])] \
        == [None, None, None, None]
    assert at(0.5, "请靠近一点") is None
    assert at(1.2, "请靠近一点") is None                 # held 0.7 s: not yet
    assert at(1.6, "请靠近一点") == "请靠近一点"         # held 1.1 s: said
    assert at(3.0, "请靠近一点") is None                 # still held: not repeated at once
    assert at(7.7, "请靠近一点") == "请靠近一点"         # still held after 6 s: said again
    assert at(8.0, "很好，请保持不动") is None
    assert at(9.1, "很好，请保持不动") == "很好，请保持不动"
    coach.reset()                                        # a new face check starts fresh
    assert at(9.2, "很好，请保持不动") is None
