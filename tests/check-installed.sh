#!/bin/sh
# check-installed.sh — Sambot installed into a folder of its own (meson install
# --destdir) works with nothing of the build around it and no SAMBOT_* variable:
#   - the Khmer infographics (days, messages, countries, timeline, as PDF) have none
#     of the English pictures' words in them: the programs found their own catalogue;
#   - without that catalogue a Khmer picture is refused in one line (exit 1), never
#     written half in English;
#   - `sambot --help`, `sambot --version` and `sambot-cli --version` work with no
#     settings schema and no display, installed and from the build tree; `sambot`
#     itself then says in one line that the schema is missing (exit 1).
# Usage: check-installed.sh BUILD_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
# One collation for sort and comm, and Khmer ranges for grep.
export LC_ALL=C.UTF-8

build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/no-data"
failures=0

fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# No SAMBOT_*, no GSETTINGS_SCHEMA_DIR, no display, no schema in the data folders;
# only the sanitizers' settings (ASan builds) pass through.
bare () {
  env -i PATH="$PATH" HOME="$tmp/home" LANG=C.UTF-8 XDG_DATA_DIRS="$tmp/no-data" \
    ${ASAN_OPTIONS+ASAN_OPTIONS="$ASAN_OPTIONS"} \
    ${LSAN_OPTIONS+LSAN_OPTIONS="$LSAN_OPTIONS"} \
    ${UBSAN_OPTIONS+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
    "$@"
}

meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null
cli=$(find "$tmp/root" -type f -name sambot-cli -path '*/bin/*')
gui=$(find "$tmp/root" -type f -name sambot -path '*/bin/*')
mo=$(find "$tmp/root" -type f -name sambot.mo -path '*/km/LC_MESSAGES/*')
[ -x "$cli" ] && [ -x "$gui" ] && [ -f "$mo" ] || { echo "install incomplete in $tmp/root" >&2; exit 1; }
version=$(meson introspect "$build" --projectinfo | grep -o '"version": *"[^"]*"' | head -1 \
          | sed 's/.*"\([^"]*\)"$/\1/')

# ---------------------------------------------------------------- Khmer pictures
cd "$tmp"
bare "$cli" demo demo.sambot >/dev/null
# Words of the campaign's own name and hashtag are data, not labels: #Freethe5KH.
allowed=$(bare "$cli" --campaign demo.sambot stats --json \
          | sed -n 's/^ *"\(campaign\|hashtag\)" : "\(.*\)",$/\2/p' | grep -oE '[A-Za-z]+' | sort -u)

for kind in days messages countries timeline; do
  bare "$cli" --campaign demo.sambot infographic --kind "$kind" --lang en -o "$kind-en.pdf" >/dev/null
  bare "$cli" --campaign demo.sambot infographic --kind "$kind" --lang km -o "$kind-km.pdf" >/dev/null
  pdftotext -enc UTF-8 "$kind-en.pdf" - | grep -oE '[A-Za-z]{2,}' | sort -u > "$kind-en.words"
  pdftotext -enc UTF-8 "$kind-km.pdf" - | grep -oE '[A-Za-z]{2,}' | sort -u > "$kind-km.words"
  printf '%s\n' "$allowed" > allowed.words
  english=$(comm -23 "$kind-en.words" allowed.words | comm -12 - "$kind-km.words" | tr '\n' ' ')
  if [ "$(comm -23 "$kind-en.words" allowed.words | wc -l)" -lt 2 ]; then
    fail "the English $kind picture has no words to compare with"
  elif [ -n "$english" ]; then
    fail "the Khmer $kind picture has English words in it: $english"
  fi
  if ! pdftotext -enc UTF-8 "$kind-km.pdf" - | grep -qP '[\x{1780}-\x{17FF}]'; then
    fail "the Khmer $kind picture has no Khmer text"
  fi
done

# ---------------------------------------------- no catalogue: refused, one line
system_mo=${mo#"$tmp/root"}
if [ -e "$system_mo" ]; then
  echo "note: $system_mo is installed on this system; the refusal is not checked"
else
  rm "$mo"
  status=0
  bare "$cli" --campaign demo.sambot infographic --kind days --lang km -o refused.png \
    > refused.out 2> refused.err || status=$?
  [ "$status" -eq 1 ] || fail "a Khmer picture without the catalogue: exit $status, not 1"
  [ "$(wc -l < refused.err)" -eq 1 ] || fail "the refusal is not one line: $(cat refused.err)"
  grep -q 'Khmer translation' refused.err || fail "the refusal does not say why: $(cat refused.err)"
  [ ! -e refused.png ] || fail "a Khmer picture was written without the catalogue"
  bare "$cli" --campaign demo.sambot infographic --kind days --lang en -o english.png >/dev/null \
    || fail "an English picture was refused without the Khmer catalogue"
fi

# ------------------------------------------ --help and --version, no schema, no display
for where in installed built; do
  if [ "$where" = installed ]; then
    g=$gui c=$cli
  else
    g=$build/src/sambot c=$build/src/cli/sambot-cli
  fi
  out=$(bare "$g" --help 2>&1) || fail "$where sambot --help: exit $?: $out"
  case "$out" in *--version*) ;; *) fail "$where sambot --help does not list --version: $out" ;; esac
  out=$(bare "$g" --version 2>&1) || fail "$where sambot --version: exit $?: $out"
  [ "$out" = "sambot $version" ] || fail "$where sambot --version says “$out”, not “sambot $version”"
  out=$(bare "$c" --version 2>&1) || fail "$where sambot-cli --version: exit $?: $out"
  [ "$out" = "sambot-cli $version" ] || fail "$where sambot-cli --version says “$out”"
  status=0
  bare "$g" > window.out 2> window.err || status=$?
  [ "$status" -eq 1 ] || fail "$where sambot without its schema: exit $status, not 1: $(cat window.err)"
  [ "$(wc -l < window.err)" -eq 1 ] && grep -q 'org.sambot.Sambot' window.err \
    || fail "$where sambot without its schema does not say so in one line: $(cat window.err)"
done

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "installed in $tmp/root: Khmer pictures in Khmer, refused without the catalogue; --help and --version without a schema"
