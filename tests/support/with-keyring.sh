#!/usr/bin/env bash
# Runs one command in its own D-Bus session with a throwaway, unlocked GNOME Keyring (a real Secret Service),
# HOME and XDG folders in a temporary directory, and VIGIL_KEYRING_TEST=1 set. Where dbus-run-session or
# gnome-keyring-daemon is missing (packages dbus-daemon, gnome-keyring), or the daemon does not start, the
# command runs without VIGIL_KEYRING_TEST and the keyring tests skip, saying why.
set -u
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon is not installed" >&2
  exec "$@"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run"
# --unlock with a password creates the "login" collection and makes it the default one libsecret writes to.
dbus-run-session -- bash -c '
  if printf vigil-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; then
    export VIGIL_KEYRING_TEST=1
  else
    echo "with-keyring: gnome-keyring-daemon did not start" >&2
  fi
  exec "$@"' with-keyring "$@"
