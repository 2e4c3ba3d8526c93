#!/usr/bin/env bash
# play-rtsp-seek.sh VIGILCTL REPLAY-SERVER: `vigilctl play rtsp://... --seek 7` against our loopback RTSP
# replay server (GStreamer, an H.264 MP4 made here, 1 s GOP) lands on 7 s: first_media_time_s within 0.1 s;
# and the same recording as an ONVIF replay URI (--onvif-start: Range: clock=, Require: onvif-replay; the
# server refuses requests without it) lands on 12 s. Run as over SSH: no display.
set -u
vigilctl=$1
server=$2
tmp=$(mktemp -d)
cleanup() { exec 3>&- 4>&- 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=20 -c:v libx264 -preset veryfast \
  -g 25 -sc_threshold 0 -pix_fmt yuv420p "$tmp/rec.mp4" || { echo "play-rtsp-seek: ffmpeg failed"; exit 1; }

check() { # check NAME JSON SECONDS
python3 - "$2" "$3" "$1" <<'PY' || exit 1
import json, sys
o = json.load(open(sys.argv[1])); want = float(sys.argv[2])
assert o.get("ok"), o
t = o["first_media_time_s"]
assert abs(t - want) <= 0.1, "first_media_time_s %s is not within 0.1 s of %s" % (t, want)
assert o["frames_decoded"] > 5, "frames_decoded %s" % o["frames_decoded"]
assert 0.5 < o["effective_rate"] < 1.5, "effective_rate %s" % o["effective_rate"]
print("%s: first_media_time_s %.3f, %d frames, effective rate %.2f" % (sys.argv[3], t, o["frames_decoded"], o["effective_rate"]))
PY
}

mkfifo "$tmp/in1" "$tmp/in2"
"$server" "$tmp/rec.mp4" <"$tmp/in1" >"$tmp/url1" & exec 3>"$tmp/in1"
"$server" "$tmp/rec.mp4" --onvif <"$tmp/in2" >"$tmp/url2" & exec 4>"$tmp/in2"
for f in url1 url2; do
  for _ in $(seq 100); do [ -s "$tmp/$f" ] && break; sleep 0.1; done
done
url1=$(head -1 "$tmp/url1"); url2=$(head -1 "$tmp/url2")
[ -n "$url1" ] && [ -n "$url2" ] || { echo "play-rtsp-seek: the replay server did not start"; exit 1; }

env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$vigilctl" play "$url1" --seek 7 --seconds 1 >"$tmp/o1.json" 2>"$tmp/e1.txt"
rc=$?; cat "$tmp/o1.json" "$tmp/e1.txt"
[ "$rc" -eq 0 ] || { echo "play-rtsp-seek: platform URL: exit $rc"; exit 1; }
check "npt seek" "$tmp/o1.json" 7

env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$vigilctl" play "$url2" --onvif-start 2026-11-01T00:00:00Z \
  --seek 12 --seconds 1 >"$tmp/o2.json" 2>"$tmp/e2.txt"
rc=$?; cat "$tmp/o2.json" "$tmp/e2.txt"
[ "$rc" -eq 0 ] || { echo "play-rtsp-seek: ONVIF replay URI: exit $rc"; exit 1; }
check "clock seek" "$tmp/o2.json" 12
echo "play-rtsp-seek: ok"
