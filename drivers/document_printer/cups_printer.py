"""The A4 document printer through CUPS (pycups, libcups's own IPP client).

    p = CupsDocumentPrinter(server="/run/cups/cups.sock", queue="hall-a4")
    st = p.status()                          # printer-state + printer-state-reasons
    if st.printable:
        result = p.print_pdf(pdf_bytes, "tongban-7K3Q9MZP4RTAX2WB", timeout_s=120)

The PDF goes to cupsd from memory (Create-Job, then Send-Document streamed
with writeRequestData): the kiosk never writes it to a file. CUPS itself
spools it under its RequestRoot while the job runs and, with
`PreserveJobFiles No`, deletes it when the job ends (`preserve_job_files()`
reads the server's setting for `kiosk doctor`).

One connection per call: a cupsd restarted between two residents costs
nothing. Blocking; the kiosk runs it on the printer's worker thread.
"""
from __future__ import annotations

import re
import time

import cups

from drivers.document_printer.status import A4Status, JobResult, JobState

PRINTER_ATTRS = ["printer-state", "printer-state-reasons", "printer-state-message",
                 "printer-is-accepting-jobs"]
JOB_ATTRS = ["job-state", "job-state-reasons", "job-name", "time-at-creation", "time-at-completed",
             "job-printer-state-message"]
CHUNK = 64 * 1024


def parse_server(server: str) -> tuple[str, int]:
    """"" → libcups's default ($CUPS_SERVER or the local socket); "/path.sock"; "host[:port]"."""
    server = server.strip()
    if not server:
        return cups.getServer(), cups.getPort()
    if server.startswith("/"):
        return server, 0
    m = re.fullmatch(r"(\[[^\]]+\]|[^:]+)(?::(\d+))?", server)
    if not m:
        raise ValueError(f"CUPS server must be /path/to/cups.sock or host[:port], got {server!r}")
    return m.group(1).strip("[]"), int(m.group(2) or 631)


def preserve_setting(cupsd_conf: str) -> str:
    """The effective PreserveJobFiles of a cupsd.conf text (CUPS's default keeps files a day)."""
    value = "86400"
    for line in cupsd_conf.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].lower() == "preservejobfiles":
            value = parts[1].strip()
    return value


class CupsDocumentPrinter:
    def __init__(self, server: str = "", queue: str = "", connect_timeout_s: float = 3.0):
        self.host, self.port = parse_server(server)
        self.queue = queue
        self.connect_timeout_s = connect_timeout_s

    @property
    def server(self) -> str:
        return self.host if self.host.startswith("/") else f"{self.host}:{self.port}"

    def _connect(self) -> "cups.Connection":
        # pycups has no connect timeout of its own; a local cupsd answers at once or not at all.
        if self.host.startswith("/"):
            return cups.Connection(host=self.host)
        return cups.Connection(host=self.host, port=self.port)

    def _queue(self, conn) -> str:
        if self.queue:
            return self.queue
        default = conn.getDefault()
        if not default:
            raise cups.IPPError(cups.IPP_NOT_FOUND, "no default destination")
        return default

    # -- status ---------------------------------------------------------------
    def status(self) -> A4Status:
        try:
            conn = self._connect()
        except RuntimeError as exc:              # pycups: "failed to connect to server"
            return A4Status.unreachable(f"{self.server}: {exc}")
        try:
            name = self._queue(conn)
            return A4Status.from_attributes(conn.getPrinterAttributes(name, requested_attributes=PRINTER_ATTRS))
        except cups.IPPError as exc:
            code, text = exc.args[0], exc.args[1] if len(exc.args) > 1 else ""
            if code in (cups.IPP_NOT_FOUND, getattr(cups, "IPP_STATUS_ERROR_NOT_FOUND", cups.IPP_NOT_FOUND)):
                return A4Status.no_queue(f"queue {self.queue or '(default)'} on {self.server}: {text}")
            return A4Status(None, (), False, f"IPP error {code}: {text}", "error")
        except (RuntimeError, cups.HTTPError) as exc:
            return A4Status.unreachable(f"{self.server}: {exc}")

    def preserve_job_files(self) -> str:
        """The server's PreserveJobFiles ("No" is what a kiosk needs). Reads cupsd.conf over IPP
        (/admin/conf/cupsd.conf); raises RuntimeError/cups.HTTPError when not allowed."""
        import tempfile
        conn = self._connect()
        with tempfile.TemporaryFile() as f:      # the server's configuration, not a document
            conn.getFile("/admin/conf/cupsd.conf", fd=f.fileno())
            f.seek(0)
            return preserve_setting(f.read().decode("utf-8", "replace"))

    # -- jobs -----------------------------------------------------------------
    def submit(self, pdf: bytes, job_name: str) -> int:
        """Create the job and stream the PDF to it from memory. Returns the CUPS job id.
        `job_name` is made ASCII (the verification code): cupsd 2.4.2 crashes (SIGSEGV) on a
        UTF-8 job-name sent this way, and CUPS keeps job names in its history anyway."""
        conn = self._connect()
        name = self._queue(conn)
        job_name = ascii_job_name(job_name)
        job_id = conn.createJob(name, job_name, {})
        try:
            conn.startDocument(name, job_id, job_name, "application/pdf", 1)
            for i in range(0, len(pdf), CHUNK):
                conn.writeRequestData(pdf[i:i + CHUNK], len(pdf[i:i + CHUNK]))
            conn.finishDocument(name)
        except BaseException:
            try:
                conn.cancelJob(job_id, purge_job=True)
            except (cups.IPPError, RuntimeError):
                pass
            raise
        return job_id

    def job(self, job_id: int) -> dict:
        attrs = self._connect().getJobAttributes(job_id, requested_attributes=JOB_ATTRS)
        return attrs

    def cancel(self, job_id: int) -> None:
        self._connect().cancelJob(job_id, purge_job=False)

    def jobs(self, which: str = "all", limit: int = 50) -> list[dict]:
        """Newest first: id, name (title and verification code only), state."""
        conn = self._connect()
        found = conn.getJobs(which_jobs=which, my_jobs=False, limit=limit,
                             requested_attributes=["job-id", "job-state", "job-name", "job-printer-uri",
                                                   "job-state-reasons", "time-at-creation"])
        out = []
        for jid, a in sorted(found.items(), reverse=True):
            uri = str(a.get("job-printer-uri", ""))
            if self.queue and uri and not uri.endswith("/" + self.queue):
                continue
            state = JobState(int(a.get("job-state", 3)))
            reasons = a.get("job-state-reasons") or []
            out.append({"job_id": jid, "name": a.get("job-name", ""), "state": state.name.lower(),
                        "reasons": [reasons] if isinstance(reasons, str) else list(reasons),
                        "created": a.get("time-at-creation")})
        return out

    def check_job(self, job_id: int, started: float, timeout_s: float) -> JobResult | None:
        """One look at a job: its JobResult once it ended, None while it may still finish.
        A job that cannot finish (the queue stopped, or `timeout_s` passed since `started`) is
        cancelled and reported interrupted: left alone it would print when staff fix the
        printer, for whoever stands at the kiosk then."""
        try:
            last = self.job(job_id)
        except (cups.IPPError, RuntimeError) as exc:
            return JobResult(job_id, None, printer=self.status(), seconds=time.monotonic() - started,
                             detail=f"job {job_id} lost: {exc}")
        state = JobState(int(last.get("job-state", 3)))
        if state.final:
            return JobResult(job_id, state, _reasons(last), self.status(), time.monotonic() - started)
        printer = self.status()
        stuck = printer.state == 5 or not printer.accepting or state in (JobState.STOPPED, JobState.HELD)
        if not stuck and time.monotonic() < started + timeout_s:
            return None
        try:
            self.cancel(job_id)
        except (cups.IPPError, RuntimeError):
            pass
        why = "the queue stopped" if stuck else f"not finished after {timeout_s:g}s"
        return JobResult(job_id, state, _reasons(last), printer, time.monotonic() - started,
                         interrupted=True, detail=why)

    def follow(self, job_id: int, timeout_s: float, poll_s: float = 0.1, started: float | None = None) -> JobResult:
        """Until completed, aborted or canceled (see check_job)."""
        t0 = started if started is not None else time.monotonic()
        while True:
            result = self.check_job(job_id, t0, timeout_s)
            if result is not None:
                return result
            time.sleep(poll_s)

    def print_pdf(self, pdf: bytes, job_name: str, timeout_s: float = 120.0) -> JobResult:
        """Status first (nothing is sent unless printable), then submit and follow."""
        t0 = time.monotonic()
        before = self.status()
        if not before.printable:
            return JobResult(0, None, printer=before, seconds=time.monotonic() - t0, sent=False,
                             detail=before.reason_en)
        try:
            job_id = self.submit(pdf, job_name)
        except (cups.IPPError, RuntimeError, cups.HTTPError) as exc:
            return JobResult(0, None, printer=self.status(), seconds=time.monotonic() - t0, sent=False,
                             detail=f"CUPS refused the job: {exc}")
        return self.follow(job_id, timeout_s, started=t0)


def ascii_job_name(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")
    return (cleaned or "document")[:64]


def _reasons(attrs: dict) -> tuple[str, ...]:
    r = attrs.get("job-state-reasons") or []
    return tuple([r] if isinstance(r, str) else r)
