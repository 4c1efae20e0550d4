#!/bin/bash
# tests/lab/tunnel/tunnel.sh - a real IPsec tunnel between network namespaces, for the lab's own API objects.
#   cloud side: neutron-vpnaas's driver code (cloud_side.py) from the objects the module read (INPUT.json), with the
#               agent's status reports written back into the lab's Neutron database (the status bridge);
#   peer side:  strongSwan charon + swanctl, loading the swanctl.conf that Export-IpsecPeerConfig wrote.
# Everything runs in namespaces created here (prefix ovt-); nothing is sent anywhere else. Run as root.
#
#   tunnel.sh check                          says whether this machine can run tunnels (root, netns); rc 0 if so
#   tunnel.sh install                        installs the packages the tunnels need (Debian), and extracts Libreswan
#                                            for its parsers (peer-parsers.sh)
#   tunnel.sh up STATE INPUT.json PEER_DIR   brings both sides up (PEER_DIR holds swanctl.conf, or ipsec.conf and
#                                            ipsec.secrets for strongSwan's starter; "-" = no peer at all)
#   tunnel.sh pair-up STATE A.json B.json    two OpenStack sites: both ends run by neutron-vpnaas's driver, each from
#                                            its own connection's objects (B's router stands where the peer would)
#   tunnel.sh ping STATE                     pings between the sites' hosts, both ways; rc 0 when every ping passed
#   tunnel.sh peer-load STATE PEER_DIR       the peer closes its SAs (telling the cloud) and loads PEER_DIR/swanctl.conf
#   tunnel.sh peer-initiate STATE            the peer starts the tunnel; rc 0 when its CHILD SA came up
#   tunnel.sh peer-stop STATE                stops the peer gateway as an admin would (its SAs deleted, then killed)
#   tunnel.sh down STATE                     kills both sides by PID and deletes the namespaces
# Environment: VPNLAB_STATE (the lab, default /tmp/openstackvpn-lab), REPORT_S (status report period, default 1),
#              OVT_PREFIX (namespace prefix, default ovt), PEER_NAT=1 (for "up": the peer gateway sits behind a
#              masquerading NAT box that holds the public peer address; the peer owns only 100.64.0.2),
#              STATUS_TO=file (the agents' reports only in STATE/cloud*/reports.jsonl, for a cloud that is not the
#              lab: the caller carries them over, e.g. into an embedded cloud).
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 PYTHONWARNINGS=ignore
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB=${VPNLAB_STATE:-/tmp/openstackvpn-lab}
P=${OVT_PREFIX:-ovt}   # another prefix lets two tunnel runs share a machine
NAMESPACES="hl rl wan rr hr nat"
PKGS="strongswan-charon strongswan-starter strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins python3-neutron-vpnaas iptables iputils-ping tcpdump util-linux libldns3 libevent-pthreads-2.1-7 libnss3-tools"

say() { printf '[tunnel %s] %s\n' "$(date +%T)" "$*"; }
die() {   # a failed "up" leaves nothing behind
  say "ERROR: $*"
  if [ -n "${STATE:-}" ] && [ -d "$STATE" ]; then down "$STATE"; fi
  exit 1
}

can_run() {
  [ "$(id -u)" = 0 ] || { echo "not root"; return 1; }
  ip netns add $P-probe 2>/dev/null || { echo "cannot create network namespaces"; return 1; }
  ip netns del $P-probe
  unshare --pid --fork --mount-proc true 2>/dev/null || { echo "cannot create PID namespaces"; return 1; }
  [ -e /usr/lib/python3/dist-packages/neutron_vpnaas ] || { echo "python3-neutron-vpnaas is not installed (tests/lab/start.sh installs it)"; return 1; }
  return 0
}

install_packages() {
  local missing p
  missing=$(for p in $PKGS; do dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q 'install ok installed' || echo $p; done)
  [ -z "$missing" ] && return 0
  say "installing: $(echo $missing)"
  local prc=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; prc=1; fi
  apt-cache show strongswan-swanctl > /dev/null 2>&1 || apt-get update -q > /tmp/openstackvpn-tunnel-apt.log 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold $missing >> /tmp/openstackvpn-tunnel-apt.log 2>&1
  local rc=$?
  [ $prc = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || die "apt-get install failed (see /tmp/openstackvpn-tunnel-apt.log)"
}

# Libreswan's parsers (addconn, algparse) for the peer files, extracted from Debian's package (cached).
install_libreswan() { bash "$HERE/peer-parsers.sh" install || die "Libreswan could not be extracted"; }

# A private PID + mount namespace whose PID 1 is our own sleep: neutron-vpn-netns-wrapper compares /proc/1/ns/net
# with its own, which root cannot read here otherwise; and one SIGKILL of that PID 1 ends everything inside.
start_pidns() {   # start_pidns DIR
  unshare --pid --fork --mount-proc --propagation slave sleep infinity < /dev/null > /dev/null 2>&1 &
  echo $! > "$1/unshare.pid"
  disown $!
  local i child
  for i in $(seq 50); do
    child=$(cat /proc/$!/task/$!/children 2>/dev/null | awk '{print $1}')
    [ -n "$child" ] && { echo "$child" > "$1/pidns.pid"; return 0; }
    sleep 0.1
  done
  return 1
}

down() {
  local state=$1 f
  for f in "$state"/{cloud,cloud-b,peer}/pidns.pid "$state"/{cloud,cloud-b,peer}/unshare.pid; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
    rm -f "$f"
  done
  for n in $NAMESPACES; do ip netns del $P-$n 2>/dev/null; done
  return 0
}

net_up() {
  local n a
  for n in $NAMESPACES; do ip netns add $P-$n && ip -n $P-$n link set lo up || return 1; done
  ip link add hl0 netns $P-hl type veth peer name qr-ovt netns $P-rl     # cloud host  - router inside (qr-)
  ip link add qg-ovt netns $P-rl type veth peer name wl0 netns $P-wan    # router gateway (qg-) - "internet"
  if [ "${PEER_NAT:-0}" = 1 ]; then
    # The peer gateway behind a masquerading box: it owns only 100.64.0.2; the NAT box holds the public PEER_IP.
    ip link add wr0 netns $P-wan type veth peer name out0 netns $P-nat    # "internet" - NAT box
    ip link add in0 netns $P-nat type veth peer name pub0 netns $P-rr     # NAT box - peer gateway
  else
    ip link add wr0 netns $P-wan type veth peer name pub0 netns $P-rr    # "internet" - peer gateway
  fi
  ip link add lan0 netns $P-rr type veth peer name hr0 netns $P-hr       # peer gateway - host behind it
  for a in $LOCAL_GWS; do ip -n $P-rl addr add $a dev qr-ovt; done
  for a in $LOCAL_HOSTS; do ip -n $P-hl addr add $a dev hl0; done
  for a in $PEER_GWS; do ip -n $P-rr addr add $a dev lan0; done
  for a in $PEER_HOSTS; do ip -n $P-hr addr add $a dev hr0; done
  ip -n $P-rl addr add $CLOUD_IP/$CLOUD_LEN dev qg-ovt
  if [ "$WAN_CLOUD_IP" = "$WAN_PEER_IP" ]; then
    # Both public addresses in one /24 (two routers on one external network): the "internet" is a bridge.
    ip -n $P-wan link add br0 type bridge && ip -n $P-wan link set br0 up || return 1
    ip -n $P-wan link set wl0 master br0 && ip -n $P-wan link set wr0 master br0 || return 1
    ip -n $P-wan addr add $WAN_CLOUD_IP/$CLOUD_LEN dev br0
  else
    ip -n $P-wan addr add $WAN_CLOUD_IP/$CLOUD_LEN dev wl0
    ip -n $P-wan addr add $WAN_PEER_IP/$PEER_LEN dev wr0
  fi
  for n in hl0:hl qr-ovt:rl qg-ovt:rl wl0:wan wr0:wan pub0:rr lan0:rr hr0:hr; do ip -n $P-${n#*:} link set ${n%:*} up; done
  ip -n $P-hl route add default via ${LOCAL_GWS%%/*}
  ip -n $P-hr route add default via ${PEER_GWS%%/*}
  ip -n $P-rl route add default via $WAN_CLOUD_IP
  if [ "${PEER_NAT:-0}" = 1 ]; then
    ip -n $P-nat addr add $PEER_IP/$PEER_LEN dev out0
    ip -n $P-nat addr add 100.64.0.1/24 dev in0
    ip -n $P-rr addr add 100.64.0.2/24 dev pub0
    ip -n $P-nat link set out0 up; ip -n $P-nat link set in0 up
    ip -n $P-nat route add default via $WAN_PEER_IP
    ip -n $P-rr route add default via 100.64.0.1
    ip netns exec $P-nat sysctl -qw net.ipv4.ip_forward=1
    ip netns exec $P-nat iptables -t nat -A POSTROUTING -o out0 -j MASQUERADE || return 1
  else
    ip -n $P-rr addr add $PEER_IP/$PEER_LEN dev pub0
    ip -n $P-rr route add default via $WAN_PEER_IP
  fi
  # The "internet" never carries private ranges: without the tunnel there is no path between the sites.
  for a in 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16; do ip -n $P-wan route add unreachable $a; done
  for n in rl wan rr; do ip netns exec $P-$n sysctl -qw net.ipv4.ip_forward=1; done
}

ping_all() {   # ping_all: every cloud host address to every peer host address and back
  local ok=0 a b
  for a in $LOCAL_HOSTS; do for b in $PEER_HOSTS; do
    if ip netns exec $P-hl ping -c2 -i0.3 -W2 -I ${a%/*} ${b%/*} > /dev/null 2>&1; then say "ping ${a%/*} -> ${b%/*}: ok"; else say "ping ${a%/*} -> ${b%/*}: FAILED"; ok=1; fi
    if ip netns exec $P-hr ping -c2 -i0.3 -W2 -I ${b%/*} ${a%/*} > /dev/null 2>&1; then say "ping ${b%/*} -> ${a%/*}: ok"; else say "ping ${b%/*} -> ${a%/*}: FAILED"; ok=1; fi
  done; done
  return $ok
}

swanctl_peer() { local command=$1; shift; swanctl "$command" --uri "unix://$STATE/peer/run/charon.vici" "$@"; }

up() {
  local input=$2 peer_dir=$3
  [ -f "$input" ] || die "no input $input"
  down "$STATE"
  rm -rf "$STATE"; mkdir -p "$STATE"/cloud "$STATE"/peer/etc/swanctl "$STATE"/peer/run
  install -m 600 "$input" "$STATE/input.json"     # it holds the PSK, as the agent's ipsec.secrets does
  /usr/bin/python3 "$HERE/topology.py" "$input" > "$STATE/topology.env" || die "no topology from $input"
  eval "$(cat "$STATE/topology.env")"
  net_up || { down "$STATE"; die "network namespaces"; }
  if ip netns exec $P-hl ping -c1 -W1 ${PEER_HOSTS%%/*} > /dev/null 2>&1; then down "$STATE"; die "a clear-text path between the sites exists"; fi
  if [ "${PEER_NAT:-0}" = 1 ]; then
    ip netns exec $P-rr ping -c1 -W1 $CLOUD_IP > /dev/null 2>&1 || { down "$STATE"; die "the peer cannot reach the cloud through the NAT box"; }
  else
    ip netns exec $P-rl ping -c1 -W1 $PEER_IP > /dev/null 2>&1 || { down "$STATE"; die "the gateways cannot reach each other"; }
  fi
  say "namespaces up: cloud $CLOUD_IP (${LOCAL_HOSTS}), peer $PEER_IP (${PEER_HOSTS}); no clear-text path between the sites"

  strongswan_d "$STATE/cloud/strongswan.d" "$STATE/cloud/charon.log"
  strongswan_d "$STATE/peer/etc/strongswan.d" "$STATE/peer/charon.log"
  rootwrap "$STATE/cloud"

  # Peer first: the cloud's template tries each connection once (keyingtries=1).
  if [ "$peer_dir" != - ]; then
    printf 'charon {\n  load_modular = yes\n  plugins {\n    include strongswan.d/charon/*.conf\n  }\n}\ninclude strongswan.d/*.conf\n' > "$STATE/peer/etc/strongswan.conf"
    local daemon what
    if [ -f "$peer_dir/swanctl.conf" ]; then
      cp "$peer_dir/swanctl.conf" "$STATE/peer/etc/swanctl/swanctl.conf"
      daemon=/usr/lib/ipsec/charon; what="charon with the exported swanctl.conf"
    elif [ -f "$peer_dir/ipsec.conf" ]; then
      # strongSwan's starter reads /etc/ipsec.conf and /etc/ipsec.secrets and loads every conn itself.
      mkdir -p "$STATE/peer/etc/ipsec.d"
      cp "$peer_dir/ipsec.conf" "$STATE/peer/etc/ipsec.conf"
      install -m 600 "$peer_dir/ipsec.secrets" "$STATE/peer/etc/ipsec.secrets" || die "no ipsec.secrets in $peer_dir"
      daemon="/usr/sbin/ipsec start --nofork"; what="strongSwan's starter with the exported ipsec.conf and ipsec.secrets"
    else
      die "neither swanctl.conf nor ipsec.conf in $peer_dir"
    fi
    start_pidns "$STATE/peer" || die "peer PID namespace"
    nsenter -t "$(cat "$STATE/peer/pidns.pid")" -p -m ip netns exec $P-rr sh -c \
      "mount --bind '$STATE/peer/etc' /etc && mount --bind '$STATE/peer/run' /run && exec $daemon" > "$STATE/peer/charon.out" 2>&1 < /dev/null &
    disown $!
    local i
    for i in $(seq 150); do [ -S "$STATE/peer/run/charon.vici" ] && break; sleep 0.1; done
    [ -S "$STATE/peer/run/charon.vici" ] || die "the peer's charon did not start (see $STATE/peer/charon.out)"
    if [ -f "$peer_dir/swanctl.conf" ]; then
      swanctl_peer --load-all --file "$STATE/peer/etc/swanctl/swanctl.conf" > "$STATE/peer/load.out" 2>&1 || { cat "$STATE/peer/load.out"; die "swanctl --load-all refused the peer's swanctl.conf"; }
    else
      for i in $(seq 100); do swanctl_peer --list-conns 2>/dev/null | grep -q "neutron-$CONNECTION_ID" && break; sleep 0.1; done
      swanctl_peer --list-conns 2>/dev/null | grep -q "neutron-$CONNECTION_ID" || die "the starter did not load the exported ipsec.conf (see $STATE/peer/charon.out)"
    fi
    say "peer: $what, up in $P-rr"
  else
    say "peer: none (nothing answers at $PEER_IP)"
  fi

  launch_cloud "$STATE/cloud" "$STATE/input.json" $P-rl
  await_cloud "$STATE/cloud" $P-rl
}

# This kernel may have no ESP (CONFIG_INET_ESP off): then every side uses strongSwan's userspace ESP
# (kernel-libipsec). Probed once per run: LIBIPSEC=1 when the kernel holds no ESP SA.
LIBIPSEC=
probe_esp() {
  [ -n "$LIBIPSEC" ] && return 0
  LIBIPSEC=0
  ip netns add $P-esp
  ip -n $P-esp xfrm state add src 192.0.2.200 dst 192.0.2.201 proto esp spi 0x1001 mode tunnel enc 'cbc(aes)' \
     0x00112233445566778899aabbccddeeff auth-trunc 'hmac(sha256)' 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 128 2> /dev/null || LIBIPSEC=1
  ip netns del $P-esp
  say "ESP: $([ $LIBIPSEC = 1 ] && echo 'the kernel holds no ESP SA: userspace ESP (kernel-libipsec)' || echo 'kernel XFRM')"
}

# A copy of the system's strongswan.d in TARGET, logging to LOG, with userspace ESP where the kernel has none.
strongswan_d() {   # strongswan_d TARGET LOG
  probe_esp
  mkdir -p "$(dirname "$1")"
  cp -a /etc/strongswan.d "$1"
  [ $LIBIPSEC = 1 ] && sed -i 's/^\(\s*\)load = no/\1load = yes/' "$1/charon/kernel-libipsec.conf"
  printf 'charon {\n  filelog {\n    lab {\n      path = %s\n      time_format = %%T\n      flush_line = yes\n      default = 1\n      ike = 2\n    }\n  }\n}\n' "$2" > "$1/zz-lab-logging.conf"
}

# The ipsec command the cloud side's driver runs, allowed by neutron-vpn-netns-wrapper's rootwrap filters.
rootwrap() {   # rootwrap DIR
  mkdir -p "$1/rootwrap.d"
  printf '[DEFAULT]\nfilters_path=%s/rootwrap.d\nexec_dirs=/sbin,/usr/sbin,/bin,/usr/bin\nuse_syslog=False\n' "$1" > "$1/rootwrap.conf"
  printf '[Filters]\nipsec: CommandFilter, ipsec, root\n' > "$1/rootwrap.d/vpnaas.filters"
}

# neutron-vpnaas's driver for one router (cloud_side.py) in NAMESPACE, from INPUT, its state and logs in DIR.
launch_cloud() {   # launch_cloud DIR INPUT NAMESPACE
  local dir=$1 input=$2 ns=$3
  start_pidns "$dir" || die "cloud PID namespace ($dir)"
  local conf="$LAB/neutron/neutron.conf"
  [ "${STATUS_TO:-lab}" = file ] && conf=-
  nsenter -t "$(cat "$dir/pidns.pid")" -p -m --wd="$dir" /usr/bin/python3 "$HERE/cloud_side.py" "$input" "$dir" \
    $ns "$conf" agent "${REPORT_S:-1}" > "$dir/agent.log" 2>&1 < /dev/null &
  disown $!
}

await_cloud() {   # await_cloud DIR NAMESPACE: until the driver has started strongSwan
  local dir=$1 ns=$2 i
  for i in $(seq 1800); do grep -q '^started\|^Traceback' "$dir/agent.log" 2>/dev/null && break; sleep 0.1; done
  grep -q '^started' "$dir/agent.log" || { tail -20 "$dir/agent.log"; die "the cloud side did not start (see $dir/agent.log)"; }
  local to="into the lab's Neutron"
  [ "${STATUS_TO:-lab}" = file ] && to="into $dir/reports.jsonl"
  say "cloud: neutron-vpnaas rendered $(ls -d "$dir"/ipsec/*/etc 2>/dev/null) and started strongSwan in $ns; the agent reports status every ${REPORT_S:-1}s $to"
}

# Two OpenStack sites: A's router in $P-rl and B's in $P-rr, each end run by neutron-vpnaas's driver from its own
# connection's objects; the hosts behind them ($P-hl, $P-hr) are A's and B's subnets. The topology is A's view (its
# peer address is B's router, its peer CIDRs B's subnet); B's input must mirror it.
pair_up() {
  local a=$2 b=$3
  [ -f "$a" ] && [ -f "$b" ] || die "no input $a or $b"
  down "$STATE"
  rm -rf "$STATE"; mkdir -p "$STATE"/cloud "$STATE"/cloud-b
  install -m 600 "$a" "$STATE/input.json"; install -m 600 "$b" "$STATE/input-b.json"
  /usr/bin/python3 "$HERE/topology.py" "$a" > "$STATE/topology.env" || die "no topology from $a"
  /usr/bin/python3 "$HERE/topology.py" "$b" > "$STATE/topology-b.env" || die "no topology from $b"
  eval "$(cat "$STATE/topology-b.env")"
  local b_view="$CLOUD_IP $PEER_IP $LOCAL_HOSTS $PEER_HOSTS"
  eval "$(cat "$STATE/topology.env")"
  [ "$b_view" = "$PEER_IP $CLOUD_IP $PEER_HOSTS $LOCAL_HOSTS" ] || die "B's connection does not mirror A's: $b_view"
  net_up || { down "$STATE"; die "network namespaces"; }
  if ip netns exec $P-hl ping -c1 -W1 ${PEER_HOSTS%%/*} > /dev/null 2>&1; then down "$STATE"; die "a clear-text path between the sites exists"; fi
  ip netns exec $P-rl ping -c1 -W1 $PEER_IP > /dev/null 2>&1 || { down "$STATE"; die "the routers cannot reach each other"; }
  say "namespaces up: site A $CLOUD_IP (${LOCAL_HOSTS}), site B $PEER_IP (${PEER_HOSTS}); no clear-text path between the sites"
  local side
  for side in cloud cloud-b; do strongswan_d "$STATE/$side/strongswan.d" "$STATE/$side/charon.log"; rootwrap "$STATE/$side"; done
  # Both at once, as two agents would be running already: each end's first "up" then finds the other listening
  # (the driver tries once; an unanswered first try keeps its status DOWN for its ~165 s of retransmits).
  launch_cloud "$STATE/cloud-b" "$STATE/input-b.json" $P-rr
  launch_cloud "$STATE/cloud" "$STATE/input.json" $P-rl
  await_cloud "$STATE/cloud-b" $P-rr
  await_cloud "$STATE/cloud" $P-rl
}

cmd=${1:-}; shift || true
case "$cmd" in
  check) why=$(can_run) && echo "tunnels can run here" || { echo "$why"; exit 1; } ;;
  install) install_packages; install_libreswan ;;
  up) [ $# = 3 ] || die "usage: tunnel.sh up STATE INPUT.json PEER_DIR|-"; STATE=$1; can_run > /dev/null || die "$(can_run)"; install_packages; up "$@" ;;
  pair-up) [ $# = 3 ] || die "usage: tunnel.sh pair-up STATE A.json B.json"; STATE=$1; can_run > /dev/null || die "$(can_run)"; install_packages; pair_up "$@" ;;
  ping) STATE=$1; eval "$(cat "$STATE/topology.env")"; ping_all ;;
  peer-load) STATE=$1; eval "$(cat "$STATE/topology.env")"
    swanctl_peer --terminate --ike "neutron-$CONNECTION_ID" --timeout 5 > /dev/null 2>&1
    cp "$2/swanctl.conf" "$STATE/peer/etc/swanctl/swanctl.conf" || die "no swanctl.conf in $2"
    swanctl_peer --load-all --clear --file "$STATE/peer/etc/swanctl/swanctl.conf" > "$STATE/peer/load.out" 2>&1 || { cat "$STATE/peer/load.out"; die "swanctl --load-all refused $2/swanctl.conf"; }
    say "peer: SAs closed, $2/swanctl.conf loaded" ;;
  peer-initiate) STATE=$1; eval "$(cat "$STATE/topology.env")"
    if swanctl_peer --initiate --child "neutron-$CONNECTION_ID" --timeout 20 > "$STATE/peer/initiate.out" 2>&1; then say "peer: tunnel initiated"
    else say "peer: initiation failed: $(grep -v "plugin '" "$STATE/peer/initiate.out" | grep -E 'failed|received|NO_PROPOSAL|AUTH|TS_UNACC|no .* found' | tail -2 | tr '\n' ' ')"; exit 1; fi ;;
  peer-stop) STATE=$1; eval "$(cat "$STATE/topology.env")"
    swanctl_peer --terminate --ike "neutron-$CONNECTION_ID" --timeout 5 > /dev/null 2>&1
    for f in "$STATE/peer/pidns.pid" "$STATE/peer/unshare.pid"; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
    say "peer stopped (IKE SA deleted, charon killed)" ;;
  down) STATE=$1; down "$STATE"; say "down: namespaces and processes of $STATE removed" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
