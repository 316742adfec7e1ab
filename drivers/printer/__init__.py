"""Receipt printer: ESC/POS over python-escpos transports, Chinese text, status, emulator.

    from drivers.printer import ReceiptPrinter, PrinterProfile, Document
    p = ReceiptPrinter("tcp://127.0.0.1:9100", PrinterProfile(80, "gb18030"))
    doc = Document(p.profile).line("办件回执", align="center", double=True).qr("Q123").cut()
    result = p.print_bytes(doc.bytes())     # checks status first, re-checks after
"""
from drivers.printer.device import PrintResult, ReceiptPrinter, query_status
from drivers.printer.document import Document
from drivers.printer.profile import PrinterProfile
from drivers.printer.status import PrinterState, PrinterStatus
from drivers.printer.transport import PrinterUrl, parse_printer_url

__all__ = ["Document", "PrintResult", "PrinterProfile", "PrinterState", "PrinterStatus",
           "PrinterUrl", "ReceiptPrinter", "parse_printer_url", "query_status"]
