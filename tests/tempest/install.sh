#!/bin/bash
# tests/tempest/install.sh - OpenStack's own API tests, from Debian 12 (as root): tempest 33 and neutron-tempest-plugin 2.0.0,
# whose neutron_tempest_plugin.vpnaas.api.test_vpnaas runs against the lab and the embedded cloud (tests/tempest/Invoke-Tempest.ps1).
# Called by tests/lab/start.sh; safe to run on its own (it starts nothing, and does nothing when both are installed).
set -Eeuo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive
PKGS=(tempest neutron-tempest-plugin)
missing() { for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done; }
[ -z "$(missing)" ] && exit 0
[ "$(id -u)" = 0 ] || { echo "tests/tempest/install.sh: run as root to install: $(missing | tr '\n' ' ')" >&2; exit 1; }
LOG=${1:-/dev/null}
install() { apt-get install -y -q --no-install-recommends "${PKGS[@]}" >> "$LOG" 2>&1; }
install || { apt-get update -q >> "$LOG" 2>&1 || true; install; }
[ -z "$(missing)" ] || { echo "tests/tempest/install.sh: still missing: $(missing | tr '\n' ' ')" >&2; exit 1; }
