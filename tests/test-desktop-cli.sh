#!/usr/bin/env bash
# The manual pages and the bash completion of sambot-cli against the program itself:
# every command of "sambot-cli --help" is in the manual page and is completed, the
# pages format without a warning, and completion finds commands, subcommands, options
# and campaign files.
# Usage: test-desktop-cli.sh SAMBOT_CLI MAN_DIR COMPLETION_FILE
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
cli=$1
man_dir=$2
completion=$3
failures=0

fail() {
  echo "not ok - $*"
  failures=$((failures + 1))
}

pass() {
  echo "ok - $*"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The commands as the program lists them: "init", "batch seal"…
LANGUAGE= LC_ALL=C.UTF-8 "$cli" --help >"$tmp/help" || { echo "Bail out! $cli --help failed"; exit 1; }
awk '/^Commands:/ { l = 1; next } l && /^  [a-z]/ { n = $1; if ($2 ~ /^[a-z][a-z-]*$/) n = n " " $2; print n }' \
  "$tmp/help" >"$tmp/commands"
count=$(wc -l <"$tmp/commands")
if [ "$count" -lt 40 ]; then
  fail "sambot-cli --help lists only $count commands"
fi

# --- manual pages ---------------------------------------------------------
for page in sambot.1 sambot-cli.1; do
  warnings=$(groff -man -Tutf8 -wall -z "$man_dir/$page" 2>&1)
  if [ -n "$warnings" ]; then
    fail "groff warns about $page: $warnings"
  else
    pass "$page formats without a warning"
  fi
  if ! MANWIDTH=80 man -l "$man_dir/$page" 2>/dev/null | grep -q 'SEE ALSO'; then
    fail "man -l $page shows no SEE ALSO section"
  fi
done

MANWIDTH=200 man -l "$man_dir/sambot-cli.1" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g; s/.\x08//g' >"$tmp/man.txt"
missing=0
while read -r command; do
  if ! grep -q "^ *sambot-cli $command\( \|\$\)" "$tmp/man.txt"; then
    fail "the manual page has no section for “sambot-cli $command”"
    missing=$((missing + 1))
  fi
done <"$tmp/commands"
[ "$missing" -eq 0 ] && pass "the manual page has every one of the $count commands"

if grep -q -- '--to-all' "$tmp/man.txt" && grep -q -- '--all-delivered' "$tmp/man.txt"; then
  pass "the manual page lists the commands' options"
else
  fail "the manual page lacks options of message add or batch outcome"
fi

# --- bash completion ------------------------------------------------------
if [ ! -r /usr/share/bash-completion/bash_completion ]; then
  echo "Bail out! bash-completion is not installed (build-aux/install-deps.sh installs it)"
  exit 1
fi

# complete WORDS… : what the completion offers for the command line "WORDS…", the
# last word being the one completed (empty after a trailing space).
cat >"$tmp/complete.bash" <<'EOS'
source /usr/share/bash-completion/bash_completion
source "$COMPLETION"
complete_line() {
  COMP_LINE="$1"
  COMP_POINT=${#COMP_LINE}
  read -ra COMP_WORDS <<<"$COMP_LINE"
  [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _sambot_cli
  printf '%s\n' "${COMPREPLY[@]}" | sort
}
complete_line "$LINE"
EOS
complete() {
  COMPLETION=$completion LINE="$*" bash "$tmp/complete.bash" 2>&1 | tr '\n' ' ' | sed 's/ $//'
}

got=$(complete "$cli ba")
[ "$got" = "backup batch" ] && pass "sambot-cli ba → $got" || fail "sambot-cli ba → “$got”, not “backup batch”"

want=$(awk '$1 == "batch" { print $2 }' "$tmp/commands" | sort | tr '\n' ' ' | sed 's/ $//')
got=$(complete "$cli batch ")
[ "$got" = "$want" ] && pass "sambot-cli batch → $got" || fail "sambot-cli batch → “$got”, not “$want”"

firsts=$(complete "$cli ")
missing=0
while read -r command; do
  group=${command%% *}
  case " $firsts " in
    *" $group "*) ;;
    *) fail "“$group” is not completed"; missing=$((missing + 1)); continue ;;
  esac
  if [ "$group" != "$command" ]; then
    case " $(complete "$cli $group ") " in
      *" ${command#* } "*) ;;
      *) fail "“$command” is not completed"; missing=$((missing + 1)) ;;
    esac
  fi
done <"$tmp/commands"
[ "$missing" -eq 0 ] && pass "every command and subcommand is completed"

got=$(complete "$cli message add --to-")
[ "$got" = "--to-all" ] && pass "options of message add" || fail "message add --to- → “$got”"

mkdir "$tmp/campaigns"
touch "$tmp/campaigns/freethe5.sambot" "$tmp/campaigns/notes.txt"
for line in "$cli --campaign $tmp/campaigns/" "$cli -c $tmp/campaigns/" \
            "$cli stats --campaign=$tmp/campaigns/"; do
  got=$(complete "$line")
  [ "$got" = "$tmp/campaigns/freethe5.sambot" ] && pass "campaign files: ${line#"$cli" }" \
    || fail "${line#"$cli" } → “$got”, not only the .sambot file"
done

got=$(complete "$cli infographic -o $tmp/campaigns/")
case "$got" in
  *notes.txt*) pass "-o FILE completes any file" ;;
  *) fail "infographic -o → “$got”" ;;
esac

got=$(complete "$cli approve ")
[ -z "$got" ] && pass "no files offered where a reference is expected" || fail "approve → “$got”"

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
