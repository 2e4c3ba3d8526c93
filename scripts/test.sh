#!/usr/bin/env bash
# One command: installs what is missing, builds with warnings as errors, and runs every test
# (unit, QML, integration against real loopback servers, render tests in their own Xvfb, benchmark smoke).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_WERROR=ON -DVIGIL_BUILD_TESTS=ON
cmake --build build
ctest --test-dir build --output-on-failure --parallel 2 "$@"
