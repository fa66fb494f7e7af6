#!/bin/sh
# Migrates the schema-6 campaign files made by make-fixture.sh with this Sambot and
# checks that it prints the same about them as the Sambot that wrote them: every
# figure, listing, batch, manifest digest and history (issue 12). Also checks that
# the file was backed up untouched first, and that it passes "sambot-cli check".
#
#   tests/migration/check-migration.sh BUILD_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
cli="$build/src/cli/sambot-cli"
export SAMBOT_LOCALEDIR="$build/po" SAMBOT_OPERATOR=fixture LANG=C.UTF-8 TZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$here/outputs.sh"

status=0
for name in demo generated; do
  file="$work/$name.sambot"
  gzip -dc "$here/$name-v6.sambot.gz" > "$file"
  chmod 600 "$file"
  before=$(sha256sum < "$file")
  tar -C "$work" -xzf "$here/$name-v6.expected.tar.gz"

  # The first command migrates the file.
  "$cli" -c "$file" check > "$work/$name-check.txt" || {
    echo "FAIL $name: sambot-cli check after migrating:"; cat "$work/$name-check.txt"; status=1; }
  backup=$(ls "$work/$name.sambot.before-v"*.bak 2>/dev/null | head -n 1)
  if [ -z "$backup" ] || [ "$(sha256sum < "$backup")" != "$before" ]; then
    echo "FAIL $name: no untouched backup of the schema-6 file beside it"; status=1
  fi

  outputs "$file" "$work/$name.now"
  if diff -r -u "$work/$name.expected" "$work/$name.now" > "$work/$name.diff"; then
    echo "ok $name: $(ls "$work/$name.now" | wc -l) outputs identical after migrating"
  else
    echo "FAIL $name: outputs differ after migrating (first 60 lines):"
    head -n 60 "$work/$name.diff"
    status=1
  fi
done
exit $status
