"""Wire the demo dock's buttons to the emulators (never a shortcut around the drivers).

The dock exists only when the configuration uses emulated devices. Every
action drives a protocol emulator or the embedded gateway, so the kiosk sees
exactly what hardware would do: a card presented on the pty reader, a QR code
in front of the emulated camera, a printer answering "paper out" to DLE EOT,
the gateway refusing connections.
"""
from __future__ import annotations

import logging

from screens.dock import DemoDock

log = logging.getLogger(__name__)

CARD_LABELS = {"resident": "居民身份证", "resident_long_term": "居民身份证（长期）",
               "permit_hk": "港澳居民居住证", "foreign_2017": "外国人永居证 2017",
               "foreign_2023": "外国人永居证 2023", "social_security": "社保卡"}


def attach_dock(app) -> DemoDock:
    # Its own column at the window's right edge: it never covers a screen's content.
    dock = DemoDock(app.window)
    dock.set_collapsed(True)
    app.window.add_side(dock)
    try:
        from drivers.id_reader.emulator import IdReaderEmulator
        cards = [(CARD_LABELS.get(k, k), str(p)) for k, p in sorted(IdReaderEmulator.sample_cards().items())
                 if k != "social_security"]
        default = str(app.cfg.devices.id_reader.card)
        cards.sort(key=lambda c: c[1] != default)     # the configured card comes first
        dock.set_cards(cards)
    except ImportError:
        pass
    dock.dock_action.connect(lambda action, arg: handle(app, action, arg))
    return dock


def handle(app, action: str, arg: str) -> None:
    hub = app.hub
    if action == "present_card" and hub.emulator("id_reader"):
        hub.emulator("id_reader").present(arg)
    elif action == "remove_card" and hub.emulator("id_reader"):
        hub.emulator("id_reader").remove()
    elif action.startswith("camera_") and hub.emulator("camera"):
        scene = action.removeprefix("camera_")
        hub.emulator("camera").show(f"qr:{arg}" if scene == "qr" else scene)
    elif action in ("network_down", "network_up"):
        sim = app.s.sim if app.s is not None else None
        if sim is None:
            log.warning("network switch needs the embedded gateway")
            return
        sim.set_offline(action == "network_down")
        app.s.outbox.wake()
    elif action.startswith("printer_") and hub.emulator("printer"):
        hub.emulator("printer").set_state(action.removeprefix("printer_"))
    elif action.startswith("a4_") and hub.emulator("document_printer"):
        _set_a4(app, action.removeprefix("a4_"))
    else:
        log.info("dock action %s has no emulator to drive", action)


def _set_a4(app, condition: str) -> None:
    """The private cupsd learns the condition over IPP (ipptool): off the UI thread; then the
    A4 worker reads the queue's state again, as it would after a real printer's change."""
    from PySide6.QtCore import QMetaObject, Qt
    worker = app.hub.worker("document_printer")
    emulator = app.hub.emulator("document_printer")

    def recheck(_=None):
        if worker is not None:
            QMetaObject.invokeMethod(worker, "check_status", Qt.ConnectionType.QueuedConnection)
    app.runner.run("misc", lambda: emulator.set_condition(condition), recheck,
                   lambda exc: log.warning("A4 emulator: %s", exc))
