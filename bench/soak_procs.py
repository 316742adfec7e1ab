"""The soak's peers outside the kiosk process: the reference gateway and the device emulators.

In a hall the gateway is remote and the ID reader and receipt printer are hardware, so
none of their memory is the kiosk's. `bench/soak.py --peers external` (the default)
runs them here, each in its own process on loopback:

- `GatewayProcess`: `kiosk gateway-sim` with a SQLite store in a folder. The network
  goes down by stopping that process (the kiosk's connections are refused, for real)
  and comes back by starting it again on the same port and store, so what was queued
  is delivered after, as in a hall whose line came back.
- `DeviceProcess`: this file run as `python bench/soak_procs.py devices`: the GA/T 467
  reader emulator on a pty and the TCP printer emulator, driven by lines on stdin
  (`present PATH`, `remove`, `printer STATE`), each answered `ok` once done.

The emulated camera stays in the kiosk process: a real camera's frames land there too.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class GatewayProcess:
    def __init__(self, data_dir: Path, region: str, catalog: Path):
        self.data_dir, self.region, self.catalog = data_dir, region, catalog
        self.port = 0
        self.url = ""
        self.proc: subprocess.Popen | None = None

    def start(self) -> str:
        exe = Path(sys.executable).with_name("kiosk")
        self.proc = subprocess.Popen(
            [str(exe), "gateway-sim", "--host", "127.0.0.1", "--port", str(self.port),
             "--data", str(self.data_dir), "--region", self.region, "--catalog", str(self.catalog)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("http://"):
            raise RuntimeError(f"gateway-sim did not start: {line!r}")
        self.url = line
        self.port = int(line.rsplit(":", 1)[1])
        return line

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    @property
    def running(self) -> bool:
        return self.proc is not None

    def rss(self) -> int:
        return _rss_of(self.proc.pid) if self.proc else 0


class DeviceProcess:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, __file__, "devices"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=ROOT)
        hello = json.loads(self.proc.stdout.readline())
        self.id_reader_port, self.printer_url = hello["id_reader"], hello["printer"]

    def send(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if answer != "ok":
            raise RuntimeError(f"device emulators: {line!r} → {answer!r}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(10)

    def rss(self) -> int:
        return _rss_of(self.proc.pid) if self.proc.poll() is None else 0


def _rss_of(pid: int) -> int:
    return int(open(f"/proc/{pid}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def serve_devices() -> int:
    sys.path.insert(0, str(ROOT))
    from drivers.id_reader.emulator import IdReaderEmulator
    from drivers.printer.emulator import PrinterEmulator
    reader, printer = IdReaderEmulator(None), PrinterEmulator(state="ok").start()
    print(json.dumps({"id_reader": reader.start(), "printer": printer.url}), flush=True)
    try:
        for line in sys.stdin:
            cmd, _, arg = line.strip().partition(" ")
            if cmd == "present":
                reader.present(arg)
            elif cmd == "remove":
                reader.remove()
            elif cmd == "printer":
                printer.set_state(arg)
            else:
                print(f"unknown {cmd}", flush=True)
                continue
            reader.requests.clear()      # the emulators' own logs are for tests: not kept here
            printer.clear()
            print("ok", flush=True)
    finally:
        reader.stop()
        printer.stop()
    return 0


if __name__ == "__main__" and sys.argv[1:] == ["devices"]:
    sys.exit(serve_devices())
