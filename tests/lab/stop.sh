#!/bin/bash
# tests/lab/stop.sh - stop the lab started by tests/lab/start.sh, strictly by the PIDs it
# recorded in $VPNLAB_STATE/pids/ (and their children); never by process name.
#   stop.sh            stop, keep the state dir (logs, databases)
#   stop.sh --purge    stop and delete the state dir (only if it carries the lab marker)
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
STATE=${VPNLAB_STATE:-/tmp/openstackvpn-lab}
PURGE=0; [ "${1:-}" = --purge ] && PURGE=1

tree_pids() { # pid and its descendants
  local c; echo "$1"
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    [[ $c =~ ^[0-9]+$ ]] && tree_pids "$c"
  done
}
alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && echo "$p"; done; }

declare -A PATTERN=([neutron-server]='neutron-server' [keystone]='uwsgi')
rc=0
for svc in neutron-server keystone; do
  f=$STATE/pids/$svc.pid
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if ! [[ $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    echo "$svc: pid $pid not running"; rm -f "$f"; continue
  fi
  # ours only if the command line names the program and a file of this state dir
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)
  if [[ $cmd != *"${PATTERN[$svc]}"* || $cmd != *"$STATE/"* ]]; then
    echo "$svc: pid $pid is '$cmd', not ours (pid reused?); leaving it alone"; rm -f "$f"; continue
  fi
  pids=$(tree_pids "$pid" | tr '\n' ' ')
  echo "$svc: SIGTERM $pid (tree: $pids)"
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 100); do [ -z "$(alive $pids)" ] && break; sleep 0.2; done   # up to 20 s
  left=$(alive $pids | tr '\n' ' ')
  if [ -n "$left" ]; then
    echo "$svc: still alive after 20 s: $left -> SIGKILL"
    for p in $left; do kill -KILL "$p" 2>/dev/null; done
    sleep 0.5
    [ -n "$(alive $left)" ] && { echo "$svc: could not kill $(alive $left)"; rc=1; }
  fi
  rm -f "$f"
done

if [ $PURGE = 1 ] && [ -d "$STATE" ]; then
  if [ -f "$STATE/.vpnlab-state" ]; then rm -rf "$STATE"; echo "removed $STATE"
  else echo "not purging $STATE (no .vpnlab-state marker)"; rc=1; fi
fi
exit $rc
