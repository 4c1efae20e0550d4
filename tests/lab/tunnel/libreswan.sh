#!/bin/bash
# tests/lab/tunnel/libreswan.sh - Libreswan's pluto as the peer of a lab tunnel, loading the files that
# Export-IpsecPeerConfig -Format Libreswan -IncludeSecret wrote. The cloud side is tunnel.sh's (neutron-vpnaas's
# driver): start it first with "tunnel.sh up STATE INPUT.json -" (no strongSwan peer); pluto then runs in $P-rr.
# Libreswan is extracted from Debian's package, never installed (its package conflicts with strongSwan).
# This kernel has no ESP: pluto negotiates IKE and the child SA but cannot install the SA into the kernel.
# pluto's updown runs "ipsec _updown", which here is strongSwan's (/usr/lib/ipsec/_updown): it logs "unknown
# interface version" and exits 2 for the trap policy (auto=route); harmless, since no SA can be installed anyway.
#
#   libreswan.sh install              extracts Libreswan into $LIBRESWAN_ROOT (cached; "up" does it when missing;
#                                     the same tree as peer-parsers.sh install, which tunnel.sh install runs)
#   libreswan.sh up STATE PEER_DIR    pluto in $P-rr (private mount namespace) loads PEER_DIR/*.conf and *.secrets,
#                                     adds the connection with addconn and initiates it with whack
#   libreswan.sh down STATE           kills pluto by PID (then run tunnel.sh down STATE)
# Logs: STATE/libreswan/pluto.log (pluto), STATE/cloud/charon.log (the cloud's charon).
# Environment: OVT_PREFIX (namespace prefix, default ovt), LIBRESWAN_ROOT (default /var/cache/openstackvpn/libreswan).
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8
P=${OVT_PREFIX:-ovt}
LIBRESWAN_ROOT=${LIBRESWAN_ROOT:-/var/cache/openstackvpn/libreswan}
LSW=$LIBRESWAN_ROOT/usr/libexec/ipsec

say() { printf '[libreswan %s] %s\n' "$(date +%T)" "$*"; }

install_libreswan() {   # one extraction for the parser checks and this peer: peer-parsers.sh's
  LIBRESWAN_ROOT=$LIBRESWAN_ROOT bash "$(dirname "${BASH_SOURCE[0]}")/peer-parsers.sh" install > /dev/null &&
    [ -x "$LSW/pluto" ] || { say "could not extract Libreswan into $LIBRESWAN_ROOT"; return 1; }
}

down() {
  local dir=$1/libreswan
  [ -f "$dir/pluto.pid" ] && kill -9 "$(cat "$dir/pluto.pid")" 2>/dev/null
  rm -f "$dir/pluto.pid"
  return 0
}

up() {
  local state=$1 peer_dir=$2 dir=$1/libreswan conf secrets name
  conf=$(ls "$peer_dir"/*.conf 2>/dev/null | head -1)
  secrets=$(ls "$peer_dir"/*.secrets 2>/dev/null | head -1)
  [ -f "$conf" ] && [ -f "$secrets" ] || { say "ERROR: no .conf and .secrets in $peer_dir"; return 1; }
  ip netns pids $P-rr > /dev/null 2>&1 ||
    { say "ERROR: no namespace $P-rr (tunnel.sh up STATE INPUT.json - first)"; return 1; }
  install_libreswan || return 1
  down "$state"
  rm -rf "$dir"; mkdir -p "$dir/nss" "$dir/run"
  # Exactly the exported files: ipsec.conf only adds "config setup" and includes the exported .conf.
  cp "$conf" "$dir/peer.conf"
  install -m 600 "$secrets" "$dir/peer.secrets"
  # plutodebug=base: pluto logs the child SA's accepted proposal and traffic selectors only at debug level.
  printf 'config setup\n    logtime=yes\n    plutodebug=base\n\ninclude %s\n' "$dir/peer.conf" > "$dir/ipsec.conf"
  certutil -N -d "sql:$dir/nss" --empty-password > "$dir/certutil.out" 2>&1 || { say "ERROR: certutil"; return 1; }
  name=$(sed -n 's/^conn \(\S\+\).*/\1/p' "$dir/peer.conf" | head -1)
  # pluto looks for addconn in /usr/libexec/ipsec, which does not exist here: a tmpfs over /usr/libexec in a private
  # mount namespace holds the extracted tree; /run/pluto is a private tmpfs too. Nothing changes on the host.
  ip netns exec $P-rr unshare --mount --propagation private sh -c "
    mount -t tmpfs none /usr/libexec && mkdir /usr/libexec/ipsec && mount --bind '$LSW' /usr/libexec/ipsec &&
    mount -t tmpfs none /run && mkdir /run/pluto && mount --bind '$dir/run' /run/pluto &&
    exec /usr/libexec/ipsec/pluto --nofork --config '$dir/ipsec.conf' --secretsfile '$dir/peer.secrets' \
      --nssdir '$dir/nss' --rundir /run/pluto --logfile '$dir/pluto.log'" > "$dir/pluto.out" 2>&1 < /dev/null &
  echo $! > "$dir/pluto.pid"
  disown $!
  local i
  for i in $(seq 100); do [ -S "$dir/run/pluto.ctl" ] && break; sleep 0.1; done
  [ -S "$dir/run/pluto.ctl" ] ||
    { cat "$dir/pluto.out"; say "ERROR: pluto did not start (see $dir/pluto.log)"; down "$state"; return 1; }
  say "pluto $(cat "$dir/pluto.pid") up in $P-rr"
  "$LSW/whack" --ctlsocket "$dir/run/pluto.ctl" --rereadsecrets > "$dir/whack.out" 2>&1
  "$LSW/addconn" --ctlsocket "$dir/run/pluto.ctl" --config "$dir/ipsec.conf" "$name" >> "$dir/whack.out" 2>&1 ||
    { cat "$dir/whack.out"; say "ERROR: addconn refused connection $name"; return 1; }
  "$LSW/whack" --ctlsocket "$dir/run/pluto.ctl" --listen >> "$dir/whack.out" 2>&1
  say "addconn: connection $name added; initiating"
  timeout 30 "$LSW/whack" --ctlsocket "$dir/run/pluto.ctl" --name "$name" --initiate >> "$dir/whack.out" 2>&1
  say "whack --initiate returned $?"
  return 0
}

cmd=${1:-}; shift || true
case "$cmd" in
  install) install_libreswan ;;
  up) [ $# = 2 ] || { echo "usage: libreswan.sh up STATE PEER_DIR"; exit 2; }; up "$@" ;;
  down) [ $# = 1 ] || { echo "usage: libreswan.sh down STATE"; exit 2; }; down "$1"; say "pluto of $1 stopped" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
