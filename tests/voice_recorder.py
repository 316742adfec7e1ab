"""A speech engine for tests: reads its text on stdin like espeak-ng --stdin and records it.

    python voice_recorder.py OUT [--delay S] [--fail] [--volume V --rate R]

Appends {"event": "start", "text": ...} at once, then {"event": "end", ...}
after `delay` seconds (the time it "speaks"), as JSON lines to OUT. With
--fail it says on stderr what espeak-ng says without a sound card, and exits 1.
"""
import argparse
import json
import sys
import time


def record(path, event, text, **how):
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps({"event": event, "text": text, **how}, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--fail", action="store_true")
    ap.add_argument("--volume", default="")     # what the kiosk put for {volume} and {rate}
    ap.add_argument("--rate", default="")
    args = ap.parse_args()
    text = sys.stdin.buffer.read().decode("utf-8")
    if args.fail:
        print("ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\nerror: No such file or directory",
              file=sys.stderr)
        return 1
    how = {k: v for k, v in (("volume", args.volume), ("rate", args.rate)) if v}
    record(args.out, "start", text, **how)
    time.sleep(args.delay)
    record(args.out, "end", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
