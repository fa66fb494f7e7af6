#!/bin/sh
# Makes the schema-6 campaign files that tests/migration/check-migration.sh migrates,
# and records what the Sambot that wrote them printed about them. Run once, with the
# last Sambot whose campaign files are schema 6 (main at 7f764ce, 4 December 2026):
#
#   tests/migration/make-fixture.sh OLD_BUILD_DIR
#
# It writes, next to itself:
#   demo-v6.sambot.gz       the demo, plus a record of every other kind: a scan, an
#                           import, a milestone, a held message, an erased sender,
#                           edited places;
#   generated-v6.sambot.gz  sb-bench-generate's campaign of 400 messages;
#   NAME-v6.expected.tar.gz what that Sambot printed (see outputs.sh).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$(dirname "$here")")
build=$(cd "$1" && pwd)
cli="$build/src/cli/sambot-cli"
export SAMBOT_LOCALEDIR="$build/po" SAMBOT_OPERATOR=fixture LANG=C.UTF-8 TZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT


# The demo, with a record of every kind the demo lacks.
"$cli" demo "$work/demo.sambot" >/dev/null
c="$cli -c $work/demo.sambot"
$c milestone add --day 2016-09-01 --label "Appeal hearing" --label-km "សវនាការបណ្ដឹងឧទ្ធរណ៍" >/dev/null
$c import "$top/tests/import/khmer-form.csv" >/dev/null
$c --json message list --status new > "$work/new.json"
first_new=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['ref'])" "$work/new.json")
second_new=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[1]['ref'])" "$work/new.json")
$c scan add "$first_new" "$top/tests/fuzz/scan-corpus/card.jpg" >/dev/null
$c hold "$second_new" --reason "Names a prison guard" >/dev/null
$c message forget-sender "$first_new" --yes >/dev/null
$c --json facility list > "$work/facilities.json"
fac=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['code'])" "$work/facilities.json")
$c facility edit "$fac" --rules "No stickers; no more than one page" >/dev/null

"$build/bench/sb-bench-generate" 400 "$work/generated.sambot" --seed 1 >/dev/null
# Its figures as of a fixed day, not of the day the test runs.
"$cli" -c "$work/generated.sambot" settings set as-of 2017-03-01 >/dev/null

for name in demo generated; do
  file="$work/$name.sambot"
  # One self-contained file: the WAL folded in.
  /usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.execute('PRAGMA journal_mode=DELETE'); c.close()" "$file"
  sh "$here/outputs.sh" "$cli" "$file" "$work/$name.expected"
  tar -C "$work" --owner=0 --group=0 --numeric-owner --mtime=2026-12-04 --sort=name \
    -cf - "$name.expected" | gzip -9 -n > "$here/$name-v6.expected.tar.gz"
  /usr/bin/python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('VACUUM')" "$file"
  gzip -9 -n -c "$file" > "$here/$name-v6.sambot.gz"
done
ls -la "$here"
