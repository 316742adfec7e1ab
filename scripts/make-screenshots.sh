#!/usr/bin/env bash
# Every screen at every terminal size, normal and 长辈模式 (and English at 1920×1080), into
# docs/screenshots/<size>[-elder|-en]/. Stops at the first size whose pictures have a problem.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
for size in 1920x1080 1080x1920 1366x768 1280x1024 1024x768; do
  .venv/bin/python scripts/screenshots.py --size "$size"
  .venv/bin/python scripts/screenshots.py --size "$size" --elder
done
.venv/bin/python scripts/screenshots.py --size 1920x1080 --lang en
