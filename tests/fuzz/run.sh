#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds and runs one fuzz target with libFuzzer + ASan/UBSan. Not part of the
# normal build.
#
#   tests/fuzz/run.sh [TARGET] [SECONDS] [extra libFuzzer args]
#
# TARGET: csv (the CSV/TSV reader, the default), scan (reading a picture of a
# postcard) or campaign (opening a campaign file from another office). A first
# argument that is a number is the SECONDS of the csv target, as before.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src="$root/src"
target=csv
case "${1:-}" in
  csv|scan|campaign) target=$1; shift ;;
esac
seconds=${1:-300}
[ $# -gt 0 ] && shift
out=${FUZZ_OUT:-/tmp/sambot-fuzz}/$target
mkdir -p "$out/corpus" "$out/artifacts"

sanitize="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
printf '#define GETTEXT_PACKAGE "sambot"\n' > "$out/config.h"

case "$target" in
  csv)
    # Seeds: the import tests' realistic exports, and the corner cases of csv-corpus/.
    cp -n "$here"/../import/* "$here"/csv-corpus/* "$out/corpus/" 2>/dev/null || true
    # The reader only needs GLib/GIO and config.h's GETTEXT_PACKAGE.
    clang -g -O1 $sanitize -I"$out" -I"$src/io" \
      $(pkg-config --cflags gio-2.0) \
      "$here/fuzz-csv-reader.c" "$src/io/sb-csv-reader.c" \
      $(pkg-config --libs gio-2.0) \
      -o "$out/fuzz-$target"
    max_len=200000
    ;;
  scan)
    cp -n "$here"/scan-corpus/* "$out/corpus/" 2>/dev/null || true
    # The loader and gdk-pixbuf; the loaders themselves are not instrumented.
    clang -g -O1 $sanitize -I"$out" -I"$src/io" -I"$src/store" -I"$src/core" -I"$src/text" \
      $(pkg-config --cflags gdk-pixbuf-2.0 gio-2.0) \
      "$here/fuzz-scan-loader.c" "$src/io/sb-scan-loader.c" \
      $(pkg-config --libs gdk-pixbuf-2.0 gio-2.0) \
      -o "$out/fuzz-$target"
    max_len=300000
    ;;
  campaign)
    cp -n "$here"/campaign-corpus/* "$out/corpus/" 2>/dev/null || true
    # The whole headless library, built once by clang with coverage for libFuzzer.
    if [ ! -d "$out/build" ]; then
      CC=clang meson setup "$out/build" "$root" -Db_sanitize=address,undefined \
        -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
    fi
    ninja -C "$out/build" src/libsambot-private.a >/dev/null
    clang -g -O1 $sanitize -I"$out/build" -I"$src" -I"$src/text" -I"$src/store" \
      -I"$src/core" -I"$src/io" \
      $(pkg-config --cflags gio-2.0 json-glib-1.0) \
      "$here/fuzz-campaign-open.c" "$out/build/src/libsambot-private.a" \
      $(pkg-config --libs gio-2.0 gio-unix-2.0 sqlite3 icu-uc icu-i18n cairo pango pangocairo \
                          json-glib-1.0 gdk-pixbuf-2.0) -lhpdf -lm \
      -o "$out/fuzz-$target"
    max_len=1200000
    ;;
esac

cd "$out"
ASAN_OPTIONS=detect_leaks=1 ./fuzz-"$target" -max_total_time="$seconds" -max_len="$max_len" \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" "$@" corpus
