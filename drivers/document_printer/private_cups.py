"""A private cupsd with an emulated A4 queue: the demo's and the tests' document printer.

    with PrivateCups() as pc:             # starts /usr/sbin/cupsd -f on 127.0.0.1:PORT + a socket
        printer = CupsDocumentPrinter(pc.server, pc.queue)
        pc.set_condition("media-empty")   # or "jam" (the next job aborts), "offline", "ok"
        pc.received()                     # what the "printer" got: [(name, pdf bytes)]

Everything lives in one temp folder (ServerRoot, RequestRoot, StateDir,
CacheDir, TempDir, logs, the tray), owned by this process and removed at
stop; the root's system CUPS configuration is never read or touched.
`Browsing Off`, `PreserveJobFiles No`, and the queue's error policy
abort-job (a failed job ends aborted instead of stopping the queue).
cupsd is stopped by its PID. Root only (cupsd runs backends as root here).

Telling cupsd that the printer is out of paper before any job runs uses
`ipptool` (cups-ipp-utils) to set printer-state-reasons with
CUPS-Add-Modify-Printer, as a printer monitor would; the recorder backend
reports the same condition itself when a job meets it.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUEUE = "kiosk-a4"
CONDITIONS = {"ok": "none", "media-empty": "media-empty-error", "jam": "none", "offline": "offline-report"}
PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "TONGBAN.PPD"
*Manufacturer: "Tongban"
*Product: "(Tongban A4 recorder)"
*ModelName: "Tongban A4 recorder"
*ShortNickName: "Tongban A4 recorder"
*NickName: "Tongban A4 recorder"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsFilter: "application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "18 36 577 806"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
"""


class PrivateCupsUnavailable(RuntimeError):
    def __init__(self, en: str, zh: str):
        self.en, self.zh = en, zh
        super().__init__(f"{en} / {zh}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateCups:
    def __init__(self, queue: str = QUEUE, cupsd: str | None = None, preserve_job_files: str = "No"):
        self.queue = queue
        self.preserve_job_files = preserve_job_files      # tests of `kiosk doctor` set "Yes"
        self.cupsd = cupsd or shutil.which("cupsd") or "/usr/sbin/cupsd"
        self.dir: Path | None = None
        self.port = 0
        self.proc: subprocess.Popen | None = None

    # -- where things are -------------------------------------------------------
    @property
    def socket_path(self) -> str:
        return str(self.dir / "cups.sock")

    @property
    def server(self) -> str:
        """For CupsDocumentPrinter / $CUPS_SERVER."""
        return self.socket_path

    @property
    def tcp_server(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def tray(self) -> Path:
        return self.dir / "tray"

    @property
    def spool(self) -> Path:
        return self.dir / "spool"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    # -- life cycle ---------------------------------------------------------------
    def start(self, timeout_s: float = 15.0) -> "PrivateCups":
        if not os.path.exists(self.cupsd):
            raise PrivateCupsUnavailable("cupsd not found: apt-get install cups-daemon",
                                         "未找到 cupsd，请安装 cups-daemon")
        if os.geteuid() != 0:
            raise PrivateCupsUnavailable("the private cupsd needs root (it runs the backend as root)",
                                         "模拟 A4 打印机需要以 root 运行")
        self.dir = Path(tempfile.mkdtemp(prefix="tongban-cups-"))
        self.port = _free_port()
        self._lay_out()
        log = open(self.dir / "log" / "cupsd.out", "wb")
        self.proc = subprocess.Popen([self.cupsd, "-f", "-c", str(self.dir / "conf" / "cupsd.conf"),
                                      "-s", str(self.dir / "conf" / "cups-files.conf")],
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        log.close()
        try:
            self._wait_ready(timeout_s)
            self._add_queue()
        except BaseException:
            self.stop()
            raise
        return self

    def _lay_out(self) -> None:
        d = self.dir
        for sub in ("conf", "spool", "state", "cache", "tmp", "log", "bin/backend", "tray"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        for sub in ("daemon", "notifier", "filter"):
            if os.path.isdir(f"/usr/lib/cups/{sub}"):
                os.symlink(f"/usr/lib/cups/{sub}", d / "bin" / sub)
        backend = d / "bin" / "backend" / "tongban-recorder"
        src = (Path(__file__).with_name("recorder_backend.py")).read_text(encoding="utf-8")
        backend.write_text(f"#!{sys.executable}\n{src}", encoding="utf-8")
        os.chmod(backend, 0o700)          # 0700: cupsd runs it as root, and only root may read it
        (d / "conf" / "cups-files.conf").write_text(
            f"ServerRoot {d}/conf\nRequestRoot {d}/spool\nStateDir {d}/state\nCacheDir {d}/cache\n"
            f"TempDir {d}/tmp\nServerBin {d}/bin\nAccessLog {d}/log/access_log\nErrorLog {d}/log/error_log\n"
            f"PageLog {d}/log/page_log\nPrintcap {d}/state/printcap\n", encoding="utf-8")
        (d / "conf" / "cupsd.conf").write_text(
            f"LogLevel info\nListen 127.0.0.1:{self.port}\nListen {d}/cups.sock\nBrowsing Off\n"
            f"PreserveJobFiles {self.preserve_job_files}\nPreserveJobHistory Yes\nDefaultAuthType None\nWebInterface No\n"
            "<Location />\n  Order allow,deny\n  Allow 127.0.0.1\n  Allow @LOCAL\n</Location>\n"
            "<Location /admin>\n  Order allow,deny\n  Allow 127.0.0.1\n  Allow @LOCAL\n</Location>\n"
            "<Policy default>\n  JobPrivateAccess all\n  JobPrivateValues none\n"
            "  SubscriptionPrivateAccess all\n  SubscriptionPrivateValues none\n"
            "  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n", encoding="utf-8")
        (d / "a4.ppd").write_text(PPD, encoding="ascii")

    def _connection(self):
        import cups
        return cups.Connection(host=self.socket_path)

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise PrivateCupsUnavailable(f"cupsd exited with {self.proc.returncode}: {self.log_tail()}",
                                             "cupsd 启动失败")
            try:
                self._connection().getPrinters()
                return
            except Exception as exc:      # not listening yet
                last = exc
                time.sleep(0.05)
        raise PrivateCupsUnavailable(f"cupsd did not answer within {timeout_s:g}s: {last}", "cupsd 无应答")

    def _add_queue(self) -> None:
        c = self._connection()
        c.addPrinter(self.queue, filename=str(self.dir / "a4.ppd"), device=f"tongban-recorder:{self.tray}",
                     info="Tongban emulated A4 printer")
        c.setPrinterErrorPolicy(self.queue, "abort-job")
        c.enablePrinter(self.queue)
        c.acceptJobs(self.queue)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> "PrivateCups":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- the printer's condition -------------------------------------------------
    def set_condition(self, condition: str) -> None:
        """"ok", "media-empty" (now and for the next job), "jam" (the next job aborts with a
        jam; the printer looks ready before it), "offline" (now and for the next job)."""
        if condition not in CONDITIONS:
            raise ValueError(f"condition must be one of {', '.join(CONDITIONS)}")
        (self.dir / "condition").write_text("" if condition == "ok" else condition, encoding="ascii")
        self._set_reasons(CONDITIONS[condition])
        if condition == "ok":
            c = self._connection()
            c.enablePrinter(self.queue)

    @property
    def condition(self) -> str:
        try:
            return (self.dir / "condition").read_text(encoding="ascii").strip() or "ok"
        except OSError:
            return "ok"

    def _set_reasons(self, reasons: str) -> None:
        ipptool = shutil.which("ipptool")
        if ipptool is None:
            raise PrivateCupsUnavailable("ipptool not found: apt-get install cups-ipp-utils",
                                         "未找到 ipptool，请安装 cups-ipp-utils")
        test = self.dir / "tmp" / "set-reasons.test"
        test.write_text("{\n OPERATION CUPS-Add-Modify-Printer\n GROUP operation-attributes-tag\n"
                        " ATTR charset attributes-charset utf-8\n ATTR naturalLanguage attributes-natural-language en\n"
                        " ATTR uri printer-uri $uri\n GROUP printer-attributes-tag\n"
                        f" ATTR keyword printer-state-reasons {reasons}\n STATUS successful-ok\n}}\n",
                        encoding="ascii")
        run = subprocess.run([ipptool, "-T", "5", f"ipp://127.0.0.1:{self.port}/printers/{self.queue}", str(test)],
                             capture_output=True, text=True, timeout=15)
        if run.returncode != 0:
            raise PrivateCupsUnavailable(f"ipptool failed: {run.stdout[-300:]} {run.stderr[-300:]}",
                                         "无法设置模拟打印机状态")

    # -- what happened -------------------------------------------------------------
    def received(self) -> list[tuple[str, bytes]]:
        return [(p.name, p.read_bytes()) for p in sorted(self.tray.glob("job-*.pdf"))]

    def clear_tray(self) -> None:
        for p in self.tray.glob("job-*.pdf"):
            p.unlink()

    def spool_files(self) -> list[str]:
        return sorted(p.name for p in self.spool.iterdir() if p.is_file())

    def log_tail(self, n: int = 2000) -> str:
        try:
            out = (self.dir / "log" / "cupsd.out").read_text(errors="replace")[-n:]
            err = (self.dir / "log" / "error_log").read_text(errors="replace")[-n:]
            return out + err
        except (OSError, TypeError):
            return ""
