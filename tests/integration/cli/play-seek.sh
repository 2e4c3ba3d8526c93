#!/usr/bin/env bash
# play-seek.sh VIGILCTL: `vigilctl play FILE --seek 7` on a real recording made here with the ffmpeg CLI
# (H.264, 25 fps, 10 s) lands on 7 s: first_media_time_s within 0.5 s of 7, frames shown, exit 0; and a
# missing file exits 1 with the error sentence in the JSON. Run as over SSH: no display.
set -u
vigilctl=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=10 -c:v libx264 -preset veryfast \
  -pix_fmt yuv420p "$tmp/rec.mp4" || { echo "play-seek: ffmpeg could not make the recording"; exit 1; }

env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$vigilctl" play "$tmp/rec.mp4" --seek 7 --seconds 1 \
  >"$tmp/out.json" 2>"$tmp/err.txt"
rc=$?
echo "--- stdout"; cat "$tmp/out.json"; echo "--- stderr"; cat "$tmp/err.txt"; echo "---"
[ "$rc" -eq 0 ] || { echo "play-seek: exit $rc, expected 0"; exit 1; }
python3 - "$tmp/out.json" <<'PY' || exit 1
import json, sys
o = json.load(open(sys.argv[1]))
t = o["first_media_time_s"]
assert abs(t - 7) <= 0.5, "first_media_time_s %s is not within 0.5 s of 7" % t
assert o["frames_decoded"] > 5, "frames_decoded %s" % o["frames_decoded"]
assert (o["width"], o["height"]) == (640, 360), (o["width"], o["height"])
assert 0.5 < o["effective_rate"] < 1.5, "effective_rate %s" % o["effective_rate"]
print("play-seek: first_media_time_s %.3f, %d frames, effective rate %.2f" % (t, o["frames_decoded"], o["effective_rate"]))
PY

env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$vigilctl" play "$tmp/missing.mp4" >"$tmp/out2.json" 2>&1
rc=$?
cat "$tmp/out2.json"
[ "$rc" -eq 1 ] || { echo "play-seek: missing file: exit $rc, expected 1"; exit 1; }
grep -q '"error": "The recording missing.mp4 does not exist' "$tmp/out2.json" || { echo "play-seek: no sentence"; exit 1; }
echo "play-seek: ok"
