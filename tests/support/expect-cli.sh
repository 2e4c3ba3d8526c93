#!/usr/bin/env bash
# expect-cli.sh EXIT STREAM REGEX COMMAND [ARGS...]
# Runs COMMAND as over SSH, with no display at all (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM unset), and
# passes when it exits with EXIT and its STREAM (stdout or stderr) matches the extended REGEX. Both streams
# are echoed for the CTest log. (CTest's PASS_REGULAR_EXPRESSION alone would ignore the exit code.)
set -u
[ $# -ge 4 ] || { echo "usage: expect-cli.sh EXIT stdout|stderr REGEX COMMAND [ARGS...]" >&2; exit 2; }
want=$1 stream=$2 regex=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
echo "--- stdout"; cat "$tmp/stdout"
echo "--- stderr"; cat "$tmp/stderr"
echo "---"
[ "$rc" -eq "$want" ] || { echo "expect-cli: exit $rc, expected $want"; exit 1; }
grep -Eq -- "$regex" "$tmp/$stream" || { echo "expect-cli: $stream does not match /$regex/"; exit 1; }
echo "expect-cli: exit $rc and $stream as expected"
