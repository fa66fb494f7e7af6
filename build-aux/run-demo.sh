#!/usr/bin/env bash
# Builds Sambot in _build and opens the GUI, uninstalled, on the built-in demo campaign.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
srcdir=$(pwd)
builddir=_build

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run-demo: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "run-demo: run this from a graphical session; build-aux/run-tests.sh works without one." >&2
  exit 1
fi

build-aux/install-deps.sh

if [[ ! -f "$builddir/build.ninja" ]]; then
  if [[ -f "$builddir/meson-private/coredata.dat" ]]; then
    meson setup --reconfigure "$builddir"
  else
    meson setup "$builddir"
  fi
fi
meson compile -C "$builddir"

# Run from the build tree: compiled schemas and translations from the build, the app icon
# from the source tree's data/icons.
export GSETTINGS_SCHEMA_DIR="$srcdir/$builddir/data"
export SAMBOT_LOCALEDIR="$srcdir/$builddir/po"
export SAMBOT_HELPDIR="$srcdir/help"
export XDG_DATA_DIRS="$srcdir/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"

exec "$builddir/src/sambot" --demo
