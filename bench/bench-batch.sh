#!/bin/sh
# bench/bench-batch.sh [BUILD_DIR] — the 1,000-item batch benchmark, with LibreOffice
# installed first if it is missing (the comparison needs it; the project does not).
set -e
build=${1:-build}
if ! command -v libreoffice >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui
fi
ninja -C "$build" bench/bench-batch
out=$(mktemp -d)
"$build/bench/bench-batch" "$out"
