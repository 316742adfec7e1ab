"""Documents out: verifying a signed 3-page certificate against reading it (goal: verification ≤ 50 ms),
and the way from 确认提交 to the A4 job's `completed`, split into gateway, verification,
rendering and printing.

The end-to-end part runs the functions the resident flow runs, in its order, with real peers:
the reference gateway over HTTP on 127.0.0.1 (submission with the item's documents, the
listing, the PDF download), kiosk.documents verification, QtPdf loading the PDF from memory
and rendering every page at a 1024-px-wide screen's size (offscreen), and the A4 job on a
private cupsd with the recording backend, followed to `completed`. Not included: the
outbox commit (bench_queue.py measures it) and the event-loop hops between the steps.

Run: .venv/bin/python bench/bench_documents.py [--runs N]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_ms(xs) -> float:
    return statistics.median(xs) * 1000


def bench_verify(runs: int) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from document_helpers import signed, trusted_root_file
    from kiosk.documents import DocumentVerifier
    data, listing = signed(pages=3)
    with tempfile.TemporaryDirectory() as d:
        verifier = DocumentVerifier([trusted_root_file(Path(d))])
        verifier.verify(data, listing)                       # warm: trust roots read, imports done
        read, sha, verify = [], [], []
        for _ in range(runs):
            t = time.perf_counter()
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            int(reader.root["/Pages"]["/Count"])
            _ = reader.embedded_signatures
            read.append(time.perf_counter() - t)
            t = time.perf_counter()
            hashlib.sha256(data).hexdigest()
            sha.append(time.perf_counter() - t)
            t = time.perf_counter()
            verifier.verify(data, listing)
            verify.append(time.perf_counter() - t)
    print(f"3-page signed certificate, {len(data)} bytes, {runs} runs (medians):")
    print(f"  read (parse, page count, find the signature) {median_ms(read):7.2f} ms")
    print(f"  sha256                                       {median_ms(sha):7.2f} ms")
    print(f"  verify (everything, incl. its own read)      {median_ms(verify):7.2f} ms"
          f"   = {statistics.median(verify) / statistics.median(read):.1f}x the read; goal ≤ 50 ms")


def bench_end_to_end(runs: int) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from drivers.document_printer import CupsDocumentPrinter, PrivateCups
    from gateway_testkit import SEED, submission_body
    from kiosk.catalog.model import parse_document
    from kiosk.documents import DocumentVerifier
    from kiosk.documents.fetch import submission_documents
    from kiosk.gateway.client import GatewayClient
    from kiosk.gateway_sim import GatewaySim

    app = QApplication.instance() or QApplication([])   # noqa: F841 (QtPdf needs one)
    item = {i.code: i for i in parse_document(json.loads(SEED.read_text(encoding="utf-8")))[1]}["230100-RS-004"]
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as d, PrivateCups() as cups:
        sim = GatewaySim(data_dir=Path(d) / "gw")
        sim.start()
        root = Path(d) / "gw" / "demo-ca" / "root.pem"
        client = GatewayClient(sim.url, timeout=30)
        verifier = DocumentVerifier([str(root)])
        printer = CupsDocumentPrinter(cups.server, cups.queue)
        try:
            for n in range(runs + 1):                     # the first run warms fonts and imports
                body = submission_body(item)
                body["form"]["from_month"] = "2021-01"    # ~70 months: 3 pages at 26 a page
                t0 = time.perf_counter()
                answer = client.submit(body, f"bench-{n}")
                t_submit = time.perf_counter() - t0
                fetched = submission_documents(client, answer["tracking_no"], verifier)
                (doc,) = fetched.documents
                gateway = t_submit + fetched.seconds_gateway
                t = time.perf_counter()
                buf = QBuffer()
                buf.setData(QByteArray(doc.data))
                buf.open(QIODevice.OpenModeFlag.ReadOnly)
                pdf = QPdfDocument()
                pdf.load(buf)
                for p in range(pdf.pageCount()):
                    pdf.render(p, QSize(1000, 1414))
                pdf.close()
                rendering = time.perf_counter() - t
                t = time.perf_counter()
                result = printer.print_pdf(doc.data, f"tongban-{doc.verification_code}", 60)
                printing = time.perf_counter() - t
                assert result.completed, result.reason_en
                if n:
                    rows.append({"pages": doc.pages, "gateway": gateway, "verification": fetched.seconds_verify,
                                 "rendering": rendering, "printing": printing,
                                 "total": time.perf_counter() - t0})
        finally:
            client.close()
            sim.stop()
    print(f"\n确认提交 → A4 job completed, {runs} runs, {rows[0]['pages']}-page 个人参保证明 (medians):")
    for k in ("gateway", "verification", "rendering", "printing", "total"):
        xs = [r[k] for r in rows]
        print(f"  {k:<13} {median_ms(xs):8.1f} ms   (min {min(xs) * 1000:7.1f}, max {max(xs) * 1000:7.1f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bench_verify(args.runs)
    bench_end_to_end(max(3, args.runs // 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
