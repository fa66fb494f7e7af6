#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Long runs of one fuzz target with libFuzzer + ASan/UBSan (the test suite only replays
# the targets briefly, tests/fuzz/meson.build; docs/testing.md):
#
#   tests/fuzz/run.sh [TARGET] [SECONDS] [extra libFuzzer args]
#
# TARGET: csv (the CSV/TSV reader, the default), scan (reading a picture of a postcard)
# or campaign (opening a campaign file from another office). A first argument that is a
# number is the SECONDS of the csv target. Builds Sambot with clang and -Dfuzzing=true in
# $FUZZ_OUT/build (default /tmp/sambot-fuzz, kept between runs); the corpus grows in
# $FUZZ_OUT/TARGET/corpus from the target's seeds, what fails lands in
# $FUZZ_OUT/TARGET/artifacts/. Replay a failing input with the replay program of any
# build: _build/tests/fuzz/fuzz-csv-reader-replay FILE --mutations 0
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=csv
case "${1:-}" in
  csv|scan|campaign) target=$1; shift ;;
esac
seconds=${1:-300}
[ $# -gt 0 ] && shift
case "$target" in
  csv)      program=fuzz-csv-reader;    max_len=200000 ;;
  scan)     program=fuzz-scan-loader;   max_len=300000 ;;
  campaign) program=fuzz-campaign-open; max_len=1200000 ;;
esac
top=${FUZZ_OUT:-/tmp/sambot-fuzz}
out=$top/$target
mkdir -p "$out/corpus" "$out/artifacts"
cp -n "$here/$target-corpus"/* "$out/corpus/" 2>/dev/null || true

if [ ! -f "$top/build/build.ninja" ]; then
  CC=clang meson setup "$top/build" "$root" -Dfuzzing=true -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
meson compile -C "$top/build" "tests/fuzz/$program" >/dev/null

cd "$out"
ASAN_OPTIONS=detect_leaks=1 \
LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
  "$top/build/tests/fuzz/$program" -max_total_time="$seconds" -max_len="$max_len" \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" "$@" corpus
