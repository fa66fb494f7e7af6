#!/usr/bin/env bash
# Installs the Debian 12 packages Sambot needs to build, run and test.
# Does nothing when they are all installed already; otherwise one `apt-get update`
# and one `apt-get install`, as root directly or through sudo.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc clang
  libgtk-4-dev libadwaita-1-dev libglib2.0-dev libglib2.0-dev-bin libgdk-pixbuf-2.0-dev libjson-glib-dev libfontconfig-dev
  libsqlite3-dev sqlite3 libsodium-dev
  libcairo2-dev libpango1.0-dev libharfbuzz-dev libhpdf-dev libicu-dev
  gettext iso-codes locales fonts-khmeros fonts-noto-core fonts-dejavu-core librsvg2-common
  xvfb xauth dbus-daemon dbus-x11 at-spi2-core python3-gi python3-dogtail libxtst-dev libx11-dev
  poppler-utils qpdf imagemagick webp-pixbuf-loader gnuplot-nox time
  desktop-file-utils appstream shared-mime-info libglib2.0-bin xdg-utils
  man-db groff-base bash-completion x11-utils syncthing
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != ii* ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: not root and sudo is not available; install these as root:" >&2
  echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
