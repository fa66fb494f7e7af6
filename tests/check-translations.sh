#!/bin/sh
# Every translation covers every string of the current sources: none untranslated or
# fuzzy, and msgfmt --check passes. Usage: check-translations.sh SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

cd "$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

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
done
exit $status
