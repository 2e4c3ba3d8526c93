#!/usr/bin/env bash
# One command for a newcomer: installs what is missing, builds, and starts Vigil on its built-in demo site
# (live demo cameras served on this PC; no camera or network needed). Extra arguments go to vigil.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_TESTS=OFF
cmake --build build --target vigil vigilctl
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: there is no display here (DISPLAY is not set). Run this command in a desktop session," >&2
  echo "      or take a picture of the demo wall without one:" >&2
  echo "      tests/support/with-xvfb.sh build/app/vigil --demo --screenshot demo.png" >&2
  exit 1
fi
exec build/app/vigil --demo "$@"
