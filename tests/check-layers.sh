#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layer rules the include directories of src/meson.build cannot keep:
# system headers are on every layer's path, and a quoted path could climb out
# of a layer's folder.
#
#   tests/check-layers.sh SRCDIR
set -u
src=${1:-.}/src
status=0

# forbidden PATTERN ALLOWED-FOLDER WHY
forbidden () {
  hits=$(grep -rEn --include='*.c' --include='*.h' "$1" "$src" | grep -v "^$src/$2/")
  if [ -n "$hits" ]; then
    echo "$3:"
    echo "$hits"
    status=1
  fi
}

forbidden '#include[[:space:]]*<sqlite3' store 'only src/store includes SQLite'
forbidden '#include[[:space:]]*<hpdf' render 'only src/render includes libharu'
forbidden '#include[[:space:]]*<(gtk|adwaita)' gui 'only src/gui includes GTK and libadwaita'
forbidden '#include[[:space:]]*"[^"]*/' none 'a quoted include names a file of its own layer, never a path'

[ $status -eq 0 ] && echo "layers: every include keeps to its layer"
exit $status
