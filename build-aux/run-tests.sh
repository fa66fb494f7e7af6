#!/usr/bin/env bash
# Builds Sambot and runs the whole test suite under a virtual display with an
# accessibility bus, as CI does:
#
#   1. _build-ci    warnings are errors; every suite (headless, gui, data, e2e).
#   2. _build-asan  AddressSanitizer + UndefinedBehaviorSanitizer; the headless suite with
#                   leak detection, the gui and data suites without (GTK keeps memory
#                   until exit by design). Skipped with --quick.
#
# Exits non-zero if any build or test fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

usage () {
  echo "usage: $0 [--quick]"
  echo "  --quick  skip the sanitizer build (_build-asan)"
}

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

build-aux/install-deps.sh

# A UTF-8 locale even on a bare machine, where LANG is often unset.
export LANG="${LANG:-C.UTF-8}"
# The same display setup for every run (docs/testing.md).
export GDK_BACKEND=x11
export GSETTINGS_BACKEND=memory
export GSK_RENDERER=cairo

logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT
summaries=()

# Configure (once) and build BUILDDIR with the given meson options.
build () {
  local builddir=$1
  shift
  if [[ -f "$builddir/build.ninja" ]]; then
    meson configure "$builddir" "$@"
  elif [[ -f "$builddir/meson-private/coredata.dat" ]]; then
    meson setup --reconfigure "$builddir" "$@"
  else
    meson setup "$builddir" "$@"
  fi
  meson compile -C "$builddir"
}

# Runs a command inside a private D-Bus session and an Xvfb server, with the AT-SPI bus
# launcher started first so the accessibility tree (and typed keystrokes) work.
with_display () {
  dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    sh -c '
      /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
      launcher=$!
      sleep 1
      status=0
      "$@" || status=$?
      kill "$launcher" 2>/dev/null || true
      wait "$launcher" 2>/dev/null || true
      exit "$status"
    ' sh "$@"
}

# Runs `meson test` (with the given arguments) under the display; keeps its summary.
# Usage: run_suite LABEL meson test ARGS...
run_suite () {
  local label=$1
  shift
  local log="$logdir/$(echo "$label" | tr -c 'A-Za-z0-9' '_').log"
  local status=0
  echo
  echo "=== $label"
  with_display "$@" 2>&1 | tee "$log" || status=$?
  summaries+=("$label (exit $status):")
  summaries+=("$(grep -E '^(Ok|Expected Fail|Fail|Unexpected Pass|Skipped|Timeout): ' "$log" \
                 || echo 'No tests run.')")
  return "$status"
}

failed=0

echo "=== Build: _build-ci (werror)"
build _build-ci -Dwerror=true
run_suite "_build-ci: all suites" \
  meson test -C _build-ci --print-errorlogs --num-processes 2 || failed=1

if [[ $quick -eq 0 ]]; then
  echo
  echo "=== Build: _build-asan (address, undefined)"
  build _build-asan -Db_sanitize=address,undefined -Db_lundef=false
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  # The headless suite holds the fuzz replays too (tests/fuzz): here they find memory errors.
  ASAN_OPTIONS=detect_leaks=1 run_suite "_build-asan: headless, leaks checked" \
    meson test -C _build-asan --print-errorlogs --num-processes 2 --suite headless || failed=1
  # The end-to-end flow already ran above; under the sanitizers the app starts too
  # slowly for a person-paced accessibility script, and the GUI tests cover the widgets.
  # The reliability suite (kills, full disk, bad files: about 2.5 min) ran above too.
  ASAN_OPTIONS=detect_leaks=0 run_suite "_build-asan: gui and data suites" \
    meson test -C _build-asan --print-errorlogs --num-processes 2 --no-suite headless \
      --no-suite e2e --no-suite reliability || failed=1
fi

echo
echo "=== Summary"
printf '%s\n' "${summaries[@]}"
# One plain line over every run, for readers of CI logs.
passed=$(cat "$logdir"/*.log 2>/dev/null | sed -n 's/^Ok: *\([0-9]*\).*/\1/p' | awk '{s+=$1} END {print s+0}')
failures=$(cat "$logdir"/*.log 2>/dev/null | sed -n 's/^\(Fail\|Timeout\|Unexpected Pass\): *\([0-9]*\).*/\2/p' | awk '{s+=$1} END {print s+0}')
echo "tests: $passed passed, $failures failed"
if [[ $failed -ne 0 ]]; then
  echo "FAILED"
  exit 1
fi
echo "All test runs passed."
