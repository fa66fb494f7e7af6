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

# The schema and every row of every table, hashed: the backup is a copy made by
# SQLite (the same records, not the same bytes).
table_digest () {
  /usr/bin/python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
h = hashlib.sha256()
h.update(str(db.execute("PRAGMA user_version").fetchone()).encode())
tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
for name, sql in tables:
    h.update(repr((name, sql)).encode())
    if sql.upper().startswith("CREATE VIRTUAL TABLE"):
        continue
    for row in db.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
        h.update(repr(row).encode())
print(h.hexdigest())
PY
}

status=0
for name in demo generated; do
  file="$work/$name.sambot"
  gzip -dc "$here/$name-v6.sambot.gz" > "$file"
  chmod 600 "$file"
  before=$(table_digest "$file")
  tar -C "$work" -xzf "$here/$name-v6.expected.tar.gz"

  # The first command, even one that only reads, updates the file.
  "$cli" -c "$file" stats > /dev/null
  "$cli" -c "$file" check > "$work/$name-check.txt" || {
    echo "FAIL $name: sambot-cli check after migrating:"; cat "$work/$name-check.txt"; status=1; }
  backup=$(ls "$work/$name.sambot.before-v"*.bak 2>/dev/null | head -n 1)
  if [ -z "$backup" ] || [ "$(table_digest "$backup")" != "$before" ]; then
    echo "FAIL $name: no backup of the schema-6 file as it was beside it"; status=1
  fi

  sh "$here/outputs.sh" "$cli" "$file" "$work/$name.now"
  if diff -r -u "$work/$name.expected" "$work/$name.now" > "$work/$name.diff"; then
    echo "ok $name: $(ls "$work/$name.now" | wc -l) outputs identical after migrating"
  else
    echo "FAIL $name: outputs differ after migrating (first 60 lines):"
    head -n 60 "$work/$name.diff"
    status=1
  fi
done
exit $status
