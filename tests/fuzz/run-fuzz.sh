#!/usr/bin/env bash
# run-fuzz.sh FUZZER SECONDS CORPUS [SEED_DIR]: bounded libFuzzer run; the seed dir is used only if present.
set -euo pipefail
fuzzer=$1 seconds=$2 corpus=$3 seeds=${4:-}
mkdir -p "$corpus"
dirs=("$corpus")
if [ -n "$seeds" ] && [ -d "$seeds" ]; then dirs+=("$seeds"); else echo "run-fuzz: no seed corpus at '$seeds' (set VIGIL_SHARED_DIR); fuzzing from scratch"; fi
# detect_leaks is on by default under ASan; keep it explicit. Crashes/leaks leave their input in the corpus dir.
exec "$fuzzer" -max_total_time="$seconds" -detect_leaks=1 -rss_limit_mb=2048 -max_len=65536 \
     -artifact_prefix="$corpus/" -print_final_stats=1 "${dirs[@]}"
