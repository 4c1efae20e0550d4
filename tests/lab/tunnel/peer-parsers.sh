#!/bin/bash
# tests/lab/tunnel/peer-parsers.sh - the peer gateways' own parsers, run on exported peer files (no tunnel, no traffic).
#   peer-parsers.sh check                  says whether they can run here; rc 0 if so (root, netns, strongSwan, Libreswan)
#   peer-parsers.sh install                extracts Libreswan from Debian's package into $LIBRESWAN_ROOT (cached; never
#                                          installed: its package conflicts with strongSwan, which neutron-vpnaas needs)
#   peer-parsers.sh swanctl WORK FILE...   charon in a private network namespace loads each swanctl.conf in turn
#                                          (swanctl --load-all --clear); prints what charon parsed
#   peer-parsers.sh starter WORK DIR       strongSwan's starter reads DIR/ipsec.conf and DIR/ipsec.secrets and loads
#                                          every conn into charon; prints the conns charon added, and its errors
#   peer-parsers.sh libreswan WORK FILE... Libreswan's addconn --checkconfig on each .conf, algparse on its proposals
#   peer-parsers.sh algparse-probe -v1|-v2 PROTOCOL=PROPOSAL   what algparse makes of one proposal (ERROR: ... if refused)
# Output: one line per fact, NAME<TAB>WHAT<TAB>VALUE (WHAT: loaded, refused, ike, child, local-id, remote-id, error).
# Environment: OVT_PREFIX (namespace prefix, default ovt), LIBRESWAN_ROOT (default /var/cache/openstackvpn/libreswan).
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8
P=${OVT_PREFIX:-ovt}
NS=$P-parse
LIBRESWAN_ROOT=${LIBRESWAN_ROOT:-/var/cache/openstackvpn/libreswan}
LSW=$LIBRESWAN_ROOT/usr/libexec/ipsec

can_run() {
  [ "$(id -u)" = 0 ] || { echo "not root"; return 1; }
  ip netns add $P-probe 2>/dev/null || { echo "cannot create network namespaces"; return 1; }
  ip netns del $P-probe
  [ -x /usr/lib/ipsec/charon ] && [ -x /usr/sbin/swanctl ] || { echo "strongSwan is not installed (tunnel.sh install)"; return 1; }
  [ -x "$LSW/algparse" ] && [ -x "$LSW/addconn" ] || { echo "Libreswan is not extracted (tunnel.sh install)"; return 1; }
  return 0
}

install_libreswan() {
  [ -x "$LSW/algparse" ] && return 0
  local tmp rc
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download libreswan > "$tmp/apt.log" 2>&1) ||
    { apt-get update -q > /dev/null 2>&1; (cd "$tmp" && apt-get download libreswan >> "$tmp/apt.log" 2>&1); }
  mkdir -p "$LIBRESWAN_ROOT" && dpkg-deb -x "$tmp"/libreswan_*.deb "$LIBRESWAN_ROOT"
  rc=$?
  local version; version=$(dpkg-deb -f "$tmp"/libreswan_*.deb Version 2>/dev/null)
  rm -rf "$tmp"
  [ $rc = 0 ] && [ -x "$LSW/algparse" ] || { echo "could not extract Libreswan into $LIBRESWAN_ROOT"; return 1; }
  echo "Libreswan $version extracted into $LIBRESWAN_ROOT"
}

# charon (or starter) in $NS with a private /etc and /run under WORK; its log at cfg level 2 shows what it parsed.
start_daemon() {   # start_daemon WORK COMMAND [DIR with ipsec.conf and ipsec.secrets, for the starter]
  local work=$1 command=$2 files=${3:-}
  rm -rf "$work/etc" "$work/run"; mkdir -p "$work/etc/swanctl" "$work/run"
  if [ -n "$files" ]; then cp "$files/ipsec.conf" "$work/etc/ipsec.conf"; install -m 600 "$files/ipsec.secrets" "$work/etc/ipsec.secrets"; fi
  cp -a /etc/strongswan.d "$work/etc/strongswan.d"
  printf 'charon {\n  load_modular = yes\n  plugins {\n    include strongswan.d/charon/*.conf\n  }\n}\ninclude strongswan.d/*.conf\n' > "$work/etc/strongswan.conf"
  printf 'charon {\n  filelog {\n    parse {\n      path = %s\n      default = 1\n      cfg = 2\n      flush_line = yes\n    }\n  }\n}\n' "$work/charon.log" > "$work/etc/strongswan.d/zz-parse.conf"
  : > "$work/charon.log"
  ip netns del $NS 2>/dev/null; ip netns add $NS && ip -n $NS link set lo up || return 1
  ip netns exec $NS unshare --mount --propagation private sh -c \
    "mount --bind '$work/etc' /etc && mount --bind '$work/run' /run && exec $command" > "$work/daemon.out" 2>&1 < /dev/null &
  echo $! > "$work/daemon.pid"
  local i
  for i in $(seq 100); do [ -S "$work/run/charon.vici" ] && return 0; sleep 0.1; done
  return 1
}

stop_daemon() {
  local work=$1
  [ -f "$work/daemon.pid" ] && kill "$(cat "$work/daemon.pid")" 2>/dev/null
  sleep 0.3
  [ -f "$work/daemon.pid" ] && kill -9 "$(cat "$work/daemon.pid")" 2>/dev/null
  rm -f "$work/daemon.pid"
  ip netns del $NS 2>/dev/null
}

# What charon logged about the connections it loaded since line $2: their proposals and ids.
parsed() {   # parsed LOG FROM_LINE
  tail -n +"$2" "$1" | sed 's/^[0-9]*\[CFG\] //' | awk -v OFS='\t' '
    /^ conn [^ ]+:$/ { conn = $2; sub(/:$/, "", conn); side = ""; next }
    /^  child [^ ]+:$/ { child = 1; next }
    /^  local:/ { side = "local"; next }
    /^  remote:/ { side = "remote"; next }
    /^   *proposals = IKE:/ { print conn, "ike", $3; next }
    /^   *proposals = (ESP|AH):/ { print conn, "child", $3; next }
    /^   *id = / && side != "" { print conn, side "-id", $3; next }'
}

swanctl_load() {
  local work=$1; shift
  start_daemon "$work" /usr/lib/ipsec/charon || { echo "-	error	charon did not start: $(tail -3 "$work/daemon.out")"; stop_daemon "$work"; return 1; }
  local file from out name
  for file in "$@"; do
    from=$(($(wc -l < "$work/charon.log") + 1))
    # swanctl exits 0 on a file it cannot parse (it loads nothing): a file that loaded no connection is refused.
    if out=$(swanctl --load-all --clear --noprompt --uri "unix://$work/run/charon.vici" --file "$file" 2>&1) &&
       printf '%s\n' "$out" | grep -q "^loaded connection '"; then
      for name in $(printf '%s\n' "$out" | sed -n "s/^loaded connection '\(.*\)'$/\1/p"); do printf '%s\tloaded\t%s\n' "$name" "$file"; done
    else
      printf '%s\trefused\t%s\n' "$file" "$(printf '%s\n' "$out" | grep -iE 'fail|invalid|error' | grep -v "plugin '\|opening directory" | tr '\n' ' ')"
    fi
    sleep 0.1
    parsed "$work/charon.log" "$from"
  done
  stop_daemon "$work"
}

starter_load() {
  local work=$1 dir=$2
  [ -f "$dir/ipsec.conf" ] && [ -f "$dir/ipsec.secrets" ] || { printf -- '-\terror\tno ipsec.conf and ipsec.secrets in %s\n' "$dir"; return 1; }
  start_daemon "$work" "/usr/sbin/ipsec start --nofork" "$dir" ||
    { printf -- '-\terror\tstarter did not start charon: %s\n' "$(tail -3 "$work/daemon.out" | tr '\n' ' ')"; stop_daemon "$work"; return 1; }
  # The starter hands charon one conn after the other: wait until all are there, or none came for 3 s.
  local want added before=-1 still=0
  want=$(grep -c '^conn ' "$dir/ipsec.conf")
  while [ $still -lt ${STARTER_QUIET_TENTHS:-30} ]; do
    added=$(grep -c 'added configuration\|added child to existing configuration' "$work/charon.log")
    [ "$added" -ge "$want" ] && break
    if [ "$added" = "$before" ]; then still=$((still + 1)); else still=0; before=$added; fi
    sleep 0.1
  done
  # charon adds a conn whose IKE settings equal an earlier one's as a child of that one: loaded all the same.
  awk -v OFS='\t' "/received stroke: add connection '/ { split(\$0, q, \"'\"); conn = q[2] }
    /added configuration '|added child to existing configuration '/ { print conn, \"loaded\", \"ipsec.conf\" }" "$work/charon.log"
  grep -E 'invalid|failed' "$work/charon.log" | grep -v "reading directory\|opening directory\|opening secrets\|plugin" | sed 's/^/-\terror\t/'
  grep -E 'parsing error|ignored conn|bad option|bad argument|unknown keyword|invalid' "$work/daemon.out" | sed 's/^/-\terror\t/'
  stop_daemon "$work"
}

libreswan_check() {
  local work=$1; shift
  local file name version line kind value out
  for file in "$@"; do
    name=$(sed -n 's/^conn \(.*\)$/\1/p' "$file" | head -1)
    printf 'config setup\n\ninclude %s\n' "$file" > "$work/libreswan-ipsec.conf"
    if out=$("$LSW/addconn" --checkconfig --config "$work/libreswan-ipsec.conf" 2>&1); then printf '%s\tloaded\t%s\n' "$name" "$file"
    else printf '%s\trefused\t%s\n' "$name" "$(printf '%s' "$out" | tr '\n' ' ')"; fi
    version=-v2; grep -q '^ *ikev2=no' "$file" && version=-v1
    for line in $(sed -n 's/^ *\(ike\|phase2alg\)=\(.*\)$/\1=\2/p' "$file"); do
      kind=${line%%=*}; value=${line#*=}
      [ "$kind" = phase2alg ] && { kind=$(sed -n 's/^ *phase2=\(.*\)$/\1/p' "$file"); [ -n "$kind" ] || kind=esp; }
      out=$("$LSW/algparse" $version -pfs "$kind=$value" 2>&1 | tail -n +2 | sed 's/^\t//' | tr '\n' ' ')
      printf '%s\t%s\t%s\n' "$name" "$([ "$kind" = ike ] && echo ike || echo child)" "${out% }"
    done
  done
}

cmd=${1:-}; shift || true
case "$cmd" in
  check) why=$(can_run) && echo "the peer parsers can run here" || { echo "$why"; exit 1; } ;;
  install) install_libreswan ;;
  swanctl) work=$1; shift; mkdir -p "$work"; swanctl_load "$work" "$@" ;;
  starter) work=$1; mkdir -p "$work"; starter_load "$work" "$2" ;;
  libreswan) work=$1; shift; mkdir -p "$work"; libreswan_check "$work" "$@" ;;
  algparse-probe) "$LSW/algparse" "$1" -pfs "$2" 2>&1 | tail -n +2 | sed 's/^\t//' ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
