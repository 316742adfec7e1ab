"""Build the pinyin engine in a child interpreter and hand it over as bytes.

A build in a thread of the kiosk would share its GIL: sorting ~190,000 words and
collecting the garbage are single C calls that held the UI thread for up to a
second in bench/bench_pinyin.py. In a child, the kiosk only waits on a pipe
(the GIL released) and loads a few arrays (milliseconds); the build's
temporary memory is given back when the child exits.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from kiosk.ime.engine import PinyinEngine

log = logging.getLogger(__name__)
BUILD_TIMEOUT_S = 600       # seconds: a build takes ~3–12 s on a busy two-core kiosk


def build_in_child(timeout: float = BUILD_TIMEOUT_S) -> PinyinEngine:
    """Run the build in `python -m kiosk.ime.build`; raises on failure (its stderr in the message)."""
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    r = subprocess.run([sys.executable, "-m", "kiosk.ime.build"], capture_output=True, timeout=timeout,
                       env=env, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        tail = r.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"pinyin index build failed (exit {r.returncode}): {tail[0]}")
    return PinyinEngine.from_bytes(r.stdout)


def build_engine() -> PinyinEngine:
    """In a child; in this process if that fails (e.g. no interpreter to start)."""
    try:
        return build_in_child()
    except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as exc:
        log.warning("pinyin index: building in this process instead (%s)", exc)
        return PinyinEngine.build()


def main() -> None:
    sys.stdout.buffer.write(PinyinEngine.build().to_bytes())


if __name__ == "__main__":
    main()
