#!/usr/bin/env bash
# Set up (packages, .venv with the test extras) and run the whole test suite.
# The tests start what they need themselves (pcscd, emulators, gateway
# simulators) and stop it by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
