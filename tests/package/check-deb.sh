#!/usr/bin/env bash
# Builds the .deb from this build tree with CPack and checks it as Debian's tools see it:
#   check-deb.sh <build dir> <output dir>
# - dpkg-deb --info: the package's name, version and architecture; Depends carries the shared libraries
#   dpkg-shlibdeps found (Qt, FFmpeg, libVLC, GStreamer, Boost-free OpenSSL, libsodium, mosquitto) and the run-time
#   packages it cannot see (QML modules, GStreamer plugins, ffmpeg, GL, CJK fonts);
# - dpkg-deb --contents: the programs, desktop entries, icon, AppStream metainfo, village mode's unit and autostart;
# - the installed programs carry no absolute library path (RUNPATH: $ORIGIN only) and start (--help / --version) from the
#   unpacked package; the metainfo passes appstreamcli; the desktop entries name programs that are in the package.
# Prints the package's size and each finding; exits non-zero on the first problem with what to fix.
set -euo pipefail
build=$(cd "$1" && pwd)
out=$2
rm -rf "$out" && mkdir -p "$out"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

echo "== cpack (DEB) from $build"
(cd "$out" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" > cpack.log 2>&1) ||
    { tail -30 "$out/cpack.log" >&2; fail "cpack could not build the .deb (log above)"; }
deb=$(ls "$out"/vigil_*_amd64.deb 2> /dev/null | head -1)
[ -n "$deb" ] || fail "cpack made no vigil_*_amd64.deb in $out"
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"

info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = vigil ] || fail "Package is '$(field Package)', not vigil"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Version)" ] || fail "no Version"
depends=$(field Depends)
echo "Depends: $depends" | fold -w 118
# From dpkg-shlibdeps (the binaries' own libraries) and from CPACK_DEBIAN_PACKAGE_DEPENDS (what it cannot see).
for need in libqt6core6 libqt6quick6 libqt6multimedia6 libavformat59 libavcodec59 libvlc5 libgstrtspserver-1.0-0 \
    libsodium23 libmosquitto1 qml6-module-qtquick-controls qml6-module-qtmultimedia qt6-qpa-plugins \
    libqt6sql6-sqlite gstreamer1.0-plugins-good ffmpeg fonts-noto-cjk; do
    grep -Eq "(^|, )$need( |,|$)" <<< "$depends" || fail "Depends lacks $need (packaging/CMakeLists.txt or shlibdeps)"
done
grep -q "Description:" <<< "$info" || fail "no Description"

contents=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
for path in ./usr/bin/vigil ./usr/bin/vigilctl ./usr/share/applications/vigil.desktop \
    ./usr/share/applications/vigil-demo.desktop ./usr/share/icons/hicolor/scalable/apps/vigil.svg \
    ./usr/share/metainfo/org.vigil.Vigil.metainfo.xml ./usr/lib/systemd/user/vigil-village.service \
    ./usr/share/vigil/autostart/vigil-village.desktop; do
    grep -qx -- "$path" <<< "$contents" || fail "$path is not in the package"
done
echo "contents: $(wc -l <<< "$contents") entries, every expected file present"

root="$out/root"
dpkg-deb -x "$deb" "$root"
for bin in "$root/usr/bin/vigil" "$root/usr/bin/vigilctl"; do
    # $ORIGIN-relative entries (qt_standard_project_setup's) are fine; an absolute one points into a build.
    rpath=$(readelf -d "$bin" | sed -n 's/.*R\(UN\)\{0,1\}PATH.*\[\(.*\)\]/\2/p')
    tr ':' '\n' <<< "$rpath" | grep -q '^/' &&
        fail "$(basename "$bin") carries an absolute library path (into the build?): $rpath"
done
"$root/usr/bin/vigilctl" --help > "$out/vigilctl-help.txt" 2>&1 || fail "the packaged vigilctl --help failed"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/vigil" --version > "$out/vigil-version.txt" 2>&1 ||
    fail "the packaged vigil --version failed: $(cat "$out/vigil-version.txt")"
echo "packaged programs start: $(head -1 "$out/vigil-version.txt")"
for desktop in "$root"/usr/share/applications/*.desktop "$root"/usr/share/vigil/autostart/*.desktop; do
    exe=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -1)
    [ -x "$root/usr/bin/$exe" ] || fail "$(basename "$desktop") runs '$exe', which the package does not install"
done
exe=$(sed -n 's/^ExecStart=\(\/usr\/bin\/env \)\{0,1\}\([^ ]*\).*/\2/p' "$root/usr/lib/systemd/user/vigil-village.service")
[ -x "$root/usr/bin/$(basename "$exe")" ] || fail "vigil-village.service runs '$exe', which the package does not install"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.vigil.Vigil.metainfo.xml" > "$out/appstream.txt" 2>&1 ||
    { cat "$out/appstream.txt" >&2; fail "appstreamcli refuses the metainfo"; }
echo "metainfo: $(tail -1 "$out/appstream.txt")"
echo "OK: $deb"
