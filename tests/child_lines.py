"""What a child process the kill tests start prints: "ready" once it can be killed, then
one line per acknowledged piece of work (read on a thread, so a SIGKILL never blocks us)."""
from __future__ import annotations

import threading
from typing import Any, Callable


class ChildLines(threading.Thread):
    def __init__(self, proc, parse: Callable[[str], Any] = lambda line: line):
        """`parse` turns a line into what is kept; None leaves the line out."""
        super().__init__(daemon=True)
        self.proc, self.parse, self.lines, self.ready = proc, parse, [], threading.Event()

    def run(self):
        for line in self.proc.stdout:
            line = line.strip()
            if line == "ready":
                self.ready.set()
            elif line and (kept := self.parse(line)) is not None:
                self.lines.append(kept)
