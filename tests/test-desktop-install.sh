#!/usr/bin/env bash
# Sambot installed, as the desktop sees it. Installs the build into a temporary folder
# (meson install --destdir) and checks, as a desktop would:
#   files  every file the desktop needs is installed and valid; a campaign made by the
#          installed sambot-cli is an application/x-sambot-campaign for GIO and xdg-mime,
#          by its .sambot name and, named otherwise, by its contents; a plain SQLite
#          file is not; the installed sambot-cli works from there
#   dbus   (needs a display) the session bus starts Sambot from the installed service
#          file when a campaign is opened, and a second "sambot FILE" goes to that
#          same instance
# Usage: test-desktop-install.sh files|dbus BUILD_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
mode=$1
build=$2
failures=0

fail() {
  echo "not ok - $*"
  failures=$((failures + 1))
}

pass() {
  echo "ok - $*"
}

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
  fi
  exit 0
}

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

dest=$tmp/dest
if ! meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "Bail out! meson install failed"
  exit 1
fi
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c \
  'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root=$dest$prefix
share=$root/share
app_id=org.sambot.Sambot

# The installed programs find the build's schema (the destdir's is not compiled).
export GSETTINGS_SCHEMA_DIR=$build/data
export GSETTINGS_BACKEND=memory
export XDG_DATA_HOME=$tmp/home-data
export XDG_CONFIG_HOME=$tmp/home-config
export XDG_DATA_DIRS=$share:/usr/share
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

if [ "$mode" = files ]; then
  # --- what is installed --------------------------------------------------
  for file in bin/sambot bin/sambot-cli \
              share/applications/$app_id.desktop \
              share/metainfo/$app_id.metainfo.xml \
              share/dbus-1/services/$app_id.service \
              share/mime/packages/$app_id.xml \
              share/icons/hicolor/scalable/apps/$app_id.svg \
              share/icons/hicolor/scalable/mimetypes/application-x-sambot-campaign.svg \
              share/glib-2.0/schemas/$app_id.gschema.xml \
              share/man/man1/sambot.1 share/man/man1/sambot-cli.1 \
              share/bash-completion/completions/sambot-cli \
              share/help/C/sambot/index.html share/help/km/sambot/index.html \
              share/locale/km/LC_MESSAGES/sambot.mo; do
    [ -e "$root/$file" ] || fail "$file is not installed"
  done
  pass "the desktop's files are installed"

  desktop=$share/applications/$app_id.desktop
  if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then
    pass "desktop-file-validate: no complaint"
  else
    fail "desktop-file-validate: $out"
  fi
  grep -qx 'DBusActivatable=true' "$desktop" || fail "the desktop entry is not D-Bus activatable"
  grep -qx 'MimeType=application/x-sambot-campaign;' "$desktop" || fail "the desktop entry does not open campaigns"

  service=$share/dbus-1/services/$app_id.service
  grep -qx "Name=$app_id" "$service" || fail "the service file names another bus name"
  grep -qx "Exec=$prefix/bin/sambot --gapplication-service" "$service" \
    || fail "the service file does not start $prefix/bin/sambot: $(grep Exec "$service")"
  pass "the D-Bus service file starts $prefix/bin/sambot"

  # --- the campaign file type ---------------------------------------------
  update-mime-database "$share/mime" 2>/dev/null
  cli=$root/bin/sambot-cli
  cd "$tmp" || exit 1
  if ! "$cli" init freethe5.sambot --name "Freethe5KH" --office-code PP >/dev/null; then
    fail "the installed sambot-cli cannot create a campaign"
  fi
  cp freethe5.sambot "campaign copy"
  /usr/bin/python3 -c 'import sqlite3; sqlite3.connect("other.db").execute("CREATE TABLE t (x)")'

  content_type() {
    gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p'
  }
  for file in freethe5.sambot "campaign copy"; do
    type=$(content_type "$file")
    [ "$type" = application/x-sambot-campaign ] && pass "gio: “$file” is $type" \
      || fail "gio: “$file” is “$type”, not application/x-sambot-campaign"
    type=$(XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "$file" 2>/dev/null)
    [ "$type" = application/x-sambot-campaign ] && pass "xdg-mime: “$file” is $type" \
      || fail "xdg-mime: “$file” is “$type”"
  done
  type=$(content_type other.db)
  [ "$type" = application/vnd.sqlite3 ] && pass "another SQLite file stays $type" \
    || fail "another SQLite file is “$type”"

  icon=$(gio info -a standard::icon freethe5.sambot | sed -n 's/^ *standard::icon: //p')
  case "$icon" in
    application-x-sambot-campaign*) pass "its icon is application-x-sambot-campaign" ;;
    *) fail "its icon is “$icon”" ;;
  esac

  # --- the installed programs work from their prefix ----------------------
  if "$cli" demo demo.sambot >/dev/null &&
     "$cli" --campaign demo.sambot stats --json | grep -q '"messages_delivered" : 195'; then
    pass "the installed sambot-cli makes the demo and counts 195 delivered"
  else
    fail "the installed sambot-cli demo + stats"
  fi
  # The installed catalogue (a destdir install cannot be found at its compiled path).
  if SAMBOT_LOCALEDIR=$share/locale LANGUAGE=km LANG=C.UTF-8 "$cli" --help 2>&1 | grep -q 'យុទ្ធនាការ'; then
    pass "the installed Khmer catalogue works"
  else
    fail "the installed Khmer catalogue does not translate sambot-cli"
  fi
  finish
fi

# --- dbus: the session bus starts Sambot ------------------------------------
if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no display"
  exit 77
fi

# The installed service file, with its program under the temporary folder.
mkdir -p "$tmp/services"
sed "s|^Exec=$prefix|Exec=$root|" "$share/dbus-1/services/$app_id.service" >"$tmp/services/$app_id.service"
cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$tmp/bus</listen>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$tmp/bus.conf" --nofork --nopidfile >"$tmp/bus.log" 2>&1 &
pids+=($!)
export DBUS_SESSION_BUS_ADDRESS=unix:path=$tmp/bus
for _ in $(seq 50); do [ -S "$tmp/bus" ] && break; sleep 0.1; done

cli=$root/bin/sambot-cli
cd "$tmp" || exit 1
"$cli" init first.sambot --name "First campaign" --office-code PP >/dev/null
"$cli" init second.sambot --name "Second campaign" --office-code PP >/dev/null

window_named() {
  for _ in $(seq 100); do
    xwininfo -root -tree 2>/dev/null | grep -q "\"$1\"" && return 0
    sleep 0.2
  done
  return 1
}

owner_pid() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID "$app_id" 2>/dev/null \
    | sed -n 's/^(uint32 \([0-9]*\),)$/\1/p'
}

# Opening a campaign as the file manager does: the bus starts Sambot.
if gdbus call --session --dest "$app_id" --object-path /org/sambot/Sambot \
     --method org.freedesktop.Application.Open "['file://$tmp/first.sambot']" '{}' >/dev/null; then
  pass "org.freedesktop.Application.Open on $app_id"
else
  fail "the bus could not start $app_id: $(cat "$tmp/bus.log")"
  finish
fi
first_pid=$(owner_pid)
[ -n "$first_pid" ] && pids+=("$first_pid")
window_named "First campaign" && pass "the bus started Sambot (pid $first_pid) and it opened the campaign" \
  || fail "no window shows “First campaign”"

# Starting sambot again with another campaign: it goes to the running instance.
"$root/bin/sambot" "$tmp/second.sambot" &
launcher=$!
for _ in $(seq 300); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$launcher" 2>/dev/null; then
  kill "$launcher"
  fail "a second “sambot FILE” kept running: it did not hand the file to the first"
elif wait "$launcher"; then
  pass "a second “sambot FILE” handed it over and returned"
else
  fail "a second “sambot FILE” failed"
fi
window_named "Second campaign" && pass "the running Sambot opened the second campaign" \
  || fail "no window shows “Second campaign”"
[ "$(owner_pid)" = "$first_pid" ] && pass "still one instance (pid $first_pid)" \
  || fail "another instance owns $app_id now: $(owner_pid)"

gdbus call --session --dest "$app_id" --object-path /org/sambot/Sambot \
  --method org.freedesktop.Application.ActivateAction quit '[]' '{}' >/dev/null 2>&1
for _ in $(seq 50); do kill -0 "$first_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$first_pid" 2>/dev/null && fail "app.quit over D-Bus did not end Sambot" || pass "app.quit ends it"
finish
