#!/bin/sh
# Makes custody-v9.sambot.gz, the schema-9 campaign that test-update's
# /update/copies-keyed migrates to schema 10 (copies keyed by detainee and message,
# src/store/migrations/0010-copies-key.sql). Run once, with the last Sambot whose
# campaign files are schema 9 (main at 2188329, 5 December 2026):
#
#   tests/migration/make-custody-fixture.sh OLD_BUILD_DIR
#
# Three detainees at one prison and seven messages, whose copies end up in every
# state: pending (not approved), waiting, in a draft, in a sealed batch, delivered
# at the first attempt, rejected and returned then delivered at the second attempt
# (two closed batches), and still rejected in a handed-over batch.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
export SAMBOT_LOCALEDIR="$build/po" SAMBOT_OPERATOR=fixture LANG=C.UTF-8 TZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
f="$work/custody.sambot"
c="$build/src/cli/sambot-cli -c $f"
id () { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"; }

"$build/src/cli/sambot-cli" init "$f" --name Custody --office-code PP --hashtag "#Custody" \
  --launch-date 2016-08-01 >/dev/null
$c facility add --code PS --name "Prey Sar" --kind prison >/dev/null
for name in Sokha Dara Vanna; do
  $c detainee add --name "$name" --facility PS --detained-on 2016-04-28 >/dev/null
done
$c batch reasons "Mentions the case" >/dev/null
for i in 1 2 3 4 5 6; do
  $c message add --channel postcard --received-on "2016-08-0$i" --sender "Sender $i" \
    --text "Stay strong, friend number $i" --language km --to-all >/dev/null
  $c message transcribed "PP-000$i" >/dev/null
done
$c message add --channel postcard --received-on 2016-08-07 --sender "Sender 7" \
  --text "Courage" --language km --to Sokha >/dev/null
for i in 1 2 3 4 5; do $c approve "PP-000$i" >/dev/null; done

# A: fifteen copies less six, one rejected and one returned, the rest delivered.
a=$($c --json batch create PS | id)
$c batch remove "$a" PP-0004 PP-0005 >/dev/null
$c batch seal "$a" >/dev/null
$c batch handover "$a" --at "$(date -u +%Y-%m-%d) 23:59" --by Sokha --received-by Guard --position Warden >/dev/null
$c batch outcome "$a" --rejected "PP-0001=Mentions the case" --returned PP-0002=moved \
  --all-delivered >/dev/null
# B: the two sent back (their second attempt) and the six left out: one rejected,
# one returned, the rest delivered.
b=$($c --json batch create PS | id)
$c batch seal "$b" >/dev/null
$c batch handover "$b" --at "$(date -u +%Y-%m-%d) 23:59" --by Sokha --received-by Guard --position Warden >/dev/null
$c batch outcome "$b" --rejected "PP-0004=Mentions the case" --returned PP-0005=moved >/dev/null
$c batch outcome "$b" --all-delivered >/dev/null
# C sealed: PP-0006's copies, less the one left for the draft.
$c approve PP-0006 >/dev/null
d=$($c --json batch create PS | id)
$c batch remove "$d" PP-0004 PP-0005 --detainee Sokha >/dev/null
$c batch remove "$d" PP-0006 --detainee Vanna >/dev/null
$c batch seal "$d" >/dev/null
# D a draft with that one copy; PP-0008 approved and waiting; PP-0004's and
# PP-0005's copies rejected and returned, waiting for another batch.
$c message add --channel postcard --received-on 2016-08-08 --sender "Sender 8" \
  --text "Hope" --language km --to Dara >/dev/null
$c message transcribed PP-0008 >/dev/null
$c approve PP-0008 >/dev/null
e=$($c --json batch create PS | id)
$c batch remove "$e" PP-0004 PP-0005 --detainee Sokha >/dev/null
$c batch remove "$e" PP-0008 >/dev/null

/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.execute('PRAGMA journal_mode=DELETE'); c.execute('VACUUM'); c.close()" "$f"
gzip -9 -n -c "$f" > "$here/custody-v9.sambot.gz"
sqlite3 "$f" "SELECT state, attempts, count(*) FROM copies GROUP BY 1, 2; SELECT state, count(*) FROM batches GROUP BY 1"
