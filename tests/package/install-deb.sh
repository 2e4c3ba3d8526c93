#!/usr/bin/env bash
# Installs the built .deb into a clean Debian 12 root and plays the demo from /usr/bin, as a new PC would:
#   install-deb.sh <vigil .deb> <work dir>
# 1. A minimal bookworm root by debootstrap (--variant=minbase) from $VIGIL_DEB_MIRROR (default deb.debian.org),
#    kept as <work dir>/bookworm-minbase.tar so later runs start from the same clean root in seconds.
# 2. A fresh copy of that root; `apt-get install ./vigil_*.deb xvfb xauth` in it — apt pulls every dependency the
#    package declares, and nothing from the build machine is visible inside.
# 3. `vigil --demo` from /usr/bin under xvfb-run with a screenshot after the demo cameras have started;
#    png_check.py then wants live video on it, and the log wants the demo tiles playing.
# Needs root (debootstrap, chroot, mounts) and Debian's mirror. Takes minutes (the first run downloads ~300 MB),
# so it is not in the default test run: configure with -DVIGIL_TEST_DEB_INSTALL=ON and run
# `ctest --test-dir build -L Install -V` (see README "Packaging").
set -euo pipefail
deb=$(realpath "$1")
work=$(mkdir -p "$2" && realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
mirror=${VIGIL_DEB_MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" -eq 0 ] || {
    echo "FAIL: needs root (debootstrap, chroot and mounts); run the Install label as root" >&2
    exit 1
}
command -v debootstrap > /dev/null || apt-get install -y -q --no-install-recommends debootstrap > /dev/null

base=$work/bookworm-minbase.tar
if [ ! -s "$base" ]; then
    echo "== debootstrap bookworm (minbase) from $mirror"
    rm -rf "$work/base"
    t0=$(date +%s)
    debootstrap --variant=minbase bookworm "$work/base" "$mirror" > "$work/debootstrap.log" 2>&1 ||
        { tail -20 "$work/debootstrap.log" >&2; echo "FAIL: debootstrap (log above)" >&2; exit 1; }
    tar -C "$work/base" -cf "$base.part" . && mv "$base.part" "$base"
    rm -rf "$work/base"
    echo "clean root made in $(($(date +%s) - t0)) s"
fi

root=$work/root
mounts=()
cleanup() {
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2> /dev/null || true; done
}
trap cleanup EXIT
# A run that was killed may have left its mounts: never delete through a bind mount of /dev.
{ grep -o " $root/[^ ]*" /proc/mounts || true; } | sort -r | xargs -r -n1 umount -l
if grep -q " $root/" /proc/mounts; then
    echo "FAIL: $root still has mounts; unmount them first" >&2
    exit 1
fi
rm -rf "$root" && mkdir -p "$root"
tar -C "$root" -xf "$base"
for m in proc sys dev dev/pts; do
    case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    dev) mount --bind /dev "$root/dev" ;;
    dev/pts) mount --bind /dev/pts "$root/dev/pts" ;;
    esac
    mounts+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2> /dev/null || true
echo "deb $mirror bookworm main" > "$root/etc/apt/sources.list"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    ${http_proxy:+http_proxy=$http_proxy} DEBIAN_FRONTEND=noninteractive "$@"; }

echo "== apt-get install $(basename "$deb") in the clean root"
t0=$(date +%s)
in_root apt-get -q update > "$work/apt.log" 2>&1 &&
    in_root apt-get -y -q --no-install-recommends install "/tmp/$(basename "$deb")" xvfb xauth >> "$work/apt.log" 2>&1 ||
    { tail -30 "$work/apt.log" >&2; echo "FAIL: the package did not install (log above)" >&2; exit 1; }
echo "installed with $(grep -c '^Setting up' "$work/apt.log") packages in $(($(date +%s) - t0)) s; $(du -smx "$root" 2> /dev/null | cut -f1) MB root"
in_root dpkg -s vigil | grep -E '^(Status|Version):'

echo "== vigil --demo from /usr/bin under Xvfb"
in_root sh -c 'command -v vigil' | grep -qx /usr/bin/vigil || { echo "FAIL: vigil is not /usr/bin/vigil" >&2; exit 1; }
rm -f "$root/tmp/vigil-demo.png"
in_root env QT_LOGGING_RULES='vigil.*.info=true' timeout 180 xvfb-run -a -s '-screen 0 1600x900x24' \
    vigil --demo --screenshot /tmp/vigil-demo.png --screenshot-delay 15 > "$work/vigil.log" 2>&1 ||
    { tail -40 "$work/vigil.log" >&2; echo "FAIL: vigil --demo did not run to its screenshot (log above)" >&2; exit 1; }
cp "$root/tmp/vigil-demo.png" "$work/vigil-demo.png"
playing=$(grep -c 'first frame' "$work/vigil.log" || true)
echo "log: $playing tiles reported their first frame"
[ "$playing" -ge 1 ] || { tail -40 "$work/vigil.log" >&2; echo "FAIL: no demo tile played (log above)" >&2; exit 1; }
python3 "$here/png_check.py" "$work/vigil-demo.png"
echo "OK: the installed package plays the demo; screenshot $work/vigil-demo.png"
