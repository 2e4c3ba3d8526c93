#!/usr/bin/env bash
# kiosk-pin.sh VIGIL — kiosk mode's command line, as an installer or an operator over SSH runs it (no display):
# --kiosk without a PIN refuses (exit 2) and says how to set one; --set-kiosk-pin reads the PIN from standard
# input, refuses a bad one (exit 2), stores only a salted hash and never prints the PIN; a damaged stored
# hash refuses kiosk mode again; with a good one the PIN check passes (the run then stops for want of a
# display, which is not what is tested).
set -u
vigil=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "kiosk-pin: $*"; exit 1; }
run() { env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@" >"$tmp/out" 2>"$tmp/err"; echo $?; }

rc=$(run "$vigil" --kiosk --config-dir "$tmp/cfg")
[ "$rc" -eq 2 ] || fail "--kiosk without a PIN: exit $rc, expected 2"
grep -q -- "--set-kiosk-pin --config-dir $tmp/cfg" "$tmp/err" || fail "no advice on stderr: $(cat "$tmp/err")"

rc=$(printf '12\n' | run "$vigil" --set-kiosk-pin --config-dir "$tmp/cfg")
[ "$rc" -eq 2 ] || fail "a 2-digit PIN: exit $rc, expected 2"
grep -q "4 to 12 digits" "$tmp/err" || fail "no reason for a short PIN: $(cat "$tmp/err")"
[ ! -e "$tmp/cfg/settings.json" ] || ! grep -q kioskPin "$tmp/cfg/settings.json" || fail "a refused PIN was stored"

rc=$(printf '4711\n' | run "$vigil" --set-kiosk-pin --config-dir "$tmp/cfg")
[ "$rc" -eq 0 ] || fail "--set-kiosk-pin 4711: exit $rc: $(cat "$tmp/err")"
grep -q 4711 "$tmp/out" "$tmp/err" && fail "the PIN was printed"
grep -Eq '"kioskPin": "pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}"' "$tmp/cfg/settings.json" \
    || fail "no salted hash in settings.json: $(cat "$tmp/cfg/settings.json")"
grep -q '"kioskPin": "4711"' "$tmp/cfg/settings.json" && fail "the PIN is stored in clear"
[ "$(stat -c %s "$tmp/cfg/settings.json")" -gt 0 ] || fail "empty settings.json"

rc=$(run "$vigil" --kiosk --config-dir "$tmp/cfg")
grep -q "does not start without a PIN" "$tmp/err" && fail "refused although a PIN is set: $(cat "$tmp/err")"

sed -i 's/pbkdf2-sha256\$600000\$/pbkdf2-sha256$5$/' "$tmp/cfg/settings.json"
rc=$(run "$vigil" --kiosk --config-dir "$tmp/cfg")
[ "$rc" -eq 2 ] || fail "--kiosk with a damaged hash: exit $rc, expected 2"
grep -q "iteration count" "$tmp/err" || fail "no reason for the damaged hash: $(cat "$tmp/err")"
echo "kiosk-pin: as expected"
