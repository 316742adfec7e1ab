#!/usr/bin/env bash
# One set-up for a new machine: Debian packages (as root; otherwise the exact
# apt-get command is printed), then .venv in the repository root.
# Usage: scripts/setup.sh [run|test]   — "run" adds the demo extra, "test" the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-run}"

# Qt offscreen + xcb (real windows, Xvfb), Noto Sans CJK (the screens' font:
# its 1.45 em line spacing is what the elder-friendly numbers were measured with), a CJK font and one with the rare
# characters of names (CJK Extension A/B: 䶮 𠮷), PC/SC (pyscard builds
# against libpcsclite with swig), espeak-ng for spoken guidance (offline
# Mandarin), pcscd + vsmartcard-vpcd for the virtual card, libcups2-dev for pycups,
# cups-daemon for the demo's private CUPS server with the emulated A4 printer
# (the kiosk never starts the system's cupsd; `kiosk doctor` checks the real one),
# cups-ipp-utils for ipptool (the demo dock tells that cupsd the paper ran out).
APT_PACKAGES="libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
 xvfb libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
 libxcb-sync1 libxcb-shm0 libx11-xcb1 fonts-noto-cjk fonts-wqy-microhei fonts-hanazono libpulse0
 pcscd libpcsclite-dev swig gcc python3-dev espeak-ng libcups2-dev cups-daemon cups-client
 cups-ipp-utils"
if [ "$what" = "test" ]; then
  # poppler-utils: tests read what the A4 printer received (pdftotext, pdftoppm);
  # prometheus: a real Prometheus server and promtool (the fleet test, the alert rules).
  APT_PACKAGES="$APT_PACKAGES vsmartcard-vpcd poppler-utils prometheus"
fi

missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "setup: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    # python3-dev may not exist beside a non-Debian Python; the headers come with it then.
    apt-get install -y -q --no-install-recommends $missing >/dev/null || \
      apt-get install -y -q --no-install-recommends ${missing//python3-dev/} >/dev/null
  else
    echo "setup: these Debian packages are missing; run as root:"
    echo "  sudo apt-get install -y$missing"
    exit 1
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$what" = "test" ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e '.[demo]'
fi
# Byte-compile our packages as a regular pip install would: an editable install
# does not, and with PYTHONDONTWRITEBYTECODE set every start would compile
# ~40 modules from source before the first screen (start-up time, issue 2).
.venv/bin/python -m compileall -q kiosk drivers screens offline_queue >/dev/null
# The welcome page's icons as PNG (assets/icons/rendered/): the first screen loads them
# instead of loading QtSvg and rendering (start-up, issue 11).
QT_QPA_PLATFORM=offscreen .venv/bin/python -m screens.icons >/dev/null
# The screens' font: Noto Sans CJK SC cut to GB 2312 and our texts (~9 MB less resident
# memory, issue 15); ~1 min the first time, then only when the texts or the fonts change.
.venv/bin/python scripts/ui_font.py
# The English screens: the .qm is built from the .ts in the repository (Qt's lrelease).
.venv/bin/python scripts/i18n.py release
# The demo kiosk.toml holds the technician PIN hash: only its owner may read it (`kiosk doctor` checks).
chmod go-rwx kiosk.toml 2>/dev/null || true
echo "setup: ready (.venv)"
