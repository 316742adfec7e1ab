"""Start the configured device workers (emulators too), collect their status, stop them.

Used by `kiosk doctor` and `kiosk devices`: the same code path as the kiosk.
"""
from __future__ import annotations


def probe_devices(cfg, timeout_s: float) -> list[dict]:
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

    from kiosk.devices.hub import DeviceHub

    app = QCoreApplication.instance() or QCoreApplication([])
    hub = DeviceHub(cfg)
    hub.start()
    deadline = QDeadlineTimer(int(timeout_s * 1000))
    try:
        while not deadline.hasExpired():
            if all(k in hub.statuses and hub.statuses[k].state.value != "busy" for k in hub.kinds):
                break
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    finally:
        hub.stop()
    rows = hub.summary()
    for row in rows:
        row["ok"] = row["state"] in ("ready", "no_media")
    return rows
