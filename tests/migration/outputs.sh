# Writes to the folder OUT what the Sambot whose CLI is SAMBOT_CLI prints about the
# campaign FILE; run by make-fixture.sh and check-migration.sh:
#
#   sh tests/migration/outputs.sh SAMBOT_CLI FILE OUT
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Everything the test compares after migrating: the figures (today and as of past
# days), every message, copy and batch; every batch shown with its items, and every
# sealed batch's digest recomputed (verify-manifest); the history of every tenth
# message and of every detainee, facility and office.
set -eu
cli=$1 file=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
run () { what=$1; shift; "$cli" -c "$file" --json "$@" > "$out/$what.json"; }
run stats stats
for day in 2016-06-01 2016-08-15 2016-10-01 2017-01-15 2017-12-31; do run "stats-$day" stats --as-of "$day"; done
run messages message list
run detainees detainee list
run facilities facility list
run offices office list
run batches batch list
"$cli" -c "$file" export messages --format json -o "$out/export-messages.json" >/dev/null
"$cli" -c "$file" export copies --format json -o "$out/export-copies.json" >/dev/null
"$cli" -c "$file" export batches --format json -o "$out/export-batches.json" >/dev/null
/usr/bin/python3 - "$out" > "$out/records.txt" <<'PY'
import json, sys
out = sys.argv[1]
refs = [m["ref"] for m in json.load(open(f"{out}/messages.json"))]
# Every tenth message, and the first and last: the history command is a process each.
keep = sorted(set(refs[::10] + refs[:1] + refs[-1:]))
for kind in ("detainees", "facilities", "offices"):
    keep += [r["id"] for r in json.load(open(f"{out}/{kind}.json"))]
print("\n".join(keep))
PY
/usr/bin/python3 - "$out" > "$out/batches.txt" <<'PY'
import json, sys
for b in json.load(open(f"{sys.argv[1]}/batches.json")):
    if b.get("code"):
        print(b["code"], b.get("digest") or "")
PY
while read -r code digest; do
  "$cli" -c "$file" --json batch show "$code" > "$out/batch-$code.json"
  if [ -n "$digest" ]; then
    "$cli" -c "$file" --json verify-manifest "$code" "$digest" > "$out/verify-$code.json"
  fi
done < "$out/batches.txt"

while read -r ref; do
  "$cli" -c "$file" --json history "$ref" > "$out/history-$ref.json"
done < "$out/records.txt"
