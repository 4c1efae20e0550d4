#!/bin/bash
# tests/lab/start.sh - a real Keystone + Neutron VPNaaS lab on loopback (Debian 12, as root).
#   Keystone v3 (uwsgi) http://127.0.0.1:5000/v3, region RegionOne
#   neutron-server      http://127.0.0.1:9696 (ML2, router + vpnaas, transport_url fake:/, SQLite, no agents)
# No agent: every VPN object stays PENDING_CREATE; $STATE/set-status.sh forces a status.
# Nothing listens or connects outside 127.0.0.1; peer addresses are data only.
# Re-running stops the lab of the same state dir (by PID), wipes it and starts afresh.
# Environment: VPNLAB_STATE (default /tmp/openstackvpn-lab), VPNLAB_ADMIN_PASSWORD, VPNLAB_MEMBER_PASSWORD.
# Stop with tests/lab/stop.sh [--purge].
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${VPNLAB_STATE:-/tmp/openstackvpn-lab}
ADMIN_PW=${VPNLAB_ADMIN_PASSWORD:-adminpass}
MEMBER_PW=${VPNLAB_MEMBER_PASSWORD:-memberpass}
NEUTRON_PW=neutronpass
KS_URL=http://127.0.0.1:5000
NEUTRON_URL=http://127.0.0.1:9696
REGION=RegionOne
MARKER=.vpnlab-state

# python3 on the PATH may be pyenv's (no OpenStack libraries); ignore the caller's OS_*.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 PYTHONWARNINGS=ignore
for v in $(env | grep -o '^OS_[A-Za-z0-9_]*' || true); do unset "$v"; done

T0=$SECONDS
say() { printf '[lab %3ss] %s\n' "$((SECONDS - T0))" "$*"; }

OURS=0   # 1 once the state dir is ours: a failure then prints the logs and stops the lab
fail() {
  local rc=$1; trap - ERR
  if [ $OURS = 1 ]; then
    for f in "$STATE"/log/*; do [ -f "$f" ] && { echo "----- tail $f"; tail -n 20 "$f" | cut -c1-300; }; done
    VPNLAB_STATE=$STATE "$HERE/stop.sh" || true
  fi
  say "FAILED"; exit "$rc"
}
die() { say "ERROR: $*"; fail 1; }
on_err() {
  local rc=$?
  [ "$BASHPID" = "$$" ] || exit $rc   # inside a $(...) subshell: just propagate
  say "command failed (rc=$rc) at line ${BASH_LINENO[0]}: $BASH_COMMAND"; fail $rc
}
trap on_err ERR
[ "$(id -u)" = 0 ] || die "run as root"

# ------------------------------------------------------------------ state dir
if [ -e "$STATE" ]; then
  [ -f "$STATE/$MARKER" ] || die "$STATE exists but is not a lab state dir (no $MARKER)"
  say "stopping the previous lab in $STATE"
  VPNLAB_STATE=$STATE "$HERE/stop.sh" || die "could not stop the previous lab"
  rm -rf "$STATE"
fi
for port in 5000 9696; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then die "127.0.0.1:$port is already in use"; fi
done
mkdir -p "$STATE"/{keystone,neutron/lock,log,pids,run}
touch "$STATE/$MARKER"
OURS=1

# ------------------------------------------------------------------ 1. packages
PKGS=(keystone neutron-common python3-neutron-vpnaas python3-openstackclient python3-neutronclient
      uwsgi-core uwsgi-plugin-python3 sqlite3 curl jq procps util-linux)
missing() { for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done; }
if [ -n "$(missing)" ]; then
  say "installing packages: $(missing | tr '\n' ' ')"
  export DEBIAN_FRONTEND=noninteractive
  debconf-set-selections <<'EOF'
keystone keystone/configure_db boolean false
keystone keystone/create-admin-tenant boolean false
keystone keystone/register-endpoint boolean false
neutron-common neutron/configure_db boolean false
neutron-common neutron/configure_rabbit boolean false
neutron-common neutron/configure_ksat boolean false
neutron-common neutron/configure_nova boolean false
strongswan-starter strongswan/install_x509_certificate boolean false
strongswan-starter strongswan/enable-oe boolean false
EOF
  # postinst scripts would start keystone (uwsgi on *:5000) and strongswan: forbid it.
  POLICY=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from tests/lab/start.sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d; POLICY=1
  fi
  apt_update() { apt-get update -q >> "$STATE/log/apt.log" 2>&1 || true; }
  apt_install() { apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef \
      -o Dpkg::Options::=--force-confold "${PKGS[@]}" >> "$STATE/log/apt.log" 2>&1; }
  apt-cache show keystone > /dev/null 2>&1 || apt_update
  rc=0; apt_install || { apt_update; apt_install; } || rc=$?   # stale lists: refresh once and retry
  if [ $POLICY = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ $rc = 0 ] || die "apt-get install failed (see $STATE/log/apt.log)"
  [ -z "$(missing)" ] || die "packages still missing: $(missing | tr '\n' ' ')"
fi

# ------------------------------------------------------------------ 1b. OpenStack's own VPNaaS API tests (tempest)
"$HERE/../tempest/install.sh" "$STATE/log/apt.log" || die "installing tempest failed (see $STATE/log/apt.log)"

# ------------------------------------------------------------------ 2. configuration
cat > "$STATE/keystone/keystone.conf" <<EOF
[DEFAULT]
log_file = $STATE/log/keystone.log
[database]
connection = sqlite:///$STATE/keystone/keystone.sqlite
[token]
provider = fernet
expiration = 86400
[fernet_tokens]
key_repository = $STATE/keystone/fernet-keys
[credential]
key_repository = $STATE/keystone/credential-keys
[cache]
# one worker, so a per-process cache stays coherent; without it a token validation takes ~0.7 s
enabled = true
backend = dogpile.cache.memory
[identity]
# test lab only: cheap bcrypt
password_hash_rounds = 4
EOF

cp /usr/share/neutron-common/api-paste.ini "$STATE/neutron/api-paste.ini"
cat > "$STATE/neutron/neutron.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9696
core_plugin = ml2
service_plugins = router,vpnaas
auth_strategy = keystone
transport_url = fake:/
api_paste_config = $STATE/neutron/api-paste.ini
api_workers = 0
rpc_workers = 1
rpc_state_report_workers = 0
# SQLite: one request at a time, or concurrent writes fail with "database is locked"
wsgi_default_pool_size = 1
wsgi_keep_alive = false
allow_overlapping_ips = true
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
state_path = $STATE/neutron
log_file = $STATE/log/neutron-server.log
[database]
connection = sqlite:///$STATE/neutron/neutron.sqlite
[keystone_authtoken]
www_authenticate_uri = $KS_URL
auth_url = $KS_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = neutron
password = $NEUTRON_PW
region_name = $REGION
[oslo_messaging_notifications]
driver = noop
[oslo_concurrency]
lock_path = $STATE/neutron/lock
[service_providers]
service_provider = VPN:strongswan:neutron_vpnaas.services.vpn.service_drivers.ipsec.IPsecVPNDriver:default
EOF
cat > "$STATE/neutron/ml2_conf.ini" <<'EOF'
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers =
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vxlan]
vni_ranges = 1:1000
EOF
# DNS guard files: neutron resolves non-literal peer addresses; keep every lookup on the box.
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$STATE/neutron/resolv.conf"
# peer.oslab.test: a peer host name that resolves (to data only, nothing is ever sent to it), as in the fixtures.
printf '127.0.0.1 localhost\n::1 localhost\n172.24.4.230 peer.oslab.test\n' > "$STATE/neutron/hosts"

echo "clouds:" > "$STATE/clouds.yaml"
for who in admin member; do
  pw=$ADMIN_PW; [ $who = admin ] || pw=$MEMBER_PW
  cat >> "$STATE/clouds.yaml" <<EOF
  lab-$who:
    auth:
      auth_url: $KS_URL/v3
      username: $who
      password: "$pw"
      project_name: $who
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
EOF
  cat > "$STATE/$who-openrc.sh" <<EOF
export OS_AUTH_URL=$KS_URL/v3
export OS_USERNAME=$who
export OS_PASSWORD='$pw'
export OS_PROJECT_NAME=$who
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_IDENTITY_API_VERSION=3
export OS_INTERFACE=public
EOF
done

cat > "$STATE/set-status.sh" <<EOF
#!/bin/bash
# set-status.sh <connection|vpnservice> <id> <STATUS>: force the status of a VPNaaS object in the
# lab's neutron DB (no agent ever changes it, and neutron refuses updates of PENDING_* objects).
set -euo pipefail
[ \$# = 3 ] || { echo "usage: \$0 <connection|vpnservice> <id> <STATUS>" >&2; exit 2; }
case "\$1" in
  connection|ipsec-site-connection|ipsec_site_connection|ipsec_site_connections) table=ipsec_site_connections;;
  vpnservice|vpn-service|vpnservices) table=vpnservices;;
  *) echo "unknown kind '\$1' (connection or vpnservice)" >&2; exit 2;;
esac
[[ "\$2" =~ ^[0-9a-fA-F-]{32,36}\$ ]] || { echo "bad id '\$2'" >&2; exit 2; }
case "\$3" in ACTIVE|DOWN|ERROR|PENDING_CREATE|PENDING_UPDATE|PENDING_DELETE) ;;
  *) echo "bad status '\$3'" >&2; exit 2;; esac
n=\$(sqlite3 -cmd '.timeout 5000' '$STATE/neutron/neutron.sqlite' \\
  "UPDATE \$table SET status='\$3' WHERE id='\$2'; SELECT changes();")
[ "\$n" = 1 ] || { echo "no \$table row with id \$2" >&2; exit 1; }
EOF
chmod +x "$STATE/set-status.sh"

start_bg() { # start_bg <name> <cmd...>: own session, pid file, output in log/<name>.out
  local name=$1; shift
  setsid "$@" > "$STATE/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/$name.pid"
}
wait_http() { # wait_http <url> <timeout_s> <name>
  local end=$((SECONDS + $2))
  until curl -sf -o /dev/null --max-time 2 "$1"; do
    kill -0 "$(cat "$STATE/pids/$3.pid")" 2>/dev/null || die "$3 died during start-up"
    [ $SECONDS -lt $end ] || die "timeout waiting for $1"
    sleep 0.2
  done
}

# ------------------------------------------------------------------ 3. databases
say "creating databases"
# Neutron's migrations cannot run on SQLite: build the schema from the models, then stamp heads.
( /usr/bin/python3 - "sqlite:///$STATE/neutron/neutron.sqlite" <<'EOF'
import sys
import sqlalchemy as sa
from neutron.db.migration.models import head  # noqa: all neutron models
from neutron_vpnaas.db.models import head as vpn_head
md = vpn_head.get_metadata()
md.create_all(sa.create_engine(sys.argv[1]))
print("created %d tables" % len(md.tables))
EOF
  NM=(neutron-db-manage --config-file "$STATE/neutron/neutron.conf" --config-file "$STATE/neutron/ml2_conf.ini")
  "${NM[@]}" --subproject neutron stamp heads
  "${NM[@]}" --subproject neutron-vpnaas stamp heads
  sqlite3 "$STATE/neutron/neutron.sqlite" 'PRAGMA journal_mode=WAL;'
) > "$STATE/log/neutron-db.out" 2>&1 &
NDB=$!
KM=(keystone-manage --config-file "$STATE/keystone/keystone.conf")
{
  "${KM[@]}" db_sync
  sqlite3 "$STATE/keystone/keystone.sqlite" 'PRAGMA journal_mode=WAL;'
  "${KM[@]}" fernet_setup --keystone-user root --keystone-group root
  "${KM[@]}" credential_setup --keystone-user root --keystone-group root
  "${KM[@]}" bootstrap --bootstrap-password "$ADMIN_PW" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id $REGION \
    --bootstrap-public-url "$KS_URL/v3/" --bootstrap-internal-url "$KS_URL/v3/" \
    --bootstrap-admin-url "$KS_URL/v3/"
} > "$STATE/log/keystone-manage.out" 2>&1
wait $NDB || die "neutron schema creation failed"

# ------------------------------------------------------------------ 4. services
say "starting keystone and neutron-server"
# one single-threaded uwsgi worker (SQLite); uwsgi closes every connection, so say so.
start_bg keystone env OS_KEYSTONE_CONFIG_FILES="$STATE/keystone/keystone.conf" \
  uwsgi --plugins python3 --http-socket 127.0.0.1:5000 --wsgi-file /usr/bin/keystone-wsgi-public \
        --master --processes 1 --threads 1 --buffer-size 65535 --add-header "Connection: close" \
        --die-on-term --no-orphans --need-app --pidfile "$STATE/run/keystone-uwsgi.pid"
# neutron-server in its own mount namespace with resolv.conf -> 127.0.0.1 (no DNS leaves the box)
unshare -m /bin/true 2>/dev/null || die "unshare -m is not available (needed for the DNS guard)"
start_bg neutron-server env EVENTLET_NO_GREENDNS=yes unshare -m /bin/sh -c \
  'mount --bind "$0/resolv.conf" /etc/resolv.conf && mount --bind "$0/hosts" /etc/hosts && shift && exec "$@"' \
  "$STATE/neutron" -- neutron-server --config-file "$STATE/neutron/neutron.conf" \
  --config-file "$STATE/neutron/ml2_conf.ini"
wait_http "$KS_URL/v3" 60 keystone

# ------------------------------------------------------------------ 5. keystone seed (curl)
TOKEN=""
api() { # api METHOD URL [json]: prints the body, fails on a non-2xx status
  local out code
  out=$(curl -sS --max-time 60 -w '\n%{http_code}' -X "$1" -H "X-Auth-Token: $TOKEN" \
        -H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$2")
  code=${out##*$'\n'}; out=${out%$'\n'*}
  [[ $code == 2* ]] || { echo "$1 $2 -> HTTP $code: $out" >&2; return 1; }
  printf '%s' "$out"
}
token() { # token <user> <password> <project>: prints a project-scoped token
  curl -sS -D - -o /dev/null -H 'Content-Type: application/json' -d "$(jq -nc --arg u "$1" --arg p "$2" \
    --arg pr "$3" '{auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{id:"default"},
    password:$p}}},scope:{project:{name:$pr,domain:{id:"default"}}}}}')" "$KS_URL/v3/auth/tokens" |
    awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}
say "seeding keystone"
TOKEN=$(token admin "$ADMIN_PW" admin); [ -n "$TOKEN" ] || die "admin token failed"
K=$KS_URL/v3
ADMIN_PROJECT_ID=$(api GET "$K/projects?name=admin" | jq -r '.projects[0].id')
mkproject() { api POST "$K/projects" "$(jq -nc --arg n "$1" '{project:{name:$n,domain_id:"default"}}')" | jq -r .project.id; }
mkuser() { api POST "$K/users" "$(jq -nc --arg n "$1" --arg p "$2" '{user:{name:$n,password:$p,domain_id:"default"}}')" | jq -r .user.id; }
role_id() { api GET "$K/roles?name=$1" | jq -r '.roles[0].id // empty'; }
SERVICE_PROJECT_ID=$(mkproject service)
MEMBER_PROJECT_ID=$(mkproject member)
MEMBER_USER_ID=$(mkuser member "$MEMBER_PW")
NEUTRON_USER_ID=$(mkuser neutron "$NEUTRON_PW")
ADMIN_ROLE=$(role_id admin); MEMBER_ROLE=$(role_id member)
SERVICE_ROLE=$(api POST "$K/roles" '{"role":{"name":"service"}}' | jq -r .role.id)
[ -n "$MEMBER_ROLE" ] || die "keystone bootstrap did not create the member role"
# member: role member in its own project, nothing in the admin project
api PUT "$K/projects/$MEMBER_PROJECT_ID/users/$MEMBER_USER_ID/roles/$MEMBER_ROLE" > /dev/null
api PUT "$K/projects/$SERVICE_PROJECT_ID/users/$NEUTRON_USER_ID/roles/$ADMIN_ROLE" > /dev/null
api PUT "$K/projects/$SERVICE_PROJECT_ID/users/$NEUTRON_USER_ID/roles/$SERVICE_ROLE" > /dev/null
NET_SVC=$(api POST "$K/services" '{"service":{"name":"neutron","type":"network","description":"OpenStack Networking"}}' | jq -r .service.id)
for iface in public internal admin; do
  api POST "$K/endpoints" "$(jq -nc --arg s "$NET_SVC" --arg i $iface --arg u "$NEUTRON_URL" --arg r $REGION \
    '{endpoint:{service_id:$s,interface:$i,url:$u,region_id:$r,enabled:true}}')" > /dev/null
done

# ------------------------------------------------------------------ 6. neutron seed (curl)
wait_http "$NEUTRON_URL/" 120 neutron-server
N=$NEUTRON_URL/v2.0
for i in $(seq 1 50); do   # authenticated round trip: keystonemiddleware -> keystone
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $TOKEN" "$N/vpn/ipsec-site-connections")
  [ "$code" = 200 ] && break; sleep 0.2
done
[ "$code" = 200 ] || die "authenticated neutron request returned HTTP $code"

say "seeding neutron"
post() { # post <collection path> <resource key> <jq object> [jq args...]: prints the new id
  local path=$1 key=$2 obj=$3; shift 3
  api POST "$N/$path" "$(jq -nc "$@" "{\"$key\": ($obj)}")" | jq -r ".$key.id"
}
EXT_NET=$(post networks network '{name:"public","router:external":true,"provider:network_type":"flat",
  "provider:physical_network":"public"}')
EXT_SUBNET=$(post subnets subnet '{name:"public-subnet",network_id:$n,ip_version:4,cidr:"172.24.4.0/24",
  gateway_ip:"172.24.4.1",enable_dhcp:false,allocation_pools:[{start:"172.24.4.100",end:"172.24.4.200"}]}' --arg n "$EXT_NET")
ROUTER=$(post routers router '{name:"router1",external_gateway_info:{network_id:$n}}' --arg n "$EXT_NET")
PRIV_NET=$(post networks network '{name:"private"}')
PRIV_SUBNET=$(post subnets subnet '{name:"private-subnet",network_id:$n,ip_version:4,cidr:"10.0.0.0/24"}' --arg n "$PRIV_NET")
api PUT "$N/routers/$ROUTER/add_router_interface" "{\"subnet_id\":\"$PRIV_SUBNET\"}" > /dev/null

IKE=$(post vpn/ikepolicies ikepolicy '{name:"ikepolicy1"}')
IPSEC=$(post vpn/ipsecpolicies ipsecpolicy '{name:"ipsecpolicy1"}')
VPN=$(post vpn/vpnservices vpnservice '{name:"vpnservice1",router_id:$r,subnet_id:$s}' --arg r "$ROUTER" --arg s "$PRIV_SUBNET")
conn() { # conn <name> <peer ip> <peer cidr>
  post vpn/ipsec-site-connections ipsec_site_connection '{name:$n,vpnservice_id:$v,ikepolicy_id:$i,
    ipsecpolicy_id:$p,peer_address:$a,peer_id:$a,peer_cidrs:[$c],psk:"secret",initiator:"bi-directional",
    mtu:1500,dpd:{action:"hold",interval:30,timeout:120}}' \
    --arg n "$1" --arg a "$2" --arg c "$3" --arg v "$VPN" --arg i "$IKE" --arg p "$IPSEC"
}
CONN=$(conn vpnconnection1 172.24.4.226 10.1.0.0/24)
PAGING=()
for i in 1 2 3 4; do PAGING+=("$(conn "paging-conn-$i" "172.24.4.$((226 + i))" "10.$((1 + i)).0.0/24")"); done

# ------------------------------------------------------------------ 7. outputs + checks
jq -n --arg ap "$ADMIN_PROJECT_ID" --arg mp "$MEMBER_PROJECT_ID" --arg mu "$MEMBER_USER_ID" \
  --arg en "$EXT_NET" --arg es "$EXT_SUBNET" --arg r "$ROUTER" --arg pn "$PRIV_NET" --arg ps "$PRIV_SUBNET" \
  --arg ike "$IKE" --arg ipsec "$IPSEC" --arg vpn "$VPN" --arg c "$CONN" --args '{
    auth_url: "'"$KS_URL/v3"'", network_url: "'"$NEUTRON_URL"'", region: "'"$REGION"'",
    admin_project_id: $ap, member_project_id: $mp, member_user_id: $mu,
    external_network_id: $en, external_network_name: "public", external_subnet_id: $es,
    external_subnet_name: "public-subnet", router_id: $r, router_name: "router1",
    private_network_id: $pn, private_network_name: "private", private_subnet_id: $ps,
    private_subnet_name: "private-subnet", ikepolicy_id: $ike, ikepolicy_name: "ikepolicy1",
    ipsecpolicy_id: $ipsec, ipsecpolicy_name: "ipsecpolicy1", vpnservice_id: $vpn, vpnservice_name: "vpnservice1",
    connection_id: $c, connection_name: "vpnconnection1", paging_connection_ids: $ARGS.positional,
    paging_connection_names: [range(1;5) | "paging-conn-\(.)"], all_connection_ids: ([$c] + $ARGS.positional)
  }' "${PAGING[@]}" > "$STATE/seed.json"

export OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml
openstack --os-cloud lab-admin vpn ipsec site connection show -f json "$CONN" \
  > "$STATE/example-connection.json" 2> "$STATE/log/openstack-cli.err"

n_admin=$(api GET "$N/vpn/ipsec-site-connections?fields=id" | jq '.ipsec_site_connections | length')
TOKEN=$(token member "$MEMBER_PW" member); [ -n "$TOKEN" ] || die "member token failed"
n_member=$(api GET "$N/vpn/ipsec-site-connections?fields=id" | jq '.ipsec_site_connections | length')
[ "$n_admin" = 5 ] && [ "$n_member" = 0 ] || die "visibility: admin sees $n_admin (want 5), member $n_member (want 0)"

say "READY in $((SECONDS - T0))s: keystone $KS_URL/v3, neutron $NEUTRON_URL (5 connections, all PENDING_CREATE)"
echo "  state:  $STATE (seed.json, example-connection.json, set-status.sh, log/)"
echo "  clouds: OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml --os-cloud lab-admin | lab-member"
echo "  openrc: source $STATE/admin-openrc.sh | $STATE/member-openrc.sh"
echo "  stop:   VPNLAB_STATE=$STATE $HERE/stop.sh [--purge]"
