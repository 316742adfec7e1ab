"""A fleet on one machine: headless `kiosk run` processes and a real Prometheus server.

Everything listens on 127.0.0.1 and is started and stopped by PID. Each kiosk has its
own data directory and metrics port; Prometheus gets a private data folder, the
shipped alert rules, and a file_sd file listing the kiosks (as a city would).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.parse
import urllib.request
from pathlib import Path

from conftest import ROOT, _dump_toml

MONITORING = ROOT / "assets" / "monitoring"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_kiosk_config(folder: Path, kiosk_id: str, metrics_port: int, **overrides) -> Path:
    """The demo kiosk.toml (emulators, embedded gateway) with its own data dir and metrics port;
    `overrides` as {"devices.printer.url": "tcp://…"}."""
    raw = tomllib.loads((ROOT / "kiosk.toml").read_text(encoding="utf-8"))
    raw["kiosk"].update(id=kiosk_id, data_dir=str(folder / "var"), fullscreen=False)
    raw["queue"]["key_file"] = str(folder / "var" / "queue.key")
    raw["catalog"]["seed"] = str(ROOT / "assets" / "catalog" / "seed.json")
    raw["devices"]["id_reader"]["card"] = str(ROOT / "assets" / "cards" / "resident.json")
    raw["metrics"] = {"listen": f"127.0.0.1:{metrics_port}"}
    for dotted, value in overrides.items():
        *path, key = dotted.split(".")
        table = raw
        for p in path:
            table = table.setdefault(p, {})
        table[key] = value
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kiosk.toml"
    path.write_text(_dump_toml(raw), encoding="utf-8")
    return path


def stop_process(proc: subprocess.Popen) -> None:
    """SIGTERM (a clean stop), SIGKILL only if it does not end within 30 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class KioskProcess:
    def __init__(self, kiosk_id: str, config: Path, metrics_port: int):
        self.kiosk_id, self.config, self.metrics_port = kiosk_id, config, metrics_port
        self.log = config.parent / "kiosk.out"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("NOTIFY_SOCKET", None)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "run", "--config", str(config)],
                                         stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.metrics_port}"

    def scrape(self, timeout: float = 5) -> str | None:
        try:
            with urllib.request.urlopen(f"http://{self.target}/metrics", timeout=timeout) as resp:
                return resp.read().decode("utf-8")
        except OSError:
            return None

    def wait_serving(self, timeout: float) -> None:
        """Until /metrics answers with the outbox attached (services up), or fail with the log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            body = self.scrape()
            if body and "kiosk_outbox_entries" in body:
                return
            time.sleep(0.2)
        raise AssertionError(f"kiosk {self.kiosk_id} not serving metrics (rc={self.proc.poll()}):\n"
                             + self.log.read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        stop_process(self.proc)


class Prometheus:
    """`prometheus` (Debian package) on 127.0.0.1 with a private data folder."""

    def __init__(self, folder: Path, targets: list[tuple[str, dict]], interval_s: float = 1):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        sd = folder / "kiosks.json"
        sd.write_text(json.dumps([{"targets": [t], "labels": labels} for t, labels in targets]), encoding="utf-8")
        shutil.copy(MONITORING / "kiosk-alerts.yml", folder / "kiosk-alerts.yml")
        config = folder / "prometheus.yml"
        config.write_text(f"""
global:
  scrape_interval: {interval_s}s
  scrape_timeout: {interval_s}s
  evaluation_interval: {interval_s}s
rule_files: ["{folder / 'kiosk-alerts.yml'}"]
scrape_configs:
  - job_name: tongban-kiosk
    file_sd_configs:
      - files: ["{sd}"]
""", encoding="utf-8")
        self.config = config
        self.log = folder / "prometheus.log"
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [shutil.which("prometheus") or "prometheus", f"--config.file={config}",
                 f"--storage.tsdb.path={folder / 'data'}", f"--web.listen-address=127.0.0.1:{self.port}",
                 "--storage.tsdb.retention.time=1h", "--log.level=warn"],
                stdout=out, stderr=subprocess.STDOUT, cwd=folder)
        self._wait_ready(30)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/-/ready", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("prometheus did not start:\n" + self.log.read_text(errors="replace")[-3000:])

    def api(self, path: str, **params) -> dict:
        url = f"{self.url}/api/v1/{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        with urllib.request.urlopen(url, timeout=10) as resp:
            answer = json.loads(resp.read())
        assert answer["status"] == "success", answer
        return answer["data"]

    def query(self, promql: str) -> list[dict]:
        return self.api("query", query=promql)["result"]

    def stop(self) -> None:
        stop_process(self.proc)
