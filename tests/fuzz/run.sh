#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds and runs the fuzz target of the CSV reader with libFuzzer + ASan/UBSan.
# Not part of the normal build. Usage: tests/fuzz/run.sh [SECONDS] [extra libFuzzer args]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../src" && pwd)
out=${FUZZ_OUT:-/tmp/sambot-fuzz}
seconds=${1:-300}
[ $# -gt 0 ] && shift

mkdir -p "$out/corpus" "$out/artifacts"
cp -n "$here"/csv-corpus/* "$out/corpus/" 2>/dev/null || true

# The reader only needs GLib/GIO and config.h's GETTEXT_PACKAGE.
printf '#define GETTEXT_PACKAGE "sambot"\n' > "$out/config.h"
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$out" -I"$src/io" \
  $(pkg-config --cflags gio-2.0) \
  "$here/fuzz-csv-reader.c" "$src/io/sb-csv-reader.c" \
  $(pkg-config --libs gio-2.0) \
  -o "$out/fuzz-csv-reader"

cd "$out"
ASAN_OPTIONS=detect_leaks=1 ./fuzz-csv-reader -max_total_time="$seconds" -max_len=200000 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" "$@" corpus
