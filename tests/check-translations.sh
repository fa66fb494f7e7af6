#!/bin/sh
# Every translation covers every string of the current sources: none untranslated or
# fuzzy, and msgfmt --check passes; and no translation uses a word that its glossary
# (po/GLOSSARY-LL.md, section "Rejected") rejects.
# Usage: check-translations.sh SOURCE_ROOT
#        check-translations.sh --self-test SOURCE_ROOT   (the glossary check finds what it must)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

self_test=false
if [ "$1" = "--self-test" ]; then
  self_test=true
  shift
fi
cd "$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check_glossary GLOSSARY FILE: prints each message of FILE (a .po file: its translations;
# any other file, the user guide's pages: every line) that holds a word of the glossary's
# "Rejected" table (| rejected | for | use instead | still allowed in |), word breaks
# (U+200B) ignored and the phrases of the last column (comma-separated) let through;
# fails if there is any.
check_glossary () {
  case "$2" in
    *.po) mode=po ;;
    *) mode=text ;;
  esac
  LC_ALL=C awk -v glossary="$1" -v po="$2" -v mode="$mode" '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    function strip(s, e,   i) {
      while ((i = index(s, e)) > 0)
        s = substr(s, 1, i - 1) substr(s, i + length(e))
      return s
    }
    function check(text, line,   i, k, n, t, allowed) {
      if (text == "")
        return
      gsub(zwsp, "", text)
      for (i = 1; i <= n_terms; i++) {
        t = text
        n = split(allow[i], allowed, ",")
        for (k = 1; k <= n; k++)
          if (trim(allowed[k]) != "")
            t = strip(t, trim(allowed[k]))
        if (index(t, term[i]) > 0) {
          printf "%s:%d: uses \"%s\" (for %s), which %s rejects; instead: %s\n", po, line, term[i],
                 what[i], glossary, instead[i]
          bad = 1
        }
      }
    }
    BEGIN {
      zwsp = "\342\200\213"
      while ((getline row < glossary) > 0) {
        if (row ~ /^## /) {
          in_table = (row == "## Rejected")
          continue
        }
        if (!in_table || row !~ /^\|/ || row ~ /^\|[-|]*$/)
          continue
        split(row, cell, "[|]")
        if (trim(cell[2]) == "rejected")
          continue
        n_terms++
        term[n_terms] = trim(cell[2])
        what[n_terms] = trim(cell[3])
        instead[n_terms] = trim(cell[4])
        allow[n_terms] = cell[5]
      }
      if (n_terms == 0) {
        printf "%s: no \"Rejected\" table\n", glossary
        bad = 2
        exit
      }
    }
    mode == "text" { check($0, FNR); next }
    /^msgstr/ { check(text, start); text = ""; start = FNR; in_str = 1 }
    /^(msgid|msgctxt|#)/ || /^$/ { check(text, start); text = ""; in_str = 0 }
    in_str {
      s = $0
      sub(/^msgstr(\[[0-9]+\])? /, "", s)
      sub(/^"/, "", s)
      sub(/"$/, "", s)
      text = text s
    }
    END { check(text, start); exit bad }
  ' "$2"
}

if $self_test; then
  # A rejected word is found through word breaks, across wrapped lines and in plural
  # forms; the allowed phrase, the English and the comments pass.
  cat > "$tmp/self.po" <<'EOF'
#. ត្រូវ​បាន in a comment is not a translation
msgid "Rejected"
msgstr "ត្រូវ​បាន​បដិសេធ"

msgid ""
"Batch %s is sealed."
msgstr ""
"ជុំ​បញ្ជូន %s ត្រូវ​"
"បាន​បិទ​ត្រា។"

msgid "%s was released"
msgstr "%s ត្រូវ​បាន​ដោះលែង"

msgid "%d rule"
msgid_plural "%d rules"
msgstr[0] "វិធានការ %d"
EOF
  printf '<p>Sambot គូរ</p>\n<p>អ៊ីនហ្វូក្រាហ្វិក​ត្រូវ​បាន​គូរ</p>\n' > "$tmp/self.html"
  found=$(check_glossary po/GLOSSARY-km.md "$tmp/self.po" || true
          check_glossary po/GLOSSARY-km.md "$tmp/self.html" || true)
  echo "$found"
  lines=$(printf '%s\n' "$found" | sed -n 's/^[^:]*:\([0-9]*\):.*/\1/p' | tr '\n' ' ')
  if [ "$lines" != "3 7 16 2 " ]; then
    echo "The glossary check found rejected words on lines \"$lines\", not on 3 7 16 2." >&2
    exit 1
  fi
  exit 0
fi

# The arguments of meson's "glib" gettext preset (every comment before a string reaches the translators).
xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --keyword=ngettext:1,2 \
  -f po/POTFILES.in -o "$tmp/sambot.pot" 2>/dev/null

status=0
for po in po/*.po; do
  msgfmt --check -o /dev/null "$po"
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/sambot.pot" -o "$tmp/merged.po"
  stats=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
  lang=$(basename "$po" .po)
  glossary="po/GLOSSARY-$lang.md"
  if [ -f "$glossary" ]; then
    check_glossary "$glossary" "$po" || status=1
    # The user guide in that language uses the same words.
    for page in $(find "help/$lang" -name '*.html' 2>/dev/null | sort); do
      check_glossary "$glossary" "$page" || status=1
    done
  fi
done
exit $status
