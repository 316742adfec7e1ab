"""The A4 document printer: CUPS (IPP to the local cupsd), typed status, and a private cupsd emulator.

    from drivers.document_printer import CupsDocumentPrinter, PrivateCups
    with PrivateCups() as pc:
        p = CupsDocumentPrinter(pc.server, pc.queue)
        if p.status().printable:
            result = p.print_pdf(pdf_bytes, "tongban-7K3Q9MZP")   # followed to completed/aborted
"""
from drivers.document_printer.cups_printer import CupsDocumentPrinter, preserve_setting
from drivers.document_printer.private_cups import PrivateCups, PrivateCupsUnavailable
from drivers.document_printer.status import A4Status, JobResult, JobState

__all__ = ["A4Status", "CupsDocumentPrinter", "JobResult", "JobState", "PrivateCups",
           "PrivateCupsUnavailable", "preserve_setting"]
