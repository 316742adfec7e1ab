#!/usr/bin/env bash
# Set up (packages, .venv) and start the kiosk on the demo configuration:
# emulated devices and the embedded gateway simulator, no hardware needed.
# With no display, it starts Xvfb and says how to look at the screen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  export DISPLAY=:97
  sleep 0.5
  echo "run-demo: no display found; running on Xvfb $DISPLAY (pid $xvfb_pid)"
fi
exec_status=0
.venv/bin/kiosk run --config kiosk.toml "$@" || exec_status=$?
exit $exec_status
