#!/usr/bin/python3
"""The cloud side of a lab tunnel, run by neutron-vpnaas's own code for one router (what neutron-l3-agent's vpnaas
extension does), from API-shaped objects the module read from the lab's Neutron:

  server side  IPsecVPNDriver.make_vpnservice_dict()        what the plugin sends the agent
  agent side   strongswan_ipsec.StrongSwanProcess           ensure_configs (Jinja templates), start, status parsing
  status       ipsec.IPsecDriver.report_status()            the agent's periodic report, whose RPC is replaced by a
               -> IPsecVpnDriverCallBack.update_status()    direct call of the server's callback, which runs
               -> update_status_by_agent()                  the VPN plugin's own status write on the lab's database

usage: cloud_side.py INPUT.json STATE_DIR NAMESPACE LAB_NEUTRON_CONF|- dict|agent [REPORT_SECONDS]
  dict   prints what the plugin would send the agent
  agent  starts the process (update()), then reports status every REPORT_SECONDS until killed; each report that the
         agent sends is appended to STATE_DIR/reports.jsonl with its time. With "-" for the lab's neutron.conf (a cloud
         that is not the lab, e.g. the embedded one) the reports go to that file only, for the caller to carry over.
"""
import json
import sys
import time

from oslo_config import cfg
from neutron.common import config as common_config
from neutron.conf.agent import common as agent_conf
from neutron_vpnaas.services.vpn.device_drivers import ipsec as ipsec_agent
from neutron_vpnaas.services.vpn.device_drivers import strongswan_ipsec
from neutron_vpnaas.services.vpn.service_drivers import base_ipsec, ipsec as ipsec_service

source, state, namespace, lab_conf, action = sys.argv[1:6]
report_every = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0

common_config.register_common_config_options()
agent_conf.register_root_helper(cfg.CONF)
# The lab's neutron.conf gives the database; everything the agent writes goes under our own state dir.
cfg.CONF(args=['--config-file', lab_conf] if lab_conf != '-' else [], project='neutron', default_config_files=[])
cfg.CONF.set_override('state_path', state)
if lab_conf == '-':
    from oslo_concurrency import lockutils  # noqa: F401  (registers lock_path)
    cfg.CONF.set_override('lock_path', state, 'oslo_concurrency')
cfg.CONF.set_override('root_helper', '', 'AGENT')                     # we are root already
cfg.CONF.set_override('config_base_dir', state + '/ipsec', 'ipsec')
# The operator's [strongswan] default_config_area: the strongswan.d tree tunnel.sh prepared (kernel-libipsec on
# when the kernel cannot hold an ESP SA).
cfg.CONF.set_override('default_config_area', state + '/strongswan.d', 'strongswan')


class Row(dict):
    """A stand-in for a database row: dict(row) is its columns; attributes are columns and relationships."""

    def __init__(self, columns, **relations):
        super().__init__(columns)
        self._relations = relations

    def __getattr__(self, name):
        if name in self:
            return self[name]
        if name in self._relations:
            return self._relations[name]
        raise AttributeError(name)


def policy_row(policy):
    columns = {k: v for k, v in policy.items() if k != 'lifetime'}
    columns['lifetime_units'] = policy['lifetime']['units']
    columns['lifetime_value'] = policy['lifetime']['value']
    return Row(columns)


def service_row(doc):
    """The API bodies as the rows vpn_models would load (columns + relationships), and the local CIDR map."""
    groups = doc.get('endpoint_groups') or {}

    def group_row(group_id):
        if not group_id:
            return None
        group = groups[group_id]
        return Row({'id': group_id, 'endpoint_type': group['type']},
                   endpoints=[Row({'endpoint': e}) for e in group['endpoints']])

    connections = []
    for c in doc['ipsec_site_connections']:
        columns = {k: v for k, v in c.items() if k not in ('dpd', 'peer_cidrs')}
        columns.update(dpd_action=c['dpd']['action'], dpd_interval=c['dpd']['interval'],
                       dpd_timeout=c['dpd']['timeout'])
        connections.append(Row(columns,
                               ikepolicy=policy_row(doc['ikepolicies'][c['ikepolicy_id']]),
                               ipsecpolicy=policy_row(doc['ipsecpolicies'][c['ipsecpolicy_id']]),
                               peer_cidrs=[Row({'cidr': x}) for x in c.get('peer_cidrs') or []],
                               local_ep_group=group_row(c.get('local_ep_group_id')),
                               peer_ep_group=group_row(c.get('peer_ep_group_id'))))
    service = dict(doc['vpnservice'])
    service.setdefault('project_id', service.get('tenant_id'))
    subnet = Row(doc['subnet']) if service.get('subnet_id') else None
    return Row(service, subnet=subnet, ipsec_site_connections=connections), doc.get('local_cidr_map') or {}


class Process(strongswan_ipsec.StrongSwanProcess):
    # The one change: name the rootwrap filters for neutron-vpn-netns-wrapper (upstream passes them only when
    # root_helper is "sudo neutron-rootwrap <conf>").
    def _get_rootwrap_config(self):
        return state + '/rootwrap.conf'


doc = json.load(open(source))
row, cidr_map = service_row(doc)
server_driver = object.__new__(ipsec_service.IPsecVPNDriver)      # make_vpnservice_dict needs no plugin or RPC
vpnservice = server_driver.make_vpnservice_dict(row, cidr_map)
router_id = doc['vpnservice']['router_id']
process = Process(cfg.CONF, router_id, vpnservice, namespace)

if action == 'dict':
    print(json.dumps(process.vpnservice, indent=1, default=str))
    sys.exit(0)

# ---- the server's end of the status RPC, on the lab's database (none for "-": the reports file is the bridge)
from neutron_lib import context as n_context

admin = n_context.get_admin_context()
callback = None
if lab_conf != '-':
    from neutron.db.migration.models import head  # noqa: F401  (every model, so the VPN rows' relationships resolve)
    from neutron_vpnaas.db.vpn import vpn_db

    class Plugin(vpn_db.VPNPluginDb, vpn_db.VPNPluginRpcDbMixin):
        pass

    class ServiceDriver:
        service_plugin = object.__new__(Plugin)

    callback = base_ipsec.IPsecVpnDriverCallBack(ServiceDriver())


class AgentRpc:
    """The agent's update_status RPC, delivered straight to the server's callback (no message bus in the lab).
    A message bus delivers a cast eventually; here a write that meets the lab's SQLite lock is tried again."""

    def update_status(self, context, status):
        with open(state + '/reports.jsonl', 'a') as log:
            log.write(json.dumps({'t': time.time(), 'report': status}) + '\n')
        for attempt in range(30 if callback else 0):
            try:
                callback.update_status(admin, status)
                return
            except Exception as e:   # noqa: BLE001 - e.g. "database is locked" while neutron-server writes
                print('status write failed (attempt %d): %s' % (attempt + 1, e), flush=True)
                time.sleep(0.5)


agent = object.__new__(strongswan_ipsec.StrongSwanDriver)   # the device driver; only its status bookkeeping is used
agent.processes = {router_id: process}
agent.routers = {}
agent.process_status_cache = {}
agent.agent_rpc = AgentRpc()

process.update()            # what the agent does for a PENDING_CREATE service: enable() -> ensure_configs + start
print('started; service status %s' % process.vpnservice['status'], flush=True)
while True:
    try:
        agent.report_status(admin)
    except Exception as e:   # noqa: BLE001 - the agent's periodic task logs and goes on, so does this one
        print('report_status failed: %s' % e, flush=True)
    time.sleep(report_every)
