#!/usr/bin/env bash
# Runs one command inside its own Xvfb server (24-bit, 1920x1080), so GUI tests that must draw real video
# (OpenGL on Mesa llvmpipe) work in CI without a display and in parallel with each other.
# VIGIL_XVFB_SCREENS="1600x900 1280x720" gives one X screen per size instead (Qt sees each as a QScreen): the
# wall's multi-monitor tests.
set -u
if [ -n "${VIGIL_USE_EXISTING_DISPLAY:-}" ] && [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi
command -v Xvfb >/dev/null || { echo "with-xvfb: Xvfb is not installed (apt-get install xvfb)" >&2; exit 1; }
exec 3<> <(:)
tmp=$(mktemp -d)
screens=()
n=0
for size in ${VIGIL_XVFB_SCREENS:-1920x1080}; do
  screens+=(-screen "$n" "${size}x24")
  n=$((n + 1))
done
Xvfb -displayfd 5 "${screens[@]}" -nolisten tcp +extension GLX 5>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
trap 'kill $xpid 2>/dev/null; wait $xpid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do
  [ -s "$tmp/display" ] && break
  kill -0 $xpid 2>/dev/null || { echo "with-xvfb: Xvfb failed to start:" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
  read -r -t 0.05 <&3 || true
done
[ -s "$tmp/display" ] || { echo "with-xvfb: Xvfb did not report a display" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$tmp/display")"
export QT_QPA_PLATFORM=xcb
unset QT_QUICK_BACKEND
"$@"
rc=$?
exit $rc
