#!/usr/bin/env bash
# Installs exactly what Vigil needs from Debian 12's packages that is not installed yet.
# Non-interactive and idempotent; runs as root or through sudo.
set -euo pipefail

PKGS=(
  # build tools
  cmake ninja-build g++ pkg-config clang-format git
  # lld links the ~150 executables several times faster than GNU ld (CMakeLists.txt, VIGIL_USE_LLD)
  lld
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-multimedia-dev qml6-module-qtmultimedia qt6-positioning-dev qml6-module-qtpositioning
  qt6-websockets-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-shadertools-dev qt6-qpa-plugins libqt6sql6-sqlite libqt6opengl6-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtquick-dialogs
  qml6-module-qtqml-workerscript qml6-module-qtqml qml6-module-qtqml-models qml6-module-qttest qml6-module-qtcore
  qml6-module-qt-labs-settings qml6-module-qtquick-shapes
  # live video (FFmpeg libraries) and recordings (libVLC)
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev
  libvlc-dev vlc-plugin-base
  # network
  libboost-dev libssl-dev nlohmann-json3-dev
  # one wall across PCs: the MQTT client library (C API; libmosquittopp is deprecated upstream) and the broker
  # the README starts and the tests run on 127.0.0.1
  libmosquitto-dev mosquitto
  # camera passwords in the OS keyring (and a throwaway Secret Service for its test)
  qtkeychain-qt6-dev dbus-daemon gnome-keyring
  # local users' passwords (Argon2id through libsodium's crypto_pwhash_str) and the audit log (SQLite via Qt Sql)
  libsodium-dev
  # camera search by pinyin: the Hanzi -> pinyin table is generated at build time from Unihan (kMandarin)
  unicode-data bzip2
  # demo site and test RTSP server
  libgstrtspserver-1.0-dev libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  ffmpeg
  # GUI tests and screenshots without a display
  xvfb xauth libgl1-mesa-dri libegl-mesa0 fonts-noto-cjk fonts-dejavu-core
  # libFuzzer targets (tests/fuzz): clang and its sanitizer/fuzzer runtime
  clang libclang-rt-14-dev
  # the .deb (CPack's dependency scan needs dpkg-shlibdeps and file) and its AppStream metainfo check
  dpkg-dev file appstream
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PKGS[@]} packages are installed."
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "setup-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
APT=(-o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)
$SUDO apt-get -o DPkg::Lock::Timeout=600 -q update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get "${APT[@]}" install "${missing[@]}"
