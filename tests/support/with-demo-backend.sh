#!/usr/bin/env bash
# with-demo-backend.sh BACKEND [BACKEND-ARGS...] -- COMMAND [ARGS...]
# Starts vigil-demo-backend on 127.0.0.1 (--port 0), waits for its "READY port=N" line (at most 30 s), runs
# COMMAND with every "@SITE@" in its arguments replaced by http://127.0.0.1:N, stops the backend (SIGTERM) and
# exits with COMMAND's status.
set -u
[ $# -ge 3 ] || { echo "usage: with-demo-backend.sh BACKEND [ARGS...] -- COMMAND [ARGS...]" >&2; exit 2; }
backend=$1
shift
backend_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do backend_args+=("$1"); shift; done
[ $# -gt 1 ] || { echo "with-demo-backend: missing -- COMMAND" >&2; exit 2; }
shift
tmp=$(mktemp -d)
"$backend" --port 0 "${backend_args[@]}" >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
port=
for _ in $(seq 300); do
    port=$(sed -n 's/^READY port=\([0-9]*\)$/\1/p' "$tmp/out")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "with-demo-backend: $backend did not print READY within 30 s:" >&2
    cat "$tmp/err" >&2
    exit 1
fi
args=()
for a in "$@"; do args+=("${a//@SITE@/http://127.0.0.1:$port}"); done
"${args[@]}"
