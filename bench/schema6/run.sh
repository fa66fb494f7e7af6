#!/bin/sh
# Measures the proposed schema 6 (docs/schema-6.md) in SQL, against the app's
# schema 5 in the same run, and writes bench/out/schema6.md.
#
#   bench/schema6/run.sh [BUILD_DIR]      (default: build-bench, release)
#
# Environment: SIZE (default 100000; 1000000 takes about an hour per schema to
# generate on 2 cores), RUNS (default 9), IMPORT_ROWS (default 100000).
# Steps: the check (check.py), a schema-6 campaign (generate.py) and a schema-5 one
# (sb-bench-generate) of SIZE messages, kept in bench/out/ and reused; the jobs of
# issue 12 in SQL on both (measure.py); an import of IMPORT_ROWS rows against
# sqlite3 .import of the same file; the migration of the schema-5 campaign.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$(dirname "$here")")
build=${1:-"$top/build-bench"}
out="$top/bench/out"
size=${SIZE:-100000}
runs=${RUNS:-9}
import_rows=${IMPORT_ROWS:-100000}
mkdir -p "$out"
export PYTHONDONTWRITEBYTECODE=1
py=/usr/bin/python3

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" -Dbuildtype=release
fi
ninja -C "$build" bench/sbfunctions.so bench/sb-bench-generate bench/bench-import \
  src/cli/sambot-cli >/dev/null
functions="$build/bench/sbfunctions.so"
cli="$build/src/cli/sambot-cli"
work=$(mktemp -d /tmp/sambot-schema6-XXXXXX)
trap 'rm -rf "$work"' EXIT

case "$size" in
  10000) name=10k ;; 100000) name=100k ;; 1000000) name=1M ;; *) name=$size ;;
esac
s6="$out/s6-$name.db"
s5="$out/campaign-$name.sambot"
raw="$out/schema6.raw"
: > "$raw"

echo "== checking the design"
"$py" "$here/check.py" 2000 --functions "$functions"

if [ ! -f "$s6" ]; then
  echo "== generating $s6"
  nice "$py" "$here/generate.py" "$size" "$s6.part" --functions "$functions"
  mv "$s6.part" "$s6"
fi
if [ ! -f "$s5" ]; then
  echo "== generating $s5"
  nice "$build/bench/sb-bench-generate" "$size" "$s5.part" --seed 1 > "$out/generate-$name.log"
  mv "$s5.part" "$s5"
fi

echo "== the jobs, schema 6 and schema 5"
"$py" "$here/measure.py" --functions "$functions" --s6 "$s6" --s5 "$s5" --runs "$runs" | tee -a "$raw"

# stats --json's floor in schema 6: a process that opens the file and reads the
# tallies (sqlite3; the app adds GLib and its own start).
median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
: > "$work/stats"
i=0
while [ "$i" -lt "$runs" ]; do
  /usr/bin/time -f "%e %M" -o "$work/time" sqlite3 "$s6" \
    "SELECT kind, hex (key), sum (n) FROM tallies GROUP BY kind, key" >/dev/null
  tail -1 "$work/time" >> "$work/stats"
  i=$((i + 1))
done
printf 'RESULT\ts6: figures, whole process (sqlite3 reading the tallies)\t%s\t\t\tms\t%s\tpeak RSS %s MB\n' \
  "$(cut -d' ' -f1 "$work/stats" | median | awk '{ print $1 * 1000 }')" "$runs" \
  "$(cut -d' ' -f2 "$work/stats" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')" | tee -a "$raw"

echo "== import of $import_rows rows"
"$build/bench/bench-import" generate "$work/export.csv" "$import_rows" >/dev/null
"$py" "$here/generate.py" 0 "$work/empty.db" --functions "$functions" >/dev/null
sed "s/@FILE@/export.csv/; s/@SHA256@/$(sha256sum "$work/export.csv" | cut -d' ' -f1)/" \
  "$here/import.sql" > "$work/import.sql"
: > "$work/ours"; : > "$work/floor"
i=0
while [ "$i" -lt "$runs" ]; do
  rm -f "$work"/c.db* "$work/floor.db"
  cp "$work/empty.db" "$work/c.db"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" sqlite3 "$work/c.db" ".load $functions" \
    "PRAGMA journal_mode = WAL" "PRAGMA synchronous = NORMAL" "PRAGMA cache_size = -65536" \
    "PRAGMA foreign_keys = ON" ".import --csv $work/export.csv staging" ".read $work/import.sql" \
    > "$work/steps" 2>&1
  tail -1 "$work/time" >> "$work/ours"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" sqlite3 "$work/floor.db" ".import --csv $work/export.csv t"
  tail -1 "$work/time" >> "$work/floor"
  i=$((i + 1))
done
sqlite3 "$work/c.db" "DROP TABLE staging; VACUUM"
imported=$(sqlite3 "$work/c.db" "SELECT count (*) FROM messages")
wall () { cut -d' ' -f1 "$1" | median; }
cpu () { awk '{ print $2 + $3 }' "$1" | median; }
printf 'RESULT\ts6: import %s rows (sqlite3: .import, then import.sql)\t%s\t\t\ts\t%s\t%s s CPU, peak RSS %s MB\n' \
  "$import_rows" "$(wall "$work/ours")" "$runs" "$(cpu "$work/ours")" \
  "$(cut -d' ' -f4 "$work/ours" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')" | tee -a "$raw"
printf 'RESULT\tsqlite3 .import of the same file\t%s\t\t\ts\t%s\t%s s CPU\n' \
  "$(wall "$work/floor")" "$runs" "$(cpu "$work/floor")" | tee -a "$raw"
printf 'RESULT\ts6: import / .import (CPU)\t%s\t\t\tx\t%s\t\n' \
  "$(awk -v a="$(cpu "$work/ours")" -v b="$(cpu "$work/floor")" 'BEGIN { printf "%.1f", a / b }')" "$runs" | tee -a "$raw"
printf 'RESULT\ts6: bytes per imported message\t%s\t\t\tB\t1\tCSV: %s bytes a row\n' \
  "$(awk -v s="$(stat -c %s "$work/c.db")" -v n="$imported" 'BEGIN { printf "%.0f", s / n }')" \
  "$(awk -v s="$(stat -c %s "$work/export.csv")" -v n="$import_rows" 'BEGIN { printf "%.0f", s / n }')" | tee -a "$raw"
echo "-- import.sql, statement by statement (last run):"
grep "Run Time" "$work/steps" | awk '$4 > 0.05 || $6 > 0.05'

echo "== migration of the schema-5 campaign"
[ -f "$out/campaign-100k.sambot" ] && migrated="$out/campaign-100k.sambot" || migrated="$s5"
"$py" "$here/migrate.py" --functions "$functions" --cli "$cli" "$migrated" "$work/migrated.db" | tee "$work/migration"
grep '^RESULT' "$work/migration" >> "$raw"

{
  echo "# Schema 6 in SQL against schema 5 ($name messages)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, SQLite $(sqlite3 --version | cut -d' ' -f1), load $(cut -d' ' -f1 /proc/loadavg). Medians of the runs shown; see docs/schema-6.md."
  echo
  echo "| job | median | min | max | unit | runs | note |"
  echo "|---|---:|---:|---:|---|---:|---|"
  grep '^RESULT' "$raw" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8 }'
} > "$out/schema6.md"
echo "== wrote $out/schema6.md"
