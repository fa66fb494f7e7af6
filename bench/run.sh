#!/bin/sh
# Builds the benchmarks, makes campaigns of 10k, 100k and 1M messages in bench/out/
# (once: kept and reused), runs every benchmark on them and writes
# bench/out/results.md.
#
#   bench/run.sh [BUILD_DIR]        (default: build-bench, configured as release)
#
# SIZES="10000 100000" and RUNS=… in the environment make a quicker run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${1:-"$top/build-bench"}
out="$here/out"
sizes=${SIZES:-"10000 100000 1000000"}
mkdir -p "$out"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" -Dbuildtype=release
fi
ninja -C "$build" bench/sb-bench-generate bench/sb-bench-open bench/sb-bench-stats \
  bench/sb-bench-search bench/sb-bench-create bench/bench-messages >/dev/null
bin="$build/bench"

raw="$out/results.raw"
: > "$raw"

name_of () {
  case "$1" in
    10000) echo 10k ;;
    100000) echo 100k ;;
    1000000) echo 1M ;;
    *) echo "$1" ;;
  esac
}

for n in $sizes; do
  name=$(name_of "$n")
  file="$out/campaign-$name.sambot"
  if [ ! -f "$file" ]; then
    echo "== generating $file"
    "$bin/sb-bench-generate" "$n" "$file.part" --seed 1 | tee "$out/generate-$name.log" \
      | sed "s/^RESULT\t/RESULT\t$name\t/" | grep '^RESULT' >> "$raw" || true
    mv "$file.part" "$file"
  elif [ -f "$out/generate-$name.log" ]; then
    sed "s/^RESULT\t/RESULT\t$name\t/" "$out/generate-$name.log" | grep '^RESULT' >> "$raw" || true
  fi
done

for n in $sizes; do
  name=$(name_of "$n")
  file="$out/campaign-$name.sambot"
  echo "== $name"
  case "$name" in 1M) fast=${RUNS:-20}; slow=${RUNS:-10} ;; *) fast=${RUNS:-50}; slow=${RUNS:-20} ;; esac
  for b in "open --runs $slow" "stats --runs $fast" "search --runs $fast"; do
    # shellcheck disable=SC2086
    "$bin/sb-bench-"$b "$file" | tee /dev/stderr | grep '^RESULT' \
      | sed "s/^RESULT\t/RESULT\t$name\t/" >> "$raw"
  done
  # The Messages section: first rows, scrolling, filters, sorting by sender.
  "$bin/bench-messages" list "$file" --runs "${RUNS:-5}" | tee /dev/stderr \
    | grep '^RESULT' | sed "s/^RESULT\t/RESULT\t$name\t/" >> "$raw"
done

echo "== bulk creation"
"$bin/sb-bench-create" "$out" --runs "${RUNS:-10}" --messages 20000 | tee /dev/stderr \
  | grep '^RESULT' | sed "s/^RESULT\t/RESULT\tnew\t/" >> "$raw"

# Whole commands, process start included, against sqlite3 opening the same file.
cli="$build/src/cli/sambot-cli"
if command -v hyperfine >/dev/null && [ -x "$cli" ]; then
  for n in $sizes; do
    name=$(name_of "$n")
    file="$out/campaign-$name.sambot"
    json="$out/hyperfine-$name.json"
    if hyperfine -N -w 2 -r 10 --export-json "$json" \
         "$cli --campaign $file stats" \
         "sqlite3 $file 'SELECT count(*) FROM messages'" >/dev/null 2>&1; then
      python3 - "$json" "$name" >> "$raw" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for r in data["results"]:
    t = [x * 1000 for x in r["times"]]
    t.sort()
    job = "hyperfine: " + ("sambot-cli stats" if "sambot-cli" in r["command"] else "sqlite3 count(*) (baseline)")
    print("RESULT\t%s\t%s\t%.3f\t%.3f\t%.3f\tms\t%d\t%s" % (sys.argv[2], job, r["median"] * 1000, t[0], t[-1], len(t), "whole process"))
PY
    fi
  done
fi

{
  echo "# Sambot benchmarks"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(uname -m), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), SQLite $(sqlite3 --version | cut -d' ' -f1)."
  echo "Warm page cache; medians over the runs shown. Campaign files: $(cd "$out" && ls -s --block-size=M campaign-*.sambot 2>/dev/null | tr '\n' ' ')"
  echo
  echo "| campaign | job | median | min | max | unit | runs | note |"
  echo "|---|---|---:|---:|---:|---|---:|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8, $9 }' "$raw"
} > "$out/results.md"
echo "== wrote $out/results.md"
