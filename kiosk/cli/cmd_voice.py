"""`kiosk voice [TEXT]`: say a sentence through the configured speech engine (test the speaker)."""
from __future__ import annotations

from kiosk.cli.common import DEVICE_MISSING, FAILED, OK, USAGE, add_config_arg, config_from, fail
from kiosk.voice import TEST_SENTENCE


def register(sub) -> None:
    p = sub.add_parser("voice", help="say a sentence through [voice] command (speaker test)")
    add_config_arg(p)
    p.add_argument("text", nargs="?", default=TEST_SENTENCE, help=f"what to say (default: {TEST_SENTENCE})")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="longest wait for the sentence")
    p.set_defaults(func=run)


def run(args) -> int:
    from kiosk.voice import Speaker, speakable
    cfg = config_from(args)
    speaker = Speaker(cfg.voice.command)
    if not speaker.enabled:
        fail(FAILED, "spoken guidance is off ([voice] command is empty)", "语音播报已关闭（[voice] command 为空）",
             where=str(cfg.path))
    if not speaker.available():
        fail(DEVICE_MISSING, f"{speaker.argv[0]} not found; apt-get install espeak-ng, or set [voice] command",
             f"找不到语音程序 {speaker.argv[0]}，请安装 espeak-ng 或修改 [voice] command")
    if not speakable(args.text):
        fail(USAGE, "refused: the text holds something shaped like an ID number",
             "拒绝播报：文本中含有类似身份证号码的内容")
    speaker.say(args.text)
    code, err = speaker.wait(args.timeout)
    if code is None:
        speaker.stop()
        fail(DEVICE_MISSING, f"no end after {args.timeout:g} s", f"{args.timeout:g} 秒内未播报完")
    if code != 0 or "error" in err.lower():
        fail(DEVICE_MISSING, f"{speaker.argv[0]} exit {code}: {err.strip()[-300:]}",
             "语音程序报错，请检查声卡与音箱（见上面的英文信息）")
    print(f"said: {args.text}")
    print(f"已播报：{args.text}")
    return OK
