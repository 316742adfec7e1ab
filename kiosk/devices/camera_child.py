"""The camera's own process: capture and analysis away from the screens.

`CameraProcessWorker` (camera_process.py) starts it as
`python -m kiosk.devices.camera_child --fd N`, N being its end of a socket pair.
It runs the same CameraWorker as the in-thread camera, in a QCoreApplication,
and relays what the worker reports to the kiosk as messages (listed below);
the kiosk's intents come back the same way. When the kiosk's end closes (it
ended the camera, or died) this process ends: no camera stays on by itself.
Pictures travel only over the socket, never through a file.
"""
from __future__ import annotations

import argparse
import logging
import sys
import threading
from multiprocessing.connection import Connection
from types import SimpleNamespace

log = logging.getLogger("kiosk.camera_process")

# To the kiosk: ("status", DeviceStatus) ("active", bool) ("frame", w, h, bytes_per_line, pixels, info)
# ("face", jpeg, quality) ("qr", text) ("document", jpeg, w, h, bytes_per_line, pixels) ("rejected", why)
# ("alive",) every second.
# From the kiosk: ("probe",) ("start", mode) ("stop",) ("capture",) ("ack",) ("scene", name) ("unplug",)
# ("plug",) ("quit",). The first message from the kiosk is the hello: {"camera": {...}, "emulator": {...}}.


def image_message(img) -> tuple:
    """(w, h, bytes_per_line, pixels) of a BGR888 QImage, for the wire."""
    return img.width(), img.height(), img.bytesPerLine(), bytes(img.constBits())


def serve(conn: Connection) -> int:
    hello = conn.recv()
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    from kiosk.devices.camera_worker import camera_worker_for

    app = QCoreApplication.instance() or QCoreApplication([])
    worker = camera_worker_for(SimpleNamespace(**hello["camera"]))
    emulator = worker.emulator
    if emulator is not None and hello.get("emulator"):
        emulator.show(hello["emulator"]["scene"])
        if not hello["emulator"]["plugged"]:
            emulator.unplug()
    send_lock = threading.Lock()

    def send(*msg) -> None:
        try:
            with send_lock:
                conn.send(msg)
        except OSError:          # the kiosk is gone: the reader sees it and ends the loop
            pass

    worker.status_changed.connect(lambda st: send("status", st))
    worker.camera_active.connect(lambda on: send("active", on))
    worker.frame_ready.connect(lambda img, info: send("frame", *image_message(img), info))
    worker.face_captured.connect(lambda jpeg, q: send("face", jpeg, q))
    worker.qr_decoded.connect(lambda text: send("qr", text))
    worker.document_captured.connect(lambda jpeg, thumb: send("document", jpeg, *image_message(thumb)))
    worker.document_rejected.connect(lambda why: send("rejected", why))

    class Intents(QObject):
        """The reader thread's commands, queued to this process's main thread (the worker's)."""
        probe = Signal()
        start = Signal(str)
        stop = Signal()
        capture = Signal()
        quit = Signal()

    intents = Intents()
    intents.probe.connect(worker.start)
    intents.start.connect(worker.start_preview)
    intents.stop.connect(worker.stop_preview)
    intents.capture.connect(worker.capture_document)
    # Slots of objects on this thread, not a lambda: a lambda would run on the reader's thread.
    intents.quit.connect(worker.shutdown)
    intents.quit.connect(app.quit)

    def read() -> None:
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                break
            kind = msg[0]
            if kind == "ack":
                worker.frame_consumed()          # one flag; safe from any thread
            elif kind == "start":
                intents.start.emit(msg[1])
            elif kind in ("probe", "stop", "capture"):
                getattr(intents, kind).emit()
            elif kind == "quit":
                break
            elif emulator is not None and kind == "scene":
                try:
                    emulator.show(msg[1])
                except ValueError as exc:
                    log.warning("camera process: %s", exc)
            elif emulator is not None and kind in ("unplug", "plug"):
                getattr(emulator, kind)()
            else:
                log.warning("camera process: unknown message %r", kind)
        intents.quit.emit()

    # A heartbeat from the worker's own thread: when it stops, that thread is stuck (a driver
    # call that never returns) and the kiosk ends this process and starts another.
    from PySide6.QtCore import QTimer
    alive = QTimer()
    alive.timeout.connect(lambda: send("alive"))
    alive.start(1000)
    threading.Thread(target=read, name="camera-intents", daemon=True).start()
    app.exec()
    conn.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="the kiosk's camera process (started by the kiosk)")
    ap.add_argument("--fd", type=int, required=True, help="this process's end of the socket pair")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="camera-process %(levelname)s %(name)s: %(message)s")
    return serve(Connection(args.fd))


if __name__ == "__main__":
    sys.exit(main())
