#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Import of a web-form export, end to end, against sqlite3's own .import of the same
# file into a bare table (the floor for "just getting rows into SQLite"), in the
# same run. Usage: bench/import.sh [BUILD_DIR] [ROWS] [RUNS]
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-bench}
rows=${2:-100000}
runs=${3:-3}
work=$(mktemp -d /tmp/sambot-bench-import-XXXXXX)
trap 'rm -rf "$work"' EXIT

[ -d "$build" ] || meson setup "$build" "$src" -Dbuildtype=release >/dev/null
ninja -C "$build" bench/bench-import >/dev/null
bench="$build/bench/bench-import"

"$bench" generate "$work/export.csv" "$rows"
echo "export: $rows rows, $(du -h "$work/export.csv" | cut -f1)"

median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds () { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

: > "$work/ours"; : > "$work/floor"
for i in $(seq "$runs"); do
  rm -f "$work"/c.sambot* "$work"/floor.db
  seconds "$bench" import "$work/c.sambot" "$work/export.csv" >> "$work/ours"
  seconds sqlite3 "$work/floor.db" ".import --csv $work/export.csv t" >> "$work/floor"
done
ours=$(cut -d' ' -f1 "$work/ours" | median)
ours_rss=$(cut -d' ' -f2 "$work/ours" | sort -n | tail -1)
floor=$(cut -d' ' -f1 "$work/floor" | median)
"$bench" import "$work/check.sambot" "$work/export.csv"
echo "sambot import: median ${ours} s, peak RSS $((ours_rss / 1024)) MB (targets: <= 3 s, <= 200 MB)"
echo "sqlite3 .import: median ${floor} s"
echo "ratio: $(echo "$ours $floor" | awk '{ printf "%.1f", $1 / $2 }')x (target <= 4x)"
