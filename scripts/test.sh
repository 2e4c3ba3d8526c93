#!/usr/bin/env bash
# One command: installs what is missing, builds with warnings as errors (the benchmarks too), and runs every test
# (unit, QML, integration against real loopback servers, render tests in their own Xvfb, the .deb's check).
# Benchmarks print figures and do not pass or fail on them: their smoke runs (label Bench, ~3 minutes of CPU) run
# when asked, `scripts/test.sh -L Bench` (CI's 30-minute budget was down to a few minutes). Arguments go to ctest
# instead of the default.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_WERROR=ON -DVIGIL_BUILD_TESTS=ON
cmake --build build
if [ $# -eq 0 ]; then
    set -- --label-exclude Bench
fi
status=0
ctest --test-dir build --output-on-failure --parallel 2 "$@" || status=$?
if [ "$status" -ne 0 ] && [ -f build/Testing/Temporary/LastTest.log ]; then
    # The failed checks again, last: a long log is often cut in the middle, where they were.
    echo "=== what failed (from build/Testing/Temporary/LastTest.log) ==="
    grep -a -B2 -A4 -E '^(FAIL!|XPASS|QFATAL)' build/Testing/Temporary/LastTest.log | cut -c1-600 | tail -n 80 || true
fi
exit "$status"
