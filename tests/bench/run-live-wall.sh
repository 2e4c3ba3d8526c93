#!/usr/bin/env bash
# Full live-wall benchmark (about 8 minutes): N = 1, 4, 9, 16 tiles, 30 s per mode, pipeline / rendered / ffmpeg.
# Usage: tests/bench/run-live-wall.sh [build-dir] [extra bench_live_wall options]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
shift || true
cmake --build "$build" --target bench_live_wall vigil-demo-server
exec "$here/tests/support/with-xvfb.sh" "$build/tests/bench/live_wall/bench_live_wall" \
    --server "$build/components/demo/vigil-demo-server" "$@"
