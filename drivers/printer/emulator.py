"""A TCP receipt printer on 127.0.0.1, as a product feature (`kiosk emulate printer`,
the demo configuration) and for tests.

It records every byte of every connection (one connection = one job), answers
DLE EOT 1..4 from a scripted state, and can change state at run time or after
N more bytes (paper running out in the middle of a job). Status requests are
found with the real tokenizer, so bytes inside images or QR data never look
like a question.
"""
from __future__ import annotations

import os
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field

from drivers.printer.decode import tokenize

MAX_JOBS = 500
STATES = ("ok", "near_end", "paper_out", "cover_open", "offline", "silent")

# Answers to DLE EOT 1, 2, 3, 4 (every byte shaped 0xx1xx10).
_ANSWERS = {
    "ok":         {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    "near_end":   {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E},
    "paper_out":  {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E},
    "cover_open": {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
    "offline":    {1: 0x1A, 2: 0x12, 3: 0x12, 4: 0x12},
}


@dataclass
class Job:
    id: int
    data: bytearray = field(default_factory=bytearray)
    started: float = field(default_factory=time.time)
    finished: bool = False
    status_requests: int = 0

    @property
    def has_content(self) -> bool:
        """More than status questions (a real print job, not a status poll)."""
        return len(self.data) > 3 * self.status_requests


class _Conn:
    def __init__(self, sock: socket.socket, job: Job):
        self.sock, self.job, self.parsed = sock, job, 0


class PrinterEmulator:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, state: str = "ok",
                 out_dir: str | None = None, on_job=None):
        self._check(state)
        self.host, self._port_wanted = host, port
        self._state = state
        self._switch: tuple[int, str] | None = None   # (total bytes threshold, new state)
        self.out_dir = out_dir
        self.on_job = on_job                         # called with each finished Job
        self.jobs: list[Job] = []
        self._next_id = 0
        self.bytes_received = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @staticmethod
    def _check(state: str) -> None:
        if state not in STATES:
            raise ValueError(f"state must be one of {', '.join(STATES)}, not {state!r}")

    # -- control ----------------------------------------------------------
    @property
    def state(self) -> str:
        with self._lock:
            return self._state

    def set_state(self, state: str, after_bytes: int | None = None) -> None:
        """Change state now, or once `after_bytes` more bytes have arrived."""
        self._check(state)
        with self._lock:
            if after_bytes is None:
                self._state, self._switch = state, None
            else:
                self._switch = (self.bytes_received + after_bytes, state)

    @property
    def port(self) -> int:
        return self._server.getsockname()[1]

    @property
    def url(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def start(self) -> "PrinterEmulator":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, self._port_wanted))
        s.listen(128)
        s.setblocking(False)
        self._server = s
        if self.out_dir:
            os.makedirs(self.out_dir, exist_ok=True)
        self._thread = threading.Thread(target=self._run, name="printer-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(5)
            self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- what was printed -------------------------------------------------
    @property
    def print_jobs(self) -> list[Job]:
        with self._lock:
            return [j for j in self.jobs if j.has_content]

    def wait_for_print_jobs(self, count: int, timeout: float = 5.0) -> list[Job]:
        """Block until `count` finished print jobs exist (or the timeout); returns them."""
        end = time.monotonic() + timeout
        with self._cond:
            while True:
                done = [j for j in self.jobs if j.has_content and j.finished]
                if len(done) >= count or time.monotonic() >= end:
                    return done
                self._cond.wait(max(0.01, end - time.monotonic()))

    def clear(self) -> None:
        with self._lock:
            self.jobs = [j for j in self.jobs if not j.finished]

    # -- the loop ---------------------------------------------------------
    def _run(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self._server, selectors.EVENT_READ, None)
        try:
            while not self._stop.is_set():
                for key, _ in sel.select(timeout=0.05):
                    if key.data is None:
                        self._accept(sel)
                    else:
                        self._serve(sel, key.data)
        finally:
            for key in list(sel.get_map().values()):
                if key.data is not None:
                    self._finish(sel, key.data)
            sel.close()
            self._server.close()

    def _accept(self, sel) -> None:
        while True:   # take every pending connection: a full backlog costs clients a 1 s SYN retry
            try:
                sock, _ = self._server.accept()
            except (BlockingIOError, OSError):
                return
            self._add(sel, sock)

    def _add(self, sel, sock: socket.socket) -> None:
        sock.setblocking(False)
        sel.register(sock, selectors.EVENT_READ, _Conn(sock, self._new_job()))

    def _serve(self, sel, conn: _Conn) -> None:
        try:
            chunk = conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._finish(sel, conn)
            return
        replies = self._feed(conn, chunk)
        if replies:
            try:
                conn.sock.sendall(replies)
            except OSError:
                pass

    def _feed(self, conn, chunk: bytes) -> bytes:
        """Record `chunk` on the connection's job; the answers to any status requests in it."""
        replies = bytearray()
        with self._lock:
            base_total = self.bytes_received - len(conn.job.data)
            conn.job.data += chunk
            self.bytes_received += len(chunk)
            tokens, conn.parsed = tokenize(bytes(conn.job.data), conn.parsed, final=False)
            for t in tokens:
                if self._switch and base_total + t.offset >= self._switch[0]:
                    self._state, self._switch = self._switch[1], None
                if t.kind == "DLE EOT":
                    conn.job.status_requests += 1
                    answer = _ANSWERS.get(self._state, {}).get(t.raw[2])
                    if answer is not None:
                        replies.append(answer)
            if self._switch and self.bytes_received >= self._switch[0]:
                self._state, self._switch = self._switch[1], None
        return bytes(replies)

    def _new_job(self) -> Job:
        with self._lock:
            self._next_id += 1
            job = Job(self._next_id)
            self.jobs.append(job)
            if len(self.jobs) > MAX_JOBS:     # a long demo polls status for hours
                del self.jobs[: len(self.jobs) - MAX_JOBS]
            return job

    def _job_done(self, job: Job) -> None:
        with self._cond:
            job.finished = True
            self._cond.notify_all()
        if self.out_dir and job.has_content:
            path = os.path.join(self.out_dir, f"job-{job.id:04d}.bin")
            with open(path, "wb") as f:
                f.write(job.data)
        if self.on_job:
            self.on_job(job)

    def _finish(self, sel, conn: _Conn) -> None:
        sel.unregister(conn.sock)
        conn.sock.close()
        self._job_done(conn.job)


class SerialPrinterEmulator(PrinterEmulator):
    """The same printer behind a pseudo-terminal, for `serial://` (real pyserial on the
    other end). A serial line has no connections: a job ends after `idle_s` of silence."""

    def __init__(self, state: str = "ok", out_dir: str | None = None, on_job=None,
                 idle_s: float = 0.3):
        super().__init__(state=state, out_dir=out_dir, on_job=on_job)
        self.idle_s = idle_s
        self._master: int | None = None
        self.device: str = ""

    @property
    def url(self) -> str:
        return f"serial://{self.device}?baudrate=9600"

    def start(self) -> "SerialPrinterEmulator":
        import pty
        import tty
        master, slave = pty.openpty()
        tty.setraw(slave)          # bytes, not a terminal: no echo, no CR/LF translation
        self.device = os.ttyname(slave)
        self._slave = slave        # kept open so the line stays up between clients
        self._master = master
        if self.out_dir:
            os.makedirs(self.out_dir, exist_ok=True)
        self._thread = threading.Thread(target=self._run_pty, name="printer-emulator-pty",
                                        daemon=True)
        self._thread.start()
        return self

    def _run_pty(self) -> None:
        import select
        conn = None
        last = 0.0
        try:
            while not self._stop.is_set():
                r, _, _ = select.select([self._master], [], [], 0.05)
                if r:
                    try:
                        chunk = os.read(self._master, 65536)
                    except OSError:
                        chunk = b""
                    if chunk:
                        if conn is None:
                            conn = _Conn(None, self._new_job())
                        replies = self._feed(conn, chunk)
                        if replies:
                            os.write(self._master, replies)
                        last = time.monotonic()
                if conn is not None and time.monotonic() - last > self.idle_s:
                    self._job_done(conn.job)
                    conn = None
        finally:
            if conn is not None:
                self._job_done(conn.job)
            os.close(self._master)
            os.close(self._slave)
