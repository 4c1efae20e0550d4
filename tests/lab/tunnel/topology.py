#!/usr/bin/python3
"""Prints, as shell assignments, the namespace topology a lab tunnel needs for INPUT.json (the API objects):
the cloud router's public address (the VPN service's external IP), the peer gateway's (peer_address), and a gateway
and a host address in every local and peer CIDR. Several connections are one peer gateway's tunnels: they must share
its address, and the peer site gets every connection's networks. usage: topology.py INPUT.json"""
import ipaddress
import json
import shlex
import sys

doc = json.load(open(sys.argv[1]))
service = doc['vpnservice']
connections = doc['ipsec_site_connections']
connection = connections[0]
if len({c['peer_address'] for c in connections}) != 1:
    sys.exit('the connections of one tunnel lab must share a peer address (one peer gateway)')
groups = doc.get('endpoint_groups') or {}
cidr_map = doc.get('local_cidr_map') or {}


def unique(items):
    return list(dict.fromkeys(items))


if service.get('subnet_id'):
    local = [doc['subnet']['cidr']]
else:
    local = unique(cidr_map[e] for c in connections for e in groups[c['local_ep_group_id']]['endpoints'])
peer = unique(x for c in connections for x in (c.get('peer_cidrs') or groups[c['peer_ep_group_id']]['endpoints']))


def public_side(address, taken):
    """The address, its /24, and another address of that /24 (none of taken) for the 'internet' namespace."""
    ip = ipaddress.ip_address(address)
    net = ipaddress.ip_network('%s/24' % ip, strict=False)
    other = next(h for h in net.hosts() if str(h) not in taken)
    return str(ip), str(other), net.prefixlen


def inside(cidrs):
    """For each CIDR: gateway (first host) and test host (tenth host) addresses with the prefix."""
    gateways, hosts = [], []
    for cidr in cidrs:
        net = ipaddress.ip_network(cidr, strict=False)
        h = list(net.hosts())
        gateways.append('%s/%d' % (h[0], net.prefixlen))
        hosts.append('%s/%d' % (h[min(9, len(h) - 1)], net.prefixlen))
    return gateways, hosts


publics = {service['external_v4_ip'], connection['peer_address']}
cloud_ip, wan_cloud, cloud_len = public_side(service['external_v4_ip'], publics)
peer_ip, wan_peer, peer_len = public_side(connection['peer_address'], publics)
lg, lh = inside(local)
pg, ph = inside(peer)
values = dict(CLOUD_IP=cloud_ip, WAN_CLOUD_IP=wan_cloud, CLOUD_LEN=cloud_len, PEER_IP=peer_ip, WAN_PEER_IP=wan_peer,
              PEER_LEN=peer_len, LOCAL_GWS=' '.join(lg), LOCAL_HOSTS=' '.join(lh), PEER_GWS=' '.join(pg),
              PEER_HOSTS=' '.join(ph), CONNECTION_ID=connection['id'],
              CONNECTION_IDS=' '.join(c['id'] for c in connections))
for k, v in values.items():
    print('%s=%s' % (k, shlex.quote(str(v))))
