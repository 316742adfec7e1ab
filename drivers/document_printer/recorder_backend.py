"""The project's CUPS backend for the emulated A4 printer: keeps what it received, fails when told.

CUPS backends are plain executables (ServerBin/backend/NAME). PrivateCups
installs this file as `tongban-recorder` with the Python that runs the kiosk.
Device URI: `tongban-recorder:/abs/tray` — each job's document is kept there
as job-<id>.pdf (the "paper"). The file `condition` beside the tray says what
the next job meets: nothing (prints), `media-empty`, `jam` or `offline`;
the backend reports it with `STATE:` lines on stderr, as a real backend does.
Standard library only: cupsd runs it with a bare environment.
"""
import os
import sys

BACKEND_OK, BACKEND_FAILED, BACKEND_STOP = 0, 1, 4


def main(argv: list[str]) -> int:
    if len(argv) == 1:             # device discovery (lpinfo -v)
        print('direct tongban-recorder "Tongban A4 recorder" "Tongban emulated A4 printer"')
        return BACKEND_OK
    if len(argv) not in (6, 7):
        sys.stderr.write("ERROR: usage: tongban-recorder job user title copies options [file]\n")
        return BACKEND_FAILED
    tray = os.environ.get("DEVICE_URI", "").split(":", 1)[-1]
    condition_file = os.path.join(os.path.dirname(tray), "condition")
    try:
        with open(condition_file, encoding="ascii") as f:
            condition = f.read().strip()
    except OSError:
        condition = ""
    if condition == "media-empty":
        sys.stderr.write("STATE: +media-empty-error\nERROR: out of paper\n")
        return BACKEND_STOP
    if argv[6:]:
        with open(argv[6], "rb") as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read()
    if condition == "jam":
        sys.stderr.write("STATE: +media-jam-error\nERROR: paper jam\n")
        return BACKEND_FAILED
    if condition == "offline":
        sys.stderr.write("STATE: +offline-report\nERROR: printer not responding\n")
        return BACKEND_FAILED
    part = os.path.join(tray, f".job-{argv[1]}.part")
    with open(part, "wb") as f:
        f.write(data)
    os.replace(part, os.path.join(tray, f"job-{argv[1]}.pdf"))
    sys.stderr.write(f"INFO: printed {len(data)} bytes\nSTATE: -media-empty-error,-media-jam-error,-offline-report\n")
    return BACKEND_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv))
