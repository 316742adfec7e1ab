"""Receipt printing: time to build a receipt's ESC/POS bytes (goal ≤ 10 ms) and to
deliver it to the TCP printer emulator on 127.0.0.1 (status check, send, re-check).

Wire time is what the bytes cost on the printer's link: at 9600 and 115200 baud
(8N1 = 10 bits a byte) the link, not the kiosk, is the bottleneck.

Run: .venv/bin/python bench/bench_receipt.py
"""
from __future__ import annotations

import dataclasses
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.printer import PrinterProfile, ReceiptPrinter  # noqa: E402
from drivers.printer.emulator import PrinterEmulator  # noqa: E402
from drivers.printer.transport import Transport, parse_printer_url  # noqa: E402
from kiosk.receipt import build_receipt_bytes, sample_receipt  # noqa: E402

CASES = [
    ("80 mm, GB18030, native QR", PrinterProfile(80, "gb18030", native_qr=True), sample_receipt()),
    ("58 mm, GBK, image QR", PrinterProfile(58, "gbk", native_qr=False), sample_receipt()),
    ("58 mm, GB2312, rare name 喆 as image, image QR", PrinterProfile(58, "gb2312", native_qr=False),
     dataclasses.replace(sample_receipt(), applicant_name="喆小明")),
]


def timed(fn, n):
    fn()   # warm caches (fonts, QR encoder): the kiosk builds many receipts per process
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    out.sort()
    return statistics.median(out), out[int(len(out) * 0.95) - 1]


def wire_s(nbytes: int, baud: int) -> float:
    return nbytes * 10 / baud


def main() -> None:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}")
    print()
    print("| receipt | bytes | build median | build p95 | wire 9600 Bd | wire 115200 Bd "
          "| build / wire 115200 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, profile, data in CASES:
        raw = build_receipt_bytes(data, profile)
        med, p95 = timed(lambda: build_receipt_bytes(data, profile), 300)
        w96, w115 = wire_s(len(raw), 9600), wire_s(len(raw), 115200)
        print(f"| {name} | {len(raw)} | {med*1e3:.2f} ms | {p95*1e3:.2f} ms | {w96:.2f} s "
              f"| {w115*1e3:.0f} ms | {med / w115:.3f} |")
    print()
    print("| delivery to the TCP emulator (127.0.0.1) | bytes | median | p95 |")
    print("|---|---:|---:|---:|")
    with PrinterEmulator() as emu:
        for name, profile, data in CASES[:2]:
            raw = build_receipt_bytes(data, profile)
            printer = ReceiptPrinter(emu.url, profile, status_timeout=2)

            def send_only():
                with Transport(parse_printer_url(emu.url)).open() as t:
                    t.write(raw)

            med, p95 = timed(lambda: printer.print_bytes(raw), 100)
            print(f"| {name}: check + send + re-check | {len(raw)} | {med*1e3:.2f} ms "
                  f"| {p95*1e3:.2f} ms |")
            med, p95 = timed(send_only, 100)
            print(f"| {name}: connect + send only | {len(raw)} | {med*1e3:.2f} ms "
                  f"| {p95*1e3:.2f} ms |")
        emu.set_state("silent")
        printer = ReceiptPrinter(emu.url, PrinterProfile(), status_timeout=1)
        t0 = time.perf_counter()
        printer.print_bytes(build_receipt_bytes(sample_receipt(), PrinterProfile()))
        print(f"| silent printer (status_timeout_s = 1): time to give up, nothing sent "
              f"| 0 | {(time.perf_counter() - t0)*1e3:.0f} ms | |")


if __name__ == "__main__":
    main()
