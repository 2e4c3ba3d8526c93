#!/usr/bin/env bash
# record-list-export.sh VIGILCTL DEMO-SERVER CACHE-DIR
# The operator's round trip with vigilctl on the demo site: record cam01 for 5 s in 2 s segments, list the
# recordings (closed ones have start < end, file:// URLs), export 0.5..1.5 s of the first segment, check the
# checksum with sha256sum -c. Real server (vigil-demo-server), real files; no display.
set -euo pipefail
vigilctl=$1 server=$2 cache=$3
tmp=$(mktemp -d)
srv=
cleanup() { [ -n "$srv" ] && kill "$srv" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$server" --cameras 1 --clip-seconds 4 --cache-dir "$cache" >"$tmp/server.out" 2>"$tmp/server.err" &
srv=$!
for _ in $(seq 1 1200); do
    grep -q "READY port=" "$tmp/server.out" && break
    kill -0 "$srv" 2>/dev/null || { cat "$tmp/server.err"; echo "demo server died"; exit 1; }
    sleep 0.1 # polling the server's READY line (it prints it once it listens)
done
port=$(sed -n 's/^READY port=//p' "$tmp/server.out")
[ -n "$port" ] || { echo "demo server not ready"; exit 1; }
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
"$vigilctl" record "rtsp://127.0.0.1:$port/cam01/sub" cam01 --root "$tmp/rec" --seconds 5 --segment-seconds 2 \
    >"$tmp/record.json"
cat "$tmp/record.json"
python3 - "$tmp/record.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ok"] and len(r["segments"]) >= 2, r
PY
"$vigilctl" recordings "$tmp/rec" cam01 --kind local >"$tmp/list.json"
cat "$tmp/list.json"
first=$(python3 - "$tmp/list.json" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
recs = r["recordings"]
assert r["ok"] and len(recs) >= 2, r
for x in recs:
    s = datetime.datetime.fromisoformat(x["start"].replace("Z", "+00:00"))
    e = datetime.datetime.fromisoformat(x["end"].replace("Z", "+00:00"))
    assert e > s and x["url"].startswith("file://") and not x["open"], x
print(recs[0]["path"])
PY
)
# --from/--to narrow the list: a window inside the first segment gives exactly it.
start=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['recordings'][0]['start'])" "$tmp/list.json")
"$vigilctl" recordings "$tmp/rec" cam01 --kind local --from "$start" --to "$start" >"$tmp/one.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert len(r['recordings'])==1, r" "$tmp/one.json"
# Into a folder that does not exist: exit 1 and a sentence saying what to check.
rc=0; "$vigilctl" export "$first" --from 1 --to 3 -o "$tmp/out/clip.mp4" >"$tmp/fail.json" || rc=$?
[ "$rc" -eq 1 ] && grep -q "Check that the folder exists" "$tmp/fail.json" || { cat "$tmp/fail.json"; exit 1; }
mkdir -p "$tmp/out"
"$vigilctl" export "$first" --from 0.5 --to 1.5 -o "$tmp/out/clip.mp4" >"$tmp/export.json"
cat "$tmp/export.json"
python3 - "$tmp/export.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
# 1 s asked; starts at the key frame at or before 0.5 s (1 s GOP): within one GOP of the asked range.
assert r["ok"] and 0.95 <= r["duration_s"] <= 2.05 and len(r["sha256"]) == 64, r
PY
(cd "$tmp/out" && sha256sum -c clip.mp4.sha256)
# SIGTERM in the middle: vigilctl stops cleanly, exit 0, and the segment it was writing is closed (not open).
"$vigilctl" record "rtsp://127.0.0.1:$port/cam01/sub" cam02 --root "$tmp/rec" --seconds 600 --segment-seconds 2 \
    >"$tmp/term.json" &
rec=$!
for _ in $(seq 1 300); do
    [ "$(ls "$tmp/rec/cam02" 2>/dev/null | wc -l)" -ge 2 ] && break
    sleep 0.1 # polling the recordings folder for the second segment
done
kill -TERM "$rec"
rc=0; wait "$rec" || rc=$?
cat "$tmp/term.json"
[ "$rc" -eq 0 ] || { echo "vigilctl record exited $rc after SIGTERM"; exit 1; }
"$vigilctl" recordings "$tmp/rec" cam02 --kind local >"$tmp/term-list.json"
python3 - "$tmp/term-list.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ok"] and len(r["recordings"]) >= 2 and not any(x["open"] for x in r["recordings"]), r
PY
echo "record-list-export: ok"
