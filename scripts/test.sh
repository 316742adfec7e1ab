#!/usr/bin/env bash
# Set up (packages, .venv with the test extras) and run the whole test suite.
# The tests start what they need themselves (pcscd, emulators, gateway
# simulators) and stop it by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
# Test files run side by side, each file whole in one worker (its module fixtures, the
# one pcscd of the PC/SC file): KIOSK_TEST_WORKERS=0 runs them one after another.
workers="${KIOSK_TEST_WORKERS:-3}"
if [ "$workers" = "0" ]; then
  exec .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest -n "$workers" --dist loadfile "$@"
